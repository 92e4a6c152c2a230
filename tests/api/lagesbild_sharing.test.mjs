// The sharing rules in GET /api/v1/lagesbild (and in /stats/counts and
// `samverkan lagesbild --as-org` on the same data): a square kommun with
// 2 x 2 stadsdelar, incidents of week 2026-W10 reported by the kommun
// (KOMMUN) and by the police (POLIS), then the police reader's picture
// under each rule the kommun sets for it:
//   default (no_text): everything counted and shown;
//   none: the kommun's incidents neither counted nor shown anywhere;
//   aggregated: counted, never shown one by one (new places, near-repeat
//   alerts, Knox, KDE as under none), and every count below min_count
//   holding kommun data suppressed (null, "suppressed": true), with the
//   smallest other count of the same table hidden too so that no hidden
//   count can be recovered by subtraction; Gi* and the concentration
//   computed over all counted data but their values withheld when a
//   count they use is hidden (an attacker who knows every other count
//   recovers the hidden ones from the owner's figures, not the reader's).
// Expected figures are counted here from what was posted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Server, BIN } from './lib.mjs';

const X0 = 580000, Y0 = 6600000, SIDE = 4000, MIN = 5;
const PERIOD = '2026-W10';
const PL = { token: 'lasare@polis.se' };
const KL = { token: 'lasare@kommun.se' };
const KA = { token: 'admin@kommun.se' };

function square(x, y, w) {
  return { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]]] };
}

// n incidents of a category around (cx, cy), one per day of W10 from
// Monday 2 March, at hour h; steps of 30 m so points differ.
function batch(n, category, cx, cy, hour, org) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({ org, category, x: cx + 30 * (i % 5), y: cy + 30 * Math.floor(i / 5),
      observed_from: `2026-03-0${2 + (i % 7)}T${String(hour).padStart(2, '0')}:${String(10 + i).padStart(2, '0')}:00` });
  }
  return out;
}

// KOMMUN: 12 klotter in S00 and 3 våld in S11 (small: suppressed when
// aggregated). POLIS: 10 samling in S01 and 6 inbrott in S10, two of them
// a near repeat (40 m, two days apart).
const KOMMUN = [
  ...batch(12, 'skadegorelse.klotter', X0 + 500, Y0 + 500, 21, 'KOMMUN'),
  ...batch(3, 'vald', X0 + 3000, Y0 + 3000, 2, 'KOMMUN'),
];
const POLIS = [
  ...batch(10, 'otrygghet.samling', X0 + 500, Y0 + 3000, 23, 'POLIS'),
  ...batch(4, 'inbrott', X0 + 2500, Y0 + 500, 4, 'POLIS'),
  { org: 'POLIS', category: 'inbrott', observed_from: '2026-03-03T03:00:00', x: X0 + 3500, y: Y0 + 1000 },
  { org: 'POLIS', category: 'inbrott', observed_from: '2026-03-05T03:00:00', x: X0 + 3540, y: Y0 + 1000 },
];
// the kommun near repeat, never to be shown to the police when aggregated
KOMMUN.push({ org: 'KOMMUN', category: 'skadegorelse.klotter', observed_from: '2026-03-04T21:00:00', x: X0 + 1500, y: Y0 + 1500 });
KOMMUN.push({ org: 'KOMMUN', category: 'skadegorelse.klotter', observed_from: '2026-03-06T21:00:00', x: X0 + 1530, y: Y0 + 1500 });

let s;
const kommunIds = new Set(), polisIds = new Set();

async function post(items, token, ids) {
  const r = await s.post('/incidents', { items: items.map(({ org, ...it }) => it) }, { token });
  assert.equal(r.status, 201, r.text);
  for (const it of r.json.items) ids.add(it.id);
}

async function rule(level) {
  const r = level === null
    ? await s.del('/sharing?owner=KOMMUN&reader=POLIS&kind=incident', KA)
    : await s.req('POST', '/sharing', { ...KA, body: { owner: 'KOMMUN', reader: 'POLIS', kind: 'incident', level } });
  assert.ok(r.status === 200 || r.status === 204, r.text);
}

