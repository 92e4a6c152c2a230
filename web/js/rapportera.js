// Rapportera händelse: one or several incidents in one go. Place by
// tapping the map, by the device's position, or by choosing an area;
// time defaults to now; the free text is checked live for personal data.
// Everything is sent in one POST (all or none); the API's validation
// errors are shown beside the field they concern. Photos (JPEG or PNG) go
// to each created incident afterwards; the server removes their metadata.
import { api } from './api.js';
import { start, announce, categories, categoryOptions, showFieldError,
    clearFieldErrors } from './app.js';
import { makeMap } from './map.js';
import { piiWarning } from './pii.js';
import { $, h, clear, localInputValue, formatTime, LAYER_NAMES,
    SEVERITY_NAMES } from './util.js';

const L = window.L;
const PHOTO_MAX = 10;
const PHOTO_MAX_MB = 5;
let cats = [];
let areas = [];
let seq = 0;
const blocks = [];

async function main() {
	await start({ role: 'rapportor' });
	cats = await categories();
	areas = await loadAreas();
	addIncident();
	$('#add-incident').addEventListener('click', () => {
		const b = addIncident();
		b.el.querySelector('select').focus();
	});
	$('#report').addEventListener('submit', submit);
}

async function loadAreas() {
	const out = [];
	for (const layer of ['stadsdel', 'plats']) {
		try {
			const r = await api('GET', '/areas', null, { layer });
			out.push(...(r.items || []));
		} catch (e) {
			/* a layer that is not there is just left out */
		}
	}
	return out;
}

function radios(name, legend, field, options, checked) {
	const fs = h('fieldset', { 'data-field': field, class: 'field' },
	    h('legend', {}, legend));
	const box = h('div', { class: 'choices' });
	for (const [value, label] of options) {
		const id = `${name}-${value}`;
		box.append(h('label', { for: id }, h('input', { type: 'radio',
		    id, name, value, checked: String(value) === String(checked) }),
		    label));
	}
	fs.append(box);
	return fs;
}

