// One governance body: mandate and cadence, members, meetings with
// attendees and decisions; a coordinator adds a meeting, marks it held
// and records decisions numbered by paragraph, which may adopt an
// attachment version of the agreement; adds members by function (person
// optional, an alias for protected staff). A coordinator of a party
// changes or deletes the body, members, meetings and decisions with the
// same forms, prefilled; a decision that adopted or decided something
// stays in the minutes as it is (locked), and a meeting that adopted an
// attachment cannot be deleted.
import { api } from '../../js/api.js';
import { announce } from '../../js/app.js';
import { $, h, clear } from '../../js/util.js';
import { startPage, formError, formReset, param, word, when, mayChange } from './common.js';
import { recordForm, foldable, recordTools } from './forms.js';

const id = Number(param('id'));
let body = null;
let attachments = [];
let members = [];
let orgName = null;
// Whether the user may change this body's records (set by draw).
let canEdit = false;
const redraw = () => draw();

function tools(prefix, pattern, rec, name, o = {}) {
	if (!canEdit)
		return '';
	return recordTools({ prefix, pattern, path: pattern.replace('{id}', String(rec.id)), record: rec, name,
	    done: redraw, ...o });
}

// Why a decision is locked: it adopted or decided a record, which keeps
// pointing at it; null when it only records a text.
function decisionLock(d) {
	const att = attachments.find((a) => a.id === d.attachment_id);
	if (att)
		return `Låst: § ${d.paragraph} antog bilaga ${att.number} version ${att.version} och står kvar i protokollet.`;
	for (const [k, what] of [['plan_id', 'en åtgärdsplan'], ['promise_id', 'ett medborgarlöfte'],
	    ['problem_id', 'en prioritering av ett problem'], ['activity_id', 'en aktivitet']])
		if (d[k])
			return `Låst: § ${d.paragraph} beslutade ${what} och står kvar i protokollet; ändra genom ett nytt beslut.`;
	return null;
}

async function main() {
	await startPage();
	await draw();
	$('#m-form').addEventListener('submit', addMeeting);
}

async function draw() {
	body = await api('GET', `/bodies/${id}`);
	canEdit = await mayChange((await api('GET', `/agreements/${body.agreement_id}/parties`)).items);
	for (const el of document.querySelectorAll('[data-role="samordnare"]'))
		el.hidden = !canEdit;
	document.title = `${body.name} – samverkan`;
	$('#body-title').textContent = body.name;
	clear($('#body-back')).append(h('a', { href: `overenskommelse.html?id=${body.agreement_id}` },
	    'Till överenskommelsen'));
	$('#ics-link').href = `/api/v1/bodies/${id}/meetings.ics`;
	const dl = clear($('#body-facts'));
	const add = (k, v) => { if (v) dl.append(h('dt', {}, k), h('dd', {}, v)); };
	add('Slag', word(body.kind));
	add('Mandat', body.mandate);
	add('Möten', body.cadence === 'per_ar' ? `${body.meetings_min}${body.meetings_max &&
	    body.meetings_max !== body.meetings_min ? `–${body.meetings_max}` : ''} möten per år` : word(body.cadence));
	add('Uppdrag', body.permanent ? null : body.mission);
	const siblings = canEdit ? (await api('GET', `/agreements/${body.agreement_id}/bodies`)).items
	    .filter((b) => b.id !== id).map((b) => ({ value: String(b.id), label: b.name })) : [];
	clear($('#body-tools')).append(tools('bo', '/bodies/{id}', body, `organet ”${body.name}”`, {
	    form: { refs: { reports_to_id: siblings, appointed_by_id: siblings } },
	    done: async (r) => {
		    if (r === null)
			    location.href = `overenskommelse.html?id=${body.agreement_id}`;
		    else
			    await draw();
	    } }));
	if (!orgName) {
		const orgs = await api('GET', '/organisations');
		orgName = Object.fromEntries((orgs.items || orgs).map((o) => [o.code, o.name]));
	}
	const mem = await api('GET', `/bodies/${id}/members`);
	members = mem.items;
	const ml = clear($('#members'));
	for (const m of mem.items)
		ml.append(h('li', { id: `member-${m.id}` }, m.function, m.organisation ? `, ${orgName[m.organisation] || m.organisation}` : '',
		    m.person ? `: ${m.person}` : '', m.role !== 'ledamot' ? ` – ${word(m.role)}` : '',
		    tools(`me${m.id}`, '/members/{id}', m, `ledamoten ${m.function}`)));
	if (!$('#member-slot').hidden && !$('#member-form'))
		$('#member-slot').append(foldable('Ny ledamot', await recordForm({ pattern: '/bodies/{id}/members',
		    path: `/bodies/${id}/members`, prefix: 'member', submit: 'Lägg till ledamot',
		    message: (m) => `${m.function} är tillagd.`, done: () => draw() })));
	const atts = await api('GET', `/agreements/${body.agreement_id}/attachments`);
	attachments = atts.items;
	const meetings = await api('GET', `/bodies/${id}/meetings`);
	// Built whole, then swapped in, so nobody types into a block that a
	// half-finished redraw is about to replace.
	// The meetings' own reads (decisions, attendees) run side by side.
	const blocks = meetings.items.length ?
	    await Promise.all(meetings.items.slice().reverse().map(meetingBlock)) :
	    [h('p', {}, 'Inga möten ännu.')];
	$('#meetings').replaceChildren(...blocks);
}