async function picture(who = PL) {
  const r = await s.get(`/lagesbild?area=9999&layer=kommun&period=${PERIOD}`, who);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const byCode = (arr) => Object.fromEntries(arr.map((o) => [o.code, o]));
const sub = (it) => `S${Math.floor((it.x - X0) / (SIDE / 2))}${Math.floor((it.y - Y0) / (SIDE / 2))}`;
const cellOf = (it) => {
  const d = new Date(it.observed_from + 'Z');
  return [(d.getUTCDay() + 6) % 7, d.getUTCHours()];
};

// Every incident id listed one by one anywhere in the picture.
function listedIds(lb) {
  return [...lb.new.places.incidents, ...lb.near_repeat.alerts].map((o) => o.id);
}

// In a table of counts, the suppressed ones sum to at least MIN: the
// total minus the shown ones never gives a single hidden count back.
function assertHiddenSumSafe(counts, hiddenTrue) {
  const hidden = hiddenTrue.filter((v) => v !== null);
  if (hidden.length) assert.ok(hidden.reduce((a, b) => a + b, 0) >= MIN, String(hidden));
}

before(async () => {
  s = await Server.start();
  const sam = { token: 'samordnare@kommun.se' };
  let r = await s.post('/areas', { layer: 'kommun', code: '9999', name: 'Provkommun',
    crs: 'EPSG:3006', geometry: square(X0, Y0, SIDE) }, sam);
  assert.equal(r.status, 201, r.text);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      r = await s.post('/areas', { layer: 'stadsdel', code: `S${i}${j}`, name: `Del ${i}${j}`,
        parent: '9999', parent_layer: 'kommun', crs: 'EPSG:3006',
        geometry: square(X0 + i * SIDE / 2, Y0 + j * SIDE / 2, SIDE / 2) }, sam);
      assert.equal(r.status, 201, r.text);
    }
  }
  await post(KOMMUN, 'rapportor@kommun.se', kommunIds);
  await post(POLIS, 'rapportor@polis.se', polisIds);
  assert.equal(kommunIds.size, KOMMUN.length);
  assert.equal(polisIds.size, POLIS.length);
});

after(async () => {
  if (s) assert.equal((await s.stop()).code, 0);
});

test('default rule (no_text): the police reader counts and sees the kommun incidents', async () => {
  const lb = await picture();
  assert.equal(lb.total.count, KOMMUN.length + POLIS.length);
  assert.equal(lb.sharing.aggregated_data, false);
  assert.equal(lb.sharing.suppressed, 0);
  assert.equal(lb.sharing.min_count, MIN);
  assert.ok(lb.definitions.sharing.includes('suppressed'));
  assert.ok(listedIds(lb).some((id) => kommunIds.has(id)), 'kommun incidents listed');
});

test('none: the kommun incidents are neither counted nor shown to the police', async () => {
  await rule('none');
  const lb = await picture();
  assert.equal(lb.total.count, POLIS.length);
  assert.equal(lb.sharing.owners_excluded, 1);
  const cats = byCode(lb.categories);
  assert.ok(!cats['skadegorelse.klotter'] && !cats.vald, JSON.stringify(lb.categories));
  assert.equal(cats['otrygghet.samling'].count, 10);
  assert.equal(cats.inbrott.count, 6);
  for (const it of lb.subareas.items) {
    assert.equal(it.count, POLIS.filter((p) => sub(p) === it.code).length, it.code);
  }
  assert.equal(lb.hour_weekday.total, POLIS.length);
  assert.equal(lb.hour_weekday.counts.flat().reduce((a, b) => a + b, 0), POLIS.length);
  assert.ok(listedIds(lb).every((id) => polisIds.has(id)), 'only police incidents listed');
  const march = lb.series.months.indexOf('2026-03');
  assert.equal(lb.series.total.counts[march], POLIS.length);
  // the owner itself still sees everything
  const own = await picture(KL);
  assert.equal(own.total.count, KOMMUN.length + POLIS.length);
  // /stats/counts agrees
  const c = await s.get('/stats/counts?group=category&from=2026-03-02&to=2026-03-09', PL);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.total, POLIS.length);
  assert.ok(!c.json.items.some((x) => x.key === 'skadegorelse.klotter' || x.key === 'vald'), c.text);
});

