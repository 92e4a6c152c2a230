// Att göra: the due list of every agreement, grouped by kind.
import { api } from '../../js/api.js';
import { $, h, clear } from '../../js/util.js';
import { startPage } from './common.js';

const LINK = { agreement: (i) => `overenskommelse.html?id=${i.agreement_id}`,
    body: (i) => `organ.html?id=${i.id}` };

async function main() {
	await startPage();
	const r = await api('GET', '/due');
	const out = clear($('#due-list'));
	if (!r.items.length) {
		out.append(h('p', {}, 'Inget är försenat.'));
		return;
	}
	let ul = null, kind = null;
	for (const i of r.items) {
		if (i.kind !== kind) {
			kind = i.kind;
			ul = h('ul', { id: `due-${kind}` });
			out.append(h('h2', {}, i.label), ul);
		}
		const href = (LINK[i.entity] || LINK.agreement)(i);
		ul.append(h('li', {}, h('a', { href }, i.title || i.entity),
		    i.since ? ` (sedan ${i.since})` : '', ': ', i.detail));
	}
}

main();
