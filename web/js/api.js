// The JSON API client: every request of the web interface goes through
// api(). It sends the session cookie, adds the CSRF token to state-changing
// requests, and turns error bodies ({"error":{"code","message","field"}})
// into ApiError so forms can show the message beside the field.
const BASE = '/api/v1';
let csrfToken = null;

export class ApiError extends Error {
	constructor(status, code, message, field) {
		super(message || code || `HTTP ${status}`);
		this.status = status;
		this.code = code || '';
		this.field = field || '';
	}
}

export function setCsrf(token) {
	csrfToken = token || null;
}

// Builds a query string from an object, leaving out empty values.
export function query(params) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {})) {
		if (v !== undefined && v !== null && v !== '')
			q.set(k, String(v));
	}
	const s = q.toString();
	return s ? `?${s}` : '';
}

// api('GET', '/incidents', null, {area: '1980'}) -> parsed JSON (null for
// 204). Throws ApiError on any non-2xx answer or network failure.
export async function api(method, path, body, params, opts = {}) {
	const headers = { Accept: 'application/json' };
	const init = { method, headers, credentials: 'same-origin' };
	if (body !== undefined && body !== null) {
		if (typeof body === 'string') {
			init.body = body;
			headers['Content-Type'] = opts.contentType ||
			    'application/json';
		} else {
			init.body = JSON.stringify(body);
			headers['Content-Type'] = 'application/json';
		}
	}
	if (method !== 'GET' && method !== 'HEAD' && csrfToken)
		headers['X-CSRF-Token'] = csrfToken;
	let res;
	try {
		res = await fetch(BASE + path + query(params), init);
	} catch (e) {
		throw new ApiError(0, 'network',
		    'Servern svarar inte. Kontrollera anslutningen.', '');
	}
	if (res.status === 204)
		return null;
	const text = await res.text();
	let data = null;
	if (text) {
		try {
			data = JSON.parse(text);
		} catch (e) {
			data = null;
		}
	}
	if (!res.ok) {
		const err = data && data.error ? data.error : {};
		throw new ApiError(res.status, err.code, err.message ||
		    statusText(res.status), err.field);
	}
	return data;
}

// Fetches every page of a list route (up to max items).
export async function apiAll(path, params, max = 5000) {
	const items = [];
	let cursor = null;
	do {
		const p = { ...params, limit: 1000 };
		if (cursor)
			p.cursor = cursor;
		const page = await api('GET', path, null, p);
		items.push(...(page.items || []));
		cursor = page.next_cursor;
	} while (cursor && items.length < max);
	return items;
}

function statusText(status) {
	switch (status) {
	case 401: return 'Du är inte inloggad.';
	case 403: return 'Du har inte behörighet till detta.';
	case 404: return 'Finns inte.';
	case 413: return 'För mycket data på en gång.';
	case 429: return 'För många försök. Vänta en stund.';
	default: return `Fel från servern (HTTP ${status}).`;
	}
}