test('aggregated: counted, never shown one by one, small counts suppressed', async () => {
  await rule('none');
  const none = await picture();
  await rule('aggregated');
  const lb = await picture();
  assert.equal(lb.sharing.aggregated_data, true);
  assert.equal(lb.sharing.owners_aggregated, 1);
  assert.ok(lb.sharing.suppressed > 0);
  // counted: the total (31 >= MIN) is shown
  assert.equal(lb.total.count, KOMMUN.length + POLIS.length);
  // categories: våld 3 (kommun) hidden; the hidden sum 3 < 5, so the
  // smallest other count, inbrott 6 (police), is hidden as well
  const cats = byCode(lb.categories);
  assert.equal(cats['skadegorelse.klotter'].count, 14);
  assert.equal(cats['otrygghet.samling'].count, 10);
  assert.equal(cats.vald.count, null);
  assert.equal(cats.vald.suppressed, true);
  assert.equal(cats.inbrott.count, null);
  assert.equal(cats.inbrott.suppressed, true);
  assert.ok(!('ratio' in cats.vald.previous) && !('p' in cats.vald.previous));
  assert.ok(!JSON.stringify(lb.categories).includes('"count":3'));
  // sub-areas: S11 (3 kommun) hidden, then the smallest other (S10, 6)
  const subs = byCode(lb.subareas.items);
  assert.equal(subs.S11.count, null);
  assert.equal(subs.S10.count, null);
  assert.equal(subs.S00.count, KOMMUN.filter((k) => sub(k) === 'S00').length);
  assert.equal(subs.S01.count, 10);
  const areas = byCode(lb.hotspots.areas.items);
  assert.equal(areas.S11.count, null);
  // matrix: every cell below MIN holding a kommun incident is null,
  // and the hidden ones sum to at least MIN
  const all = [...KOMMUN, ...POLIS];
  const m = Array.from({ length: 7 }, () => new Array(24).fill(0));
  const mk = Array.from({ length: 7 }, () => new Array(24).fill(0));
  for (const it of all) { const [d, h] = cellOf(it); m[d][h]++; if (it.org === 'KOMMUN') mk[d][h]++; }
  const hiddenCells = [];
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; h++) {
      const got = lb.hour_weekday.counts[d][h];
      if (m[d][h] > 0 && m[d][h] < MIN && mk[d][h] > 0) assert.equal(got, null, `cell ${d} ${h}`);
      if (got === null) hiddenCells.push(m[d][h]);
      else assert.equal(got, m[d][h], `cell ${d} ${h}`);
    }
  }
  assert.ok(hiddenCells.length > 0);
  assertHiddenSumSafe(m, hiddenCells);
  // series: March's våld hidden and then no trend for it
  const march = lb.series.months.indexOf('2026-03');
  const vald = lb.series.categories.find((c) => c.code === 'vald');
  assert.equal(vald.counts[march], null);
  assert.equal(vald.trend.not_computed, 'suppressed counts');
  // Gi* grid: no listed cell shows a count below MIN made with kommun data
  const g = lb.hotspots.grid;
  for (const cell of g.cells) {
    const inCell = all.filter((it) => Math.floor((it.x - g.x0) / g.cell) === cell.ix &&
      Math.floor((it.y - g.y0) / g.cell) === cell.iy);
    if (cell.count !== null && cell.count < MIN) assert.ok(inCell.every((it) => it.org === 'POLIS'));
  }
  // never shown one by one: no kommun id listed; the near-repeat, Knox
  // and KDE parts are those of the police data alone (as under none)
  assert.ok(listedIds(lb).every((id) => polisIds.has(id)), 'only police incidents listed');
  assert.deepEqual(lb.near_repeat.alerts, none.near_repeat.alerts);
  const figures = ({ computed_at, ...rest }) => rest;	// built at another second
  assert.deepEqual(figures(lb.near_repeat.knox), figures(none.near_repeat.knox));
  assert.deepEqual(lb.kde.values, none.kde.values);
  assert.deepEqual(lb.new.places, none.new.places);
  // the owner sees its own data in full: nothing suppressed
  const own = await picture(KL);
  assert.equal(own.sharing.suppressed, 0);
  assert.equal(byCode(own.categories).vald.count, 3);
  assert.ok(listedIds(own).some((id) => kommunIds.has(id)));
  // /stats/counts: counted, the small kommun count suppressed
  const c = await s.get('/stats/counts?group=category&from=2026-03-02&to=2026-03-09', PL);
  assert.equal(c.json.total, KOMMUN.length + POLIS.length);
  const cv = c.json.items.find((x) => x.key === 'vald');
  assert.equal(cv.count, null);
  assert.equal(cv.suppressed, true);
  assert.equal(c.json.items.find((x) => x.key === 'skadegorelse.klotter').count, 14);
});

