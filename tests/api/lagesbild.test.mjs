// GET /api/v1/lagesbild on a database built through the API itself: a
// square kommun with 2 x 2 stadsdelar (SWEREF 99 TM), incidents posted by
// a reporter, then the weekly picture checked against counts made here
// from what was posted (total, per category, per stadsdel, previous week,
// hour x weekday), a planted near repeat, no free text, and bad input
// (unknown area 404, bad period 400, unknown parameter 400, each naming
// the field; no token 401).
import test from 'node:test';
import assert from 'node:assert/strict';
import { Server, errorOf } from './lib.mjs';

const X0 = 580000, Y0 = 6600000, SIDE = 4000;

function square(x, y, w) {
  return { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]]] };
}

// Deterministic points and times (Stockholm local, CET in March).
function incidents() {
  const out = [];
  let s = 12345;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const cats = ['skadegorelse.klotter', 'otrygghet.samling', 'inbrott'];
  // 2026-W10 is 2 March (Monday) to 8 March; W09 is 23 Feb to 1 March.
  for (let i = 0; i < 40; i++) {
    const week10 = i < 28;
    const day = week10 ? 2 + (i % 7) : 23 + (i % 7);
    const month = day > 28 ? 3 : (week10 ? 3 : 2);
    const dd = day > 28 ? day - 28 : day;
    const hour = 8 + (i % 14);
    out.push({
      category: cats[i % 3],
      observed_from: `2026-${String(month).padStart(2, '0')}-${String(dd).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00`,
      x: X0 + 100 + rnd() * (SIDE - 200),
      y: Y0 + 100 + rnd() * (SIDE - 200),
      description: 'fritext som inte får synas',
    });
  }
  // the planted near repeat: Tuesday then Thursday of W10, 40 m apart
  out.push({ category: 'inbrott', observed_from: '2026-03-03T03:00:00', x: X0 + 3900, y: Y0 + 3900 });
  out.push({ category: 'inbrott', observed_from: '2026-03-05T03:00:00', x: X0 + 3860, y: Y0 + 3900 });
  return out;
}

test('GET /lagesbild: the weekly picture with known answers', async (t) => {
  const srv = await Server.start();
  t.after(() => srv.stop());
  const tok = { token: 'samordnare@kommun.se' };
  let r = await srv.post('/areas', { layer: 'kommun', code: '9999', name: 'Provkommun',
    crs: 'EPSG:3006', geometry: square(X0, Y0, SIDE) }, tok);
  assert.equal(r.status, 201, r.text);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      r = await srv.post('/areas', { layer: 'stadsdel', code: `S${i}${j}`, name: `Del ${i}${j}`,
        parent: '9999', parent_layer: 'kommun', crs: 'EPSG:3006',
        geometry: square(X0 + i * SIDE / 2, Y0 + j * SIDE / 2, SIDE / 2) }, tok);
      assert.equal(r.status, 201, r.text);
    }
  }
  const items = incidents();
  r = await srv.post('/incidents', { items }, { token: 'rapportor@kommun.se' });
  assert.equal(r.status, 201, r.text);

  r = await srv.get('/lagesbild?area=9999&layer=kommun&period=2026-W10', { token: 'lasare@kommun.se' });
  assert.equal(r.status, 200, r.text);
  const lb = r.json;
  assert.ok(!r.text.includes('fritext'), 'no free text in the lägesbild');
  assert.equal(lb.area.code, '9999');
  assert.equal(lb.period.current.label, '2026-W10');
  assert.equal(lb.period.previous.label, '2026-W09');
  assert.ok(lb.computed_at);

  const inW10 = (it) => it.observed_from >= '2026-03-02' && it.observed_from < '2026-03-09';
  const inW09 = (it) => it.observed_from >= '2026-02-23' && it.observed_from < '2026-03-02';
  const w10 = items.filter(inW10);
  assert.equal(lb.total.count, w10.length);
  assert.equal(lb.total.previous.count, items.filter(inW09).length);
  for (const c of ['skadegorelse.klotter', 'otrygghet.samling', 'inbrott']) {
    const got = lb.categories.find((o) => o.code === c);
    assert.ok(got, c);
    assert.equal(got.count, w10.filter((it) => it.category === c).length, c);
  }
  assert.equal(lb.subareas.layer, 'stadsdel');
  for (const sub of lb.subareas.items) {
    const i = Number(sub.code[1]), j = Number(sub.code[2]);
    const n = w10.filter((it) => it.x >= X0 + i * SIDE / 2 && it.x < X0 + (i + 1) * SIDE / 2 &&
      it.y >= Y0 + j * SIDE / 2 && it.y < Y0 + (j + 1) * SIDE / 2).length;
    assert.equal(sub.count, n, sub.code);
  }
  // hour x weekday: the matrix sums to the week, each cell as counted here
  const m = Array.from({ length: 7 }, () => new Array(24).fill(0));
  for (const it of w10) {
    const d = new Date(it.observed_from + 'Z');
    m[(d.getUTCDay() + 6) % 7][d.getUTCHours()]++;
  }
  assert.deepEqual(lb.hour_weekday.counts, m);
  // the planted near repeat
  const alert = lb.near_repeat.alerts.find((a) => a.observed_from.startsWith('2026-03-05T03:00'));
  assert.ok(alert, 'near-repeat alert');
  assert.equal(alert.nearest_m, 40);
  assert.equal(alert.days_since_latest, 2);
  assert.ok(Array.isArray(lb.series.months) && lb.series.months.length === 12);
  assert.ok(lb.parameters.cell > 0 && lb.hotspots && lb.kde && lb.kde.values.length === lb.kde.nx * lb.kde.ny);
});

test('GET /lagesbild: bad input names the field', async (t) => {
  const srv = await Server.start();
  t.after(() => srv.stop());
  const tok = { token: 'lasare@kommun.se' };
  errorOf(assert, await srv.get('/lagesbild?area=0000&period=2026-W10', tok), 404, 'not_found', 'area');
  const sam = { token: 'samordnare@kommun.se' };
  const r = await srv.post('/areas', { layer: 'kommun', code: '9999', name: 'Provkommun',
    crs: 'EPSG:3006', geometry: square(X0, Y0, SIDE) }, sam);
  assert.equal(r.status, 201, r.text);
  errorOf(assert, await srv.get('/lagesbild?area=9999&period=2026-W99', tok), 400, 'invalid', 'period');
  errorOf(assert, await srv.get('/lagesbild?area=9999', tok), 400, 'invalid', 'period');
  errorOf(assert, await srv.get('/lagesbild?area=9999&period=2026-W10&cell=1', tok), 400, 'invalid', 'cell');
  errorOf(assert, await srv.get('/lagesbild?area=9999&period=2026-W10&bogus=1', tok), 400, 'invalid', 'bogus');
  const anon = await srv.get('/lagesbild?area=9999&period=2026-W10');
  assert.equal(anon.status, 401);
});
