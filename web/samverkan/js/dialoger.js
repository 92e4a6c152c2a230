// Dialogues and indicators: citizen and staff dialogues and safety walks
// (notes shown as the organiser's sharing rules allow), the indicators
// (survey and statistics figures) with their values per area and period,
// and the CSV import of values (all or none). A coordinator adds each
// with forms built from the API's field tables (forms.js), and changes
// or deletes them with the same forms, prefilled (a dialogue of an
// agreement only by a coordinator of one of its parties).
import { api } from '../../js/api.js';
import { announce, hasRole } from '../../js/app.js';
import { $, h, clear } from '../../js/util.js';
import { startPage, formError, formReset, word, mayChange } from './common.js';
import { recordForm, foldable, recordTools } from './forms.js';

let areaName = {};
let orgName = {};
let agreementChoices = [];
const redraw = () => draw();

// Ändra and Ta bort for one record.
function tools(prefix, pattern, rec, name, o = {}) {
	return recordTools({ prefix, pattern, path: pattern.replace('{id}', String(rec.id)), record: rec, name,
	    done: redraw, ...o });
}

// Whether the user may change a dialogue: by its agreement's parties.
const partiesOf = new Map();
async function mayChangeDialogue(x) {
	if (!hasRole('samordnare'))
		return false;
	if (!x.agreement_id)
		return true;
	if (!partiesOf.has(x.agreement_id))
		partiesOf.set(x.agreement_id, (await api('GET', `/agreements/${x.agreement_id}/parties`)).items);
	return mayChange(partiesOf.get(x.agreement_id));
}

async function main() {
	await startPage();
	const [areas, orgs] = await Promise.all([api('GET', '/areas'), api('GET', '/organisations')]);
	areaName = Object.fromEntries((areas.items || areas).map((a) => [a.id, a.name]));
	orgName = Object.fromEntries((orgs.items || orgs).map((o) => [o.code, o.name]));
	if (hasRole('samordnare'))
		agreementChoices = (await api('GET', '/agreements')).items.map((a) => ({ value: String(a.id), label: a.title }));
	await draw();
	if (hasRole('samordnare')) {
		const agrs = (await api('GET', '/agreements')).items.map((a) => ({ value: String(a.id), label: a.title }));
		agreementChoices = agrs;
		$('#dl-slot').append(foldable('Ny dialog eller trygghetsvandring', await recordForm({
		    pattern: '/dialogues', path: '/dialogues', prefix: 'dl', submit: 'Spara dialog',
		    refs: { agreement_id: agrs }, done: () => draw(),
		    fields: ['kind', 'held_on', 'area_id', 'organisation', 'participants', 'participant_groups', 'themes',
			'notes', 'agreement_id'],
		    hints: { notes: 'Om platser och situationer, aldrig om enskilda personer.',
			organisation: 'Lämna tomt: din organisation. Anteckningarna tillhör arrangören.' } })));
		$('#ind-slot').append(foldable('Ny indikator', await recordForm({
		    pattern: '/indicators', path: '/indicators', prefix: 'ind', submit: 'Lägg till indikator',
		    done: () => draw(), hints: { code: 'Kort kod som CSV-filen använder, t.ex. TRYGG-KVALL.' } })));
		$('#csv-form').addEventListener('submit', importCsv);
	}
}

