// The chain from lägesbild to result for one agreement (?id=N): action
// plans, focus areas, problem pictures (areas, categories, lägesbild
// figures, impact score by criterion), the cause analysis (event chain
// and cause tree, with the problem triangle of place, offender and
// target), goals with indicator, baseline and target, activities and
// their updates. A coordinator of a party adds each link with the forms,
// which are built from the API's field tables (forms.js), and changes or
// deletes plans, focus areas, problems, causes, goals, activities and
// updates with the same forms, prefilled.
import { api } from '../../js/api.js';
import { $, h, clear } from '../../js/util.js';
import { startPage, param, word, mayChange } from './common.js';
import { recordForm, foldable, recLabel, recordTools } from './forms.js';

const id = Number(param('id'));

const CRITERIA = {
	omfattning: 'Hur många händelser och hur många som drabbas.',
	allvarlighet: 'Hur allvarliga brotten och skadorna är.',
	otrygghet: 'Hur mycket problemet gör människor otrygga.',
	utveckling: 'Om problemet ökar eller sprider sig.',
	paverkbarhet: 'Hur väl parterna tillsammans kan påverka det.',
	samhallskostnad: 'Vad problemet kostar samhället.',
};

let agr = null;
let areaName = {};
let catName = {};
let orgName = {};

async function main() {
	await startPage();
	const [areas, cats, orgs] = await Promise.all([api('GET', '/areas'), api('GET', '/categories'),
	    api('GET', '/organisations')]);
	areaName = Object.fromEntries((areas.items || areas).map((a) => [a.id, a.name]));
	catName = Object.fromEntries((cats.items || cats).map((c) => [c.code, c.name]));
	orgName = Object.fromEntries((orgs.items || orgs).map((o) => [o.code, o.name]));
	const dl = $('#criteria');
	for (const [k, v] of Object.entries(CRITERIA))
		dl.append(h('dt', {}, word(k)), h('dd', {}, v));
	await draw();
}

const opts = (list) => list.map((r) => ({ value: String(r.id), label: recLabel(r) }));
// Whether the user may change this agreement's records (set by draw).
let canEdit = false;
const editor = () => canEdit;
const redraw = () => draw();

// The edit forms' fields, the same as the create forms'.
const PROBLEM_FIELDS = ['title', 'description', 'priority', 'status', 'plan_id', 'focus_area_id'];
const CAUSE_FIELDS = ['kind', 'text', 'triangle', 'parent_id', 'position'];
const GOAL_FIELDS = ['kind', 'text', 'cause_id', 'measure', 'indicator_id', 'baseline', 'baseline_date', 'direction',
	'target', 'target_date', 'plan_id', 'focus_area_id'];
const ACTIVITY_FIELDS = ['goal_id', 'title', 'method', 'organisation', 'owner_function', 'time_perspective',
	'starts_on', 'due_on', 'status', 'hours', 'cost_sek', 'plan_id', 'body_id'];

// Ändra and Ta bort for one record of the chain, or nothing for a reader.
function tools(prefix, pattern, rec, name, form = {}) {
	if (!editor())
		return '';
	return recordTools({ prefix, pattern, path: pattern.replace('{id}', String(rec.id)), record: rec, name,
	    form, done: redraw });
}

// Redraws everything from one read of the agreement's tree: builds every
// block and form detached first, then changes the page in one go, so
// nobody types into a form that a redraw still under way would replace.
async function draw() {
	agr = await api('GET', `/agreements/${id}/full`);
	canEdit = await mayChange(agr.parties);
	if (canEdit)
		await indicatorChoices();
	const problems = agr.problems.slice().sort((a, b) => (b.impact_score - a.impact_score) ||
	    ((a.priority ?? 999) - (b.priority ?? 999)));
	const blocks = [];
	if (!problems.length)
		blocks.push(h('p', {}, 'Inga problembilder ännu.'));
	for (const p of problems)
		blocks.push(await problemBlock(p));
	const table = activityTable();
	const forms = editor() ? await buildForms(table) : [];
	document.title = `Åtgärdsplan och analys: ${agr.title} – samverkan`;
	$('#chain-title').textContent = `Åtgärdsplan och analys: ${agr.title}`;
	clear($('#chain-back')).append(h('a', { href: `overenskommelse.html?id=${id}` }, 'Till överenskommelsen'));
	drawPlans();
	drawFocusAreas();
	$('#problems').replaceChildren(...blocks);
	const loose = agr.goals.filter((g) => g.problem_id === null);
	$('#goals').replaceChildren(...(loose.length ? loose.map(goalBlock) : [h('p', {}, 'Inga mål utan problembild.')]));
	$('#activities').replaceChildren(table);
	for (const [slot, el] of forms)
		$(slot).replaceChildren(el);
}

