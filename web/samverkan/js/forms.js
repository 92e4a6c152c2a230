// Forms for the collaboration records, built from the API's own
// description (GET /api/v1/openapi.json): each create route's body schema
// comes from the server's field table, so the labels (Swedish), types,
// enumerations, limits and required fields here are the server's. A form
// posts only what was filled in and shows the API's error beside the
// field it names.
import { api } from '../../js/api.js';
import { announce } from '../../js/app.js';
import { h, $ } from '../../js/util.js';
import { formError, formReset, word } from './common.js';

let docPromise = null;

// The body schema of a route pattern ("/agreements/{id}/bodies").
export async function bodySchema(pattern, method = 'post') {
	if (!docPromise)
		docPromise = api('GET', '/openapi.json');
	const doc = await docPromise;
	const op = doc.paths[pattern] && doc.paths[pattern][method];
	if (!op || !op.requestBody)
		throw new Error(`no body schema for ${method} ${pattern}`);
	return op.requestBody.content['application/json'].schema;
}

const cache = new Map();
function cached(path) {
	if (!cache.has(path))
		cache.set(path, api('GET', path).then((r) => r.items || r));
	return cache.get(path);
}

// A short name of any record, for choices.
export function recLabel(r) {
	return r.title || r.name || r.function || (r.text && r.text.length > 70 ?
	    `${r.text.slice(0, 70)}…` : r.text) || `#${r.id}`;
}

// Choices of an organisation, area or category field.
async function choicesOf(prop) {
	switch (prop['x-type']) {
	case 'organisation':
		return (await cached('/organisations')).map((o) => ({ value: o.code, label: o.name }));
	case 'area':
		return (await cached('/areas')).map((a) => ({ value: String(a.id), label: `${a.name} (${a.layer})` }));
	case 'category':
		return (await cached('/categories')).map((c) => ({ value: c.code, label: c.name }));
	default:
		return null;
	}
}

function control(id, name, prop, required, choices) {
	const attrs = { id, 'data-field': name, name };
	if (required)
		attrs['aria-required'] = 'true';
	if (prop.type === 'boolean')
		return h('input', { ...attrs, type: 'checkbox', checked: prop['x-default'] === '1' });
	if (prop.enum || choices) {
		const sel = h('select', attrs);
		if (!required || !prop.enum)
			sel.append(h('option', { value: '' }, required ? '– välj –' : '– ingen –'));
		for (const v of prop.enum || [])
			sel.append(h('option', { value: v, selected: v === prop['x-default'] }, word(v)));
		for (const c of choices || [])
			sel.append(h('option', { value: c.value }, c.label));
		return sel;
	}
	if (prop.format === 'date')
		return h('input', { ...attrs, type: 'date' });
	if (prop.format === 'date-time')
		return h('input', { ...attrs, type: 'datetime-local' });
	if (prop.format === 'byte')
		return h('input', { ...attrs, type: 'file' });
	if (prop.type === 'integer' || prop.type === 'number')
		return h('input', { ...attrs, type: 'number', min: prop.minimum, max: prop.maximum,
		    step: prop.type === 'number' ? 'any' : '1', value: prop['x-default'] });
	if (prop.maxLength && prop.maxLength > 300)
		return h('textarea', attrs);
	return h('input', { ...attrs, type: 'text', maxlength: prop.maxLength });
}

function fileBase64(file) {
	return new Promise((resolve, reject) => {
		const r = new FileReader();
		r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
		r.onerror = () => reject(r.error);
		r.readAsDataURL(file);
	});
}

// The value of a control as the API wants it; undefined when empty.
async function valueOf(ctl, prop) {
	if (prop.type === 'boolean')
		return ctl.checked;
	if (prop.format === 'byte')
		return ctl.files.length ? fileBase64(ctl.files[0]) : undefined;
	const v = ctl.value.trim();
	if (v === '')
		return undefined;
	if (prop.type === 'integer' || prop.type === 'number')
		return Number(v);
	return v;
}

/*
 * A form that creates a record. o: {
 *   pattern  route pattern of the create route ("/agreements/{id}/goals")
 *   path     the concrete path to post to
 *   prefix   id prefix of the controls ("g": #g-text, #g-kind, ...)
 *   title    the heading; submit: the button's text
 *   fields   field names in order (default: all of the schema)
 *   fixed    values sent without a control
 *   refs     choices of reference fields: {goal_id: [{value, label}]}
 *   hints    help text under a field's label: {score: '0 = ...'}
 *   done     async (record) => after a successful create
 *   message  (record) => the announcement
 * }
 */
export async function recordForm(o) {
	const sc = await bodySchema(o.pattern);
	const req = new Set(sc.required || []);
	const names = (o.fields || Object.keys(sc.properties))
	    .filter((n) => sc.properties[n] && !(o.fixed && n in o.fixed));
	const p = o.prefix;
	const form = h('form', { id: `${p}-form`, class: 'record-form', novalidate: true });
	if (o.title)
		form.append(h('h3', { id: `${p}-h` }, o.title));
	const ctls = [];
	for (const n of names) {
		const prop = sc.properties[n];
		const id = `${p}-${n.replace(/_/g, '-')}`;
		const choices = o.refs && o.refs[n] ? o.refs[n] : await choicesOf(prop);
		const ctl = control(id, n, prop, req.has(n), choices);
		const label = `${prop.description}${req.has(n) ? ' (måste anges)' : ''}`;
		const hint = o.hints && o.hints[n];
		if (hint)
			ctl.setAttribute('aria-describedby', `${id}-hint`);
		if (prop.type === 'boolean') {
			form.append(h('div', { class: 'field choices' }, h('label', {}, ctl, ` ${label}`),
			    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null));
		} else {
			form.append(h('div', { class: 'field' }, h('label', { for: id }, label),
			    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, ctl));
		}
		ctls.push([n, prop, ctl]);
	}
	const err = h('p', { id: `${p}-error`, class: 'notice bad', role: 'alert', hidden: true });
	form.append(err, h('div', { class: 'actions' }, h('button', { type: 'submit' }, o.submit || 'Spara')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		formReset(form, `#${p}-error`);
		const body = { ...(o.fixed || {}) };
		for (const [n, prop, ctl] of ctls) {
			const v = await valueOf(ctl, prop);
			if (v !== undefined)
				body[n] = v;
		}
		try {
			const rec = await api('POST', o.path, body);
			announce(o.message ? o.message(rec) : `${sc.description} är sparad.`);
			form.reset();
			if (o.done)
				await o.done(rec);
		} catch (e) {
			formError(form, `#${p}-error`, e);
		}
	});
	return form;
}

// A details/summary block that holds a form, closed until opened.
export function foldable(summary, form) {
	return h('details', { class: 'no-print form-fold' }, h('summary', {}, summary), form);
}

export { $ };