async function meetingBlock(m) {
	const sec = h('section', { class: 'card meeting', id: `meeting-${m.id}`,
	    'aria-labelledby': `mh-${m.id}` },
	    h('h3', { id: `mh-${m.id}` }, `${when(m.starts_at)} ${m.location ? `– ${m.location}` : ''}`),
	    h('p', {}, `Status: ${word(m.status)}`));
	if (m.agenda)
		sec.append(h('p', {}, `Dagordning: ${m.agenda}`));
	const [dec, present] = await Promise.all([api('GET', `/meetings/${m.id}/decisions`),
	    api('GET', `/meetings/${m.id}/attendees`)]);
	sec.append(tools(`mt${m.id}`, '/meetings/{id}', m, `mötet ${when(m.starts_at)}`, {
	    noDelete: dec.items.some((d) => d.attachment_id) ? 'Mötet antog en bilaga och ligger kvar.' : null,
	    form: { fields: ['starts_at', 'ends_at', 'location', 'agenda', 'status', 'minutes'] } }));
	if (present.items.length) {
		const who = (x) => {
			const mem = members.find((y) => y.id === x.member_id);
			return [x.function || (mem && mem.function), x.person || (mem && mem.person)]
			    .filter(Boolean).join(' ');
		};
		sec.append(h('p', { class: 'attendees' }, 'Närvarande: ', present.items.map(who).join(', ')));
		if (canEdit) {
			const memberChoices = members.map((x) => ({ value: String(x.id), label: [x.function, x.person]
			    .filter(Boolean).join(', ') }));
			sec.append(h('ul', { class: 'links no-print', 'aria-label': 'Ändra närvarolistan' },
			    present.items.map((x) => h('li', { id: `attendee-${x.id}` }, who(x),
				tools(`ad${x.id}`, '/attendees/{id}', x, `${who(x)} ur närvarolistan`,
				    { form: { refs: { member_id: memberChoices } } })))));
		}
	}
	const ul = h('ul', { class: 'decisions' });
	for (const d of dec.items) {
		const att = attachments.find((a) => a.id === d.attachment_id);
		ul.append(h('li', { id: `decision-${d.id}` }, `§ ${d.paragraph} ${d.text}`,
		    att ? ` (antar bilaga ${att.number} version ${att.version})` : '',
		    tools(`de${d.id}`, '/decisions/{id}', d, `§ ${d.paragraph}`, { locked: decisionLock(d),
			form: { fields: ['paragraph', 'kind', 'text'] } })));
	}
	sec.append(ul);
	if (!document.querySelector('[data-role="samordnare"]').hidden) {
		sec.append(foldable('Ny närvarande', await recordForm({ pattern: '/meetings/{id}/attendees',
		    path: `/meetings/${m.id}/attendees`, prefix: `att${m.id}`, submit: 'Lägg till närvarande',
		    refs: { member_id: members.map((x) => ({ value: String(x.id), label: [x.function, x.person]
			.filter(Boolean).join(', ') })) },
		    hints: { function: 'För en gäst som inte är ledamot.' }, done: () => draw() })));
		if (m.status === 'planerat') {
			const b = h('button', { type: 'button', class: 'secondary', id: `held-${m.id}` },
			    'Markera som genomfört');
			b.addEventListener('click', async () => {
				try {
					await api('PATCH', `/meetings/${m.id}`, { status: 'genomfort' });
					announce('Mötet är markerat som genomfört.');
					await draw();
				} catch (e) {
					announce(e.message, 'bad');
				}
			});
			sec.append(b);
		} else if (m.status === 'genomfort') {
			sec.append(decisionForm(m, dec.items.length + 1));
		}
	}
	return sec;
}

