// The lägesbild map's layers and their legend. The heat map (KDE) and the
// Gi* hotspots must be readable together, so:
//  - draw order: area polygons, then the heat map, then the hotspot
//    outlines, then the week's incidents and rings (Leaflet panes);
//  - the heat map is a blue ramp (light to dark, so it stays visible on
//    the pale base map) and the hotspots are red outlines without fill,
//    each on a white halo, so they stand out on any part of the ramp and
//    never hide it;
//  - every layer has a legend entry with a check box that shows or hides
//    it, and the legend's colours come from the same constants as the map.
import { escapeText } from './map.js';
import { h, clear, formatNumber } from './util.js';

const L = window.L;

// Pane z-indices: Leaflet's overlayPane (400) holds the incidents and rings.
const PANES = { lbKde: 350, lbHotspots: 380 };

export function addPanes(map) {
	for (const [name, z] of Object.entries(PANES)) {
		if (!map.getPane(name))
			map.createPane(name).style.zIndex = String(z);
	}
	/* the heat map is a picture: no pointer events under the markers */
	map.getPane('lbKde').style.pointerEvents = 'none';
}

// Blue ramp of the heat map, low to high (ColorBrewer GnBu, no near-white
// step: the lowest cells shown must still be seen on #f4f1ea).
export const KDE_RAMP = ['#ccebc5', '#7bccc4', '#4eb3d3', '#2b8cbe',
    '#08589e'];
// Opacity of a cell of relative density t (0..1).
export const kdeOpacity = (t) => 0.45 + 0.35 * t;

function hex(c) {
	return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
}

// The ramp's colour at t in [0, 1], interpolated between its stops.
export function kdeColour(t) {
	const x = Math.min(1, Math.max(0, t)) * (KDE_RAMP.length - 1);
	const i = Math.min(KDE_RAMP.length - 2, Math.floor(x));
	const a = hex(KDE_RAMP[i]), b = hex(KDE_RAMP[i + 1]);
	const f = x - i;
	const rgb = a.map((v, k) => Math.round(v + (b[k] - v) * f));
	return `rgb(${rgb.join(',')})`;
}

// Gi* levels: outline colour, width and dash; darker and wider is surer.
export const LEVELS = {
	hot99: { colour: '#67000d', weight: 3, dash: null,
	    name: 'Hotspot 99\u00a0%', legend: 'Hotspot, z ≥ 2,58 (Gi*, ' +
	    'signifikant efter FDR)' },
	hot95: { colour: '#cb181d', weight: 2.5, dash: null,
	    name: 'Hotspot 95\u00a0%', legend: 'Hotspot, z ≥ 1,96' },
	hot90: { colour: '#cb181d', weight: 2, dash: '5 3',
	    name: 'Hotspot 90\u00a0%', legend: 'Hotspot, svagare (streckad)' },
	cold: { colour: '#08306b', weight: 2, dash: '2 3',
	    name: 'Kall punkt', legend: 'Kall punkt: färre än väntat ' +
	    '(prickad)' },
};

export function levelOf(c) {
	if (c.class === 'cold')
		return 'cold';
	// z withheld by the sharing rules (a hidden count in the grid)
	if (typeof c.z !== 'number')
		return 'hot95';
	const z = Math.abs(c.z);
	return z >= 2.576 ? 'hot99' : z >= 1.96 ? 'hot95' : 'hot90';
}

// "Hotspot 95 %", "Kall punkt 99 %": the level of a cell in words.
export function levelName(c) {
	if (typeof c.z !== 'number')
		return c.class === 'cold' ? 'Kall punkt' : 'Hotspot (nivå dold)';
	if (c.class !== 'cold')
		return LEVELS[levelOf(c)].name;
	const z = Math.abs(c.z);
	return `Kall punkt ${z >= 2.576 ? 99 : z >= 1.96 ? 95 : 90}\u00a0%`;
}

// A cell's z for people: "dolt" when the sharing rules withhold it.
export function zText(c) {
	return typeof c.z === 'number' ? formatNumber(c.z, 2) : 'dolt';
}

// Bounds of a square of side metres around lat, lon.
export function square(lat, lon, side) {
	const dlat = side / 2 / 111320;
	const dlon = side / 2 / (111320 * Math.cos(lat * Math.PI / 180));
	return [[lat - dlat, lon - dlon], [lat + dlat, lon + dlon]];
}

// Cells under this share of the peak are left out (the kernel's tails).
const KDE_FLOOR = 0.005;