function drawPlans() {
	const ul = clear($('#plans'));
	if (!agr.plans.length)
		ul.append(h('li', {}, 'Ingen åtgärdsplan ännu.'));
	for (const p of agr.plans)
		ul.append(h('li', { id: `plan-${p.id}` }, h('strong', {}, p.title), ` ${p.period_from} – ${p.period_to}. `,
		    h('a', { href: `/api/v1/plans/${p.id}/document.html` }, `Åtgärdsplanen ${p.title} som dokument`), ' (',
		    h('a', { href: `/api/v1/plans/${p.id}/document.pdf` }, 'PDF'), ')',
		    tools(`pl${p.id}`, '/plans/{id}', p, `åtgärdsplanen ”${p.title}”`)));
}

function drawFocusAreas() {
	const ul = clear($('#focus-areas'));
	if (!agr.focus_areas.length)
		ul.append(h('li', {}, 'Inga fokusområden ännu.'));
	for (const f of agr.focus_areas)
		ul.append(h('li', { id: `fa-${f.id}` }, h('strong', {}, f.name), ` (${word(f.kind)}`,
		    f.area_id ? `, ${areaName[f.area_id] || f.area_id}` : '',
		    f.category ? `, ${catName[f.category] || f.category}` : '', ')',
		    f.description ? ` – ${f.description}` : '',
		    tools(`fa${f.id}`, '/focus-areas/{id}', f, `fokusområdet ”${f.name}”`)));
}

// The cause tree: roots in order, children under their parent.
function causeTree(causes) {
	const ul = h('ul', { class: 'causes' });
	const kids = (pid) => causes.filter((c) => (c.parent_id ?? null) === pid)
	    .sort((a, b) => a.position - b.position || a.id - b.id);
	const add = (parent, c) => {
		const li = h('li', { id: `cause-${c.id}` }, h('strong', {}, `${word(c.kind)}: `), c.text,
		    c.triangle ? h('span', { class: 'tag' }, ` ${word(c.triangle)}`) : '',
		    tools(`c${c.id}`, '/causes/{id}', c, `orsaken ”${recLabel(c)}”`, { fields: CAUSE_FIELDS,
			refs: { parent_id: opts(causes.filter((x) => x.id !== c.id)) } }));
		const sub = kids(c.id);
		if (sub.length) {
			const inner = h('ul', {});
			for (const s of sub)
				add(inner, s);
			li.append(inner);
		}
		parent.append(li);
	};
	for (const c of kids(null))
		add(ul, c);
	return ul;
}

function triangle(causes) {
	const t = h('dl', { class: 'triangle' });
	for (const k of ['plats', 'gerningsperson', 'mal']) {
		const hit = causes.filter((c) => c.triangle === k);
		t.append(h('dt', {}, word(k)), h('dd', {}, hit.length ? hit.map((c) => c.text).join('; ') : '–'));
	}
	return t;
}

function scoreTable(p) {
	const tb = h('tbody', {});
	for (const s of p.problem_scores)
		tb.append(h('tr', {}, h('th', { scope: 'row' }, word(s.criterion)), h('td', { class: 'num' }, `${s.score} av 5`),
		    h('td', { class: 'num' }, String(s.weight)), h('td', {}, s.motivation || '')));
	return h('div', { class: 'table-wrap' }, h('table', { class: 'scores' },
	    h('caption', {}, `Påverkan: ${p.impact_score} av ${p.impact_max} poäng`),
	    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kriterium'), h('th', { scope: 'col' }, 'Poäng'),
	        h('th', { scope: 'col' }, 'Vikt'), h('th', { scope: 'col' }, 'Motivering'))), tb));
}

