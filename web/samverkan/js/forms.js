// Forms for the collaboration records, built from the API's own
// description (GET /api/v1/openapi.json): each create or change route's
// body schema comes from the server's field table, so the labels
// (Swedish), types, enumerations, limits and required fields here are the
// server's. A create form posts only what was filled in; an edit form is
// the same form prefilled and sends only what changed (PATCH). Both show
// the API's error beside the field it names. recordTools() gives a record
// its Ändra and Ta bort buttons (delete after a confirmation), or says
// why the record is locked.
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

// The areas as choices grouped by layer, by name within a layer.
export async function areaChoices() {
	return (await cached('/areas')).map((a) => ({ value: String(a.id), label: `${a.name} (${a.code})`,
	    group: word(a.layer) })).sort((x, y) => x.group.localeCompare(y.group, 'sv') ||
	    x.label.localeCompare(y.label, 'sv'));
}

// Choices of an organisation, area or category field.
async function choicesOf(prop) {
	switch (prop['x-type']) {
	case 'organisation':
		return (await cached('/organisations')).map((o) => ({ value: o.code, label: o.name }));
	case 'area':
		return areaChoices();
	case 'category':
		return (await cached('/categories')).map((c) => ({ value: c.code, label: c.name }));
	default:
		return null;
	}
}

// Fills a select with choices, in <optgroup>s where they have a group;
// only those whose label contains `filter` (the selected one stays).
function fillChoices(sel, choices, filter = '') {
	const keep = sel.value;
	const f = filter.trim().toLocaleLowerCase('sv');
	for (const el of [...sel.children])
		if (el.dataset.choice !== undefined)
			el.remove();
	let group = null;
	for (const c of choices) {
		if (f && c.value !== keep && !c.label.toLocaleLowerCase('sv').includes(f))
			continue;
		const opt = h('option', { value: c.value, 'data-choice': '' }, c.label);
		if (!c.group) {
			sel.append(opt);
			continue;
		}
		if (!group || group.label !== c.group) {
			group = h('optgroup', { label: c.group, 'data-choice': '' });
			sel.append(group);
		}
		group.append(opt);
	}
	sel.value = keep;
}

// Lists longer than this get a search field that narrows the choices.
const SEARCH_FROM = 12;

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
		fillChoices(sel, choices || []);
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

// A search field that narrows a long list of choices as one types.
function searchFor(id, label, sel, choices) {
	const input = h('input', { type: 'search', id: `${id}-search`, class: 'choice-search',
	    'aria-controls': id, autocomplete: 'off' });
	input.addEventListener('input', () => fillChoices(sel, choices, input.value));
	return [h('label', { for: `${id}-search`, class: 'search-label' }, `Sök ${label.toLowerCase()}`), input];
}

// A record's value as its control shows it.
function showValue(ctl, prop, v) {
	if (v === null || v === undefined || prop.format === 'byte')
		return;
	if (prop.type === 'boolean')
		ctl.checked = Boolean(v);
	else if (prop.format === 'date-time')
		ctl.value = String(v).slice(0, 16);
	else
		ctl.value = String(v);
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
 * A form that creates a record, or changes one. o: {
 *   pattern  route pattern of the create route ("/agreements/{id}/goals"),
 *            or of the record's own route ("/goals/{id}") with record
 *   path     the concrete path to post (or patch) to
 *   record   the record to change: the form is prefilled and sends what
 *            changed by PATCH (a field emptied is sent as null)
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
	const rec = o.record || null;
	const sc = await bodySchema(o.pattern, rec ? 'patch' : 'post');
	// A change may leave out any field, but not empty one that must be
	// given: those are the fields the change schema does not let be null.
	const req = new Set(rec ? Object.keys(sc.properties).filter((n) => !sc.properties[n].nullable) :
	    sc.required || []);
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
		if (rec)
			showValue(ctl, prop, rec[n]);
		const label = `${prop.description}${req.has(n) ? ' (måste anges)' : ''}`;
		const hint = o.hints && o.hints[n];
		if (hint)
			ctl.setAttribute('aria-describedby', `${id}-hint`);
		if (prop.type === 'boolean') {
			form.append(h('div', { class: 'field choices' }, h('label', {}, ctl, ` ${label}`),
			    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null));
		} else {
			const search = choices && choices.length > SEARCH_FROM ?
			    searchFor(id, prop.description, ctl, choices) : [];
			form.append(h('div', { class: 'field' }, h('label', { for: id }, label),
			    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, ...search, ctl));
		}
		ctls.push([n, prop, ctl]);
	}
	const err = h('p', { id: `${p}-error`, class: 'notice bad', role: 'alert', hidden: true });
	form.append(err, h('div', { class: 'actions' }, h('button', { type: 'submit' }, o.submit || 'Spara')));
	form.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		formReset(form, `#${p}-error`);
		const body = rec ? {} : { ...(o.fixed || {}) };
		for (const [n, prop, ctl] of ctls) {
			const v = await valueOf(ctl, prop);
			if (!rec) {
				if (v !== undefined)
					body[n] = v;
			} else if (v === undefined) {
				if (rec[n] !== null && rec[n] !== undefined && prop.format !== 'byte')
					body[n] = null;
			} else if (!same(v, rec[n], prop)) {
				body[n] = v;
			}
		}
		try {
			if (rec && !Object.keys(body).length) {
				announce('Inget är ändrat.');
				if (o.done)
					await o.done(rec);
				return;
			}
			const out = await api(rec ? 'PATCH' : 'POST', o.path, body);
			announce(o.message ? o.message(out) : `${sc.description} är ${rec ? 'ändrad' : 'sparad'}.`);
			if (!rec)
				form.reset();
			if (o.done)
				await o.done(out);
		} catch (e) {
			formError(form, `#${p}-error`, e);
		}
	});
	return form;
}

