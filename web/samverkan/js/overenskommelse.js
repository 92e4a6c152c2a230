// One agreement: facts, parties and signatories, principles, geographic
// focus, bodies, attachment versions (a version is a draft until a
// decision adopts it), the information-duty log with acknowledgement,
// medborgarlöften (create and publish), the documents and what is due. A
// coordinator of a party adds parties, signatories, principles, areas,
// bodies and information-duty events with forms built from the API's
// field tables, and changes or deletes them (and the agreement, draft
// attachment versions and unpublished promises) with the same forms,
// prefilled. Adopted versions and published promises are locked.
import { api } from '../../js/api.js';
import { announce } from '../../js/app.js';
import { $, h, clear } from '../../js/util.js';
import { startPage, formError, formReset, param, word, when, mayChange } from './common.js';
import { recordForm, foldable, recordTools } from './forms.js';

const id = Number(param('id'));
// Whether the user may change this agreement's records (set by draw).
let canEdit = false;
let orgNames = {};
const redraw = () => draw();

// Ändra and Ta bort for one record, or nothing for someone who may not.
function tools(prefix, pattern, rec, name, o = {}) {
	if (!canEdit)
		return '';
	return recordTools({ prefix, pattern, path: pattern.replace('{id}', String(rec.id)), record: rec, name,
	    done: redraw, ...o });
}

async function main() {
	await startPage();
	await draw();
	$('#att-form').addEventListener('submit', addAttachment);
	$('#pr-form').addEventListener('submit', addPromise);
}

function fact(dl, label, value) {
	if (value !== null && value !== undefined && value !== '')
		dl.append(h('dt', {}, label), h('dd', {}, String(value)));
}