function goalBlock(g) {
	const acts = agr.activities.filter((a) => a.goal_id === g.id);
	const facts = [];
	if (g.measure)
		facts.push(`mäter ${word(g.measure).toLowerCase()}`);
	if (g.indicator_id)
		facts.push('indikator kopplad');
	if (g.baseline !== null && g.baseline !== undefined)
		facts.push(`utgångsvärde ${g.baseline}${g.baseline_date ? ` (${g.baseline_date})` : ''}`);
	if (g.target !== null && g.target !== undefined)
		facts.push(`mål: ${word(g.direction).toLowerCase()} till ${g.target}${g.target_date ? ` senast ${g.target_date}` : ''}`);
	const causes = g.problem_id ? (agr.problems.find((p) => p.id === g.problem_id) || { causes: [] }).causes : [];
	return h('div', { class: 'goal', id: `goal-${g.id}` },
	    h('p', {}, h('strong', {}, `${word(g.kind)}: `), g.text, facts.length ? ` (${facts.join(', ')})` : ''),
	    acts.length ? h('ul', {}, acts.map((a) => h('li', {}, h('a', { href: `#activity-${a.id}` }, a.title),
	        ` – ${word(a.status)}`))) : h('p', { class: 'hint' }, 'Inga aktiviteter ännu.'),
	    tools(`g${g.id}`, '/goals/{id}', g, `målet ”${recLabel(g)}”`, { fields: GOAL_FIELDS,
		refs: { cause_id: opts(causes), focus_area_id: opts(agr.focus_areas), plan_id: opts(agr.plans),
		    indicator_id: indicatorOpts } }));
}

async function problemBlock(p) {
	const sec = h('section', { class: 'card problem', id: `problem-${p.id}`, 'aria-labelledby': `ph-${p.id}` },
	    h('h3', { id: `ph-${p.id}` }, p.priority ? `Prioritet ${p.priority}: ${p.title}` : p.title),
	    h('p', {}, `Status: ${word(p.status)}`, p.plan_id ? `; åtgärdsplan: ${recLabel(agr.plans.find((x) => x.id === p.plan_id) || {})}` : '',
	        p.focus_area_id ? `; fokusområde: ${recLabel(agr.focus_areas.find((x) => x.id === p.focus_area_id) || {})}` : ''));
	if (p.description)
		sec.append(h('p', {}, p.description));
	sec.append(tools(`pr${p.id}`, '/problems/{id}', p, `problembilden ”${p.title}”`, { fields: PROBLEM_FIELDS,
	    refs: { plan_id: opts(agr.plans), focus_area_id: opts(agr.focus_areas) } }));
	sec.append(scoreTable(p));
	if (editor() && p.problem_scores.length)
		sec.append(h('ul', { class: 'links no-print', 'aria-label': 'Ändra bedömningen' },
		    p.problem_scores.map((x) => h('li', { id: `pscore-${x.id}` }, `${word(x.criterion)}: ${x.score} av 5`,
			tools(`ps${x.id}`, '/problem-scores/{id}', x, `bedömningen av ${word(x.criterion).toLowerCase()}`)))));
	const where = [...p.problem_areas.map((a) => areaName[a.area_id] || a.area_id),
	    ...p.problem_categories.map((c) => catName[c.category] || c.category)];
	sec.append(h('p', {}, `Områden och kategorier: ${where.length ? where.join(', ') : '–'}`));
	if (editor() && where.length) {
		// each link on its own, to change or remove it
		sec.append(h('ul', { class: 'links no-print', 'aria-label': 'Ändra områden och kategorier' },
		    p.problem_areas.map((a) => h('li', { id: `parea-${a.id}` }, areaName[a.area_id] || String(a.area_id),
			tools(`pa${a.id}`, '/problem-areas/{id}', a, `området ${areaName[a.area_id] || a.area_id} ur problembilden`))),
		    p.problem_categories.map((c) => h('li', { id: `pcat-${c.id}` }, catName[c.category] || c.category,
			tools(`pc${c.id}`, '/problem-categories/{id}', c,
			    `kategorin ${catName[c.category] || c.category} ur problembilden`)))));
	}
	sec.append(h('h4', {}, 'Lägesbilden'));
	sec.append(p.problem_figures.length ? h('ul', {}, p.problem_figures.map((f) => h('li', { id: `pfig-${f.id}` },
	    `${f.label}: ${f.value}${f.unit ? ` ${f.unit}` : ''}${f.period ? `, ${f.period}` : ''} (källa: ${f.source})`,
	    tools(`pf${f.id}`, '/problem-figures/{id}', f, `uppgiften ”${f.label}”`,
		{ refs: { indicator_id: indicatorOpts } })))) :
	    h('p', { class: 'hint' }, 'Inga uppgifter ur lägesbilden ännu.'));
	sec.append(h('h4', {}, 'Orsaksanalys'));
	if (p.causes.length)
		sec.append(causeTree(p.causes), h('h5', {}, 'Problemtriangeln'), triangle(p.causes));
	else
		sec.append(h('p', { class: 'hint' }, 'Ingen orsaksanalys ännu.'));
	sec.append(h('h4', {}, 'Mål och aktiviteter'));
	const goals = agr.goals.filter((g) => g.problem_id === p.id);
	sec.append(...(goals.length ? goals.map(goalBlock) : [h('p', { class: 'hint' }, 'Inga mål ännu.')]));
	if (editor())
		sec.append(await problemForms(p));
	return sec;
}