// Whether a control's value is the record's (dates and times as shown).
function same(v, old, prop) {
	if (old === null || old === undefined)
		return false;
	if (prop.format === 'date-time')
		return String(old).slice(0, 16) === v;
	return String(old) === String(v);
}

/*
 * The Ändra and Ta bort buttons of one record, or why it is locked. o: {
 *   prefix   id prefix ("problem-7": #problem-7-edit, #problem-7-delete)
 *   pattern  the record's route ("/problems/{id}"); path: "/problems/7"
 *   record   the record, for the prefilled edit form
 *   name     what is deleted, for the question ("problembilden X")
 *   form     options of the edit form (fields, refs, hints)
 *   locked   a reason (Swedish): no edit and no delete, the reason shown
 *   noDelete a reason the record can be changed but not deleted
 *   done     async () => after a change or a delete (redraw)
 * }
 * Callers give the tools only to a user who may change the record.
 */
export function recordTools(o) {
	const p = o.prefix;
	if (o.locked)
		return h('p', { class: 'hint locked no-print', id: `${p}-locked` }, o.locked);
	const box = h('div', { class: 'record-tools no-print', id: `${p}-tools` });
	const err = h('p', { id: `${p}-tools-error`, class: 'notice bad', role: 'alert', hidden: true });
	const slot = h('div', { id: `${p}-edit-slot` });
	const edit = h('button', { type: 'button', class: 'secondary', id: `${p}-edit`, 'aria-expanded': 'false',
	    'aria-controls': `${p}-edit-slot` }, 'Ändra');
	edit.addEventListener('click', async () => {
		if (slot.firstChild) {
			slot.replaceChildren();
			edit.setAttribute('aria-expanded', 'false');
			return;
		}
		const form = await recordForm({ ...(o.form || {}), pattern: o.pattern, path: o.path, record: o.record,
		    prefix: `${p}-e`, submit: 'Spara ändringen', done: o.done });
		const cancel = h('button', { type: 'button', class: 'secondary' }, 'Avbryt');
		cancel.addEventListener('click', () => {
			slot.replaceChildren();
			edit.setAttribute('aria-expanded', 'false');
			edit.focus();
		});
		form.querySelector('.actions').append(cancel);
		slot.replaceChildren(form);
		edit.setAttribute('aria-expanded', 'true');
		const first = form.querySelector('input, select, textarea');
		if (first)
			first.focus();
	});
	const buttons = [edit];
	if (o.noDelete) {
		buttons.push(h('span', { class: 'hint', id: `${p}-nodelete` }, o.noDelete));
	} else {
		const del = h('button', { type: 'button', class: 'secondary danger', id: `${p}-delete` }, 'Ta bort');
		const ask = h('div', { class: 'confirm', id: `${p}-confirm`, role: 'group', hidden: true,
		    'aria-labelledby': `${p}-confirm-q` });
		const yes = h('button', { type: 'button', class: 'danger', id: `${p}-confirm-yes` }, 'Ja, ta bort');
		const no = h('button', { type: 'button', class: 'secondary', id: `${p}-confirm-no` }, 'Avbryt');
		ask.append(h('p', { id: `${p}-confirm-q` }, `Ta bort ${o.name}? Det går inte att ångra.`), yes, no);
		del.addEventListener('click', () => {
			err.hidden = true;
			ask.hidden = false;
			no.focus();
		});
		no.addEventListener('click', () => {
			ask.hidden = true;
			del.focus();
		});
		yes.addEventListener('click', async () => {
			try {
				await api('DELETE', o.path);
				announce(`${o.name[0].toUpperCase()}${o.name.slice(1)} är borttagen.`);
				if (o.done)
					await o.done(null);
			} catch (e) {
				ask.hidden = true;
				err.textContent = e.message;
				err.hidden = false;
			}
		});
		buttons.push(del);
		box.append(h('div', { class: 'actions' }, ...buttons), ask, err, slot);
		return box;
	}
	box.append(h('div', { class: 'actions' }, ...buttons), err, slot);
	return box;
}

// A details/summary block that holds a form, closed until opened.
export function foldable(summary, form) {
	return h('details', { class: 'no-print form-fold' }, h('summary', {}, summary), form);
}

export { $ };
