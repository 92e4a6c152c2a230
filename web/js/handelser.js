// Händelser: the incidents matching the filters in the URL (so a filtered
// view can be shared) as a table and as clustered markers on the map;
// one's own organisation's reports can be edited or withdrawn here.
import { api } from './api.js';
import { start, session, hasRole, announce, categories, categoryOptions,
    categoryName, showFieldError, clearFieldErrors } from './app.js';
import { makeMap, frame, incidentMarker, escapeText } from './map.js';
import { piiWarning } from './pii.js';
import { $, h, clear, formatTime, localDate, localInputValue, addDays,
    LAYER_NAMES, SOURCE_NAMES, SEVERITY_NAMES } from
    './util.js';

const L = window.L;
const FILTERS = ['from', 'to', 'area', 'layer', 'category', 'org', 'source',
    'status'];
let cats = [];
let orgs = [];
let areaNames = new Map();
let cluster = null;
let map = null;
let cursor = null;
let apiParams = null;
const shown = new Map();
// The zoom at which "Visa på kartan" shows one incident: a block or two.
const SHOW_ZOOM = 17;

async function main() {
	await start();
	cats = await categories();
	const [orgList, areaList] = await Promise.all([
		api('GET', '/organisations').then((r) => r.items || [])
		    .catch(() => []),
		loadAreas(),
	]);
	orgs = orgList;
	fillFilters(areaList);
	const m = makeMap($('#map'));
	map = m.map;
	cluster = L.markerClusterGroup({ showCoverageOnHover: false,
	    maxClusterRadius: 40 });
	map.addLayer(cluster);
	await m.ready;
	setupEdit();
	$('#more').addEventListener('click', () => load(false));
	await load(true);
}

async function loadAreas() {
	const out = [];
	for (const layer of ['kommun', 'stadsdel', 'plats']) {
		try {
			const r = await api('GET', '/areas', null, { layer });
			out.push(...(r.items || []));
		} catch (e) {
			/* missing layer: left out */
		}
	}
	for (const a of out)
		areaNames.set(`${a.layer}:${a.code}`, a.name);
	return out;
}

function fillFilters(areaList) {
	const params = new URLSearchParams(location.search);
	if (!params.has('from') && !params.has('to')) {
		params.set('from', addDays(new Date(`${localDate()}T00:00:00Z`),
		    -30));
		history.replaceState(null, '', `?${params}`);
	}
	const areaSel = $('#f-area');
	for (const layer of ['kommun', 'stadsdel', 'plats']) {
		const list = areaList.filter((a) => a.layer === layer);
		if (!list.length)
			continue;
		const g = h('optgroup', { label: LAYER_NAMES[layer] });
		for (const a of list)
			g.append(h('option', { value: a.code,
			    'data-layer': a.layer }, a.name));
		areaSel.append(g);
	}
	categoryOptions($('#f-category'), cats);
	for (const o of orgs)
		$('#f-org').append(h('option', { value: o.code }, o.name));
	for (const f of FILTERS) {
		const el = $(`#f-${f}`);
		if (el && params.has(f))
			el.value = params.get(f);
	}
	if (params.get('area') && params.get('layer')) {
		const opt = areaSel.querySelector(`option[value="${CSS.escape(
		    params.get('area'))}"][data-layer="${CSS.escape(
		    params.get('layer'))}"]`);
		if (opt)
			opt.selected = true;
	}
	const syncLayer = () => {
		const o = areaSel.selectedOptions[0];
		$('#f-layer').value = o && o.dataset.layer ? o.dataset.layer : '';
	};
	areaSel.addEventListener('change', syncLayer);
	syncLayer();
	// Leave empty fields out of the URL.
	$('#filters').addEventListener('submit', () => {
		for (const el of $('#filters').querySelectorAll('[name]'))
			el.disabled = el.value === '';
	});
	apiParams = {};
	for (const f of FILTERS) {
		const v = params.get(f);
		if (!v)
			continue;
		if (f === 'from')
			apiParams.from = `${v}T00:00:00`;
		else if (f === 'to')
			apiParams.to = `${addDays(new Date(`${v}T00:00:00Z`), 1)}` +
			    'T00:00:00';
		else
			apiParams[f] = v;
	}
}