// Reads everything first and builds the forms detached, then changes the
// page in one go, so nobody types into a form that a redraw still under
// way is about to replace.
async function draw() {
	const a = await api('GET', `/agreements/${id}/full`);
	canEdit = await mayChange(a.parties);
	const [orgs, areas, due, all] = await Promise.all([api('GET', '/organisations'), api('GET', '/areas'),
	    api('GET', `/agreements/${id}/due`), canEdit ? api('GET', '/agreements') : { items: [] }]);
	const name = Object.fromEntries((orgs.items || orgs).map((o) => [o.code, o.name]));
	orgNames = name;
	const promiseItems = [];
	for (const p of a.promises)
		promiseItems.push(await promiseItem(a, p));
	const forms = canEdit ? await buildForms(a, name) : [];
	document.title = `${a.title} – samverkan`;
	$('#agr-title').textContent = a.title;
	const links = clear($('#doc-links'));
	links.append('Utskrift: ',
	    h('a', { href: `/api/v1/agreements/${id}/document.html` }, 'överenskommelsen med bilagor'), ' (',
	    h('a', { href: `/api/v1/agreements/${id}/document.pdf` }, 'PDF'), '), ',
	    h('a', { href: `/api/v1/agreements/${id}/followup.html` }, 'uppföljningsrapport'), ' (',
	    h('a', { href: `/api/v1/agreements/${id}/followup.pdf` }, 'PDF'), ')');
	for (const p of a.plans)
		links.append(', ', h('a', { href: `/api/v1/plans/${p.id}/document.html` }, p.title));
	const dl = clear($('#agr-facts'));
	fact(dl, 'Status', word(a.status));
	fact(dl, 'Gäller', a.until_further_notice ? `från ${a.valid_from} tills vidare` :
	    `${a.valid_from} – ${a.valid_to}`);
	fact(dl, 'Diarienummer', a.diarienummer);
	fact(dl, 'Revideras var', a.revision_months ? `${a.revision_months}:e månad` : null);
	fact(dl, 'Syfte', a.purpose);
	fact(dl, 'Långsiktigt mål', a.long_term_goal);
	const others = all.items.filter((x) => x.id !== id).map((x) => ({ value: String(x.id), label: x.title }));
	clear($('#agr-tools')).append(tools('agr', '/agreements/{id}', a, `överenskommelsen ”${a.title}”`, {
	    form: { refs: { parent_id: others, replaces_id: others } },
	    noDelete: a.status === 'utkast' ? null : 'Bara ett utkast kan tas bort; en överenskommelse som har ' +
		'gällt avslutas med status Upphörd och ligger kvar.',
	    done: async (r) => { if (r === null) location.href = 'index.html'; else await draw(); } }));
	const pl = clear($('#parties'));
	for (const p of a.parties)
		pl.append(h('li', { id: `party-${p.id}` }, name[p.organisation] || p.organisation,
		    p.designation ? ` (”${p.designation}”)` : '',
		    tools(`pa${p.id}`, '/parties/{id}', p, `parten ${name[p.organisation] || p.organisation}`)));
	const parties = a.parties.map((p) => ({ value: p.organisation, label: name[p.organisation] || p.organisation }));
	const sl = clear($('#signatories'));
	for (const s of a.signatories)
		sl.append(h('li', { id: `signatory-${s.id}` }, `${s.name}, ${s.title}`,
		    s.signed_on ? `, undertecknat ${s.signed_on}` : '',
		    tools(`si${s.id}`, '/signatories/{id}', s, `undertecknaren ${s.name}`,
			{ form: { refs: { organisation: parties } } })));
	const prl = clear($('#principles'));
	for (const p of a.principles)
		prl.append(h('li', { id: `principle-${p.id}` }, h('strong', {}, p.title),
		    p.description ? ` – ${p.description}` : '',
		    tools(`pp${p.id}`, '/principles/{id}', p, `principen ”${p.title}”`)));
	const bl = clear($('#bodies'));
	for (const b of a.bodies)
		bl.append(h('li', {}, h('a', { href: `organ.html?id=${b.id}` }, b.name), ` (${word(b.kind)})`));
	$('#chain-link').href = `kedja.html?id=${id}`;
	const areaName = Object.fromEntries((areas.items || areas).map((x) => [x.id, x.name]));
	const gl = clear($('#geo-focus'));
	if (!a.geographic_focus.length)
		gl.append(h('li', {}, 'Inget geografiskt fokus angivet.'));
	for (const g of a.geographic_focus)
		gl.append(h('li', { id: `geo-${g.id}` }, areaName[g.area_id] || `område ${g.area_id}`,
		    g.reason ? ` – ${g.reason}` : '',
		    tools(`gf${g.id}`, '/geographic-focus/{id}', g, `området ${areaName[g.area_id] || g.area_id} ur fokus`)));
	drawInfo(a, name);
	for (const slot of ['#party-slot', '#sig-slot', '#principle-slot', '#geo-slot', '#body-slot', '#info-slot'])
		$(slot).hidden = !canEdit;
	for (const f of ['#att-form', '#pr-form'])
		$(f).closest('section').hidden = !canEdit;
	for (const [slot, el] of forms)
		$(slot).replaceChildren(el);
	const tb = clear($('#att-table tbody'));
	for (const t of a.attachments) {
		const adopted = t.status === 'antagen';
		tb.append(h('tr', { id: `att-${t.id}` }, h('td', {}, String(t.number)), h('td', {}, t.title),
		    h('td', {}, String(t.version)), h('td', {}, t.dated),
		    h('td', {}, adopted ? `Antagen (§ ${t.adopted_by.paragraph}, ${t.adopted_by.body})` :
		    h('strong', {}, 'Utkast – inte antagen'),
		    tools(`at${t.id}`, '/attachments/{id}', t, `bilaga ${t.number} version ${t.version}`, {
			locked: adopted ? `Låst: version ${t.version} är antagen genom § ${t.adopted_by.paragraph} ` +
			    `(${t.adopted_by.body}) och ändras inte. Lägg till en ny version.` : null,
			form: { fields: ['number', 'kind', 'title', 'version', 'dated', 'content'] } }))));
	}
	clear($('#promises')).append(...promiseItems);
	const dl2 = clear($('#due'));
	if (!due.items.length)
		dl2.append(h('li', {}, 'Inget är försenat.'));
	for (const i of due.items)
		dl2.append(h('li', {}, h('strong', {}, i.label), `: ${i.title || ''} – ${i.detail}`));
}

