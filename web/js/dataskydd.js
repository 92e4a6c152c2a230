// Dataskydd: the data-protection overview. The page text carries the
// defaults; this fills in the installation's current retention periods,
// minimum count, personal-data mode and sharing rules.
import { api } from './api.js';
import { start } from './app.js';
import { $, h, clear } from './util.js';

const LEVELS = {
	full: 'Allt', no_text: 'Utan fritext', aggregated: 'Endast sammanräknat',
	none: 'Inget',
};
const KINDS = { incident: 'Händelser', dialogue: 'Dialoger', document: 'Dokument' };

async function main() {
	await start();
	const s = await api('GET', '/settings/trust');
	for (const item of s.items) {
		for (const el of document.querySelectorAll(
		    `[data-setting="${item.name}"]`))
			el.textContent = String(item.value);
		if (item.name === 'pii_mode' && item.value === 'mask')
			$('#pii-mode').textContent =
			    'ersätts med t.ex. [personnummer] när texten sparas';
	}
	const r = await api('GET', '/sharing');
	if (r.items.length === 0)
		return;
	const body = clear($('#rules'));
	for (const x of r.items)
		body.append(h('tr', {}, h('td', {}, x.owner),
		    h('td', {}, x.reader ?? 'alla andra'),
		    h('td', {}, KINDS[x.kind] ?? x.kind),
		    h('td', {}, LEVELS[x.level] ?? x.level)));
}

main();
