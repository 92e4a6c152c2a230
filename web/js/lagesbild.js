// Lägesbild: the week's picture for one area. Reads GET /lagesbild (shape
// in docs/api.md, "GET /lagesbild"); if the server does not offer it yet,
// builds a simpler picture from /stats/counts and /incidents and says
// clearly what is missing (heat map, hotspots, near repeats). Printable.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { api, apiAll, ApiError } from './api.js';
import { start, session, announce, categories, categoryName } from
    './app.js';
import { makeMap, incidentMarker, escapeText } from './map.js';
import { $, h, clear, currentWeek, previousWeek, weekMonday, addDays,
    formatTime, formatNumber, weekdayHour, localDate, LAYER_NAMES,
    WEEKDAYS } from './util.js';

const L = window.L;
let cats = [];

async function main() {
	await start();
	cats = await categories();
	const areas = await loadAreas();
	const params = new URLSearchParams(location.search);
	let area = params.get('area');
	let layer = params.get('layer');
	if (!area) {
		const home = await homeArea(areas);
		if (home) {
			area = home.code;
			layer = home.layer;
		}
	}
	const period = params.get('period') || currentWeek();
	fillForm(areas, area, layer, period);
	$('#lb-print').addEventListener('click', () => window.print());
	if (!area) {
		announce('Det finns inga områden ännu. Importera kommungränser ' +
		    'under Områden.', 'warn');
		return;
	}
	const a = areas.find((x) => x.code === area &&
	    (!layer || x.layer === layer)) || { code: area, layer,
	    name: area };
	$('#lb-title').textContent = `Lägesbild ${a.name}, vecka ` +
	    `${period.slice(6)} ${period.slice(0, 4)}`;
	document.title = `${$('#lb-title').textContent} – samverkan`;
	$('#lb-printed').textContent = `Utskriven ${formatTime(new Date())} ` +
	    `av ${session().user.display_name || session().user.email}.`;
	let lb;
	try {
		lb = await api('GET', '/lagesbild', null, { area: a.code,
		    layer: a.layer, period });
	} catch (e) {
		if (!(e instanceof ApiError) || ![404, 405, 501].includes(
		    e.status) || e.code === 'invalid')
			throw e;
		lb = await fallback(a, period);
		const d = $('#lb-degraded');
		d.hidden = false;
		d.textContent = 'Servern har ännu ingen fullständig lägesbild. ' +
		    'Sidan visar en förenklad lägesbild räknad från ' +
		    'händelserna: värmekarta, hotspots och upprepningar saknas, ' +
		    'och signifikansen är ett enkelt Poisson-test mot snittet ' +
		    'för de tolv veckorna innan.';
	}
	lb.area = lb.area || a;
	render(lb, a, period);
}

async function loadAreas() {
	const out = [];
	for (const layer of ['kommun', 'lokalpolisomrade', 'stadsdel']) {
		try {
			const r = await api('GET', '/areas', null, { layer });
			out.push(...(r.items || []));
		} catch (e) {
			/* missing layer */
		}
	}
	return out;
}

// The user's kommun: the session's home_area when the server names it,
// else the kommun with most of the organisation's incidents in a year,
// else the only (or first) kommun.
async function homeArea(areas) {
	const s = session();
	if (s.home_area)
		return s.home_area;
	const kommuner = areas.filter((a) => a.layer === 'kommun');
	if (kommuner.length === 1)
		return kommuner[0];
	try {
		const c = await api('GET', '/stats/counts', null, {
			group: 'area', layer: 'kommun', org: s.user.organisation,
			from: `${addDays(new Date(`${localDate()}T00:00:00Z`),
			    -365)}T00:00:00`,
		});
		const best = (c.items || []).sort((x, y) => y.count - x.count)[0];
		if (best)
			return { code: best.key, layer: 'kommun', name: best.label };
	} catch (e) {
		/* fall through */
	}
	return kommuner[0] || areas[0] || null;
}

function fillForm(areas, area, layer, period) {
	const sel = $('#lb-area');
	for (const l of ['kommun', 'lokalpolisomrade', 'stadsdel']) {
		const list = areas.filter((a) => a.layer === l);
		if (!list.length)
			continue;
		const g = h('optgroup', { label: LAYER_NAMES[l] });
		for (const a of list)
			g.append(h('option', { value: a.code, 'data-layer': a.layer,
			    selected: a.code === area && (!layer ||
			    a.layer === layer) }, a.name));
		sel.append(g);
	}
	const sync = () => {
		const o = sel.selectedOptions[0];
		$('#lb-layer').value = o ? o.dataset.layer : '';
	};
	sel.addEventListener('change', sync);
	sync();
	$('#lb-period').value = period;
}