// Counts per cell of the Gi* grid g of the incidents items.
function gridCounts(g, items) {
  const x = new Array(g.nx * g.ny).fill(0);
  for (const it of items) {
    const ix = Math.floor((it.x - g.x0) / g.cell), iy = Math.floor((it.y - g.y0) / g.cell);
    if (ix >= 0 && iy >= 0 && ix < g.nx && iy < g.ny) x[iy * g.nx + ix]++;
  }
  return x;
}

// Gi* z of cell i (binary distance-band weights with self, Ord and Getis
// 1995), the concentration's Gini and top 5 % share, as docs/api.md
// defines them: what an attacker would recompute.
function gistarZ(g, x, i) {
  const n = x.length, mean = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  const ix = i % g.nx, iy = Math.floor(i / g.nx), r = Math.ceil(g.band / g.cell);
  let l = 0, w = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const jx = ix + dx, jy = iy + dy;
      if (jx < 0 || jy < 0 || jx >= g.nx || jy >= g.ny || Math.hypot(dx, dy) * g.cell > g.band + 1e-9) continue;
      l += x[jy * g.nx + jx];
      w++;
    }
  }
  return (l - mean * w) / (sd * Math.sqrt((n * w - w * w) / (n - 1)));
}
function gini(x) {
  const v = [...x].sort((a, b) => a - b), m = v.length, t = v.reduce((a, b) => a + b, 0);
  return v.reduce((a, b, i) => a + (2 * (i + 1) - m - 1) * b, 0) / (m * t);
}
function top5(x) {
  const v = [...x].sort((a, b) => b - a), k = Math.ceil(0.05 * v.length);
  return v.slice(0, k).reduce((a, b) => a + b, 0) / v.reduce((a, b) => a + b, 0);
}

// The strongest attacker: knows every cell count but the hidden ones and
// tries each value 1..MIN-1 for one hidden cell h against every figure
// the picture shows (listed cells' counts and z, the concentration).
// Returns the values consistent with the picture.
function candidates(lb, truth, h) {
  const g = lb.hotspots.grid, conc = lb.concentration, ok = [];
  for (let c = 1; c < MIN; c++) {
    const x = [...truth];
    x[h] = c;
    let fits = true;
    for (const cell of g.cells) {
      const i = cell.iy * g.nx + cell.ix;
      if (cell.count !== null && cell.count !== x[i]) fits = false;
      if ('z' in cell && Math.abs(gistarZ(g, x, i) - cell.z) > 1e-5) fits = false;
    }
    if (conc.gini !== null && conc.gini !== undefined && Math.abs(gini(x) - conc.gini) > 2e-6) fits = false;
    if (conc.top5_share !== null && conc.top5_share !== undefined &&
      Math.abs(top5(x) - conc.top5_share) > 2e-6) fits = false;
    if (fits) ok.push(c);
  }
  return ok;
}