async function load(first) {
	const p = { ...apiParams, limit: 200 };
	if (!first && cursor)
		p.cursor = cursor;
	let r;
	try {
		r = await api('GET', '/incidents', null, p);
	} catch (e) {
		$('#summary').textContent = '';
		if (e.field)
			showFieldError($('#filters'), e.field, e.message);
		announce(`Kunde inte hämta händelser: ${e.message}`, 'bad');
		return;
	}
	if (first) {
		clear($('#incident-table tbody'));
		cluster.clearLayers();
		shown.clear();
	}
	for (const inc of r.items || [])
		addIncident(inc);
	cursor = r.next_cursor;
	$('#more').hidden = !cursor;
	$('#summary').textContent = `${shown.size} händelser visas` +
	    (cursor ? ' (det finns fler).' : '.');
	/* For the browser tests: what the map holds once a page is in. */
	$('#map').dataset.markers = String(cluster.getLayers().length);
	if (first && shown.size > 0)
		frame(map, cluster.getBounds(), 20, 15);
}

function areaText(inc) {
	const a = inc.areas || {};
	const parts = [];
	for (const layer of ['plats', 'stadsdel', 'kommun']) {
		if (a[layer])
			parts.push(areaNames.get(`${layer}:${a[layer]}`) || a[layer]);
	}
	return parts.join(', ');
}

function orgName(code) {
	const o = orgs.find((x) => x.code === code);
	return o ? o.name : code;
}

function mayEdit(inc) {
	if (inc.can_edit !== undefined)
		return inc.can_edit;
	const s = session();
	return inc.status !== 'withdrawn' && hasRole('rapportor') &&
	    inc.organisation === s.user.organisation;
}

function addIncident(inc) {
	const tr = h('tr', { id: `inc-${inc.id}`, class: inc.status ===
	    'withdrawn' ? 'withdrawn' : null });
	const desc = inc.description !== undefined && inc.description !== null ?
	    inc.description : null;
	const actions = h('td', {});
	const showBtn = h('button', { type: 'button', class: 'secondary' },
	    'Visa på kartan', h('span', { class: 'visually-hidden' },
	    ` nr ${inc.id}`));
	actions.append(showBtn);
	if (mayEdit(inc)) {
		const edit = h('button', { type: 'button', class: 'secondary',
		    'data-action': 'edit' }, 'Ändra',
		    h('span', { class: 'visually-hidden' }, ` nr ${inc.id}`));
		const wd = h('button', { type: 'button', class: 'danger',
		    'data-action': 'withdraw' }, 'Återkalla',
		    h('span', { class: 'visually-hidden' }, ` nr ${inc.id}`));
		edit.addEventListener('click', () => openEdit(inc));
		wd.addEventListener('click', () => withdraw(inc));
		actions.append(' ', edit, ' ', wd);
	}
	tr.append(
	    h('td', { class: 'num' }, String(inc.id)),
	    h('td', {}, formatTime(inc.observed_from),
	    inc.observed_to ? ` – ${formatTime(inc.observed_to)}` : ''),
	    h('td', {}, categoryName(cats, inc.category),
	    inc.certainty === 'suspected' ? ' (misstänkt)' : ''),
	    h('td', {}, areaText(inc)),
	    h('td', {}, orgName(inc.organisation), h('br'),
	    h('span', { class: 'tag' }, SOURCE_NAMES[inc.source] || inc.source)),
	    h('td', { class: 'num' }, SEVERITY_NAMES[inc.severity] ||
	    String(inc.severity)),
	    h('td', { class: 'desc' }, desc !== null ? desc :
	    h('span', { class: 'hint' }, desc === null && inc.description ===
	    undefined ? 'Visas bara för egen organisation' : '–')),
	    actions);
	const old = $(`#inc-${inc.id}`);
	if (old)
		old.replaceWith(tr);
	else
		$('#incident-table tbody').append(tr);
	if (shown.has(inc.id))
		cluster.removeLayer(shown.get(inc.id).marker);
	let marker = null;
	if (inc.lat !== null && inc.lat !== undefined) {
		marker = incidentMarker(inc);
		const popup = `<strong>Nr ${inc.id}: ${escapeText(
		    categoryName(cats, inc.category))}</strong><br>` +
		    `${escapeText(formatTime(inc.observed_from))}<br>` +
		    `${escapeText(orgName(inc.organisation))}` +
		    (desc ? `<br>${escapeText(desc)}` : '');
		marker.bindPopup(popup);
		cluster.addLayer(marker);
		// The map's own popup at the point, not the marker's: with
		// fractional zoom, markercluster's zoomToShowLayer can wait
		// forever for a cluster level the map never settles on.
		showBtn.addEventListener('click', () => {
			const at = marker.getLatLng();
			map.setView(at, Math.max(map.getZoom(), SHOW_ZOOM),
			    { animate: false });
			map.openPopup(popup, at);
			$('#map').scrollIntoView({ block: 'nearest' });
		});
	} else {
		showBtn.disabled = true;
	}
	shown.set(inc.id, { inc, marker });
}