function weekRange(ws) {
	const mon = weekMonday(ws);
	return { from: `${addDays(mon, 0)}T00:00:00`,
	    to: `${addDays(mon, 7)}T00:00:00` };
}

function monthsBack(ws, n) {
	const mon = weekMonday(ws);
	const out = [];
	let y = mon.getUTCFullYear();
	let m = mon.getUTCMonth() + 1;
	for (let i = 0; i < n; i++) {
		out.unshift(`${y}-${String(m).padStart(2, '0')}`);
		if (--m === 0) {
			m = 12;
			y--;
		}
	}
	return out;
}

function nextMonth(key) {
	let [y, m] = key.split('-').map(Number);
	if (++m === 13) {
		m = 1;
		y++;
	}
	return `${y}-${String(m).padStart(2, '0')}`;
}

// P(X >= k) and P(X <= k) for X ~ Poisson(lambda).
function poissonTails(k, lambda) {
	let term = Math.exp(-lambda);
	let cdf = 0;
	for (let i = 0; i < k; i++) {
		cdf += term;
		term *= lambda / (i + 1);
	}
	const below = cdf;		/* P(X <= k-1) */
	return { upper: 1 - below, lower: below + term };
}

async function counts(group, a, range, extra = {}) {
	const r = await api('GET', '/stats/counts', null, { group,
	    area: a.code, layer: a.layer, ...range, ...extra });
	const m = new Map();
	for (const it of r.items || [])
		m.set(it.key, it);
	return { map: m, total: r.total };
}

// A lägesbild of the same shape as GET /lagesbild, from the basic routes.
async function fallback(a, period) {
	const prev = previousWeek(period);
	const cur = weekRange(period);
	const before = weekRange(prev);
	const mon = weekMonday(period);
	const base = { from: `${addDays(mon, -84)}T00:00:00`,
	    to: before.from };
	const [c, p, b] = await Promise.all([
		counts('category', a, cur), counts('category', a, before),
		counts('category', a, base)]);
	const codes = new Set([...c.map.keys(), ...p.map.keys()]);
	const categoriesOut = [];
	for (const code of codes) {
		const count = c.map.get(code)?.count || 0;
		const previous = p.map.get(code)?.count || 0;
		const baseline = (b.map.get(code)?.count || 0) / 12;
		const t = poissonTails(count, Math.max(baseline, 0.5));
		let direction = 'none';
		let pv = 1;
		if (count > baseline) {
			pv = t.upper;
			direction = 'up';
		} else if (count < baseline) {
			pv = t.lower;
			direction = 'down';
		}
		categoriesOut.push({ code, name: c.map.get(code)?.label ||
		    p.map.get(code)?.label || categoryName(cats, code), count,
		    previous, baseline, change: count - previous, p: pv,
		    significant: pv < 0.05, direction });
	}
	categoriesOut.sort((x, y) => y.count - x.count ||
	    x.code.localeCompare(y.code));
	const news = { categories: categoriesOut.filter((x) => x.count > 0 &&
	    x.previous === 0).map((x) => ({ code: x.code, name: x.name,
	    count: x.count })), areas: [], hotspots: [] };
	try {
		const [sc, sp] = await Promise.all([
			counts('area', a, cur, { layer: 'stadsdel' }),
			counts('area', a, before, { layer: 'stadsdel' })]);
		for (const [key, it] of sc.map)
			if (!sp.map.has(key))
				news.areas.push({ layer: 'stadsdel', code: key,
				    name: it.label, count: it.count });
	} catch (e) {
		/* no stadsdel layer */
	}
	const incidents = await apiAll('/incidents', { area: a.code,
	    layer: a.layer, ...cur });
	const matrix = Array.from({ length: 7 }, () => new Array(24).fill(0));
	for (const inc of incidents) {
		const [wd, hr] = weekdayHour(inc.observed_from);
		matrix[wd][hr]++;
	}
	const months = monthsBack(period, 12);
	const perMonth = await Promise.all(months.map((m) => counts('category',
	    a, { from: `${m}-01T00:00:00`, to: `${nextMonth(m)}-01T00:00:00` })));
	const totals = perMonth.map((x) => x.total);
	const sums = new Map();
	for (const pm of perMonth)
		for (const [code, it] of pm.map)
			sums.set(code, (sums.get(code) || 0) + it.count);
	const top = [...sums.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5);
	const series = top.map(([code]) => ({ code,
	    name: categoryName(cats, code),
	    counts: perMonth.map((pm) => pm.map.get(code)?.count || 0) }));
	return {
		degraded: true,
		period: { key: period, ...cur },
		previous: { key: prev, ...before },
		total: c.total, total_previous: p.total,
		categories: categoriesOut,
		kde: null, hotspots: null, near_repeats: null,
		hour_weekday: matrix,
		trend: { months, total: totals, series },
		new_since_last_week: news,
		_incidents: incidents,
	};
}

