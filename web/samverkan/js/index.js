// Överenskommelser: every agreement with status and validity; a
// coordinator creates a new one with its parties.
import { api } from '../../js/api.js';
import { announce, session } from '../../js/app.js';
import { $, h, clear } from '../../js/util.js';
import { startPage, formError, formReset, word } from './common.js';

async function main() {
	await startPage();
	await draw();
	const orgs = await api('GET', '/organisations');
	for (const o of orgs.items || orgs)
		$('#a-parties').append(h('option', { value: o.code }, o.name));
	$('#agr-form').addEventListener('submit', create);
}

async function draw() {
	const r = await api('GET', '/agreements');
	const tb = clear($('#agr-table tbody'));
	for (const a of r.items) {
		tb.append(h('tr', {},
		    h('td', {}, h('a', { href: `overenskommelse.html?id=${a.id}` }, a.title)),
		    h('td', {}, word(a.status)),
		    h('td', {}, a.until_further_notice ? `från ${a.valid_from} tills vidare` :
		    `${a.valid_from} – ${a.valid_to || ''}`)));
	}
}

async function create(ev) {
	ev.preventDefault();
	const f = $('#agr-form');
	formReset(f, '#agr-error');
	const body = { title: $('#a-title').value.trim(), kind: $('#a-kind').value,
	    valid_from: $('#a-from').value };
	if ($('#a-to').value)
		body.valid_to = $('#a-to').value;
	else
		body.until_further_notice = true;
	if ($('#a-rev').value)
		body.revision_months = Number($('#a-rev').value);
	if ($('#a-purpose').value.trim())
		body.purpose = $('#a-purpose').value.trim();
	try {
		const a = await api('POST', '/agreements', body);
		// one's own organisation first: only parties may change it later
		const own = session().user.organisation;
		const codes = [...$('#a-parties').selectedOptions].map((o) => o.value)
		    .sort((x, y) => (y === own) - (x === own));
		let pos = 1;
		for (const c of codes)
			await api('POST', `/agreements/${a.id}/parties`, { organisation: c, position: pos++ });
		announce(`Överenskommelsen ${a.title} är skapad.`);
		location.assign(`overenskommelse.html?id=${a.id}`);
	} catch (e) {
		formError(f, '#agr-error', e);
	}
}

main();