async function problemForms(p) {
	const q = `p${p.id}`;
	const causes = opts(p.causes);
	return h('div', { class: 'no-print problem-forms' },
	    foldable('Lägg till område eller kategori', h('div', {},
	        await recordForm({ pattern: '/problems/{id}/problem-areas', path: `/problems/${p.id}/problem-areas`,
	            prefix: `${q}-pa`, submit: 'Lägg till område', done: redraw }),
	        await recordForm({ pattern: '/problems/{id}/problem-categories', path: `/problems/${p.id}/problem-categories`,
	            prefix: `${q}-pc`, submit: 'Lägg till kategori', done: redraw }))),
	    foldable('Lägg till uppgift ur lägesbilden', await recordForm({ pattern: '/problems/{id}/problem-figures',
	        path: `/problems/${p.id}/problem-figures`, prefix: `${q}-pf`, submit: 'Lägg till uppgift', done: redraw,
	        hints: { period: 'T.ex. 2024, 2024-Q3, 2024-05 eller 2024-W07.' } })),
	    foldable('Bedöm påverkan', await recordForm({ pattern: '/problems/{id}/problem-scores',
	        path: `/problems/${p.id}/problem-scores`, prefix: `${q}-ps`, submit: 'Spara bedömning', done: redraw,
	        hints: { score: '0 = ingen, 5 = mycket stor. Kriterierna förklaras ovanför problembilderna.' } })),
	    foldable('Lägg till orsak', await recordForm({ pattern: '/problems/{id}/causes', path: `/problems/${p.id}/causes`,
	        prefix: `${q}-c`, submit: 'Lägg till orsak', done: redraw, refs: { parent_id: causes },
	        fields: ['kind', 'text', 'triangle', 'parent_id', 'position'],
	        hints: { position: 'Händelsekedjans ordning: 1 först.',
	            triangle: 'Plats, gärningsperson eller offer/mål: problemanalystriangeln.' } })),
	    foldable('Lägg till mål', await recordForm({ pattern: '/agreements/{id}/goals', path: `/agreements/${id}/goals`,
	        prefix: `${q}-g`, submit: 'Lägg till mål', done: redraw, fixed: { problem_id: p.id },
	        refs: { cause_id: causes, focus_area_id: opts(agr.focus_areas), plan_id: opts(agr.plans),
	            indicator_id: await indicatorChoices() },
	        fields: ['kind', 'text', 'cause_id', 'measure', 'indicator_id', 'baseline', 'baseline_date', 'direction',
	            'target', 'target_date', 'plan_id', 'focus_area_id'] })));
}

let indicatorList = null;
let indicatorOpts = [];
async function indicatorChoices() {
	if (!indicatorList)
		indicatorList = (await api('GET', '/indicators')).items;
	indicatorOpts = indicatorList.map((i) => ({ value: String(i.id), label: `${i.name} (${i.code})` }));
	return indicatorOpts;
}

