// Page start-up shared by every page: finds out who is logged in (GET
// /session), shows name, organisation and role in the header, and hides
// the navigation and actions the role does not allow (the menu itself,
// with "Logga ut", is nav.js).
import { api, ApiError, errorDetail, setCsrf } from './api.js';
import { $, h, clear, ROLE_NAMES, ROLE_RANK } from './util.js';

let current = null;
// The login page, wherever the current page lies (web/ or web/samverkan/).
const LOGIN = new URL('../index.html', import.meta.url);

// Resolves to {user, organisation, csrf_token} or redirects to the login
// page (and never resolves) when nobody is logged in. opts.role: the least
// role the page needs; a weaker user sees a notice instead of the page.
export async function start(opts = {}) {
	watchScrollBoxes();
	/*
	 * A session that ends while the page is open (expired, revoked, logged
	 * out in another tab) fails whatever the page loads next: go to the
	 * login page and back here, instead of an error nobody handled.
	 */
	window.addEventListener('unhandledrejection', (ev) => {
		if (loggedOut(ev.reason)) {
			ev.preventDefault();
			toLogin();
		}
	});
	let s;
	try {
		s = await api('GET', '/session');
	} catch (e) {
		if (loggedOut(e)) {
			toLogin();
			return new Promise(() => {});
		}
		showFatal(e.message);
		throw e;
	}
	current = s;
	setCsrf(s.csrf_token);
	showUser(s);
	applyRoles();
	if (opts.role && !hasRole(opts.role)) {
		const main = $('main');
		clear(main);
		main.append(h('h1', {}, 'Ingen behörighet'),
		    h('p', {}, `Sidan kräver rollen ${ROLE_NAMES[opts.role]}.`));
		return new Promise(() => {});
	}
	return s;
}

function loggedOut(e) {
	return e instanceof ApiError && e.status === 401 &&
	    e.code === 'unauthenticated';
}

function toLogin() {
	const next = location.pathname + location.search;
	location.replace(`${LOGIN.pathname}?next=` + encodeURIComponent(next));
}

export function session() {
	return current;
}

export function hasRole(role) {
	if (!current)
		return false;
	return ROLE_RANK[current.user.role] >= ROLE_RANK[role];
}

// Shows or hides every [data-role] element by the user's role.
export function applyRoles(root = document) {
	for (const el of root.querySelectorAll('[data-role]'))
		el.hidden = !hasRole(el.dataset.role);
}

// A table wider than a phone scrolls in its .table-wrap. A box that
// scrolls must be reachable with the keyboard (WCAG 2.1.1), so while (and
// only while) it scrolls it takes the focus and is named after its
// table's caption; checked again whenever the box or its table changes
// size, and for boxes that pages add later.
function watchScrollBoxes() {
	if (typeof ResizeObserver === 'undefined')
		return;
	const seen = new WeakSet();
	const ro = new ResizeObserver((entries) => {
		for (const e of entries)
			markScrollBox(e.target.closest('.table-wrap'));
	});
	const watch = () => {
		for (const w of document.querySelectorAll('.table-wrap, ' +
		    '.table-wrap > table')) {
			if (seen.has(w))
				continue;
			seen.add(w);
			ro.observe(w);
		}
	};
	watch();
	new MutationObserver(watch).observe(document.body, { childList: true,
	    subtree: true });
}

function markScrollBox(w) {
	if (!w)
		return;
	if (w.scrollWidth > w.clientWidth + 1) {
		const cap = w.querySelector('caption');
		w.tabIndex = 0;
		w.setAttribute('role', 'region');
		w.setAttribute('aria-label', cap && cap.textContent.trim() ?
		    `${cap.textContent.trim()} (rullas i sidled)` :
		    'Tabell (rullas i sidled)');
	} else if (w.hasAttribute('tabindex')) {
		w.removeAttribute('tabindex');
		w.removeAttribute('role');
		w.removeAttribute('aria-label');
	}
}

function showUser(s) {
	const who = $('.who');
	if (!who)
		return;
	clear(who);
	const org = s.organisation ? s.organisation.name :
	    s.user.organisation;
	const name = s.user.display_name || s.user.email;
	who.append(h('span', { id: 'who-user' },
	    h('span', { class: 'visually-hidden' }, 'Inloggad som '),
	    h('strong', {}, name), ', ',
	    h('span', { id: 'who-org' }, org), ', ',
	    h('span', { id: 'who-role' }, ROLE_NAMES[s.user.role] ||
	    s.user.role)));
}