function addIncident() {
	const n = ++seq;
	const id = (s) => `${s}-${n}`;
	const b = { n, lat: null, lon: null, marker: null };
	const cat = h('select', { id: id('category'), name: 'category',
	    'data-field': 'category', required: true },
	    h('option', { value: '' }, 'Välj kategori …'));
	categoryOptions(cat, cats, { estOnly: true });

	const mapEl = h('div', { class: 'map map-small', id: id('map'),
	    role: 'application', 'aria-label': 'Karta: tryck eller klicka ' +
	    'där händelsen inträffade' });
	const placeOut = h('p', { id: id('place-out'), 'aria-live': 'polite' },
	    'Ingen plats vald.');
	const gpsBtn = h('button', { type: 'button', class: 'secondary' },
	    'Använd min position');
	const centreBtn = h('button', { type: 'button', class: 'secondary' },
	    'Välj kartans mitt');
	const areaSel = h('select', { id: id('area'), name: 'area',
	    'data-field': 'area' }, h('option', { value: '' }, '– inget –'));
	for (const layer of ['stadsdel', 'plats']) {
		const list = areas.filter((a) => a.layer === layer);
		if (!list.length)
			continue;
		const g = h('optgroup', { label: LAYER_NAMES[layer] });
		for (const a of list)
			g.append(h('option', { value: `${a.layer}:${a.code}` },
			    a.name));
		areaSel.append(g);
	}
	const place = h('fieldset', { class: 'field', 'data-field': 'lat' },
	    h('legend', {}, 'Plats'),
	    h('p', { class: 'hint' }, 'Tryck på kartan, använd din ' +
	    'position eller välj ett område.'),
	    mapEl, placeOut,
	    h('div', { class: 'actions' }, gpsBtn, centreBtn),
	    h('div', { class: 'field' }, h('label', { for: id('area') },
	    'eller välj område eller plats'), areaSel));

	const from = h('input', { type: 'datetime-local', id: id('from'),
	    name: 'observed_from', 'data-field': 'observed_from',
	    value: localInputValue(), required: true });
	const interval = h('input', { type: 'checkbox', id: id('interval') });
	const to = h('input', { type: 'datetime-local', id: id('to'),
	    name: 'observed_to', 'data-field': 'observed_to' });
	const toWrap = h('div', { class: 'field', hidden: true },
	    h('label', { for: id('to') }, 'Till'), to);
	interval.addEventListener('change', () => {
		toWrap.hidden = !interval.checked;
		if (interval.checked && !to.value)
			to.value = from.value;
	});

	const people = h('input', { type: 'number', id: id('people'),
	    name: 'people_count', 'data-field': 'people_count', min: 0,
	    max: 10000, inputmode: 'numeric' });
	const text = h('textarea', { id: id('text'), name: 'description',
	    'data-field': 'description', maxlength: 4000,
	    'aria-describedby': id('text-hint') });
	const warn = h('p', { id: id('text-warn'), class: 'warning-text',
	    'aria-live': 'polite', hidden: true });
	text.addEventListener('input', () => {
		const w = piiWarning(text.value);
		warn.textContent = w;
		warn.hidden = !w;
	});

	const photos = h('input', { type: 'file', id: id('photos'),
	    name: 'photos', 'data-field': 'photo', multiple: true,
	    accept: 'image/jpeg,image/png', 'aria-describedby': id('photos-hint') });

	const remove = h('button', { type: 'button', class: 'danger' },
	    `Ta bort händelse ${n}`);
	const el = h('fieldset', { class: 'incident', id: id('incident'),
	    'data-index': n },
	    h('legend', {}, `Händelse ${n}`),
	    h('div', { class: 'field' }, h('label', { for: id('category') },
	    'Kategori'), cat),
	    place,
	    h('div', { class: 'field' }, h('label', { for: id('from') },
	    'Tidpunkt (eller från)'), from),
	    h('div', { class: 'field choices' }, h('label',
	    { for: id('interval') }, interval, 'Pågick under en period')),
	    toWrap,
	    radios(id('severity'), 'Allvarlighet', 'severity',
	    Object.entries(SEVERITY_NAMES), 1),
	    radios(id('certainty'), 'Observerad eller misstänkt', 'certainty',
	    [['observed', 'Observerad'], ['suspected', 'Misstänkt']],
	    'observed'),
	    h('div', { class: 'field' }, h('label', { for: id('people') },
	    'Antal personer (om några)'), people),
	    h('div', { class: 'field' }, h('label', { for: id('text') },
	    'Beskrivning'), h('p', { class: 'hint', id: id('text-hint') },
	    'Vad hände? Inga namn eller personnummer.'), text, warn),
	    h('div', { class: 'field' }, h('label', { for: id('photos') },
	    'Foton (om några)'), h('p', { class: 'hint', id: id('photos-hint') },
	    `JPEG eller PNG, högst ${PHOTO_MAX_MB} MB och ${PHOTO_MAX} per ` +
	    'händelse. Plats, tid, kamera och annan metadata tas bort när ' +
	    'fotot sparas. Undvik bilder där personer kan kännas igen.'),
	    photos),
	    remove);
	b.el = el;
	$('#incidents').append(el);
	blocks.push(b);
	updateRemoveButtons();

	/* The town's districts, where reports are made, not the whole kommun. */
	const { map, ready } = makeMap(mapEl, { frameLayer: 'stadsdel' });
	b.map = map;
	const setPoint = (lat, lon, how) => {
		b.lat = lat;
		b.lon = lon;
		areaSel.value = '';
		if (!b.marker)
			b.marker = L.circleMarker([lat, lon], { radius: 9,
			    color: '#ffffff', weight: 3, fillColor: '#a01b12',
			    fillOpacity: 1 }).addTo(map);
		else
			b.marker.setLatLng([lat, lon]);
		placeOut.textContent = `Vald plats (${how}): ` +
		    `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
	};
	b.setPoint = setPoint;
	map.on('click', (ev) => setPoint(ev.latlng.lat, ev.latlng.lng,
	    'kartan'));
	centreBtn.addEventListener('click', () => {
		const c = map.getCenter();
		setPoint(c.lat, c.lng, 'kartans mitt');
	});
	gpsBtn.addEventListener('click', () => {
		if (!navigator.geolocation) {
			placeOut.textContent = 'Enheten kan inte ange position.';
			return;
		}
		placeOut.textContent = 'Hämtar position …';
		navigator.geolocation.getCurrentPosition((pos) => {
			setPoint(pos.coords.latitude, pos.coords.longitude,
			    'din position');
			map.setView([pos.coords.latitude, pos.coords.longitude],
			    15);
		}, () => {
			placeOut.textContent = 'Kunde inte hämta positionen. ' +
			    'Tryck på kartan eller välj område.';
		}, { enableHighAccuracy: true, timeout: 10000 });
	});
	areaSel.addEventListener('change', () => {
		if (!areaSel.value)
			return;
		b.lat = b.lon = null;
		if (b.marker) {
			b.marker.remove();
			b.marker = null;
		}
		placeOut.textContent = 'Vald plats: ' +
		    areaSel.selectedOptions[0].textContent;
	});
	remove.addEventListener('click', () => {
		const i = blocks.indexOf(b);
		blocks.splice(i, 1);
		map.remove();
		el.remove();
		updateRemoveButtons();
		$('#add-incident').focus();
	});
	ready.then(() => map.invalidateSize());
	return b;
}

function updateRemoveButtons() {
	for (const b of blocks)
		b.el.querySelector('button.danger').hidden = blocks.length < 2;
}

function readBlock(b) {
	const q = (name) => b.el.querySelector(`[name="${name}"]`);
	const checked = (name) => b.el.querySelector(
	    `input[name="${name}-${b.n}"]:checked`);
	const item = { category: q('category').value };
	const from = q('observed_from').value;
	if (from)
		item.observed_from = from.length === 16 ? `${from}:00` : from;
	if (b.el.querySelector(`#interval-${b.n}`).checked) {
		const to = q('observed_to').value;
		if (to)
			item.observed_to = to.length === 16 ? `${to}:00` : to;
	}
	const area = q('area').value;
	if (b.lat !== null) {
		item.lat = +b.lat.toFixed(6);
		item.lon = +b.lon.toFixed(6);
	} else if (area) {
		const [layer, code] = area.split(':');
		item.area = code;
		item.layer = layer;
	}
	item.severity = +checked('severity').value;
	item.certainty = checked('certainty').value;
	const people = q('people_count').value;
	if (people !== '')
		item.people_count = Number(people);
	const text = q('description').value.trim();
	if (text)
		item.description = text;
	return item;
}

