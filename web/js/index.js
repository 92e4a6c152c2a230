// The start page: the login form when nobody is logged in (asking for the
// TOTP code when the API says the account needs one), otherwise an
// overview with links to the pages the role allows and this week's count.
import { api, ApiError, setCsrf } from './api.js';
import { start, announce } from './app.js';
import { $, currentWeek, weekMonday, addDays } from './util.js';

async function main() {
	const params = new URLSearchParams(location.search);
	let loggedIn = true;
	try {
		await api('GET', '/session');
	} catch (e) {
		if (!(e instanceof ApiError) || e.status !== 401)
			throw e;
		loggedIn = false;
	}
	if (!loggedIn) {
		if (params.get('utloggad'))
			announce('Du är utloggad.');
		showLogin(params.get('next'));
		return;
	}
	const s = await start();
	$('#home').hidden = false;
	$('#home-who').textContent = `Du är inloggad som ${s.user.display_name ||
	    s.user.email} (${s.organisation ? s.organisation.name :
	    s.user.organisation}).`;
	const week = currentWeek();
	const mon = weekMonday(week);
	try {
		const c = await api('GET', '/stats/counts', null, {
			group: 'category', from: `${addDays(mon, 0)}T00:00:00`,
			to: `${addDays(mon, 7)}T00:00:00`,
		});
		$('#home-week').textContent = `${c.total} händelser har ` +
		    `rapporterats vecka ${week.slice(6)}.`;
	} catch (e) {
		$('#home-week').textContent = `Kunde inte hämta veckans antal: ${e.message}`;
	}
}

function showLogin(next) {
	const sec = $('#login');
	sec.hidden = false;
	$(".site-nav").hidden = true;
	const form = $('#login-form');
	$('#email').focus();
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const err = $('#login-error');
		err.hidden = true;
		const email = $('#email').value.trim();
		const password = $('#password').value;
		const needCode = !$('#totp-field').hidden;
		const totp = $('#totp').value.trim();
		if (!email || !password) {
			err.textContent = 'Fyll i både e-postadress och lösenord.';
			err.hidden = false;
			return;
		}
		if (needCode && !/^[0-9]{6}$/.test(totp)) {
			err.textContent = 'Koden är sex siffror.';
			err.hidden = false;
			$('#totp').focus();
			return;
		}
		const btn = form.querySelector('button');
		btn.disabled = true;
		try {
			const body = needCode ? { email, password, totp } :
			    { email, password };
			const r = await api('POST', '/session', body);
			setCsrf(r.csrf_token);
			const dest = next && next.startsWith('/') &&
			    !next.startsWith('//') ? next : 'index.html';
			location.assign(dest);
		} catch (e) {
			if (e.code === 'totp_required') {
				// The password was right; the account has a second factor.
				$('#totp-field').hidden = false;
				$('#totp').value = '';
				err.textContent = needCode ?
				    'Fel kod, eller en kod som redan har använts. Vänta på nästa kod och försök igen.' :
				    'Skriv koden från din autentiseringsapp.';
				err.hidden = false;
				$('#totp').focus();
				return;
			}
			err.textContent = e.status === 401 ?
			    'Fel e-postadress eller lösenord.' : e.message;
			err.hidden = false;
			$('#password').focus();
		} finally {
			btn.disabled = false;
		}
	});
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
