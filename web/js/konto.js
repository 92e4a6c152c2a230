// Mitt konto: who one is (name, e-mail, organisation, role); the TOTP
// second factor (POST /session/totp*): enrol (the otpauth URI as a QR
// code drawn here by the vendored qrcode-generator, and the secret as
// text for typing into the app by hand), confirm with a code, and switch
// off with password and code; changing one's own password (POST
// /session/password); and one's own sessions (GET /session/list), each
// other one logged out by itself or all at once.
import { api } from './api.js';
import { start, announce, showFieldError, clearFieldErrors } from './app.js';
import { $, h, clear, formatTime, ROLE_NAMES } from './util.js';
import qrcode from '../vendor/qrcode/qrcode.mjs';

const SVG = 'http://www.w3.org/2000/svg';

async function main() {
	const s = await start();
	const dl = clear($('#me-facts'));
	const fact = (term, value, id) => dl.append(h('dt', {}, term),
	    h('dd', { id }, value));
	fact('Namn', s.user.display_name || '–', 'me-name');
	fact('E-postadress', s.user.email, 'me-email');
	fact('Organisation', s.organisation ? s.organisation.name :
	    s.user.organisation, 'me-org');
	fact('Roll', ROLE_NAMES[s.user.role] || s.user.role, 'me-role');
	$('#totp-start').addEventListener('click', enrol);
	$('#confirm-form').addEventListener('submit', confirmCode);
	$('#disable-form').addEventListener('submit', disable);
	$('#password-form').addEventListener('submit', changePassword);
	$('#sessions-revoke-others').addEventListener('click', revokeOthers);
	showState(Boolean(s.totp));
	await drawSessions();
}

function showState(on) {
	$('#totp-state').textContent = on ?
	    'Tvåstegsverifiering är påslagen för ditt konto.' :
	    'Tvåstegsverifiering är avstängd för ditt konto.';
	$('#totp-off').hidden = on;
	$('#totp-on').hidden = !on;
	$('#totp-enrol').hidden = true;
	/* the password change asks for a code while the factor is on */
	$('#p-code-field').hidden = !on;
	if (!on)
		$('#p-code').value = '';
}

// The QR code of text as an SVG image (one path of dark modules, with the
// four-module quiet zone scanners need).
function qrSvg(text) {
	const qr = qrcode(0, 'M');
	qr.addData(text);
	qr.make();
	const n = qr.getModuleCount();
	let d = '';
	for (let r = 0; r < n; r++)
		for (let c = 0; c < n; c++)
			if (qr.isDark(r, c))
				d += `M${c + 4},${r + 4}h1v1h-1z`;
	const svg = document.createElementNS(SVG, 'svg');
	svg.setAttribute('viewBox', `0 0 ${n + 8} ${n + 8}`);
	svg.setAttribute('class', 'qr');
	svg.setAttribute('role', 'img');
	svg.setAttribute('aria-label', 'QR-kod att skanna med ' +
	    'autentiseringsappen. Nyckeln står också som text nedanför.');
	svg.setAttribute('shape-rendering', 'crispEdges');
	const bg = document.createElementNS(SVG, 'rect');
	bg.setAttribute('width', String(n + 8));
	bg.setAttribute('height', String(n + 8));
	bg.setAttribute('fill', '#ffffff');
	const path = document.createElementNS(SVG, 'path');
	path.setAttribute('d', d);
	path.setAttribute('fill', '#000000');
	svg.append(bg, path);
	svg.dataset.modules = String(n);
	return svg;
}

async function enrol() {
	let r;
	try {
		r = await api('POST', '/session/totp');
	} catch (e) {
		announce(`Kunde inte börja: ${e.message}`, 'bad');
		return;
	}
	$('#totp-off').hidden = true;
	$('#totp-enrol').hidden = false;
	$('#totp-state').textContent = 'Tvåstegsverifiering slås på när du ' +
	    'har bekräftat med en kod från appen.';
	clear($('#totp-qr')).append(qrSvg(r.otpauth_uri));
	$('#totp-qr').dataset.uri = r.otpauth_uri;
	/* Groups of four, as the apps show them; the apps ignore spaces. */
	$('#totp-secret').textContent = r.secret.replace(/(.{4})(?=.)/g, '$1 ');
	$('#c-code').focus();
}

async function confirmCode(ev) {
	ev.preventDefault();
	const f = $('#confirm-form');
	clearFieldErrors(f);
	$('#confirm-error').hidden = true;
	const code = $('#c-code').value.replace(/\s/g, '');
	if (!/^\d{6}$/.test(code)) {
		showFieldError(f, 'code', 'Skriv de sex siffrorna som appen visar.');
		return;
	}
	try {
		await api('POST', '/session/totp/confirm', { code });
	} catch (e) {
		if (e.field === 'code')
			showFieldError(f, 'code', 'Fel kod. Kontrollera att ' +
			    'telefonens klocka går rätt och skriv den kod ' +
			    'som visas nu.');
		else {
			$('#confirm-error').textContent = e.message;
			$('#confirm-error').hidden = false;
		}
		return;
	}
	f.reset();
	clear($('#totp-qr'));
	$('#totp-secret').textContent = '';
	showState(true);
	announce('Tvåstegsverifiering är påslagen. Nästa gång du loggar in ' +
	    'frågar vi efter koden från appen.');
	$('#status').focus();
}

