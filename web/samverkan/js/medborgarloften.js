// Medborgarlöften, the public page: published promises with what the
// police, the kommun and both promise, and their quantified targets. No
// login: it reads the public feed only.
import { api } from '../../js/api.js';
import { $, h, clear } from '../../js/util.js';

const PARTY = { polisen: 'Polisen', kommunen: 'Kommunen', gemensamt: 'Tillsammans', partner: 'Partner' };

async function main() {
	const out = clear($('#promise-list'));
	let r;
	try {
		r = await api('GET', '/public/promises');
	} catch (e) {
		out.append(h('p', { class: 'notice bad', role: 'alert' }, e.message));
		return;
	}
	if (!r.items.length)
		out.append(h('p', {}, 'Inga medborgarlöften är publicerade.'));
	for (const p of r.items) {
		const art = h('article', { class: 'card promise', id: `promise-${p.id}` },
		    h('h2', {}, p.title),
		    h('p', { class: 'hint' }, `Gäller ${p.period_from} – ${p.period_to}`));
		if (p.purpose)
			art.append(h('p', {}, p.purpose));
		const dl = h('dl', {});
		for (const [k, label] of [['police', 'Polisen lovar'], ['kommun', 'Kommunen lovar'],
		    ['joint', 'Vi lovar tillsammans']]) {
			if (p[k])
				dl.append(h('dt', {}, label), h('dd', {}, p[k]));
		}
		art.append(dl);
		if (p.targets.length) {
			const ul = h('ul', {});
			for (const t of p.targets)
				ul.append(h('li', {}, `${PARTY[t.party] || t.party}: ${t.description}`));
			art.append(h('h3', {}, 'Det här mäter vi'), ul);
		}
		out.append(art);
	}
}

main();