async function draw() {
	const d = await api('GET', '/dialogues');
	const tb = clear($('#dl-table tbody'));
	const rows = d.items.slice().sort((a, b) => b.held_on.localeCompare(a.held_on));
	if (!rows.length)
		tb.append(h('tr', {}, h('td', { colspan: '6' }, 'Inga dialoger ännu.')));
	for (const x of rows) {
		const text = x.text_withheld ? h('em', {}, 'Anteckningarna delas inte med din organisation.') :
		    [x.themes ? h('strong', {}, `${x.themes}. `) : '', x.notes || ''];
		tb.append(h('tr', { id: `dialogue-${x.id}` }, h('td', {}, x.held_on), h('td', {}, word(x.kind)),
		    h('td', {}, x.area_id ? areaName[x.area_id] || String(x.area_id) : ''),
		    h('td', {}, x.organisation ? orgName[x.organisation] || x.organisation : ''),
		    h('td', {}, [x.participants ?? '', x.participant_groups ? ` (${x.participant_groups})` : ''].join('')),
		    h('td', {}, text, await mayChangeDialogue(x) ? tools(`di${x.id}`, '/dialogues/{id}', x,
			`dialogen ${x.held_on}`, { form: { refs: { agreement_id: agreementChoices },
			    fields: ['kind', 'held_on', 'area_id', 'organisation', 'participants', 'participant_groups',
				'themes', 'notes', 'agreement_id'] } }) : '')));
	}
	const inds = (await api('GET', '/indicators')).items;
	const blocks = [];
	if (!inds.length)
		blocks.push(h('p', {}, 'Inga indikatorer ännu.'));
	for (const i of inds)
		blocks.push(await indicatorBlock(i));
	$('#indicators').replaceChildren(...blocks);
}

async function indicatorBlock(i) {
	const vals = (await api('GET', `/indicators/${i.id}/indicator-values`)).items;
	const sec = h('section', { class: 'card indicator', id: `indicator-${i.id}`, 'aria-labelledby': `ih-${i.id}` },
	    h('h3', { id: `ih-${i.id}` }, `${i.name} (${i.code})`),
	    h('p', {}, `${word(i.kind)}${i.unit ? `, ${i.unit}` : ''}${i.source ? `; källa: ${i.source}` : ''}`));
	if (i.description)
		sec.append(h('p', {}, i.description));
	if (hasRole('samordnare'))
		sec.append(tools(`in${i.id}`, '/indicators/{id}', i, `indikatorn ”${i.name}” med alla värden`));
	if (!vals.length) {
		sec.append(h('p', { class: 'hint' }, 'Inga värden ännu.'));
	} else {
		const tb = h('tbody', {});
		for (const v of vals)
			tb.append(h('tr', {}, h('td', {}, areaName[v.area_id] || String(v.area_id)), h('td', {}, v.period),
			    h('td', { class: 'num' }, String(v.value)), h('td', {}, v.source || i.source || ''),
			    h('td', {}, v.source_date || '', hasRole('samordnare') ? tools(`iv${v.id}`, '/indicator-values/{id}', v,
				`värdet för ${areaName[v.area_id] || v.area_id} ${v.period}`) : '')));
		sec.append(h('div', { class: 'table-wrap' }, h('table', {},
		    h('caption', {}, `Värden för ${i.name}`),
		    h('thead', {}, h('tr', {}, ...['Område', 'Period', 'Värde', 'Källa', 'Källans datum']
			.map((t) => h('th', { scope: 'col' }, t)))), tb)));
	}
	if (hasRole('samordnare'))
		sec.append(foldable('Nytt värde', await recordForm({ pattern: '/indicators/{id}/indicator-values',
		    path: `/indicators/${i.id}/indicator-values`, prefix: `iv${i.id}`, submit: 'Spara värde',
		    done: () => draw(), hints: { period: 'T.ex. 2024, 2024-Q3, 2024-05 eller 2024-W07.' } })));
	return sec;
}

async function importCsv(ev) {
	ev.preventDefault();
	const f = $('#csv-form');
	formReset(f, '#csv-error');
	const file = $('#csv-file').files[0];
	if (!file) {
		formError(f, '#csv-error', { field: 'csv', message: 'Välj en CSV-fil.' });
		return;
	}
	try {
		const r = await api('POST', '/indicators/import', { csv: await file.text() });
		announce(`${r.imported} värden är inlästa.`);
		f.reset();
		await draw();
	} catch (e) {
		formError(f, '#csv-error', e);
	}
}

main();
