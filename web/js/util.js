// Small helpers shared by the pages: building DOM nodes without HTML
// strings (no injection, no inline handlers), Stockholm time, ISO weeks,
// and Swedish labels for the API's codes.
export const TZ = 'Europe/Stockholm';

// h('p', {class: 'x'}, 'text', child) -> element. Attributes starting with
// "on" are not accepted; listeners are added by the caller.
export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k.startsWith('on'))
			throw new Error('no inline handlers');
		if (k === 'text')
			el.textContent = v;
		else
			el.setAttribute(k, v === true ? '' : String(v));
	}
	for (const c of children.flat()) {
		if (c === undefined || c === null || c === false)
			continue;
		el.append(c instanceof Node ? c : document.createTextNode(String(c)));
	}
	return el;
}

export function $(sel, root = document) {
	return root.querySelector(sel);
}

export function clear(el) {
	while (el.firstChild)
		el.removeChild(el.firstChild);
	return el;
}

// The wall-clock parts of instant t (Date or ms) in Stockholm.
export function stockholmParts(t = new Date()) {
	const f = new Intl.DateTimeFormat('sv-SE', {
		timeZone: TZ, year: 'numeric', month: '2-digit',
		day: '2-digit', hour: '2-digit', minute: '2-digit',
		hour12: false, weekday: 'short',
	});
	const p = {};
	for (const x of f.formatToParts(new Date(t)))
		p[x.type] = x.value;
	const hour = p.hour === '24' ? '00' : p.hour;
	return {
		year: +p.year, month: +p.month, day: +p.day,
		hour: +hour, minute: +p.minute,
	};
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

// "2026-11-20T22:10" in Stockholm time, for datetime-local inputs (the
// API reads a time without offset as Stockholm local time).
export function localInputValue(t = new Date()) {
	const p = stockholmParts(t);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:` +
	    `${pad(p.minute)}`;
}

// "2026-11-20" Stockholm date of t.
export function localDate(t = new Date()) {
	const p = stockholmParts(t);
	return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

// "20 nov. 2026 22:10" for display.
export function formatTime(iso) {
	if (!iso)
		return '';
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone: TZ, dateStyle: 'medium', timeStyle: 'short',
	}).format(new Date(iso));
}

// Stockholm weekday (0 = Monday) and hour of an ISO time.
export function weekdayHour(iso) {
	const d = new Date(iso);
	const p = stockholmParts(d);
	const wd = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() +
	    6) % 7;
	return [wd, p.hour];
}

// ISO week of a calendar date (y, m 1-12, d): {year, week}.
export function isoWeekOf(y, m, d) {
	const t = new Date(Date.UTC(y, m - 1, d));
	const wd = (t.getUTCDay() + 6) % 7;
	t.setUTCDate(t.getUTCDate() - wd + 3);
	const year = t.getUTCFullYear();
	const jan4 = new Date(Date.UTC(year, 0, 4));
	const week = 1 + Math.round(((t - jan4) / 86400000 - 3 +
	    ((jan4.getUTCDay() + 6) % 7)) / 7);
	return { year, week };
}

export function weekString(w) {
	return `${w.year}-W${pad(w.week)}`;
}

// This ISO week in Stockholm: "2026-W47".
export function currentWeek() {
	const p = stockholmParts();
	return weekString(isoWeekOf(p.year, p.month, p.day));
}

// Monday (y, m, d as a UTC Date) of ISO week "2026-W47".
export function weekMonday(ws) {
	const m = /^(\d{4})-W(\d{2})$/.exec(ws);
	if (!m)
		return null;
	const year = +m[1], week = +m[2];
	const jan4 = new Date(Date.UTC(year, 0, 4));
	const mon = new Date(jan4);
	mon.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) +
	    (week - 1) * 7);
	return mon;
}

// "YYYY-MM-DD" of a UTC date plus days.
export function addDays(date, days) {
	const d = new Date(date);
	d.setUTCDate(d.getUTCDate() + days);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-` +
	    `${pad(d.getUTCDate())}`;
}

// The week before "2026-W47".
export function previousWeek(ws) {
	const mon = weekMonday(ws);
	mon.setUTCDate(mon.getUTCDate() - 7);
	return weekString(isoWeekOf(mon.getUTCFullYear(),
	    mon.getUTCMonth() + 1, mon.getUTCDate()));
}

export const ROLE_NAMES = {
	lasare: 'Läsare',
	rapportor: 'Rapportör',
	samordnare: 'Samordnare',
	admin: 'Administratör',
};
export const ROLE_RANK = { lasare: 0, rapportor: 1, samordnare: 2, admin: 3 };

export const LAYER_NAMES = {
	lan: 'Län',
	kommun: 'Kommun',
	polisregion: 'Polisregion',
	polisomrade: 'Polisområde',
	lokalpolisomrade: 'Lokalpolisområde',
	stadsdel: 'Stadsdel',
	basomrade: 'Basområde',
	deso: 'DeSO',
	regso: 'RegSO',
	plats: 'Plats',
};

export const SOURCE_NAMES = {
	est: 'EST-rapport',
	polisen: 'Polisen',
	open311: 'Medborgare',
	import: 'Import',
};

export const SEVERITY_NAMES = { 1: 'Låg', 2: 'Medel', 3: 'Hög' };
export const CERTAINTY_NAMES = {
	observed: 'Observerad',
	suspected: 'Misstänkt',
};

export const WEEKDAYS = ['Måndag', 'Tisdag', 'Onsdag', 'Torsdag',
    'Fredag', 'Lördag', 'Söndag'];

export function formatNumber(n, digits = 0) {
	return new Intl.NumberFormat('sv-SE', {
		maximumFractionDigits: digits,
	}).format(n);
}