function render(lb, a, period) {
	renderCards(lb);
	renderNew(lb);
	renderCategories(lb);
	renderMap(lb, a, period);
	renderMatrix(lb.hour_weekday);
	renderTrends(lb.trend);
}

function changeText(count, previous) {
	const d = count - previous;
	if (d === 0)
		return 'oförändrat';
	const pct = previous > 0 ? ` (${d > 0 ? '+' : ''}${Math.round(100 * d /
	    previous)} %)` : '';
	return `${d > 0 ? '+' : '−'}${Math.abs(d)}${pct}`;
}

function renderCards(lb) {
	const ul = clear($('#lb-cards'));
	const hot = (lb.hotspots || []).filter((x) => x.level &&
	    x.level.startsWith('hot')).length;
	const sig = (lb.categories || []).filter((x) => x.significant &&
	    x.direction === 'up').length;
	const card = (label, value, extra, id) => h('li', { class: 'card',
	    id }, h('span', { class: 'value' }, value), label,
	    extra ? h('br') : null, extra || null);
	ul.append(
	    card('händelser denna vecka', formatNumber(lb.total),
	    `${changeText(lb.total, lb.total_previous)} mot förra veckan`,
	    'card-total'),
	    card('kategorier med signifikant ökning', String(sig), null,
	    'card-sig'),
	    card('hotspots', lb.hotspots ? String(hot) : '–',
	    lb.hotspots ? null : 'ej beräknat', 'card-hot'),
	    card('upprepningar', lb.near_repeats ? String(
	    lb.near_repeats.length) : '–', lb.near_repeats ? null :
	    'ej beräknat', 'card-repeats'));
}

function renderNew(lb) {
	const ul = clear($('#lb-new'));
	const n = lb.new_since_last_week || {};
	for (const c of n.categories || [])
		ul.append(h('li', {}, `Ny kategori denna vecka: ${c.name} ` +
		    `(${c.count})`));
	for (const x of n.areas || [])
		ul.append(h('li', {}, `Händelser i ${x.name} för första gången ` +
		    `på två veckor (${x.count})`));
	for (const i of n.hotspots || []) {
		const hs = (lb.hotspots || [])[i];
		if (hs)
			ul.append(h('li', {}, `Ny hotspot: ${hs.name || placeText(hs)}`));
	}
	for (const c of lb.categories || [])
		if (c.significant && c.direction === 'up')
			ul.append(h('li', {}, `Signifikant ökning: ${c.name} ` +
			    `(${c.count} mot snitt ${formatNumber(c.baseline, 1)})`));
	if (!ul.children.length)
		ul.append(h('li', {}, 'Inget nytt jämfört med förra veckan.'));
}

function renderCategories(lb) {
	const tb = clear($('#lb-categories tbody'));
	$('#lb-sig-note').textContent = 'Markerat "signifikant" när p < 0,05.';
	for (const c of lb.categories || []) {
		const cls = c.direction === 'up' ? 'change-up' :
		    c.direction === 'down' ? 'change-down' : '';
		tb.append(h('tr', {}, h('th', { scope: 'row' }, c.name),
		    h('td', { class: 'num' }, String(c.count)),
		    h('td', { class: 'num' }, String(c.previous)),
		    h('td', { class: 'num' }, formatNumber(c.baseline, 1)),
		    h('td', {}, h('span', { class: cls },
		    changeText(c.count, c.previous)),
		    c.significant ? h('span', { class: 'sig',
		    title: `p = ${formatNumber(c.p, 3)}` }, c.direction === 'up' ?
		    'signifikant ökning' : 'signifikant minskning') : null)));
	}
	if (!tb.children.length)
		tb.append(h('tr', {}, h('td', { colspan: 5 },
		    'Inga händelser denna eller förra veckan.')));
}

const LEVEL_COLOURS = { hot99: '#7f0000', hot95: '#d7301f', hot90: '#fc8d59',
    cold90: '#4575b4', cold95: '#4575b4', cold99: '#4575b4' };