// A promise with its quantified targets, linked activities and the
// follow-up of promised against delivered; forms for each.
async function promiseItem(a, p) {
	const li = h('li', { id: `promise-${p.id}` }, h('strong', {}, p.title),
	    ` ${p.period_from} – ${p.period_to}`, p.published ? ` (publicerat ${p.published_on})` : ' (ej publicerat)');
	const locked = p.published ? `Låst: medborgarlöftet publicerades ${p.published_on} och ändras inte, ` +
	    'eftersom invånarna har fått det. Följ upp det nedan.' : null;
	li.append(tools(`pm${p.id}`, '/promises/{id}', p, `medborgarlöftet ”${p.title}”`, { locked }));
	const target = (t) => `${word(t.party)}: ${t.description}${t.value !== null && t.value !== undefined ?
	    ` (${t.comparator ? `${word(t.comparator)} ` : ''}${t.value}${t.unit ? ` ${t.unit}` : ''}${t.per ? ` per ${word(t.per)}` : ''})` : ''}`;
	if (p.promise_targets.length)
		li.append(h('ul', { class: 'targets' }, p.promise_targets.map((t) => h('li', { id: `target-${t.id}` },
		    target(t), p.published ? '' : tools(`pt${t.id}`, '/promise-targets/{id}', t, `målet ”${t.description}”`)))));
	const acts = p.promise_activities.map((x) => a.activities.find((y) => y.id === x.activity_id)).filter(Boolean);
	if (acts.length)
		li.append(h('p', {}, `Aktiviteter: ${acts.map((x) => x.title).join(', ')}`));
	const partners = p.promise_partners || [];
	const orgOf = (code) => orgNames[code] || code;
	if (partners.length)
		li.append(h('p', {}, `Partner: ${partners.map((x) => orgOf(x.organisation)).join(', ')}`));
	if (canEdit && (p.promise_activities.length || (partners.length && !p.published))) {
		// each link on its own, to change or remove it (partners are
		// part of the published promise and stay with it)
		const actChoices = a.activities.map((x) => ({ value: String(x.id), label: x.title }));
		const actTitle = (x) => (a.activities.find((y) => y.id === x.activity_id) || { title: `#${x.activity_id}` }).title;
		li.append(h('ul', { class: 'links no-print', 'aria-label': `Kopplingar i ${p.title}` },
		    p.promise_activities.map((x) => h('li', { id: `pact-${x.id}` }, `Aktivitet: ${actTitle(x)}`,
			tools(`px${x.id}`, '/promise-activities/{id}', x, `kopplingen till aktiviteten ”${actTitle(x)}”`,
			    { form: { refs: { activity_id: actChoices } } }))),
		    p.published ? [] : partners.map((x) => h('li', { id: `ppart-${x.id}` }, `Partner: ${orgOf(x.organisation)}`,
			tools(`pq${x.id}`, '/promise-partners/{id}', x, `partnern ${orgOf(x.organisation)}`)))));
	}
	if (p.promise_followups.length) {
		const fl = h('ul', { class: 'followups' });
		for (const f of p.promise_followups) {
			const t = p.promise_targets.find((x) => x.id === f.target_id);
			fl.append(h('li', { id: `followup-${f.id}` }, `Uppföljning ${f.period_from} – ${f.period_to} (${word(f.party)}, rapporterad ${f.reported_on}): ` +
			    `${word(f.status)}${f.light ? `, ${word(f.light)}` : ''}${f.delivered !== null && f.delivered !== undefined ?
			    `, levererat ${f.delivered}${t && t.value !== null ? ` av ${t.value}` : ''}` : ''}` +
			    `${f.shortfall_reason ? `; avvikelse: ${f.shortfall_reason}` : ''}${f.note ? `; ${f.note}` : ''}`,
			    tools(`pf${f.id}`, '/promise-followups/{id}', f, `uppföljningen ${f.period_from} – ${f.period_to}`, {
				form: { refs: { target_id: p.promise_targets.map((x) => ({ value: String(x.id), label: target(x) })) } } })));
		}
		li.append(fl);
	} else {
		li.append(h('p', { class: 'hint' }, 'Ingen uppföljning ännu.'));
	}
	if (!canEdit)
		return li;
	const q = `pm${p.id}`;
	const targets = p.promise_targets.map((t) => ({ value: String(t.id), label: target(t) }));
	li.append(foldable('Nytt mål för löftet', await recordForm({ pattern: '/promises/{id}/promise-targets',
	    path: `/promises/${p.id}/promise-targets`, prefix: `${q}-t`, submit: 'Lägg till mål', done: redraw })),
	    foldable('Ny uppföljning av löftet', await recordForm({ pattern: '/promises/{id}/promise-followups',
		path: `/promises/${p.id}/promise-followups`, prefix: `${q}-f`, submit: 'Spara uppföljning', done: redraw,
		refs: { target_id: targets } })),
	    foldable('Koppla en aktivitet', await recordForm({ pattern: '/promises/{id}/promise-activities',
		path: `/promises/${p.id}/promise-activities`, prefix: `${q}-a`, submit: 'Koppla aktivitet', done: redraw,
		refs: { activity_id: a.activities.map((x) => ({ value: String(x.id), label: x.title })) } })),
	    foldable('Ny partner i löftet', await recordForm({ pattern: '/promises/{id}/promise-partners',
		path: `/promises/${p.id}/promise-partners`, prefix: `${q}-p`, submit: 'Lägg till partner', done: redraw })));
	return li;
}

