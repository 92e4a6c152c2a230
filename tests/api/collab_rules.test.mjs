// Issue 5, the rules through the API: an attachment version counts only
// with its adopting decision (and is frozen after); an ended agreement
// takes no new activities; dates and cadences are validated; every chain
// link points at something that exists in the same agreement; the due
// list finds each kind of shortfall in a database built to have exactly
// one of each; published medborgarlöften are public, drafts are not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS, errorOf } from './lib.mjs';

let s;
const T = { token: 'samordnare@riket.se' };

async function mk(path, body, status = 201) {
  const r = await s.post(path, body, T);
  assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.text}`);
  return r.json;
}

async function agreement(extra = {}) {
  const a = await mk('/agreements', { title: 'Regler', valid_from: '2024-01-01', valid_to: '2026-12-31',
    status: 'gallande', ...extra });
  await mk(`/agreements/${a.id}/parties`, { organisation: 'KOMMUN' });
  await mk(`/agreements/${a.id}/parties`, { organisation: 'POLIS' });
  return a;
}

before(async () => {
  s = await Server.start({
    users: [...USERS, { email: 'samordnare@riket.se', org: 'RIKET', role: 'samordnare' }],
    env: { SV_FAKE_NOW: '1718445600' },	// 2024-06-15T12:00+02:00
  });
});

after(async () => { await s?.stop(); });

test('an attachment version counts only with its adopting decision', async () => {
  const a = await agreement();
  const body = await mk(`/agreements/${a.id}/bodies`, { kind: 'styrgrupp', name: 'Styrgrupp', cadence: 'per_ar', meetings_min: 2 });
  const att = await mk(`/agreements/${a.id}/attachments`, { number: 2, kind: 'lagesbild', title: 'Lägesbild',
    version: 1, dated: '2024-03-01', content: 'text' });
  assert.equal(att.status, 'utkast');
  assert.equal(att.adopted_by, null);
  const planned = await mk(`/bodies/${body.id}/meetings`, { starts_at: '2024-03-05T13:00:00+01:00' });
  errorOf(assert, await s.post(`/meetings/${planned.id}/decisions`,
    { paragraph: 1, text: 'Antas', attachment_id: att.id }, T), 409, 'conflict');
  const held = await s.patch(`/meetings/${planned.id}`, { status: 'genomfort', minutes: 'Protokoll' }, T);
  assert.equal(held.status, 200, held.text);
  const dec = await mk(`/meetings/${planned.id}/decisions`, { paragraph: 1, kind: 'antagande', text: 'Lägesbilden antas', attachment_id: att.id });
  const after1 = await s.get(`/attachments/${att.id}`, T);
  assert.equal(after1.json.status, 'antagen');
  assert.equal(after1.json.adopted_by.decision_id, dec.id);
  assert.equal(after1.json.adopted_by.paragraph, 1);
  assert.equal(after1.json.adopted_by.body, 'Styrgrupp');
  // frozen: no change, no delete, no second adoption, the decision stays
  errorOf(assert, await s.patch(`/attachments/${att.id}`, { content: 'ändrad' }, T), 409, 'conflict');
  errorOf(assert, await s.del(`/attachments/${att.id}`, T), 409, 'conflict');
  errorOf(assert, await s.del(`/decisions/${dec.id}`, T), 409, 'conflict');
  errorOf(assert, await s.post(`/meetings/${planned.id}/decisions`,
    { paragraph: 2, text: 'Igen', attachment_id: att.id }, T), 409, 'conflict');
  // a version dated after the meeting is not adopted there
  const v2 = await mk(`/agreements/${a.id}/attachments`, { number: 2, kind: 'lagesbild', title: 'Lägesbild',
    version: 2, dated: '2024-04-01', content: 'ny' });
  errorOf(assert, await s.post(`/meetings/${planned.id}/decisions`,
    { paragraph: 3, text: 'Antas', attachment_id: v2.id }, T), 422, 'invalid', 'attachment_id');
  // an attachment of another agreement is not adopted here
  const other = await agreement();
  const foreign = await mk(`/agreements/${other.id}/attachments`, { number: 1, kind: 'ovrig', title: 'X',
    version: 1, dated: '2024-01-01', content: 'x' });
  errorOf(assert, await s.post(`/meetings/${planned.id}/decisions`,
    { paragraph: 4, text: 'Antas', attachment_id: foreign.id }, T), 422, 'invalid', 'attachment_id');
});

test('an ended agreement cannot get new activities and stays ended', async () => {
  const a = await agreement();
  const p = await mk(`/agreements/${a.id}/problems`, { title: 'Problem' });
  const g = await mk(`/agreements/${a.id}/goals`, { problem_id: p.id, kind: 'process', text: 'Mål' });
  await mk(`/agreements/${a.id}/activities`, { goal_id: g.id, title: 'Före', time_perspective: 'reaktiv' });
  assert.equal((await s.patch(`/agreements/${a.id}`, { status: 'upphord' }, T)).status, 200);
  errorOf(assert, await s.post(`/agreements/${a.id}/activities`,
    { goal_id: g.id, title: 'Efter', time_perspective: 'reaktiv' }, T), 409, 'conflict', 'agreement');
  errorOf(assert, await s.patch(`/agreements/${a.id}`, { status: 'gallande' }, T), 409, 'conflict', 'status');
  errorOf(assert, await s.del(`/agreements/${a.id}`, T), 409, 'conflict');
  const h = await s.get(`/agreements/${a.id}/status-history`, T);
  assert.deepEqual(h.json.items.map((x) => x.status), ['gallande', 'upphord']);
  errorOf(assert, await s.post(`/agreements/${a.id}/status-history`, { status: 'utkast' }, T), 405);
});

test('dates and cadences are validated', async () => {
  const a = await agreement({ status: 'utkast' });
  const bad = [
    ['/agreements', { title: 'T', valid_from: '2024-02-30', until_further_notice: true }, 'valid_from'],
    ['/agreements', { title: 'T', valid_from: '2024-02-01', valid_to: '2023-02-01' }, 'valid_to'],
    ['/agreements', { title: 'T', valid_from: '2024-02-01' }, 'valid_to'],
    ['/agreements', { title: 'T', valid_from: '1 februari' , until_further_notice: true }, 'valid_from'],
    [`/agreements/${a.id}/bodies`, { kind: 'styrgrupp', name: 'S', cadence: 'per_ar' }, 'meetings_min'],
    [`/agreements/${a.id}/bodies`, { kind: 'styrgrupp', name: 'S', cadence: 'per_ar', meetings_min: 4, meetings_max: 2 }, 'meetings_max'],
    [`/agreements/${a.id}/bodies`, { kind: 'est_grupp', name: 'E', cadence: 'veckovis', weekday: 8 }, 'weekday'],
    [`/agreements/${a.id}/bodies`, { kind: 'est_grupp', name: 'E', cadence: 'kvartalsvis', weekday: 2 }, 'weekday'],
    [`/agreements/${a.id}/bodies`, { kind: 'est_grupp', name: 'E', cadence: 'ibland' }, 'cadence'],
    [`/agreements/${a.id}/bodies`, { kind: 'arbetsgrupp', name: 'A', cadence: 'vid_behov', permanent: false }, 'mission'],
    [`/agreements/${a.id}/bodies`, { kind: 'arbetsgrupp', name: 'A', cadence: 'vid_behov', permanent: false,
      mission: 'M', established_on: '2024-05-01', ends_on: '2024-04-01' }, 'ends_on'],
    [`/agreements/${a.id}/plans`, { title: 'P', period_from: '2024-12-31', period_to: '2024-01-01' }, 'period_to'],
    [`/agreements/${a.id}/promises`, { title: 'L', period_from: '2024-01-01', period_to: '2024-12-31' }, 'police'],
  ];
  for (const [path, body, field] of bad)
    errorOf(assert, await s.post(path, body, T), 422, 'invalid', field);
  const b = await mk(`/agreements/${a.id}/bodies`, { kind: 'trygghetsrad', name: 'Råd', cadence: 'per_ar', meetings_min: 3, meetings_max: 4 });
  errorOf(assert, await s.post(`/bodies/${b.id}/meetings`,
    { starts_at: '2024-03-05T13:00:00+01:00', ends_at: '2024-03-05T12:00:00+01:00' }, T), 422, 'invalid', 'ends_at');
  errorOf(assert, await s.post(`/bodies/${b.id}/meetings`,
    { starts_at: '2024-09-05T13:00:00+02:00', status: 'genomfort' }, T), 422, 'invalid', 'status');
  // wrong types and unknown fields
  errorOf(assert, await s.post(`/bodies/${b.id}/meetings`, { starts_at: 17 }, T), 422, 'invalid', 'starts_at');
  errorOf(assert, await s.post(`/bodies/${b.id}/meetings`, { starts_at: '2024-03-05', color: 'red' }, T), 400, 'invalid', 'color');
});

test('every chain link points at something that exists, in the same agreement', async () => {
  const a = await agreement();
  const other = await agreement();
  const p1 = await mk(`/agreements/${a.id}/problems`, { title: 'P1' });
  const p2 = await mk(`/agreements/${a.id}/problems`, { title: 'P2' });
  const c2 = await mk(`/problems/${p2.id}/causes`, { kind: 'orsak', triangle: 'plats', text: 'Mörkt' });
  const op = await mk(`/agreements/${other.id}/problems`, { title: 'Annan' });
  const og = await mk(`/agreements/${other.id}/goals`, { problem_id: op.id, kind: 'effekt', text: 'G' });
  errorOf(assert, await s.post(`/agreements/${a.id}/goals`, { problem_id: 99999, kind: 'effekt', text: 'G' }, T), 422, 'invalid', 'problem_id');
  errorOf(assert, await s.post(`/agreements/${a.id}/goals`, { problem_id: op.id, kind: 'effekt', text: 'G' }, T), 422, 'invalid', 'problem_id');
  errorOf(assert, await s.post(`/agreements/${a.id}/goals`, { kind: 'effekt', text: 'G' }, T), 422, 'invalid', 'problem_id');
  errorOf(assert, await s.post(`/agreements/${a.id}/goals`, { problem_id: p1.id, cause_id: c2.id, kind: 'effekt', text: 'G' }, T),
    422, 'invalid', 'cause_id');
  errorOf(assert, await s.post(`/problems/${p1.id}/causes`, { parent_id: c2.id, kind: 'rotorsak', text: 'x' }, T), 422, 'invalid', 'parent_id');
  errorOf(assert, await s.post(`/agreements/${a.id}/activities`, { goal_id: og.id, title: 'A', time_perspective: 'reaktiv' }, T),
    422, 'invalid', 'goal_id');
  errorOf(assert, await s.post(`/agreements/${a.id}/activities`, { title: 'A', time_perspective: 'reaktiv' }, T), 422, 'invalid', 'goal_id');
  errorOf(assert, await s.post('/problems/99999/causes', { kind: 'orsak', text: 'x' }, T), 404, 'not_found');
  errorOf(assert, await s.post(`/problems/${p1.id}/problem-categories`, { category: 'finns.inte' }, T), 422, 'invalid', 'category');
  errorOf(assert, await s.post(`/problems/${p1.id}/problem-areas`, { area_id: 424242 }, T), 422, 'invalid', 'area_id');
  const g = await mk(`/agreements/${a.id}/goals`, { problem_id: p2.id, cause_id: c2.id, kind: 'effekt', text: 'G',
    direction: 'minska', baseline: 40, target: 20 });
  const act = await mk(`/agreements/${a.id}/activities`, { goal_id: g.id, title: 'A', time_perspective: 'reaktiv', organisation: 'KOMMUN' });
  // what is pointed at cannot go
  errorOf(assert, await s.del(`/problems/${p2.id}`, T), 409, 'conflict');
  errorOf(assert, await s.del(`/goals/${g.id}`, T), 409, 'conflict');
  assert.equal((await s.del(`/activities/${act.id}`, T)).status, 204);
  assert.equal((await s.del(`/goals/${g.id}`, T)).status, 204);
  // the impact score and its criteria
  await mk(`/problems/${p1.id}/problem-scores`, { criterion: 'omfattning', score: 4, weight: 2 });
  await mk(`/problems/${p1.id}/problem-scores`, { criterion: 'otrygghet', score: 3 });
  errorOf(assert, await s.post(`/problems/${p1.id}/problem-scores`, { criterion: 'otrygghet', score: 1 }, T), 409, 'conflict');
  errorOf(assert, await s.post(`/problems/${p1.id}/problem-scores`, { criterion: 'allvarlighet', score: 6 }, T), 422, 'invalid', 'score');
  const pr = await s.get(`/problems/${p1.id}`, T);
  assert.equal(pr.json.impact_score, 11);
  assert.equal(pr.json.impact_max, 15);
});

test('the due list finds exactly one of each shortfall', async () => {
  const a = await mk('/agreements', { title: 'Brister', status: 'gallande', valid_from: '2023-01-01',
    until_further_notice: true, revision_months: 12, lagesbild_revision_months: 12, revised_on: '2023-01-01' });
  await mk(`/agreements/${a.id}/parties`, { organisation: 'KOMMUN' });
  await mk(`/agreements/${a.id}/parties`, { organisation: 'POLIS' });
  const sg = await mk(`/agreements/${a.id}/bodies`, { kind: 'styrgrupp', name: 'Styrgrupp', cadence: 'per_ar', meetings_min: 2 });
  const m = await mk(`/bodies/${sg.id}/meetings`, { starts_at: '2024-01-10T10:00:00+01:00', status: 'genomfort' });
  const lb = await mk(`/agreements/${a.id}/attachments`, { number: 1, kind: 'lagesbild', title: 'Lägesbild', version: 1,
    dated: '2023-01-05', content: 'x' });
  await mk(`/meetings/${m.id}/decisions`, { paragraph: 1, kind: 'antagande', text: 'Antas', attachment_id: lb.id });
  await mk(`/agreements/${a.id}/attachments`, { number: 2, kind: 'kontaktuppgifter', title: 'Kontakter', version: 1,
    dated: '2024-05-01', content: 'x' });
  const p = await mk(`/agreements/${a.id}/problems`, { title: 'P' });
  const g = await mk(`/agreements/${a.id}/goals`, { problem_id: p.id, kind: 'produktion', text: 'G' });
  await mk(`/agreements/${a.id}/activities`, { goal_id: g.id, title: 'Försenad', organisation: 'KOMMUN',
    time_perspective: 'reaktiv', due_on: '2024-06-01' });
  await mk(`/agreements/${a.id}/activities`, { goal_id: g.id, title: 'Utan ansvarig', time_perspective: 'langsiktig' });
  await mk(`/agreements/${a.id}/activities`, { goal_id: g.id, title: 'Klar', organisation: 'KOMMUN',
    time_perspective: 'reaktiv', due_on: '2024-01-01', status: 'klar' });
  await mk(`/agreements/${a.id}/promises`, { title: 'Löfte', period_from: '2024-01-01', period_to: '2024-12-31',
    police: 'Vi lovar', published: true });
  await mk(`/agreements/${a.id}/information-events`, { from_organisation: 'POLIS', to_organisation: 'KOMMUN',
    occurred_on: '2024-06-01', reported_at: '2024-06-01T10:00:00+02:00', reported_by: 'LpoC', reported_to: 'Direktör',
    summary: 'Allvarlig händelse' });
  await mk('/agreements', { title: 'Slutar snart', status: 'gallande', valid_from: '2023-01-01', valid_to: '2024-08-31' });
  const due = await s.get(`/agreements/${a.id}/due`, T);
  assert.equal(due.status, 200, due.text);
  const kinds = due.json.items.map((i) => i.kind).sort();
  assert.deepEqual(kinds, ['activity_no_owner', 'activity_overdue', 'agreement_revision', 'attachment_unadopted',
    'body_meetings', 'info_unacknowledged', 'lagesbild_revision', 'promise_no_followup']);
  const all = await s.get('/due', T);
  const expiring = all.json.items.filter((i) => i.kind === 'agreement_expiring');
  assert.deepEqual(expiring.map((i) => [i.title, i.since]), [['Slutar snart', '2024-08-31']]);
  for (const i of due.json.items) {
    assert.ok(i.label && i.detail, JSON.stringify(i));
    assert.equal(i.agreement_id, a.id);
  }
});

test('published medborgarlöften are public; drafts are not', async () => {
  const a = await agreement();
  const pub = await mk(`/agreements/${a.id}/promises`, { title: 'Trygg park', period_from: '2024-01-01',
    period_to: '2024-12-31', police: 'Polisen lovar', kommun: 'Kommunen lovar', joint: 'Vi lovar', published: true });
  assert.equal(pub.published_on, '2024-06-15');
  await mk(`/promises/${pub.id}/promise-targets`, { party: 'polisen', kind: 'takt', description: 'En kontroll om dagen',
    comparator: 'minst', value: 1, unit: 'trafikkontroller', per: 'dag' });
  const draft = await mk(`/agreements/${a.id}/promises`, { title: 'Utkast', period_from: '2024-01-01', period_to: '2024-12-31', police: 'x' });
  const r = await s.get('/public/promises');	// no credentials
  assert.equal(r.status, 200, r.text);
  const titles = r.json.items.map((p) => p.title);
  assert.ok(titles.includes('Trygg park'));
  assert.ok(!titles.includes('Utkast'));
  const p = r.json.items.find((x) => x.title === 'Trygg park');
  assert.equal(p.targets.length, 1);
  assert.equal(p.targets[0].unit, 'trafikkontroller');
  // published_on is kept by the program
  errorOf(assert, await s.patch(`/promises/${pub.id}`, { published_on: '2020-01-01' }, T), 422, 'invalid', 'published_on');
  // the residents have it: followed up, never rewritten or taken back
  errorOf(assert, await s.patch(`/promises/${pub.id}`, { title: 'Tryggare park' }, T), 409, 'conflict', 'published');
  errorOf(assert, await s.patch(`/promises/${pub.id}`, { published: false }, T), 409, 'conflict', 'published');
  errorOf(assert, await s.del(`/promises/${pub.id}`, T), 409, 'conflict', 'published');
  assert.equal((await s.get(`/promises/${pub.id}`, T)).json.title, 'Trygg park');
  // a draft changes freely, and is published by a change
  const ch = await s.patch(`/promises/${draft.id}`, { title: 'Utkast 2', published: true }, T);
  assert.equal(ch.status, 200, ch.text);
  assert.equal(ch.json.published_on, '2024-06-15');
});

test('indicator values: CSV import, all or none', async () => {
  const ar = await s.post('/areas', { layer: 'stadsdel', code: 'S1', name: 'S1', geometry: { type: 'Polygon',
    coordinates: [[[16.5, 59.6], [16.51, 59.6], [16.51, 59.61], [16.5, 59.61], [16.5, 59.6]]] } }, T);
  assert.equal(ar.status, 201, ar.text);
  const ind = await mk('/indicators', { code: 'otrygg-kvall', name: 'Otrygg ute sent på kvällen', kind: 'enkat', unit: '%',
    source: 'Trygghetsmätningen' });
  const bad = 'indicator,area_layer,area_code,period,value\notrygg-kvall,stadsdel,S1,2023,21\notrygg-kvall,stadsdel,S1,2023-13,22\n';
  const e = errorOf(assert, await s.post('/indicators/import', { csv: bad }, T), 422, 'invalid', 'period');
  assert.ok(e.message);
  assert.equal((await s.get(`/indicators/${ind.id}/indicator-values`, T)).json.items.length, 0);
  const ok = 'indicator,area_layer,area_code,period,value,source,source_date\r\n' +
    'otrygg-kvall,stadsdel,S1,2023,21.5,SCB,2023-11-30\r\notrygg-kvall,stadsdel,S1,2024-Q1,19,SCB,2024-04-15\r\n';
  const r = await s.post('/indicators/import', { csv: ok }, T);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 2);
  const v = await s.get(`/indicators/${ind.id}/indicator-values`, T);
  assert.deepEqual(v.json.items.map((x) => [x.period, x.value, x.source_date]), [['2023', 21.5, '2023-11-30'], ['2024-Q1', 19, '2024-04-15']]);
  errorOf(assert, await s.post('/indicators/import', { csv: ok }, { token: 'lasare@kommun.se' }), 403, 'forbidden');
  // shown beside the incidents: the area's figures
  const fig = await s.get(`/areas/${ar.json.id}/indicators`, { token: 'lasare@kommun.se' });
  assert.equal(fig.status, 200, fig.text);
  assert.deepEqual(fig.json.items.map((x) => [x.indicator, x.period, x.value, x.source]),
    [['otrygg-kvall', '2023', 21.5, 'SCB'], ['otrygg-kvall', '2024-Q1', 19, 'SCB']]);
});

test('only the parties of an agreement change it', async () => {
  const a = await agreement();
  // samordnare@kommun.se (KOMMUN) is a party; a new org's samordnare is not
  const ok = await s.post(`/agreements/${a.id}/principles`, { title: 'Långsiktigt' }, { token: 'samordnare@kommun.se' });
  assert.equal(ok.status, 201, ok.text);
  const b = await mk('/agreements', { title: 'Annat', valid_from: '2024-01-01', until_further_notice: true });
  await mk(`/agreements/${b.id}/parties`, { organisation: 'POLIS' });
  errorOf(assert, await s.post(`/agreements/${b.id}/principles`, { title: 'X' }, { token: 'samordnare@kommun.se' }), 403, 'forbidden');
  errorOf(assert, await s.post(`/agreements/${a.id}/principles`, { title: 'X' }, { token: 'rapportor@kommun.se' }), 403, 'forbidden');
});