test('aggregated: Gi* and concentration are computed over all counted data, no hidden count follows from them', async () => {
  await rule('aggregated');
  const lb = await picture();
  const own = await picture(KL);
  const all = [...KOMMUN, ...POLIS];
  const g = lb.hotspots.grid;
  const truth = gridCounts(g, all), kommun = gridCounts(g, KOMMUN);
  const hidden = truth.map((n, i) => (n > 0 && n < MIN && kommun[i] > 0 ? i : -1)).filter((i) => i >= 0);
  assert.ok(hidden.length >= 2, 'the data hold hidden grid cells');
  // computed over every counted incident: the reader's classes are the owner's
  const classes = (p) => p.hotspots.grid.cells.map((c) => [c.ix, c.iy, c.class]);
  assert.deepEqual(classes(lb), classes(own));
  assert.deepEqual(lb.hotspots.areas.items.map((a) => a.class), own.hotspots.areas.items.map((a) => a.class));
  // the owner, who may see every count, gets the figures...
  assert.ok(own.hotspots.grid.cells.length > 0 && own.hotspots.grid.cells.every((c) => 'z' in c && 'q' in c));
  assert.equal(typeof own.concentration.gini, 'number');
  // ...from which the attacker recovers every hidden count (so the
  // attack below is real and this test fails if the reader's picture leaks)
  for (const h of hidden) assert.deepEqual(candidates(own, truth, h), [truth[h]], `cell ${h}`);
  // the reader's picture: no hidden count can be told from the others
  for (const h of hidden) assert.equal(candidates(lb, truth, h).length, MIN - 1, `cell ${h}`);
  for (const cell of g.cells) {
    assert.ok(!('z' in cell) && !('p' in cell) && !('q' in cell), JSON.stringify(cell));
    if (hidden.includes(cell.iy * g.nx + cell.ix)) assert.equal(cell.count, null);
  }
  assert.match(g.withheld, /suppressed/);
  assert.equal(lb.concentration.gini, null);
  assert.equal(lb.concentration.top5_share, null);
  assert.equal(lb.concentration.suppressed, true);
  // the child areas' Gi*: S11 is suppressed, so no item has z, p or q
  assert.ok(lb.hotspots.areas.items.some((a) => a.count === null));
  for (const a of lb.hotspots.areas.items) assert.ok(!('z' in a) && !('p' in a) && !('q' in a), JSON.stringify(a));
  assert.match(lb.definitions.sharing_statistics, /never shown in a form from which a suppressed count follows/);
  // under none nothing is hidden: the figures are there (of police data alone)
  await rule('none');
  const none = await picture();
  assert.equal(none.sharing.suppressed, 0);
  assert.equal(typeof none.concentration.gini, 'number');
  assert.ok(none.hotspots.areas.items.every((a) => 'z' in a));
  await rule(null);
});

test('samverkan lagesbild --as-org applies the same rules; the system sees all', async () => {
  await rule('aggregated');
  const api = await picture();
  const run = (extra) => JSON.parse(execFileSync(BIN, ['lagesbild', '--db', s.db, '--area', '9999',
    '--layer', 'kommun', '--period', PERIOD, ...extra], { encoding: 'utf8' }));
  const cli = run(['--as-org', 'POLIS']);
  // (counts compared; the CLI prints reals with another precision)
  const counts = (arr) => arr.map((o) => [o.code, o.count, o.suppressed, o.previous.count]);
  assert.deepEqual(counts(cli.categories), counts(api.categories));
  assert.deepEqual(counts(cli.subareas.items), counts(api.subareas.items));
  assert.deepEqual(cli.hour_weekday.counts, api.hour_weekday.counts);
  assert.deepEqual(cli.near_repeat.alerts.map((a) => a.id), api.near_repeat.alerts.map((a) => a.id));
  assert.equal(cli.sharing.system, false);
  const sys = run([]);
  assert.equal(sys.sharing.system, true);
  assert.equal(sys.sharing.suppressed, 0);
  assert.equal(byCode(sys.categories).vald.count, 3);
  let err = '';
  try {
    run(['--as-org', 'FINNSINTE']);
  } catch (e) {
    err = String(e.stderr);
  }
  assert.match(err, /as-org: no organisation with code 'FINNSINTE'/);
  await rule(null);
});
