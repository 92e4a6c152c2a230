// Survey and statistics figures beside the incidents in the lägesbild
// (issue 5): GET /areas/{id}/indicators gives every indicator value of the
// area with its period, source and source date. Shown are the values of
// periods that began by the end of the lägesbild's week, newest first per
// indicator, with the change against the indicator's previous value.
// Called by lagesbild.js with the area and the ISO week.
import { api } from './api.js';
import { $, h, clear, weekMonday, addDays, formatNumber } from './util.js';

// The first day ("YYYY-MM-DD") of a canonical period label (as
// sv_period_parse writes them): 2024, 2024-T2, 2024-Q3, 2024-05, 2024-W07,
// 2024-01-01/2024-03-01; null if not one of those.
export function periodStart(p) {
	let m;
	const pad = (n) => String(n).padStart(2, '0');
	if ((m = /^(\d{4})$/.exec(p)))
		return `${m[1]}-01-01`;
	if ((m = /^(\d{4})-T([123])$/.exec(p)))
		return `${m[1]}-${pad(1 + 4 * (m[2] - 1))}-01`;
	if ((m = /^(\d{4})-Q([1-4])$/.exec(p)))
		return `${m[1]}-${pad(1 + 3 * (m[2] - 1))}-01`;
	if ((m = /^(\d{4})-(\d{2})$/.exec(p)))
		return `${m[1]}-${m[2]}-01`;
	if (/^\d{4}-W\d{2}$/.test(p))
		return addDays(weekMonday(p), 0);
	if ((m = /^(\d{4}-\d{2}-\d{2})\/\d{4}-\d{2}-\d{2}$/.exec(p)))
		return m[1];
	return null;
}

async function areaId(a) {
	if (a.id)
		return a.id;
	const r = await api('GET', '/areas', null, { layer: a.layer });
	const hit = (r.items || []).find((x) => x.code === a.code);
	return hit ? hit.id : null;
}

export async function renderIndicators(a, week) {
	const sec = $('#lb-indicators');
	if (!sec)
		return;
	const body = clear($('#lb-ind-body'));
	const id = await areaId(a);
	const r = id ? await api('GET', `/areas/${id}/indicators`) : { items: [] };
	const end = addDays(weekMonday(week), 6);
	const shown = r.items.filter((v) => {
		const s = periodStart(v.period);
		return s !== null && s <= end;
	});
	if (!shown.length) {
		body.append(h('p', {}, `Inga enkät- eller statistikuppgifter för ${a.name || a.code} till och med veckan.`));
		return;
	}
	const byInd = new Map();
	for (const v of shown) {
		if (!byInd.has(v.indicator))
			byInd.set(v.indicator, []);
		byInd.get(v.indicator).push(v);
	}
	const tb = h('tbody', {});
	for (const vals of byInd.values()) {
		vals.sort((x, y) => periodStart(y.period).localeCompare(periodStart(x.period)));
		vals.forEach((v, i) => {
			const prev = vals[i + 1];
			const unit = v.unit ? ` ${v.unit}` : '';
			const diff = prev ? v.value - prev.value : null;
			tb.append(h('tr', { class: i === 0 ? 'latest' : 'older' },
			    i === 0 ? h('th', { scope: 'row', rowspan: String(vals.length) }, v.name) : null,
			    h('td', {}, v.period),
			    h('td', { class: 'num' }, `${formatNumber(v.value, 2)}${unit}`),
			    h('td', { class: 'num' }, diff === null ? '–' :
				`${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${formatNumber(Math.abs(diff), 2)}${unit} mot ${prev.period}`),
			    h('td', {}, v.source || ''),
			    h('td', {}, v.source_date || '')));
		});
	}
	body.append(h('div', { class: 'table-wrap' }, h('table', { id: 'lb-ind-table' },
	    h('caption', {}, `Enkät- och statistikuppgifter för ${a.name || a.code}, nyast först per indikator`),
	    h('thead', {}, h('tr', {}, ...['Indikator', 'Period', 'Värde', 'Förändring', 'Källa', 'Källans datum']
		.map((t) => h('th', { scope: 'col' }, t)))), tb)));
}