// The density shown at full colour: the 95th percentile of the cells
// drawn, not the peak. One dense corner (a station, a centre) would
// otherwise leave every other cell near the lightest colour, which is
// why the heat map looked faint; densities above it all show the darkest
// step, and the square root spreads the low end.
export function kdeScale(values, peak) {
	const max = peak || values.reduce((m, v) => Math.max(m, v), 0);
	const shown = values.filter((v) => v > KDE_FLOOR * max)
	    .sort((x, y) => x - y);
	const q = shown.length ? shown[Math.floor(0.95 * (shown.length - 1))] :
	    max;
	return { max, full: Math.max(q, 0.05 * max) || 1 };
}

// The KDE surface as a layer group of canvas cells (null without one).
export function kdeLayer(k) {
	if (!k || !k.values || !k.nx || !k.ny || !k.bbox)
		return null;
	const renderer = L.canvas({ padding: 0.2, pane: 'lbKde' });
	/* Rows from south to north; cells mapped linearly into the WGS84
	 * bbox of the grid (close enough for a town). */
	const [w, s, e, n] = k.bbox;
	const dx = (e - w) / k.nx, dy = (n - s) / k.ny;
	const top = kdeScale(k.values, k.max);
	const g = L.layerGroup();
	for (let j = 0; j < k.ny; j++) {
		for (let i = 0; i < k.nx; i++) {
			const v = k.values[j * k.nx + i];
			if (!(v > KDE_FLOOR * top.max))
				continue;
			const t = Math.sqrt(Math.min(1, v / top.full));
			L.rectangle([[s + j * dy, w + i * dx],
			    [s + (j + 1) * dy, w + (i + 1) * dx]], { renderer,
			    pane: 'lbKde', stroke: false,
			    fillColor: kdeColour(t), fillOpacity: kdeOpacity(t),
			    interactive: false }).addTo(g);
		}
	}
	return g;
}

// The significant Gi* cells as outlines on white halos (all halos first,
// so no halo covers a neighbour's outline).
export function hotspotLayer(cells, side, num) {
	const g = L.layerGroup();
	const boxes = cells.map((c) => [c, LEVELS[levelOf(c)],
	    square(c.lat, c.lon, side)]);
	for (const [, lv, b] of boxes)
		L.rectangle(b, { pane: 'lbHotspots', color: '#ffffff',
		    weight: lv.weight + 2, opacity: 0.9, fill: false,
		    interactive: false, className: 'hotspot-halo' }).addTo(g);
	for (const [c, lv, b] of boxes)
		L.rectangle(b, { pane: 'lbHotspots', color: lv.colour,
		    weight: lv.weight, dashArray: lv.dash, fill: true,
		    fillOpacity: 0, className: 'hotspot' }).bindTooltip(
		    escapeText(`${levelName(c)}: ${num(c.count)} händelser i ` +
		    `rutan, z = ${zText(c)}`)).addTo(g);
	return g;
}

function swatch(cls, paint) {
	const s = h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' });
	if (paint)
		paint(s.style);
	return s;
}

/*
 * Fills the legend list el: one entry per layer, each with a check box
 * that shows or hides it on map. layers: [{id, name, group, swatch,
 * items: [{swatch, text}], note}] (group may be null: the entry says the
 * layer is missing and has no check box).
 */
export function renderLegend(el, map, layers) {
	clear(el);
	for (const l of layers) {
		const id = `lb-show-${l.id}`;
		const head = l.group ?
		    h('label', { for: id }, h('input', { type: 'checkbox', id,
		    checked: true }), ' ', l.swatch, l.name) :
		    h('span', {}, l.swatch, l.name);
		const li = h('li', { class: 'legend-layer', 'data-layer': l.id },
		    head);
		if (l.items && l.items.length)
			li.append(h('ul', { class: 'legend-items' }, l.items.map((it) =>
			    h('li', {}, it.swatch, it.text))));
		if (l.note)
			li.append(h('p', { class: 'legend-note' }, l.note));
		if (l.group) {
			l.group.addTo(map);
			li.querySelector('input').addEventListener('change', (ev) => {
				if (ev.target.checked)
					l.group.addTo(map);
				else
					l.group.remove();
			});
		}
		el.append(li);
	}
}

// The legend entries' swatches.
export const swatches = {
	kde: () => swatch('ramp', (st) => {
		st.backgroundImage = `linear-gradient(to right, ${KDE_RAMP.map(
		    (c, i) => `${c} ${Math.round(100 * i / (KDE_RAMP.length -
		    1))}%`).join(', ')})`;
	}),
	level: (key) => swatch('outline', (st) => {
		const lv = LEVELS[key];
		st.borderColor = lv.colour;
		st.borderWidth = `${Math.max(2, lv.weight)}px`;
		st.borderStyle = lv.dash ? (key === 'cold' ? 'dotted' :
		    'dashed') : 'solid';
	}),
	point: () => swatch('point'),
	ringNew: () => swatch('ring-new'),
	ringRepeat: () => swatch('ring-repeat'),
};