function drawInfo(a, name) {
	const tb = clear($('#info-table tbody'));
	if (!a.information_events.length)
		tb.append(h('tr', {}, h('td', { colspan: '5' }, 'Inga händelser ännu.')));
	for (const e of a.information_events) {
		const ack = h('td', {});
		if (e.acknowledged_at)
			ack.append(`${when(e.acknowledged_at)} av ${e.acknowledged_by}`);
		else if (canEdit)
			ack.append(ackForm(e));
		else
			ack.append(h('strong', {}, 'Inte kvitterad'));
		tb.append(h('tr', { id: `info-${e.id}` }, h('td', {}, e.occurred_on),
		    h('td', {}, `${name[e.from_organisation] || e.from_organisation} – ${name[e.to_organisation] || e.to_organisation}`),
		    h('td', {}, e.summary, tools(`ie${e.id}`, '/information-events/{id}', e, `händelsen ${e.occurred_on}`, {
			form: { refs: { from_organisation: parties(a, name), to_organisation: parties(a, name) },
			    fields: ['occurred_on', 'summary', 'from_organisation', 'reported_by', 'to_organisation',
				'reported_to', 'reported_at'] } })), h('td', {}, `${when(e.reported_at)}: ${e.reported_by} till ${e.reported_to}`), ack));
	}
}

// Acknowledges an information-duty event: who, now.
function ackForm(e) {
	const p = `ack${e.id}`;
	const f = h('form', { id: `${p}-form`, class: 'ack-form', novalidate: true },
	    h('strong', {}, 'Inte kvitterad'),
	    h('div', { class: 'field' }, h('label', { for: `${p}-by` }, 'Kvitteras av (funktion)'),
	        h('input', { type: 'text', id: `${p}-by`, 'data-field': 'acknowledged_by' })),
	    h('p', { id: `${p}-error`, class: 'notice bad', role: 'alert', hidden: true }),
	    h('button', { type: 'submit', class: 'secondary' }, 'Kvittera'));
	f.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		formReset(f, `#${p}-error`);
		try {
			await api('PATCH', `/information-events/${e.id}`, { acknowledged_at: new Date().toISOString(),
			    acknowledged_by: $(`#${p}-by`).value.trim() });
			announce('Händelsen är kvitterad.');
			await draw();
		} catch (err) {
			formError(f, `#${p}-error`, err);
		}
	});
	return f;
}