function decisionForm(m, next) {
	const p = `d${m.id}`;
	const sel = h('select', { id: `${p}-att`, 'data-field': 'attachment_id' },
	    h('option', { value: '' }, '– antar ingen bilaga –'));
	for (const a of attachments.filter((x) => x.status === 'utkast'))
		sel.append(h('option', { value: String(a.id) }, `Bilaga ${a.number} version ${a.version}: ${a.title}`));
	const f = h('form', { class: 'decision-form', id: `${p}-form`, novalidate: true },
	    h('h4', {}, 'Nytt beslut'),
	    h('div', { class: 'field' }, h('label', { for: `${p}-par` }, 'Paragraf (§)'),
	        h('input', { type: 'number', id: `${p}-par`, min: '1', value: String(next), 'data-field': 'paragraph' })),
	    h('div', { class: 'field' }, h('label', { for: `${p}-text` }, 'Beslut'),
	        h('textarea', { id: `${p}-text`, 'data-field': 'text' })),
	    h('div', { class: 'field' }, h('label', { for: `${p}-att` }, 'Antar bilaga'), sel),
	    h('p', { id: `${p}-error`, class: 'notice bad', role: 'alert', hidden: true }),
	    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Spara beslut')));
	f.addEventListener('submit', async (ev) => {
		ev.preventDefault();
		formReset(f, `#${p}-error`);
		const b = { paragraph: Number($(`#${p}-par`).value) || 0, text: $(`#${p}-text`).value.trim(),
		    kind: sel.value ? 'antagande' : 'beslut' };
		if (sel.value)
			b.attachment_id = Number(sel.value);
		try {
			await api('POST', `/meetings/${m.id}/decisions`, b);
			announce(`§ ${b.paragraph} är protokollförd.`);
			await draw();
		} catch (e) {
			formError(f, `#${p}-error`, e);
		}
	});
	return f;
}

async function addMeeting(ev) {
	ev.preventDefault();
	const f = $('#m-form');
	formReset(f, '#m-error');
	const b = { starts_at: $('#m-start').value, status: $('#m-held').checked ? 'genomfort' : 'planerat' };
	if ($('#m-location').value.trim())
		b.location = $('#m-location').value.trim();
	if ($('#m-agenda').value.trim())
		b.agenda = $('#m-agenda').value.trim();
	try {
		await api('POST', `/bodies/${id}/meetings`, b);
		announce('Mötet är tillagt.');
		f.reset();
		await draw();
	} catch (e) {
		formError(f, '#m-error', e);
	}
}

main();