// Checks what the API cannot tell apart from a typo: a missing category
// or place. Everything else is validated by the API.
function precheck(b, item) {
	let ok = true;
	if (!item.category) {
		showFieldError(b.el, 'category', 'Välj en kategori.');
		ok = false;
	}
	const files = [...b.el.querySelector('[name="photos"]').files];
	const big = files.find((f) => f.size > PHOTO_MAX_MB * 1024 * 1024);
	if (files.length > PHOTO_MAX || big) {
		showFieldError(b.el, 'photo', big ? `${big.name} är större ` +
		    `än ${PHOTO_MAX_MB} MB.` : `Högst ${PHOTO_MAX} foton per ` +
		    'händelse.');
		ok = false;
	}
	if (item.lat === undefined && item.area === undefined) {
		showFieldError(b.el, 'lat', 'Välj en plats: tryck på kartan, ' +
		    'använd din position eller välj ett område.');
		ok = false;
	}
	return ok;
}

const FIELD_RE = /^items\[(\d+)\]\.(.+)$|^items\.(\d+)\.(.+)$/;

function fieldFor(name) {
	if (name === 'lon' || name === 'x' || name === 'y')
		return 'lat';
	if (name === 'layer')
		return 'area';
	return name;
}

async function submit(ev) {
	ev.preventDefault();
	const formErr = $('#form-error');
	formErr.hidden = true;
	$('#status').hidden = true;
	for (const b of blocks)
		clearFieldErrors(b.el);
	const items = blocks.map(readBlock);
	let ok = true;
	blocks.forEach((b, i) => {
		ok = precheck(b, items[i]) && ok;
	});
	if (!ok) {
		focusFirstError();
		return;
	}
	const btn = $('#send');
	btn.disabled = true;
	try {
		const body = items.length === 1 ? items[0] : { items };
		const r = await api('POST', '/incidents', body);
		const created = r && r.items ? r.items : [r];
		const failed = await sendPhotos(created);
		confirmSent(created, failed);
	} catch (e) {
		let shown = false;
		if (e.field) {
			const m = FIELD_RE.exec(e.field);
			const idx = m ? +(m[1] ?? m[3]) : 0;
			const name = m ? (m[2] ?? m[4]) : e.field;
			const b = blocks[Math.min(idx, blocks.length - 1)];
			shown = showFieldError(b.el, fieldFor(name), e.message);
		}
		if (!shown) {
			formErr.textContent = `Rapporten skickades inte: ${e.message}`;
			formErr.hidden = false;
		} else {
			formErr.textContent = 'Rapporten skickades inte. Rätta ' +
			    'det som är markerat och försök igen.';
			formErr.hidden = false;
		}
		focusFirstError();
	} finally {
		btn.disabled = false;
	}
}

