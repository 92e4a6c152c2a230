// Lägesbild: the week's picture for one area. Reads GET /lagesbild (shape
// in docs/api.md, "GET /lagesbild"); if the server does not offer it yet,
// builds a simpler picture from /stats/counts and /incidents and says
// clearly what is missing (heat map, hotspots, near repeats). Printable.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { api, apiAll, ApiError } from './api.js';
import { start, session, announce, categories, categoryName } from
    './app.js';
import { makeMap, frame, incidentMarker, escapeText } from './map.js';
import { addPanes, kdeLayer, hotspotLayer, renderLegend, swatches, LEVELS,
    levelName, zText, square } from './lb-layers.js';
import { renderIndicators } from './lb-indicators.js';
import { $, h, clear, currentWeek, previousWeek, weekMonday, addDays,
    formatTime, formatNumber, weekdayHour, localDate, LAYER_NAMES,
    WEEKDAYS } from './util.js';

const L = window.L;
let cats = [];
let allAreas = [];

async function main() {
	await start();
	cats = await categories();
	const areas = await loadAreas();
	allAreas = areas;
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
	loading(true, `Hämtar lägesbilden för ${a.name}, vecka ` +
	    `${Number(period.slice(6))} …`);
	try {
		lb = await api('GET', '/lagesbild', null, { area: a.code,
		    layer: a.layer, period });
		$('#lb-map').dataset.source = 'server';
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
	if (lb.degraded)
		$('#lb-map').dataset.source = 'fallback';
	loading(false);
	render(lb, a, period);
}

// While the lägesbild is computed (seconds for a large kommun) the page
// says so, and main is busy for screen readers.
function loading(on, text) {
	const main = $('main');
	const el = $('#lb-loading') || h('p', { id: 'lb-loading',
	    class: 'notice loading', role: 'status' });
	if (on) {
		el.textContent = text;
		$('#lb-cards').before(el);
		main.setAttribute('aria-busy', 'true');
	} else {
		el.remove();
		main.removeAttribute('aria-busy');
	}
}

// Why a part of the lägesbild was not computed, in Swedish, or '' when
// it was (the API gives the reason in English: "fewer than 3 incidents").
export function whyNot(o) {
	const why = o && o.not_computed;
	if (!why)
		return '';
	let m;
	if ((m = /fewer than (\d+) incidents/.exec(why)))
		return `färre än ${m[1]} händelser`;
	if ((m = /fewer than (\d+) child areas/.exec(why)))
		return `färre än ${m[1]} delområden`;
	if ((m = /fewer than (\d+) months/.exec(why)))
		return `färre än ${m[1]} månader`;
	if (/values are equal|zero variance|counts are zero/.test(why))
		return 'alla rutor har lika många händelser (ofta inga)';
	if (/suppressed/.test(why))
		return 'dolt enligt delningsreglerna';
	if (/no extent/.test(why))
		return 'området saknar utbredning';
	return 'för lite data';
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
			group: 'area', group_layer: 'kommun',
			org: s.user.organisation,
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

function change(count, prevCount, lambda) {
	const out = { count: prevCount, change_pct: prevCount > 0 ?
	    Math.round(1000 * (count - prevCount) / prevCount) / 10 : null };
	if (lambda !== undefined) {
		const t = poissonTails(count, Math.max(lambda, 0.5));
		out.p = count >= lambda ? t.upper : t.lower;
		out.significant = out.p < 0.05;
	}
	return out;
}

// A lägesbild of the same shape as GET /lagesbild (docs/api.md), from the
// basic routes: counts, changes with a Poisson test against the mean of
// the twelve weeks before, sub-areas, the hour x weekday matrix and the
// 12-month series. Hotspots, near repeats and the KDE are left null.
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
	const cats_ = [];
	for (const code of codes) {
		const count = c.map.get(code)?.count || 0;
		cats_.push({ code, name: categoryName(cats, code), count,
		    previous: change(count, p.map.get(code)?.count || 0,
		    (b.map.get(code)?.count || 0) / 12) });
	}
	const total = { count: c.total, previous: change(c.total, p.total,
	    b.total / 12) };
	let subareas = null;
	const news = { categories: cats_.filter((x) => x.count > 0 &&
	    x.previous.count === 0).map((x) => ({ code: x.code, name: x.name,
	    count: x.count })), subareas: [], places: null };
	try {
		const [sc, sp] = await Promise.all([
			counts('area', a, cur, { group_layer: 'stadsdel' }),
			counts('area', a, before, { group_layer: 'stadsdel' })]);
		subareas = { layer: 'stadsdel', items: [] };
		const keys = new Set([...sc.map.keys(), ...sp.map.keys()]);
		const mine = new Set(allAreas.filter((x) => x.parent &&
		    x.parent.code === a.code).map((x) => x.code));
		for (const key of keys) {
			if (!mine.has(key))
				continue;
			const count = sc.map.get(key)?.count || 0;
			const item = { code: key, name: (sc.map.get(key) ||
			    sp.map.get(key)).label, count, previous: change(count,
			    sp.map.get(key)?.count || 0) };
			subareas.items.push(item);
			if (count > 0 && item.previous.count === 0)
				news.subareas.push(item);
		}
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
	const all = new Set();
	for (const pm of perMonth)
		for (const code of pm.map.keys())
			all.add(code);
	return {
		degraded: true,
		area: { code: a.code, layer: a.layer, name: a.name, bbox: a.bbox },
		period: { current: { label: period, ...cur },
		    previous: { label: prev, ...before } },
		total, categories: cats_, subareas, new: news,
		kde: null, hotspots: null, near_repeat: null,
		hour_weekday: { counts: matrix },
		series: { months, total: { counts: perMonth.map((x) => x.total) },
		    categories: [...all].map((code) => ({ code,
		    name: categoryName(cats, code), counts: perMonth.map((pm) =>
		    pm.map.get(code)?.count || 0) })) },
		_incidents: incidents,
	};
}

// Says when sharing rules hid or left out figures.
function renderSharing(sh) {
	const el = $('#lb-sharing');
	if (!sh || sh.system || (!sh.suppressed && !sh.owners_excluded &&
	    !sh.owners_aggregated))
		return;
	const parts = [];
	if (sh.owners_aggregated)
		parts.push(`${sh.owners_aggregated} organisationer delar sina ` +
		    'händelser med er endast sammanräknade: de räknas i ' +
		    'siffrorna men visas inte på kartan');
	if (sh.suppressed)
		parts.push(`antal under ${sh.min_count} som bygger på sådana ` +
		    'händelser visas som ”dolt”');
	if (sh.owners_excluded)
		parts.push(`${sh.owners_excluded} organisationer delar inte sina ` +
		    'händelser med er och ingår inte');
	el.textContent = `Delningsregler: ${parts.join('; ')}.`;
	el.hidden = false;
}

function render(lb, a, period) {
	renderSharing(lb.sharing);
	renderCards(lb);
	renderNew(lb);
	renderCategories(lb);
	renderSubareas(lb);
	renderMap(lb, a, period);
	renderMatrix(lb.hour_weekday && lb.hour_weekday.counts);
	renderTrends(lb.series);
	renderIndicators(a, period).catch((e) => announce(e.message, 'bad'));
}

// A count as shown: suppressed counts (sharing rules: aggregated data
// below the minimum count) are null in the API and "dolt" here.
function num(v) {
	return v === null || v === undefined ? 'dolt' : formatNumber(v);
}

function changeText(c) {
	if (!c)
		return '';
	const pct = c.change_pct === null || c.change_pct === undefined ? '' :
	    ` (${c.change_pct > 0 ? '+' : ''}${formatNumber(c.change_pct, 1)} %)`;
	return `förra: ${num(c.count)}${pct}`;
}

function sigBadge(c) {
	if (!c || !c.significant)
		return null;
	const up = c.change_pct === null || c.change_pct > 0;
	return h('span', { class: `sig ${up ? 'change-up' : 'change-down'}`,
	    title: c.p !== undefined ? `p = ${formatNumber(c.p, 4)}` : null },
	    up ? 'signifikant ökning' : 'signifikant minskning');
}

function renderCards(lb) {
	const ul = clear($('#lb-cards'));
	const t = lb.total || {};
	const grid = lb.hotspots && lb.hotspots.grid;
	const hot = grid && typeof grid.hot === 'number' ? grid.hot : null;
	const nr = lb.near_repeat;
	const repeats = nr && typeof nr.count === 'number' ? nr.count : null;
	const sig = (lb.categories || []).filter((x) => x.previous &&
	    x.previous.significant && x.count > x.previous.count).length;
	const card = (label, value, extra, id) => h('li', { class: 'card',
	    id }, h('span', { class: 'value' }, value), label,
	    extra ? h('br') : null, extra || null);
	ul.append(
	    card('händelser denna vecka', t.count === null ? 'dolt' :
	    formatNumber(t.count ?? 0),
	    changeText(t.previous), 'card-total'),
	    card('kategorier med signifikant ökning', String(sig), null,
	    'card-sig'),
	    card('hotspot-rutor (Gi*)', hot === null ? '–' : String(hot),
	    hot === null ? notComputedText(grid) : null,
	    'card-hot'),
	    card('upprepningar nära tidigare', repeats === null ? '–' :
	    String(repeats), repeats === null ? notComputedText(nr) : null,
	    'card-repeats'));
	renderEmptyWeek(lb);
}

// "ej beräknat (färre än 3 händelser)" for a card.
function notComputedText(o) {
	const why = whyNot(o);
	return why ? `ej beräknat (${why})` : 'ej beräknat';
}

// A week without incidents: one sentence on what to do, at the top.
function renderEmptyWeek(lb) {
	const t = lb.total || {};
	const old = $('#lb-empty');
	if (old)
		old.remove();
	if (t.count !== 0)
		return;
	const prev = t.previous && t.previous.count;
	$('#lb-cards').after(h('p', { id: 'lb-empty', class: 'notice' },
	    'Inga händelser är rapporterade i området den här veckan' +
	    (prev ? ` (förra veckan: ${formatNumber(prev)})` : '') + '. ' +
	    'Välj en annan vecka eller ett annat område ovan; karta, ' +
	    'hotspots och tidsfördelning fylls i när det finns händelser.'));
}

function renderNew(lb) {
	const ul = clear($('#lb-new'));
	const n = lb.new || {};
	for (const c of n.categories || [])
		ul.append(h('li', {}, `Ny kategori: ${c.name || categoryName(cats,
		    c.code)}${c.count !== undefined ? ` (${c.count})` : ''}`));
	for (const x of n.subareas || [])
		ul.append(h('li', {}, `Händelser i ${x.name}, där det inte ` +
		    `fanns några innan${x.count !== undefined ? ` (${x.count})` :
		    ''}`));
	if (n.places && n.places.count)
		ul.append(h('li', {}, `${n.places.count} händelser på platser ` +
		    `utan händelser de ${n.weeks || 4} veckorna innan ` +
		    '(gröna ringar på kartan)'));
	for (const c of lb.categories || [])
		if (c.previous && c.previous.significant && c.count >
		    c.previous.count)
			ul.append(h('li', {}, `Signifikant ökning: ${c.name} ` +
			    `(${c.count}, ${changeText(c.previous)})`));
	if (!ul.children.length)
		ul.append(h('li', {}, 'Inget nytt jämfört med förra veckan.'));
}

function renderCategories(lb) {
	const tb = clear($('#lb-categories tbody'));
	$('#lb-sig-note').textContent = lb.degraded ? 'Signifikans: ' +
	    'Poisson-test mot snittet för de tolv veckorna innan, p < 0,05.' :
	    'Signifikans enligt serverns test (se dokumentationen).';
	const rows = (lb.categories || []).filter((c) => c.count > 0 ||
	    (c.previous && c.previous.count > 0));
	rows.sort((x, y) => (y.count ?? 0) - (x.count ?? 0));
	for (const c of rows) {
		const up = c.count > c.previous.count;
		const down = c.count < c.previous.count;
		tb.append(h('tr', {}, h('th', { scope: 'row' }, c.name),
		    h('td', { class: 'num' }, num(c.count)),
		    h('td', { class: 'num' }, num(c.previous.count)),
		    h('td', { class: 'num' }, c.year_before ?
		    num(c.year_before.count) : '–'),
		    h('td', {}, h('span', { class: up ? 'change-up' : down ?
		    'change-down' : '' }, c.previous.change_pct === null ||
		    c.previous.change_pct === undefined ? (up ? 'ny' : '–') :
		    `${c.previous.change_pct > 0 ? '+' : ''}` +
		    `${formatNumber(c.previous.change_pct, 1)} %`),
		    sigBadge(c.previous))));
	}
	if (!tb.children.length)
		tb.append(h('tr', {}, h('td', { colspan: 5 },
		    'Inga händelser denna eller förra veckan.')));
}

function renderSubareas(lb) {
	const tb = clear($('#lb-subareas tbody'));
	const gi = new Map();
	if (lb.hotspots && lb.hotspots.areas)
		for (const it of lb.hotspots.areas.items || [])
			gi.set(it.code, it);
	const items = lb.subareas ? [...lb.subareas.items] : [];
	items.sort((x, y) => (y.count ?? 0) - (x.count ?? 0));
	for (const s of items) {
		const g = gi.get(s.code);
		tb.append(h('tr', {}, h('th', { scope: 'row' }, s.name),
		    h('td', { class: 'num' }, num(s.count)),
		    h('td', { class: 'num' }, s.previous ?
		    num(s.previous.count) : '–'),
		    h('td', {}, sigBadge(s.previous)),
		    h('td', {}, g ? (g.class === 'hot' ? 'Hotspot' :
		    g.class === 'cold' ? 'Kall punkt' : '–') : '–')));
	}
	if (!tb.children.length)
		tb.append(h('tr', {}, h('td', { colspan: 5 },
		    'Området har inga delområden.')));
}

async function renderMap(lb, a, period) {
	const { map, ready } = makeMap($('#lb-map'), { keepView: true });
	addPanes(map);
	const bounds = await ready;
	const groups = { kde: kdeLayer(lb.kde), hotspots: null,
	    points: L.layerGroup(), repeats: null, places: null };
	if (groups.kde)
		$('#lb-map').dataset.kdeCells = String(groups.kde.getLayers()
		    .length);
	const hsBody = clear($('#lb-hotspots tbody'));
	const grid = lb.hotspots && lb.hotspots.grid;
	if (grid) {
		const cells = (grid.cells || []).filter((c) => c.class !== 'none');
		groups.hotspots = hotspotLayer(cells, grid.cell, num);
		$('#lb-map').dataset.hotspots = String(cells.length);
		const top = [...cells].sort((x, y) => Math.abs(y.z) -
		    Math.abs(x.z)).slice(0, 15);
		for (const c of top) {
			hsBody.append(h('tr', { class: 'hotspot-row' },
			    h('td', {}, levelName(c)),
			    h('td', {}, `${formatNumber(c.lat, 4)}, ` +
			    `${formatNumber(c.lon, 4)}`),
			    h('td', { class: 'num' }, num(c.count)),
			    h('td', { class: 'num' }, zText(c)),
			    h('td', { class: 'num' }, pValue(c.q ?? c.p))));
		}
		if (!cells.length)
			hsBody.append(h('tr', {}, h('td', { colspan: 5 },
			    grid.not_computed ? `Hotspots är inte beräknade: ` +
			    `${whyNot(grid)}.` : 'Inga signifikanta hotspots ' +
			    'denna vecka.')));
		else if (cells.length > top.length)
			hsBody.append(h('tr', {}, h('td', { colspan: 5 },
			    `Visar de ${top.length} starkaste av ${cells.length} ` +
			    `rutor (${grid.cell} m).`)));
	} else {
		hsBody.append(h('tr', {}, h('td', { colspan: 5 },
		    'Hotspots är inte beräknade (kräver serverns lägesbild).')));
	}
	const nrBody = clear($('#lb-repeats tbody'));
	const nr = lb.near_repeat;
	if (nr) {
		groups.repeats = L.layerGroup();
		const alerts = [...(nr.alerts || [])].sort((x, y) =>
		    y.observed_from.localeCompare(x.observed_from));
		alerts.forEach((r, i) => {
			L.circle([r.lat, r.lon], { radius: nr.distance_m || 200,
			    color: '#5b2a86', weight: 2, dashArray: '5 4',
			    fill: false }).bindTooltip(escapeText(
			    `Upprepning: ${categoryName(cats, r.category)}, ` +
			    `${r.earlier} tidigare inom ${nr.distance_m} m`))
			    .addTo(groups.repeats);
			if (i >= 20)
				return;
			nrBody.append(h('tr', {},
			    h('td', {}, categoryName(cats, r.category)),
			    h('td', {}, formatTime(r.observed_from)),
			    h('td', { class: 'num' }, String(r.earlier)),
			    h('td', { class: 'num' }, formatNumber(r.nearest_m, 0)),
			    h('td', { class: 'num' }, formatNumber(
			    r.days_since_latest, 1))));
		});
		if (alerts.length > 20)
			nrBody.append(h('tr', {}, h('td', { colspan: 5 },
			    `Visar de 20 senaste av ${alerts.length}; alla finns ` +
			    'på kartan.')));
		if (!alerts.length)
			nrBody.append(h('tr', {}, h('td', { colspan: 5 },
			    nr.not_computed ? 'Upprepningar är inte beräknade: ' +
			    `${whyNot(nr)}.` : 'Inga upprepningar denna vecka.')));
	} else {
		nrBody.append(h('tr', {}, h('td', { colspan: 5 },
		    'Upprepningar är inte beräknade (kräver serverns lägesbild).')));
	}
	if (lb.new && lb.new.places) {
		groups.places = L.layerGroup();
		for (const p of lb.new.places.incidents || [])
			L.circleMarker([p.lat, p.lon], { radius: 11, color: '#1d6b30',
			    weight: 3, fill: false, interactive: false })
			    .addTo(groups.places);
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
	const pts = [];
	const ptBody = clear($('#lb-points tbody'));
	const newIds = new Set(((lb.new && lb.new.places &&
	    lb.new.places.incidents) || []).map((p) => p.id));
	const repeatIds = new Set(((nr && nr.alerts) || []).map((r) => r.id));
	const sorted = [...incidents].sort((x, y) =>
	    String(x.observed_from).localeCompare(String(y.observed_from)));
	for (const inc of sorted) {
		if (inc.lat === null || inc.lat === undefined)
			continue;
		pts.push([inc.lat, inc.lon]);
		incidentMarker(inc).bindTooltip(escapeText(
		    `Nr ${inc.id}: ${categoryName(cats, inc.category)}, ` +
		    `${formatTime(inc.observed_from)}`)).addTo(groups.points);
		ptBody.append(pointRow(inc, newIds.has(inc.id),
		    repeatIds.has(inc.id)));
		n++;
	}
	if (!n)
		ptBody.append(h('tr', {}, h('td', { colspan: 6 },
		    'Inga händelser med position denna vecka.')));
	legend(map, groups, lb);
	frameWeek(map, lb, pts, bounds);
	$('#lb-map').dataset.points = String(n);
}

// A q or p value: "< 0,0001" rather than a bare 0 for the smallest.
function pValue(v) {
	if (v === null || v === undefined)
		return '–';
	return v < 0.0001 ? '< 0,0001' : formatNumber(v, 4);
}

// The legend beside the map: every layer named, with its colours and a
// check box to show or hide it (the heat map and the hotspots can be
// looked at one at a time as well as together).
function legend(map, groups, lb) {
	const missing = 'Inte beräknad (kräver serverns lägesbild).';
	const grid = lb.hotspots && lb.hotspots.grid;
	const cellsOf = (g) => g ? g.getLayers().length : 0;
	/* a layer with nothing to show says why instead of a dead check box */
	const kdeNote = !groups.kde ? (lb.kde ? `Inte beräknad: ${whyNot(
	    lb.kde) || 'för lite data'}.` : missing) : cellsOf(groups.kde) ? null :
	    'Ingen värmekarta: inga händelser med position denna vecka.';
	if (groups.kde && !cellsOf(groups.kde))
		groups.kde = null;
	const hotNote = grid && grid.not_computed ? `Inte beräknade: ${whyNot(
	    grid)}.` : !groups.hotspots ? missing : !cellsOf(groups.hotspots) ?
	    'Inga signifikanta hotspots denna vecka.' : grid && grid.cell ?
	    `Rutor om ${grid.cell} m, bara kanter så att värmekartan syns ` +
	    'under.' : null;
	if (groups.hotspots && !cellsOf(groups.hotspots))
		groups.hotspots = null;
	renderLegend($('#lb-legend'), map, [
		{ id: 'kde', name: 'Värmekarta (KDE): tätheten av händelser',
		    group: groups.kde, swatch: swatches.kde(),
		    items: [{ swatch: null, text: 'ljus = låg, mörkblå = hög ' +
		    'täthet' }],
		    note: kdeNote },
		{ id: 'hotspots', name: 'Hotspots (Getis-Ord Gi*)',
		    group: groups.hotspots, swatch: null,
		    items: Object.keys(LEVELS).map((k) => ({
			swatch: swatches.level(k), text: LEVELS[k].legend })),
		    note: hotNote },
		{ id: 'points', name: 'Händelser denna vecka',
		    group: groups.points, swatch: swatches.point() },
		{ id: 'places', name: 'Ny plats (inga händelser de senaste ' +
		    'veckorna)', group: groups.places, swatch: swatches.ringNew(),
		    note: groups.places ? null : missing },
		{ id: 'repeats', name: 'Upprepning nära tidigare händelse',
		    group: groups.repeats, swatch: swatches.ringRepeat(),
		    note: groups.repeats ? null : missing },
	]);
}

// One incident of the map as a table row (the map's content for those
// who cannot use the map).
function pointRow(inc, isNew, isRepeat) {
	const a = inc.areas || {};
	const area = ['stadsdel', 'kommun'].map((l) => a[l] && (allAreas.find(
	    (x) => x.layer === l && x.code === a[l]) || { name: a[l] }).name)
	    .filter(Boolean)[0] || '';
	const marks = [isNew ? 'Ny plats' : null,
	    isRepeat ? 'Upprepning' : null].filter(Boolean).join(', ');
	return h('tr', { class: 'point-row', 'data-lat': inc.lat,
	    'data-lon': inc.lon },
	    h('td', { class: 'num' }, String(inc.id)),
	    h('td', {}, categoryName(cats, inc.category)),
	    h('td', {}, formatTime(inc.observed_from)),
	    h('td', {}, area),
	    h('td', {}, `${formatNumber(inc.lat, 5)}, ${formatNumber(inc.lon, 5)}`),
	    h('td', {}, marks));
}

// Frames the week's incidents and hotspot cells; with none of them, the
// chosen area (its bbox), else the base map.
function frameWeek(map, lb, pts, base) {
	const b = L.latLngBounds(pts);
	const grid = lb.hotspots && lb.hotspots.grid;
	for (const c of grid ? grid.cells || [] : [])
		if (c.class !== 'none' && c.count > 0)
			b.extend(square(c.lat, c.lon, grid.cell));
	if (b.isValid() && pts.length > 0) {
		frame(map, b, 20, 16);
	} else if (lb.area && lb.area.bbox) {
		const [w, s, e, n] = lb.area.bbox;
		frame(map, [[s, w], [n, e]]);
	} else if (base) {
		frame(map, base);
	}
	const v = map.getBounds();
	$('#lb-map').dataset.view = [v.getWest(), v.getSouth(), v.getEast(),
	    v.getNorth()].map((x) => x.toFixed(5)).join(',');
}

function renderMatrix(m) {
	const wrap = clear($('#lb-matrix'));
	if (!m) {
		wrap.append(h('p', {}, 'Ingen tidsfördelning tillgänglig.'));
		return;
	}
	const max = Math.max(1, ...m.flat().map((v) => v ?? 0));
	const head = h('tr', {}, h('th', { scope: 'col' }, 'Dag'));
	for (let hr = 0; hr < 24; hr++)
		head.append(h('th', { scope: 'col' }, String(hr).padStart(2, '0')));
	const body = h('tbody');
	m.forEach((row, d) => {
		const tr = h('tr', {}, h('th', { scope: 'row' }, WEEKDAYS[d]));
		row.forEach((v, hr) => {
			/* null: suppressed (fewer than the minimum count). */
			const level = !v ? 0 : Math.min(4, 1 + Math.floor(3 *
			    v / max));
			tr.append(h('td', { class: `h${level}`, title:
			    `${WEEKDAYS[d]} kl ${hr}–${hr + 1}: ${num(v)}` },
			    v === null ? 'dolt' : v ? String(v) : ''));
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
	el.setAttribute('role', 'img');
	el.setAttribute('aria-label', `Diagram: ${series.map((s) => s.name)
	    .join(', ')} per månad. Siffrorna finns i tabellen nedan.`);
	return new uPlot(opts, [xs, ...series.map((s) => s.counts)], el);
}

function renderTrends(t) {
	if (!t || !t.months) {
		$('#lb-trend-total').append(h('p', {}, 'Ingen trend tillgänglig.'));
		return;
	}
	const total = t.total.counts;
	const top = [...(t.categories || [])].map((c) => ({ ...c,
	    sum: c.counts.reduce((x, y) => x + (y ?? 0), 0) }))
	    .sort((x, y) => y.sum - x.sum).slice(0, 5).filter((c) => c.sum > 0);
	chart($('#lb-trend-total'), t.months, [{ name: 'Alla händelser',
	    counts: total }]);
	chart($('#lb-trend-cats'), t.months, top);
	const head = h('tr', {}, h('th', { scope: 'col' }, 'Månad'),
	    h('th', { scope: 'col', class: 'num' }, 'Alla'));
	for (const s of top)
		head.append(h('th', { scope: 'col', class: 'num' }, s.name));
	const body = h('tbody');
	t.months.forEach((m, i) => {
		const tr = h('tr', {}, h('th', { scope: 'row' }, monthLabel(m) +
		    (t.last_partial && i === t.months.length - 1 ? ' (hittills)' :
		    '')), h('td', { class: 'num' }, num(total[i])));
		for (const s of top)
			tr.append(h('td', { class: 'num' }, num(s.counts[i])));
		body.append(tr);
	});
	$('#lb-trend-table').append(h('table', { id: 'lb-trend-tab' },
	    h('caption', {}, 'Händelser per månad'), h('thead', {}, head), body));
}

main().catch((e) => {
	console.error(e);
	announce(`Något gick fel: ${e.message}`, 'bad');
});
