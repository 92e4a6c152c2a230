// Områden: the areas of one layer as a table and on the map; coordinators
// rename and delete areas and import a GeoJSON layer from a file.
import { api } from './api.js';
import { start, hasRole, announce, applyRoles } from './app.js';
import { makeMap, frame, escapeText } from './map.js';
import { $, h, clear, LAYER_NAMES, formatNumber } from './util.js';

const L = window.L;
let renaming = null;

async function main() {
	await start();
	const params = new URLSearchParams(location.search);
	const layer = params.get('layer') || 'stadsdel';
	const q = params.get('q') || '';
	for (const sel of [$('#o-layer'), $('#i-layer')])
		for (const [code, name] of Object.entries(LAYER_NAMES))
			sel.append(h('option', { value: code, selected: code ===
			    layer }, name));
	$('#o-q').value = q;
	const { map, ready } = makeMap($('#o-map'), { baseLayers: ['kommun'],
	    labels: false });
	await ready;
	await showLayer(map, layer, q);
	setupImport();
	setupRename();
}

async function showLayer(map, layer, q) {
	const fc = await api('GET', '/areas', null, { layer, q,
	    format: 'geojson' });
	const tb = clear($('#area-table tbody'));
	const g = L.geoJSON(fc, { style: { color: '#0b4f8a', weight: 2,
	    fillOpacity: 0.1 } });
	g.eachLayer((l) => l.bindTooltip(escapeText(
	    l.feature.properties.name || '')));
	g.addTo(map);
	frame(map, g.getBounds());
	for (const f of fc.features || []) {
		const p = f.properties || {};
		const actions = h('td', { 'data-role': 'samordnare' });
		if (hasRole('samordnare')) {
			const rn = h('button', { type: 'button', class: 'secondary' },
			    'Byt namn', h('span', { class: 'visually-hidden' },
			    ` på ${p.name}`));
			const del = h('button', { type: 'button', class: 'danger' },
			    'Ta bort', h('span', { class: 'visually-hidden' },
			    ` ${p.name}`));
			rn.addEventListener('click', () => openRename(p));
			del.addEventListener('click', () => remove(p));
			actions.append(rn, ' ', del);
		}
		const parent = p.parent ? `${LAYER_NAMES[p.parent.layer] ||
		    p.parent.layer} ${p.parent.code}` : '';
		tb.append(h('tr', { id: `area-${p.id}` },
		    h('td', {}, p.code), h('th', { scope: 'row' }, p.name),
		    h('td', {}, parent), actions));
	}
	applyRoles($('#area-table'));
	if (!tb.children.length)
		tb.append(h('tr', {}, h('td', { colspan: 4 },
		    `Inga områden i lagret ${LAYER_NAMES[layer] || layer}.`)));
}

function setupImport() {
	$('#import-form').addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const err = $('#import-error');
		err.hidden = true;
		const file = $('#i-file').files[0];
		if (!file) {
			err.textContent = 'Välj en GeoJSON-fil.';
			err.hidden = false;
			return;
		}
		const text = await file.text();
		const btn = $('#import-form button');
		btn.disabled = true;
		try {
			const r = await api('POST', '/areas/import', text, {
				layer: $('#i-layer').value,
				code_field: $('#i-code').value.trim(),
				name_field: $('#i-name').value.trim(),
			});
			showSummary(r);
		} catch (e) {
			err.textContent = `Importen misslyckades: ${e.message}` +
			    (e.field ? ` (${e.field})` : '');
			err.hidden = false;
		} finally {
			btn.disabled = false;
		}
	});
}

function showSummary(r) {
	const out = clear($('#import-result'));
	const row = (k, label) => h('tr', {}, h('th', { scope: 'row' }, label),
	    h('td', { class: 'num' }, formatNumber(r[k] ?? 0)));
	out.append(h('table', { id: 'import-summary' },
	    h('caption', {}, 'Resultat av importen'), h('tbody', {},
	    row('read', 'Lästa'), row('added', 'Tillagda'),
	    row('updated', 'Uppdaterade'), row('unchanged', 'Oförändrade'),
	    row('rejected', 'Avvisade'))));
	const rej = r.rejected_rows || r.errors || [];
	if (rej.length) {
		const ul = h('ul', {});
		for (const x of rej)
			ul.append(h('li', {}, `Objekt ${x.line ?? x.feature ?? ''}: ` +
			    `${x.message || x.reason || ''}`));
		out.append(h('h3', {}, 'Avvisade objekt'), ul);
	}
}

function setupRename() {
	const dlg = $('#rename');
	$('#rn-cancel').addEventListener('click', () => dlg.close());
	$('#rename-form').addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const name = $('#rn-name').value.trim();
		try {
			await api('PATCH', `/areas/${renaming.id}`, { name });
			dlg.close();
			$(`#area-${renaming.id} th`).textContent = name;
			announce(`Området heter nu ${name}.`);
		} catch (e) {
			$('#rn-error').textContent = e.message;
			$('#rn-error').hidden = false;
		}
	});
}

function openRename(p) {
	renaming = p;
	$('#rn-h').textContent = `Byt namn på ${p.name}`;
	$('#rn-name').value = p.name;
	$('#rn-error').hidden = true;
	$('#rename').showModal();
}

async function remove(p) {
	if (!window.confirm(`Ta bort området ${p.name}?`))
		return;
	try {
		await api('DELETE', `/areas/${p.id}`);
		$(`#area-${p.id}`).remove();
		announce(`${p.name} är borttaget.`);
	} catch (e) {
		announce(`Kunde inte ta bort ${p.name}: ${e.message}`, 'bad');
	}
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