const LEVEL_NAMES = { hot99: 'Hotspot 99 %', hot95: 'Hotspot 95 %',
    hot90: 'Hotspot 90 %', cold90: 'Kall punkt 90 %',
    cold95: 'Kall punkt 95 %', cold99: 'Kall punkt 99 %' };

function placeText(x) {
	return x.name || x.area || `${x.lat.toFixed(4)}, ${x.lon.toFixed(4)}`;
}

function kdeColour(t) {
	const r = 255 - Math.round(55 * t);
	const g = Math.round(200 * (1 - t));
	return `rgb(${r},${g},0)`;
}

async function renderMap(lb, a, period) {
	const { map, ready } = makeMap($('#lb-map'));
	const renderer = L.canvas({ padding: 0.2 });
	const bounds = await ready;
	if (lb.area && lb.area.bbox) {
		const [w, s, e, n] = lb.area.bbox;
		map.fitBounds([[s, w], [n, e]], { padding: [8, 8] });
	} else if (bounds) {
		map.fitBounds(bounds);
	}
	const k = lb.kde;
	if (k && k.values && k.nx && k.ny) {
		const [w, s, e, n] = k.bbox;
		const dx = (e - w) / k.nx, dy = (n - s) / k.ny;
		const max = k.max || Math.max(...k.values);
		const g = L.layerGroup([], { pane: 'overlayPane' });
		for (let j = 0; j < k.ny; j++) {
			for (let i = 0; i < k.nx; i++) {
				const v = k.values[j * k.nx + i];
				if (!(v > 0.05 * max))
					continue;
				const t = v / max;
				L.rectangle([[n - (j + 1) * dy, w + i * dx],
				    [n - j * dy, w + (i + 1) * dx]], { renderer,
				    stroke: false, fillColor: kdeColour(t),
				    fillOpacity: 0.25 + 0.5 * t,
				    interactive: false }).addTo(g);
			}
		}
		g.addTo(map);
		$('#lb-map').dataset.kdeCells = String(g.getLayers().length);
	}
	const hsBody = clear($('#lb-hotspots tbody'));
	if (lb.hotspots) {
		for (const hs of lb.hotspots) {
			const colour = LEVEL_COLOURS[hs.level] || '#777777';
			const label = `${LEVEL_NAMES[hs.level] || hs.level}: ` +
			    `${placeText(hs)}, ${hs.count} händelser, z = ` +
			    `${formatNumber(hs.z, 2)}`;
			const shape = hs.bbox ? L.rectangle([[hs.bbox[1], hs.bbox[0]],
			    [hs.bbox[3], hs.bbox[2]]], { color: colour, weight: 3,
			    fillColor: colour, fillOpacity: 0.35,
			    className: 'hotspot' }) :
			    L.circle([hs.lat, hs.lon], { radius: 150, color: colour,
			    weight: 3, fillOpacity: 0.35, className: 'hotspot' });
			shape.bindTooltip(escapeText(label)).addTo(map);
			hsBody.append(h('tr', { class: 'hotspot-row' },
			    h('td', {}, LEVEL_NAMES[hs.level] || hs.level),
			    h('td', {}, placeText(hs)),
			    h('td', { class: 'num' }, String(hs.count ?? '')),
			    h('td', { class: 'num' }, formatNumber(hs.z, 2)),
			    h('td', { class: 'num' }, formatNumber(hs.p, 4))));
		}
		if (!lb.hotspots.length)
			hsBody.append(h('tr', {}, h('td', { colspan: 5 },
			    'Inga signifikanta hotspots denna vecka.')));
	} else {
		hsBody.append(h('tr', {}, h('td', { colspan: 5 },
		    'Hotspots är inte beräknade (kräver serverns lägesbild).')));
	}
	const nrBody = clear($('#lb-repeats tbody'));
	if (lb.near_repeats) {
		for (const r of lb.near_repeats) {
			L.circle([r.lat, r.lon], { radius: r.radius_m || 200,
			    color: '#5b2a86', weight: 2, dashArray: '5 4',
			    fill: false }).bindTooltip(escapeText(
			    `Upprepning: ${categoryName(cats, r.category)}, ` +
			    `${r.count} gånger`)).addTo(map);
			nrBody.append(h('tr', {},
			    h('td', {}, categoryName(cats, r.category)),
			    h('td', {}, placeText(r)),
			    h('td', { class: 'num' }, String(r.count)),
			    h('td', {}, formatTime(r.first)),
			    h('td', {}, formatTime(r.last))));
		}
		if (!lb.near_repeats.length)
			nrBody.append(h('tr', {}, h('td', { colspan: 5 },
			    'Inga upprepningar denna vecka.')));
	} else {
		nrBody.append(h('tr', {}, h('td', { colspan: 5 },
		    'Upprepningar är inte beräknade (kräver serverns lägesbild).')));
	}
	let incidents = lb._incidents;
	if (!incidents) {
		try {
			incidents = await apiAll('/incidents', { area: a.code,
			    layer: a.layer, ...weekRange(period) });
		} catch (e) {
			incidents = [];
		}
	}
	let n = 0;
	for (const inc of incidents) {
		if (inc.lat === null || inc.lat === undefined)
			continue;
		incidentMarker(inc).bindTooltip(escapeText(
		    `Nr ${inc.id}: ${categoryName(cats, inc.category)}, ` +
		    `${formatTime(inc.observed_from)}`)).addTo(map);
		n++;
	}
	$('#lb-map').dataset.points = String(n);
}