function activityTable() {
	const wrap = h('div', {});
	if (!agr.activities.length) {
		wrap.append(h('p', {}, 'Inga aktiviteter ännu.'));
		return wrap;
	}
	for (const a of agr.activities) {
		const g = agr.goals.find((x) => x.id === a.goal_id);
		const sec = h('section', { class: 'card activity', id: `activity-${a.id}`, 'aria-labelledby': `ah-${a.id}` },
		    h('h3', { id: `ah-${a.id}` }, a.title));
		const dl = h('dl', {});
		const add = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(h('dt', {}, k), h('dd', {}, String(v))); };
		add('Mål', g ? g.text : '');
		add('Metod', a.method);
		add('Ansvarig', a.organisation ? orgName[a.organisation] || a.organisation : 'Saknas');
		add('Ansvarig funktion', a.owner_function);
		add('Tidsperspektiv', word(a.time_perspective));
		add('Period', a.starts_on || a.due_on ? `${a.starts_on || '…'} – ${a.due_on || '…'}` : '');
		add('Status', word(a.status));
		add('Timmar', a.hours);
		add('Kostnad (kr)', a.cost_sek);
		sec.append(dl, tools(`a${a.id}`, '/activities/{id}', a, `aktiviteten ”${a.title}”`, { fields: ACTIVITY_FIELDS,
		    refs: { goal_id: opts(agr.goals), plan_id: opts(agr.plans), body_id: opts(agr.bodies) } }));
		sec.append(h('h4', {}, 'Uppföljning'));
		sec.append(a.activity_updates.length ? h('ul', { class: 'updates' }, a.activity_updates.map((u) =>
		    h('li', { id: `update-${u.id}` }, `${u.dated} (${word(u.status)}): ${u.text}`,
			tools(`u${u.id}`, '/activity-updates/{id}', u, `uppföljningen från ${u.dated}`)))) :
		    h('p', { class: 'hint' }, 'Ingen uppföljning ännu.'));
		wrap.append(sec);
	}
	return wrap;
}

// The create forms, detached: [[slot selector, element]]; the update
// form of each activity goes into its card in the detached table.
async function buildForms(table) {
	const plans = opts(agr.plans);
	const fas = opts(agr.focus_areas);
	const out = [];
	out.push(['#plan-slot', foldable('Ny åtgärdsplan', await recordForm({ pattern: '/agreements/{id}/plans',
	    path: `/agreements/${id}/plans`, prefix: 'plan', submit: 'Skapa åtgärdsplan', done: redraw }))]);
	out.push(['#fa-slot', foldable('Nytt fokusområde', await recordForm({ pattern: '/agreements/{id}/focus-areas',
	    path: `/agreements/${id}/focus-areas`, prefix: 'fa', submit: 'Lägg till fokusområde', done: redraw }))]);
	out.push(['#problem-slot', foldable('Ny problembild', await recordForm({ pattern: '/agreements/{id}/problems',
	    path: `/agreements/${id}/problems`, prefix: 'problem', submit: 'Lägg till problembild', done: redraw,
	    refs: { plan_id: plans, focus_area_id: fas }, fields: PROBLEM_FIELDS }))]);
	out.push(['#goal-slot', foldable('Nytt mål för ett fokusområde', await recordForm({
	    pattern: '/agreements/{id}/goals', path: `/agreements/${id}/goals`, prefix: 'goal', submit: 'Lägg till mål',
	    done: redraw, refs: { focus_area_id: fas, plan_id: plans, indicator_id: await indicatorChoices() },
	    fields: ['focus_area_id', 'kind', 'text', 'measure', 'indicator_id', 'baseline', 'baseline_date', 'direction',
	        'target', 'target_date', 'plan_id'] }))]);
	out.push(['#activity-slot', foldable('Ny aktivitet', await recordForm({
	    pattern: '/agreements/{id}/activities', path: `/agreements/${id}/activities`, prefix: 'act',
	    submit: 'Lägg till aktivitet', done: redraw,
	    refs: { goal_id: opts(agr.goals), plan_id: plans, body_id: opts(agr.bodies) }, fields: ACTIVITY_FIELDS }))]);
	for (const a of agr.activities) {
		table.querySelector(`#activity-${a.id}`).append(foldable('Ny uppföljning', await recordForm({
		    pattern: '/activities/{id}/activity-updates', path: `/activities/${a.id}/activity-updates`,
		    prefix: `au${a.id}`, submit: 'Spara uppföljning', done: redraw })));
	}
	return out;
}

main();