const parties = (a, name) => a.parties.map((p) => ({ value: p.organisation, label: name[p.organisation] || p.organisation }));

// The create forms, detached: [[slot selector, element]].
async function buildForms(a, name) {
	const parties = a.parties.map((p) => ({ value: p.organisation, label: name[p.organisation] || p.organisation }));
	const bodies = a.bodies.map((b) => ({ value: String(b.id), label: b.name }));
	const forms = [
	    ['#party-slot', 'Ny part', { pattern: '/agreements/{id}/parties', prefix: 'party', submit: 'Lägg till part' }],
	    ['#sig-slot', 'Ny undertecknare', { pattern: '/agreements/{id}/signatories', prefix: 'sig',
		submit: 'Lägg till undertecknare', refs: { organisation: parties } }],
	    ['#principle-slot', 'Ny princip', { pattern: '/agreements/{id}/principles', prefix: 'principle',
		submit: 'Lägg till princip' }],
	    ['#geo-slot', 'Nytt område i fokus', { pattern: '/agreements/{id}/geographic-focus', prefix: 'geo',
		submit: 'Lägg till område' }],
	    ['#body-slot', 'Nytt organ', { pattern: '/agreements/{id}/bodies', prefix: 'body', submit: 'Lägg till organ',
		refs: { reports_to_id: bodies, appointed_by_id: bodies },
		hints: { weekday: 'För organ som möts veckovis.', mission: 'För tillfälliga grupper: uppdraget och när det upphör.' } }],
	    ['#info-slot', 'Ny händelse att informera om', { pattern: '/agreements/{id}/information-events', prefix: 'info',
		submit: 'Spara händelse', refs: { from_organisation: parties, to_organisation: parties },
		fields: ['occurred_on', 'summary', 'from_organisation', 'reported_by', 'to_organisation', 'reported_to',
		    'reported_at'] }],
	];
	const out = [];
	for (const [slot, summary, o] of forms)
		out.push([slot, foldable(summary, await recordForm({ ...o,
		    path: o.pattern.replace('{id}', String(id)), done: redraw }))]);
	return out;
}

async function addAttachment(ev) {
	ev.preventDefault();
	const f = $('#att-form');
	formReset(f, '#att-error');
	const body = { number: Number($('#t-number').value) || 0, kind: $('#t-kind').value,
	    title: $('#t-title').value.trim(), version: Number($('#t-version').value) || 0,
	    dated: $('#t-dated').value, content: $('#t-content').value };
	try {
		await api('POST', `/agreements/${id}/attachments`, body);
		announce(`Bilaga ${body.number} version ${body.version} är sparad som utkast.`);
		f.reset();
		await draw();
	} catch (e) {
		formError(f, '#att-error', e);
	}
}

async function addPromise(ev) {
	ev.preventDefault();
	const f = $('#pr-form');
	formReset(f, '#pr-error');
	const body = { title: $('#p-title').value.trim(), period_from: $('#p-from').value,
	    period_to: $('#p-to').value, published: $('#p-published').checked };
	for (const [k, sel] of [['police', '#p-police'], ['kommun', '#p-kommun'], ['joint', '#p-joint']])
		if ($(sel).value.trim())
			body[k] = $(sel).value.trim();
	try {
		await api('POST', `/agreements/${id}/promises`, body);
		announce(body.published ? `Medborgarlöftet ${body.title} är publicerat.` :
		    `Medborgarlöftet ${body.title} är sparat.`);
		f.reset();
		await draw();
	} catch (e) {
		formError(f, '#pr-error', e);
	}
}

main();