let editing = null;

function setupEdit() {
	const dlg = $('#edit');
	categoryOptions($('#e-category'), cats);
	$('#edit-cancel').addEventListener('click', () => dlg.close());
	$('#e-text').addEventListener('input', () => {
		const w = piiWarning($('#e-text').value);
		$('#e-warn').textContent = w;
		$('#e-warn').hidden = !w;
	});
	$('#edit-form').addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const f = $('#edit-form');
		clearFieldErrors(f);
		$('#edit-error').hidden = true;
		const patch = {
			category: $('#e-category').value,
			observed_from: `${$('#e-from').value}:00`.slice(0, 19),
			severity: +f.querySelector('[name=severity]:checked').value,
			certainty: f.querySelector('[name=certainty]:checked').value,
		};
		const people = $('#e-people').value;
		if (people !== '')
			patch.people_count = Number(people);
		patch.description = $('#e-text').value.trim();
		try {
			const updated = await api('PATCH',
			    `/incidents/${editing.id}`, patch);
			dlg.close();
			addIncident(updated && updated.id ? updated : {
			    ...editing, ...patch });
			announce(`Händelse nr ${editing.id} är ändrad.`);
		} catch (e) {
			if (!e.field || !showFieldError(f, e.field, e.message)) {
				$('#edit-error').textContent = e.message;
				$('#edit-error').hidden = false;
			}
		}
	});
}

function openEdit(inc) {
	editing = inc;
	const f = $('#edit-form');
	clearFieldErrors(f);
	$('#edit-error').hidden = true;
	$('#edit-h').textContent = `Ändra händelse nr ${inc.id}`;
	$('#e-category').value = inc.category;
	$('#e-from').value = localInputValue(inc.observed_from);
	f.querySelector(`[name=severity][value="${inc.severity}"]`).checked = true;
	f.querySelector(`[name=certainty][value="${inc.certainty}"]`).checked =
	    true;
	$('#e-people').value = inc.people_count ?? '';
	$('#e-text').value = inc.description || '';
	$('#edit').showModal();
	$('#e-category').focus();
}

async function withdraw(inc) {
	if (!window.confirm(`Återkalla händelse nr ${inc.id}? Den finns kvar ` +
	    'i historiken men räknas inte längre.'))
		return;
	try {
		await api('DELETE', `/incidents/${inc.id}`);
		$(`#inc-${inc.id}`).classList.add('withdrawn');
		const s = shown.get(inc.id);
		if (s && s.marker)
			cluster.removeLayer(s.marker);
		for (const b of $(`#inc-${inc.id}`).querySelectorAll(
		    '[data-action]'))
			b.remove();
		announce(`Händelse nr ${inc.id} är återkallad.`);
	} catch (e) {
		announce(`Kunde inte återkalla nr ${inc.id}: ${e.message}`, 'bad');
	}
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
