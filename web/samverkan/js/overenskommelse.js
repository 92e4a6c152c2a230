// One agreement: facts, parties and signatories, principles, bodies,
// attachment versions (a version is a draft until a decision adopts it),
// medborgarlöften (create and publish), the documents and what is due.
import { api } from '../../js/api.js';
import { announce } from '../../js/app.js';
import { $, h, clear } from '../../js/util.js';
import { startPage, formError, formReset, param, word } from './common.js';

const id = Number(param('id'));

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

async function draw() {
	const a = await api('GET', `/agreements/${id}/full`);
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
	const orgs = await api('GET', '/organisations');
	const name = Object.fromEntries((orgs.items || orgs).map((o) => [o.code, o.name]));
	const pl = clear($('#parties'));
	for (const p of a.parties)
		pl.append(h('li', {}, name[p.organisation] || p.organisation,
		    p.designation ? ` (”${p.designation}”)` : ''));
	const sl = clear($('#signatories'));
	for (const s of a.signatories)
		sl.append(h('li', {}, `${s.name}, ${s.title}`, s.signed_on ? `, undertecknat ${s.signed_on}` : ''));
	const prl = clear($('#principles'));
	for (const p of a.principles)
		prl.append(h('li', {}, h('strong', {}, p.title), p.description ? ` – ${p.description}` : ''));
	const bl = clear($('#bodies'));
	for (const b of a.bodies)
		bl.append(h('li', {}, h('a', { href: `organ.html?id=${b.id}` }, b.name), ` (${word(b.kind)})`));
	const tb = clear($('#att-table tbody'));
	for (const t of a.attachments) {
		tb.append(h('tr', { id: `att-${t.id}` }, h('td', {}, String(t.number)), h('td', {}, t.title),
		    h('td', {}, String(t.version)), h('td', {}, t.dated),
		    h('td', {}, t.status === 'antagen' ? `Antagen (§ ${t.adopted_by.paragraph}, ${t.adopted_by.body})` :
		    h('strong', {}, 'Utkast – inte antagen'))));
	}
	const ul = clear($('#promises'));
	for (const p of a.promises)
		ul.append(h('li', { id: `promise-${p.id}` }, h('strong', {}, p.title),
		    ` ${p.period_from} – ${p.period_to}`, p.published ? ` (publicerat ${p.published_on})` : ' (ej publicerat)'));
	const due = await api('GET', `/agreements/${id}/due`);
	const dl2 = clear($('#due'));
	if (!due.items.length)
		dl2.append(h('li', {}, 'Inget är försenat.'));
	for (const i of due.items)
		dl2.append(h('li', {}, h('strong', {}, i.label), `: ${i.title || ''} – ${i.detail}`));
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