async function disable(ev) {
	ev.preventDefault();
	const f = $('#disable-form');
	clearFieldErrors(f);
	$('#disable-error').hidden = true;
	const password = $('#x-password').value;
	const code = $('#x-code').value.replace(/\s/g, '');
	if (!password) {
		showFieldError(f, 'password', 'Skriv ditt lösenord.');
		return;
	}
	if (!/^\d{6}$/.test(code)) {
		showFieldError(f, 'code', 'Skriv de sex siffrorna som appen visar.');
		return;
	}
	try {
		await api('POST', '/session/totp/disable', { password, code });
	} catch (e) {
		const msg = { password: 'Fel lösenord.', code: 'Fel kod.' }[e.field];
		if (!msg || !showFieldError(f, e.field, msg)) {
			$('#disable-error').textContent = e.message;
			$('#disable-error').hidden = false;
		}
		return;
	}
	f.reset();
	showState(false);
	announce('Tvåstegsverifiering är avstängd.');
	$('#status').focus();
}

async function changePassword(ev) {
	ev.preventDefault();
	const f = $('#password-form');
	clearFieldErrors(f);
	$('#password-error').hidden = true;
	const password = $('#p-current').value;
	const next = $('#p-new').value;
	const body = { password, new_password: next };
	if (!password) {
		showFieldError(f, 'password', 'Skriv ditt nuvarande lösenord.');
		return;
	}
	if (next.length < 10) {
		showFieldError(f, 'new_password', 'Det nya lösenordet måste ' +
		    'vara minst 10 tecken långt.');
		return;
	}
	if ($('#p-repeat').value !== next) {
		showFieldError(f, 'repeat', 'Lösenorden är inte lika. Skriv ' +
		    'det nya lösenordet igen.');
		return;
	}
	if (!$('#p-code-field').hidden) {
		body.code = $('#p-code').value.replace(/\s/g, '');
		if (!/^\d{6}$/.test(body.code)) {
			showFieldError(f, 'code', 'Skriv de sex siffrorna som ' +
			    'appen visar.');
			return;
		}
	}
	try {
		await api('POST', '/session/password', body);
	} catch (e) {
		/* the API's error in Swedish (errors.js), beside its field */
		if (!e.field || !showFieldError(f, e.field, e.message)) {
			$('#password-error').textContent = e.message;
			$('#password-error').hidden = false;
		}
		return;
	}
	f.reset();
	announce('Lösenordet är bytt. Du är utloggad överallt utom här.');
	$('#status').focus();
	await drawSessions();
}

// "Firefox på Windows" from a user agent (the raw text, cut, when it
// names neither); the full text stays in the cell's title.
const BROWSERS = [[/Edg\//, 'Edge'], [/Firefox\//, 'Firefox'],
    [/Chrome\//, 'Chrome'], [/Safari\//, 'Safari']];
const SYSTEMS = [[/Android/, 'Android'], [/iPhone|iPad/, 'iOS'],
    [/Windows/, 'Windows'], [/Mac OS X/, 'macOS'], [/Linux/, 'Linux']];
function describeClient(ua) {
	if (!ua)
		return 'Okänd webbläsare';
	const b = BROWSERS.find(([re]) => re.test(ua));
	const o = SYSTEMS.find(([re]) => re.test(ua));
	if (!b && !o)
		return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua;
	return [b ? b[1] : 'Okänd webbläsare', o ? o[1] : ''].filter(Boolean)
	    .join(' på ');
}

async function drawSessions() {
	$('#sessions-error').hidden = true;
	let r;
	try {
		r = await api('GET', '/session/list');
	} catch (e) {
		$('#sessions-summary').textContent = '';
		$('#sessions-error').textContent = e.message;
		$('#sessions-error').hidden = false;
		return;
	}
	const tb = clear($('#session-table tbody'));
	let others = 0;
	for (const x of r.sessions) {
		let action;
		if (x.current) {
			action = h('strong', {}, 'Den här webbläsaren');
		} else {
			others++;
			action = h('button', { type: 'button', class: 'danger',
			    'aria-label': 'Logga ut sessionen inloggad ' +
			    `${formatTime(x.created_at)} (${describeClient(
			    x.user_agent)})` }, 'Logga ut');
			action.addEventListener('click', () => revoke(x.id));
		}
		const client = describeClient(x.user_agent) +
		    (x.address ? `, ${x.address}` : '');
		tb.append(h('tr', { 'data-session': x.id,
		    class: x.current ? 'current' : '' },
		    h('td', { title: x.user_agent || '' }, client),
		    h('td', {}, formatTime(x.created_at)),
		    h('td', {}, formatTime(x.last_seen_at)),
		    h('td', {}, formatTime(x.expires_at)), h('td', {}, action)));
	}
	$('#sessions-summary').textContent = others === 0 ?
	    'Du är bara inloggad här.' :
	    `Du är inloggad på ${others + 1} ställen: här och ${others} ` +
	    (others === 1 ? 'annat.' : 'andra.');
	$('#sessions-revoke-others').hidden = others === 0;
}

async function revoke(id) {
	try {
		await api('DELETE', `/session/list/${encodeURIComponent(id)}`);
	} catch (e) {
		$('#sessions-error').textContent = e.message;
		$('#sessions-error').hidden = false;
		return;
	}
	await drawSessions();
	announce('Sessionen är utloggad.');
	$('#status').focus();
}

async function revokeOthers() {
	let r;
	try {
		r = await api('DELETE', '/session/list');
	} catch (e) {
		$('#sessions-error').textContent = e.message;
		$('#sessions-error').hidden = false;
		return;
	}
	await drawSessions();
	announce(r.revoked === 1 ? 'En annan session är utloggad.' :
	    `${r.revoked} andra sessioner är utloggade.`);
	$('#status').focus();
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