export function showFatal(msg) {
	const main = $('main');
	if (!main)
		return;
	const el = h('div', { class: 'notice bad', role: 'alert' }, msg);
	setDetail(el, msg);
	main.prepend(el);
}

// Shows a message in the live region #status (role=status).
export function announce(msg, kind = 'ok') {
	const el = $('#status');
	if (!el)
		return;
	clear(el);
	el.className = `notice ${kind}`;
	el.hidden = false;
	el.append(msg);
	setDetail(el, typeof msg === 'string' ? msg : '');
}

// A title with the API's English text behind a Swedish message, if any.
function setDetail(el, message) {
	const detail = message ? errorDetail(message) : '';
	if (detail)
		el.title = `Serverns meddelande: ${detail}`;
	else
		el.removeAttribute('title');
}

// Marks field error beside the control whose data-field (or name) is
// field, inside root, and focuses it when it is root's first error;
// returns the marked control, or false if none was found. The message
// element is flagged .field-error so clearFieldErrors removes it and
// nothing else (forms keep their own .error-text alerts).
let fieldErrorSeq = 0;
export function showFieldError(root, field, message) {
	const ctl = root.querySelector(`[data-field="${CSS.escape(field)}"]`) ||
	    root.querySelector(`[name="${CSS.escape(field)}"]`);
	if (!ctl)
		return false;
	const wrap = ctl.closest('.field') || ctl.parentElement;
	/* the first error of a submit takes the focus, so the keyboard and
	 * the screen reader land where the fix is (the message is read as
	 * the control's description) */
	const first = !root.querySelector('.field-error');
	let err = wrap.querySelector(':scope > .field-error');
	if (!err) {
		/* Ids unique even for controls without one (fieldsets). */
		err = h('p', { class: 'error-text field-error',
		    id: `${ctl.id || 'field'}-err-${++fieldErrorSeq}` });
		wrap.append(err);
	}
	err.textContent = message;
	/* the server's own (English) words for whoever needs them */
	setDetail(err, message);
	const target = ctl.matches('fieldset') ?
	    ctl.querySelector('input, select, textarea') || ctl : ctl;
	target.setAttribute('aria-invalid', 'true');
	const desc = (target.getAttribute('aria-describedby') || '').split(' ')
	    .filter((x) => x && x !== err.id);
	desc.push(err.id);
	target.setAttribute('aria-describedby', desc.join(' '));
	if (first && document.activeElement !== target)
		target.focus();
	return target;
}

// Undoes showFieldError inside root: removes the messages and their ids
// from aria-describedby, and the aria-invalid marks.
export function clearFieldErrors(root) {
	const gone = new Set();
	for (const e of root.querySelectorAll('.field-error')) {
		gone.add(e.id);
		e.remove();
	}
	for (const c of root.querySelectorAll('[aria-describedby]')) {
		const keep = c.getAttribute('aria-describedby').split(' ')
		    .filter((x) => x && !gone.has(x));
		if (keep.length)
			c.setAttribute('aria-describedby', keep.join(' '));
		else
			c.removeAttribute('aria-describedby');
	}
	for (const c of root.querySelectorAll('[aria-invalid]'))
		c.removeAttribute('aria-invalid');
}

// Cached look-ups used by several pages.
let categoriesPromise = null;
export function categories() {
	if (!categoriesPromise)
		categoriesPromise = api('GET', '/categories').then((r) =>
		    r.items || r);
	return categoriesPromise;
}

// <option>s grouped by top category: parents as <optgroup>.
export function categoryOptions(select, cats, opts = {}) {
	const tops = cats.filter((c) => !c.parent && c.active !== false);
	for (const t of tops) {
		const kids = cats.filter((c) => c.parent === t.code &&
		    c.active !== false);
		if (opts.estOnly && !t.est && !kids.some((k) => k.est))
			continue;
		const g = h('optgroup', { label: t.name });
		g.append(h('option', { value: t.code },
		    kids.length ? `${t.name} (allmänt)` : t.name));
		for (const k of kids) {
			if (opts.estOnly && !k.est)
				continue;
			g.append(h('option', { value: k.code }, k.name));
		}
		select.append(g);
	}
}

export function categoryName(cats, code) {
	const c = cats.find((x) => x.code === code);
	return c ? c.name : code;
}