function renderMatrix(m) {
	const wrap = clear($('#lb-matrix'));
	if (!m) {
		wrap.append(h('p', {}, 'Ingen tidsfördelning tillgänglig.'));
		return;
	}
	const max = Math.max(1, ...m.flat());
	const head = h('tr', {}, h('th', { scope: 'col' }, 'Dag'));
	for (let hr = 0; hr < 24; hr++)
		head.append(h('th', { scope: 'col' }, String(hr).padStart(2, '0')));
	const body = h('tbody');
	m.forEach((row, d) => {
		const tr = h('tr', {}, h('th', { scope: 'row' }, WEEKDAYS[d]));
		row.forEach((v, hr) => {
			const level = v === 0 ? 0 : Math.min(4, 1 + Math.floor(3 *
			    v / max));
			tr.append(h('td', { class: `h${level}`, title:
			    `${WEEKDAYS[d]} kl ${hr}–${hr + 1}: ${v}` },
			    v ? String(v) : ''));
		});
		body.append(tr);
	});
	wrap.append(h('table', { class: 'matrix', id: 'lb-matrix-table' },
	    h('caption', {}, 'Antal händelser per veckodag och timme ' +
	    '(mörkare = fler)'), h('thead', {}, head), body));
}

const SERIES_COLOURS = ['#0b4f8a', '#b35900', '#1d6b30', '#a01b12',
    '#5b2a86'];

function monthLabel(key) {
	const [y, m] = key.split('-').map(Number);
	return new Intl.DateTimeFormat('sv-SE', { month: 'short', year:
	    '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

function chart(el, months, series) {
	const width = Math.max(280, el.clientWidth || 500);
	const xs = months.map((_, i) => i);
	const opts = {
		width, height: 240,
		scales: { x: { time: false } },
		axes: [
			{ values: (u, ticks) => ticks.map((t) => months[t] ?
			    monthLabel(months[t]) : '') },
			{ label: 'Antal' },
		],
		series: [{ label: 'Månad', value: (u, v) => v === null ? '' :
		    months[v] }, ...series.map((s, i) => ({ label: s.name,
		    stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], width: 2,
		    points: { show: true } }))],
	};
	return new uPlot(opts, [xs, ...series.map((s) => s.counts)], el);
}

function renderTrends(t) {
	if (!t || !t.months) {
		$('#lb-trend-total').append(h('p', {}, 'Ingen trend tillgänglig.'));
		return;
	}
	chart($('#lb-trend-total'), t.months, [{ name: 'Alla händelser',
	    counts: t.total }]);
	chart($('#lb-trend-cats'), t.months, t.series || []);
	const head = h('tr', {}, h('th', { scope: 'col' }, 'Månad'),
	    h('th', { scope: 'col', class: 'num' }, 'Alla'));
	for (const s of t.series || [])
		head.append(h('th', { scope: 'col', class: 'num' }, s.name));
	const body = h('tbody');
	t.months.forEach((m, i) => {
		const tr = h('tr', {}, h('th', { scope: 'row' }, monthLabel(m)),
		    h('td', { class: 'num' }, String(t.total[i])));
		for (const s of t.series || [])
			tr.append(h('td', { class: 'num' }, String(s.counts[i])));
		body.append(tr);
	});
	$('#lb-trend-table').append(h('table', {}, h('caption', {},
	    'Händelser per månad'), h('thead', {}, head), body));
}

main().catch((e) => announce(`Något gick fel: ${e.message}`, 'bad'));