// The file as base64 (without the data: prefix).
function base64Of(file) {
	return new Promise((resolve, reject) => {
		const rd = new FileReader();
		rd.onload = () => resolve(String(rd.result).replace(/^[^,]*,/, ''));
		rd.onerror = () => reject(rd.error);
		rd.readAsDataURL(file);
	});
}

// Sends each block's photos to its created incident; returns the lines
// that say which could not be saved (the incident itself is saved).
async function sendPhotos(created) {
	const failed = [];
	for (let i = 0; i < blocks.length && i < created.length; i++) {
		const files = [...blocks[i].el.querySelector('[name="photos"]')
		    .files];
		for (const f of files) {
			try {
				await api('POST', `/incidents/${created[i].id}` +
				    '/photos', { media_type: f.type ||
				    'application/octet-stream',
				    data: await base64Of(f) });
			} catch (e) {
				failed.push(`Fotot ${f.name} till nr ${created[i].id} ` +
				    `sparades inte: ${e.message}`);
			}
		}
	}
	return failed;
}

function focusFirstError() {
	const bad = $('#report [aria-invalid="true"]');
	if (bad)
		bad.focus();
}

function confirmSent(created, failed = []) {
	const n = created.length;
	const list = h('ul', { id: 'sent-list' });
	for (const inc of created) {
		const c = cats.find((x) => x.code === inc.category);
		list.append(h('li', {}, `Nr ${inc.id}: ${c ? c.name :
		    inc.category}, ${formatTime(inc.observed_from)}`));
	}
	const st = $('#status');
	announce(h('div', {}, h('h2', {}, n === 1 ? 'Tack! Händelsen är ' +
	    'rapporterad.' : `Tack! ${n} händelser är rapporterade.`), list,
	    failed.length ? h('ul', { id: 'photo-errors',
	    class: 'error-text' }, ...failed.map((t) => h('li', {}, t))) : null,
	    h('p', {}, h('a', { href: 'handelser.html' },
	    'Visa i händelselistan'), ' eller rapportera en ny nedan.')));
	st.focus();
	for (const b of blocks.splice(0)) {
		b.map.remove();
		b.el.remove();
	}
	clear($('#incidents'));
	seq = 0;
	addIncident();
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
