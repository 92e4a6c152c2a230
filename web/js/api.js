// The JSON API client: every request of the web interface goes through
// api(). It sends the session cookie, adds the CSRF token to state-changing
// requests, and turns error bodies ({"error":{"code","message","field"}})
// into ApiError so forms can show the message beside the field. The
// message is Swedish (errors.js); the API's English text is kept as
// detail, never shown alone.
import { swedishError } from './errors.js';

const BASE = '/api/v1';
let csrfToken = null;

// The English detail of recent Swedish messages, so a page that shows
// e.message can also offer the server's own words (app.js: a title).
const details = new Map();

export class ApiError extends Error {
	constructor(status, code, message, field, detail) {
		super(message || swedishError(code, '', field, status));
		this.status = status;
		this.code = code || '';
		this.field = field || '';
		this.detail = detail || '';
		if (this.detail && this.detail !== this.message) {
			details.set(this.message, this.detail);
			if (details.size > 50)
				details.delete(details.keys().next().value);
		}
	}
}

// The API's English text behind a Swedish message (or a text that
// quotes one, such as "Kunde inte spara: <message>"), or ''.
export function errorDetail(text) {
	if (details.has(text))
		return details.get(text);
	for (const [sv, en] of details)
		if (String(text).includes(sv))
			return en;
	return '';
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
		throw new ApiError(0, 'network', '', '');
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
		throw new ApiError(res.status, err.code, swedishError(err.code,
		    err.message, err.field, res.status), err.field, err.message);
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
