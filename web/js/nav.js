// The main menu, the same in every page (web/ and web/samverkan/): marks
// the current page (aria-current), folds into a "Meny" button on a narrow
// screen, and logs out. Each page loads this module beside its own (the
// public medborgarlöften page has no other session code); the menu's
// markup is in each page so its links work before any script has run.
import { api, setCsrf } from './api.js';
import { $ } from './util.js';

// The login page, wherever the current page lies (web/ or web/samverkan/).
const LOGIN = new URL('../index.html', import.meta.url);

// The samverkan pages are one section of the menu: any page in that folder
// marks the "Samverkan" link (aria-current="true"; "page" only on the page
// the link leads to).
const SECTIONS = ['/samverkan/'];

function initNav() {
	const nav = $('.site-nav');
	if (!nav)
		return;
	markCurrent(nav);
	markCurrent($('.sub-nav'));
	foldable(nav);
	const out = $('#logout', nav);
	if (out)
		out.addEventListener('click', logout);
}

// Ends the session (asking for its CSRF token first: this module does not
// depend on the page having started one) and goes to the login page, also
// from a page in a subfolder.
async function logout() {
	try {
		const s = await api('GET', '/session');
		setCsrf(s.csrf_token);
		await api('DELETE', '/session');
	} catch (e) {
		/* logged out already or the server is gone: go to login anyway */
	}
	location.assign(`${LOGIN.pathname}?utloggad=1`);
}

function markCurrent(nav) {
	if (!nav)
		return;
	const here = location.pathname.replace(/\/$/, '/index.html');
	for (const a of nav.querySelectorAll('a[href]')) {
		const to = new URL(a.getAttribute('href'), location.href).pathname;
		const section = SECTIONS.find((s) => to.includes(s));
		if (to === here)
			a.setAttribute('aria-current', 'page');
		else if (section && here.includes(section) &&
		    nav.classList.contains('site-nav'))
			a.setAttribute('aria-current', 'true');
	}
}

// On a narrow screen (see css/nav.css) the list hides behind the toggle;
// Escape closes it again and gives the focus back to the toggle.
function foldable(nav) {
	const btn = $('.nav-toggle', nav);
	const list = $('ul', nav);
	if (!btn || !list || btn.dataset.wired)
		return;
	btn.dataset.wired = '1';
	nav.classList.add('foldable');
	btn.hidden = false;
	const set = (open) => {
		btn.setAttribute('aria-expanded', String(open));
		nav.classList.toggle('open', open);
	};
	set(false);
	btn.addEventListener('click', () =>
	    set(btn.getAttribute('aria-expanded') !== 'true'));
	nav.addEventListener('keydown', (ev) => {
		if (ev.key === 'Escape' && nav.classList.contains('open')) {
			set(false);
			btn.focus();
		}
	});
}

initNav();
