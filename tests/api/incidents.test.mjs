// /incidents and /stats/counts: create by WGS84, SWEREF 99 TM or area,
// several at once (all or none), bad input of every kind, free text hidden
// from other organisations, who may change and withdraw what, the filters,
// keyset pagination, GeoJSON output and counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, errorOf, square } from './lib.mjs';

let s;
const RAP = { token: 'rapportor@kommun.se' };
const SAM = { token: 'samordnare@kommun.se' };
const LASK = { token: 'lasare@kommun.se' };
const RAPP = { token: 'rapportor@polis.se' };
const LASP = { token: 'lasare@polis.se' };

const inc = (over = {}) => ({
  category: 'skadegorelse.klotter', observed_from: '2026-11-20T22:10', lat: 59.61, lon: 16.54,
  severity: 2, people_count: 3, certainty: 'observed', description: 'Klotter på gavelväggen', ...over,
});

before(async () => {
  s = await Server.start();
  // Two districts of a kommun: incidents get their areas by point in polygon.
  let r = await s.post('/areas', { layer: 'kommun', code: '1980', name: 'Västerås',
    geometry: { type: 'Polygon', coordinates: square(16.54, 59.61, 0.1) } }, SAM);
  assert.equal(r.status, 201, r.text);
  for (const [code, lon] of [['VAST', 16.50], ['OST', 16.58]]) {
    r = await s.post('/areas', { layer: 'stadsdel', code, name: code, parent: '1980', parent_layer: 'kommun',
      geometry: { type: 'Polygon', coordinates: square(lon, 59.61, 0.02) } }, SAM);
    assert.equal(r.status, 201, r.text);
  }
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

test('create by WGS84: both coordinate pairs, areas by point in polygon, Stockholm time', async () => {
  const r = await s.post('/incidents', inc({ lon: 16.50 }), RAP);
  assert.equal(r.status, 201, r.text);
  const i = r.json;
  assert.equal(r.headers.get('location'), `/api/v1/incidents/${i.id}`);
  assert.equal(i.organisation, 'KOMMUN');
  assert.equal(i.category, 'skadegorelse.klotter');
  assert.equal(i.observed_from, '2026-11-20T22:10:00+01:00');
  assert.equal(i.observed_to, null);
  assert.equal(i.lat, 59.61);
  assert.equal(i.lon, 16.5);
  assert.ok(i.x > 580000 && i.x < 590000 && i.y > 6600000 && i.y < 6620000, `${i.x} ${i.y}`);
  assert.deepEqual(i.areas, { kommun: '1980', stadsdel: 'VAST' });
  assert.equal(i.severity, 2);
  assert.equal(i.people_count, 3);
  assert.equal(i.certainty, 'observed');
  assert.equal(i.description, 'Klotter på gavelväggen');
  assert.equal(i.source, 'est');
  assert.equal(i.status, 'active');
  assert.match(i.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
});

test('create by SWEREF 99 TM and by area; summer time offset', async () => {
  let r = await s.post('/incidents', inc({ lat: undefined, lon: undefined, x: 589200, y: 6609200,
    observed_from: '2026-07-01T12:00:00+02:00', observed_to: '2026-07-01T13:30' }), RAP);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.x, 589200);
  assert.equal(r.json.y, 6609200);
  assert.equal(r.json.areas.stadsdel, 'OST');
  assert.equal(r.json.observed_to, '2026-07-01T13:30:00+02:00');
  r = await s.post('/incidents', inc({ lat: undefined, lon: undefined, area: 'OST', layer: 'stadsdel' }), RAP);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.areas.stadsdel, 'OST');
  assert.equal(r.json.areas.kommun, '1980');
  r = await s.post('/incidents', { category: 'brand', observed_from: '2026-11-21', area: '1980' }, RAP);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.severity, 1);
  assert.equal(r.json.people_count, null);
  assert.ok(!('description' in r.json));
});

test('bad input: malformed, unknown and duplicate fields, wrong types', async () => {
  errorOf(assert, await s.req('POST', '/incidents', { ...RAP, raw: '{"category":"brand",' }), 400, 'invalid');
  errorOf(assert, await s.req('POST', '/incidents', { ...RAP,
    raw: '{"category":"brand","category":"inbrott","observed_from":"2026-11-20","area":"1980"}' }), 400, 'invalid');
  errorOf(assert, await s.post('/incidents', inc({ reporter: 'x' }), RAP), 400, 'invalid', 'reporter');
  errorOf(assert, await s.post('/incidents', inc({ organisation: 'POLIS' }), RAP), 400, 'invalid', 'organisation');
  errorOf(assert, await s.post('/incidents', inc({ severity: 'hög' }), RAP), 422, 'invalid', 'severity');
  errorOf(assert, await s.post('/incidents', inc({ severity: 2.5 }), RAP), 422, 'invalid', 'severity');
  errorOf(assert, await s.post('/incidents', inc({ lat: '59.61' }), RAP), 422, 'invalid', 'lat');
  errorOf(assert, await s.post('/incidents', inc({ description: 42 }), RAP), 422, 'invalid', 'description');
  errorOf(assert, await s.post('/incidents', [inc()], RAP), 400, 'invalid');
  errorOf(assert, await s.req('POST', '/incidents', { ...RAP, raw: JSON.stringify(inc()), type: 'text/plain' }), 415);
});

test('bad input: values out of range, missing, unknown codes', async () => {
  errorOf(assert, await s.post('/incidents', inc({ severity: 4 }), RAP), 422, 'invalid', 'severity');
  errorOf(assert, await s.post('/incidents', inc({ severity: 0 }), RAP), 422, 'invalid', 'severity');
  errorOf(assert, await s.post('/incidents', inc({ severity: 1e12 }), RAP), 422, 'invalid', 'severity');
  errorOf(assert, await s.post('/incidents', inc({ people_count: -1 }), RAP), 422, 'invalid', 'people_count');
  errorOf(assert, await s.post('/incidents', inc({ people_count: 10001 }), RAP), 422, 'invalid', 'people_count');
  errorOf(assert, await s.post('/incidents', inc({ certainty: 'kanske' }), RAP), 422, 'invalid', 'certainty');
  errorOf(assert, await s.post('/incidents', inc({ category: 'nosuch' }), RAP), 422, 'invalid', 'category');
  errorOf(assert, await s.post('/incidents', inc({ category: undefined }), RAP), 422, 'invalid', 'category');
  errorOf(assert, await s.post('/incidents', inc({ observed_from: 'igår' }), RAP), 422, 'invalid', 'observed_from');
  errorOf(assert, await s.post('/incidents', inc({ observed_from: '2026-02-30T10:00' }), RAP), 422, 'invalid', 'observed_from');
  errorOf(assert, await s.post('/incidents', inc({ observed_to: '2026-11-19T10:00' }), RAP), 422, 'invalid', 'observed_to');
  errorOf(assert, await s.post('/incidents', inc({ description: 'x'.repeat(4001) }), RAP), 422, 'invalid', 'description');
  errorOf(assert, await s.post('/incidents', inc({ description: 'Pelle 811218-9876 var där' }), RAP), 422, 'invalid',
    'description');
});

test('bad input: coordinates outside Sweden or out of range, locations missing or doubled, unknown area', async () => {
  errorOf(assert, await s.post('/incidents', inc({ lat: 48.85, lon: 2.35 }), RAP), 422, 'invalid', 'lat');
  errorOf(assert, await s.post('/incidents', inc({ lat: 91, lon: 16.5 }), RAP), 422, 'invalid', 'lat');
  errorOf(assert, await s.post('/incidents', inc({ lat: 59.6, lon: 500 }), RAP), 422, 'invalid');
  errorOf(assert, await s.post('/incidents', inc({ lat: undefined, lon: undefined, x: 10, y: 20 }), RAP), 422, 'invalid', 'x');
  errorOf(assert, await s.post('/incidents', inc({ lon: undefined }), RAP), 422, 'invalid', 'lon');
  errorOf(assert, await s.post('/incidents', inc({ lat: undefined, lon: undefined }), RAP), 422, 'invalid', 'lat');
  errorOf(assert, await s.post('/incidents', inc({ x: 588000, y: 6609200 }), RAP), 422, 'invalid', 'lat');
  errorOf(assert, await s.post('/incidents', inc({ lat: undefined, lon: undefined, area: 'NOSUCH' }), RAP), 422, 'invalid',
    'area');
});

test('several in one POST: all or none', async () => {
  const before = (await s.get('/incidents?status=all&limit=1000', SAM)).json.items.length;
  let r = await s.post('/incidents', { items: [inc(), inc({ severity: 9 }), inc()] }, RAP);
  const e = errorOf(assert, r, 422, 'invalid', 'items[1].severity');
  assert.ok(e.message);
  r = await s.post('/incidents', { items: [inc(), { ...inc(), colour: 'red' }] }, RAP);
  errorOf(assert, r, 400, 'invalid', 'items[1].colour');
  r = await s.post('/incidents', { items: [inc(), 'x'] }, RAP);
  errorOf(assert, r, 400, 'invalid', 'items[1]');
  errorOf(assert, await s.post('/incidents', { items: [] }, RAP), 422, 'invalid', 'items');
  errorOf(assert, await s.post('/incidents', { items: [inc()], category: 'brand' }, RAP), 400, 'invalid');
  assert.equal((await s.get('/incidents?status=all&limit=1000', SAM)).json.items.length, before, 'nothing created');
  r = await s.post('/incidents', { items: [inc({ lon: 16.58 }), inc({ lon: 16.50, category: 'brand' })] }, RAP);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items.length, 2);
  assert.deepEqual(r.json.items.map((i) => i.areas.stadsdel), ['OST', 'VAST']);
  assert.equal((await s.get('/incidents?status=all&limit=1000', SAM)).json.items.length, before + 2);
});

test('free text is hidden from other organisations', async () => {
  const r = await s.post('/incidents', inc({ description: 'Hemlig notering' }), RAP);
  const id = r.json.id;
  for (const who of [RAP, SAM, LASK]) {
    assert.equal((await s.get(`/incidents/${id}`, who)).json.description, 'Hemlig notering');
  }
  for (const who of [RAPP, LASP]) {
    const one = await s.get(`/incidents/${id}`, who);
    assert.equal(one.status, 200);
    assert.ok(!('description' in one.json), 'no description for POLIS');
    assert.ok(!one.text.includes('Hemlig'));
    const list = await s.get('/incidents?limit=1000', who);
    assert.ok(!list.text.includes('Hemlig'));
    const geo = await s.get('/incidents?format=geojson&limit=1000', who);
    assert.ok(!geo.text.includes('Hemlig'));
  }
  assert.ok((await s.get('/incidents?limit=1000', LASK)).text.includes('Hemlig'));
});

test('change and withdraw: own organisation only; samordnare any of their org', async () => {
  const r = await s.post('/incidents', inc(), RAP);
  const id = r.json.id;
  let p = await s.patch(`/incidents/${id}`, { severity: 3, description: null }, RAP);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.severity, 3);
  assert.ok(!('description' in p.json));
  assert.equal(p.json.category, 'skadegorelse.klotter');
  p = await s.patch(`/incidents/${id}`, { lat: 59.61, lon: 16.58 }, RAP);
  assert.equal(p.json.areas.stadsdel, 'OST');
  errorOf(assert, await s.patch(`/incidents/${id}`, { lat: 59.61 }, RAP), 422, 'invalid', 'lon');
  errorOf(assert, await s.patch(`/incidents/${id}`, { severity: 7 }, RAP), 422, 'invalid', 'severity');
  errorOf(assert, await s.patch(`/incidents/${id}`, { status: 'active' }, RAP), 400, 'invalid', 'status');
  errorOf(assert, await s.patch(`/incidents/${id}`, { severity: 1 }, RAPP), 403, 'forbidden');
  errorOf(assert, await s.del(`/incidents/${id}`, RAPP), 403, 'forbidden');
  errorOf(assert, await s.patch(`/incidents/${id}`, { severity: 1 }, LASK), 403, 'forbidden');
  p = await s.patch(`/incidents/${id}`, { severity: 1 }, SAM);
  assert.equal(p.status, 200, p.text);
  assert.equal((await s.del(`/incidents/${id}`, RAP)).status, 204);
  const w = await s.get(`/incidents/${id}`, LASK);
  assert.equal(w.json.status, 'withdrawn');
  errorOf(assert, await s.get('/incidents/999999', LASK), 404);
  errorOf(assert, await s.patch('/incidents/999999', { severity: 1 }, RAP), 404);
});

test('filters: a week of incidents from two organisations', async () => {
  // A fresh set in a week of its own.
  const week = [
    inc({ observed_from: '2026-03-02T08:00', lon: 16.50, category: 'skadegorelse.klotter' }),
    inc({ observed_from: '2026-03-03T09:00', lon: 16.58, category: 'skadegorelse' }),
    inc({ observed_from: '2026-03-04T10:00', lon: 16.58, category: 'brand' }),
  ];
  let r = await s.post('/incidents', { items: week }, RAP);
  assert.equal(r.status, 201, r.text);
  r = await s.post('/incidents', inc({ observed_from: '2026-03-05T11:00', lon: 16.50, category: 'inbrott' }), RAPP);
  assert.equal(r.status, 201, r.text);
  const q = (qs) => s.get('/incidents?from=2026-03-02&to=2026-03-09&' + qs, LASK).then((x) => {
    assert.equal(x.status, 200, x.text);
    return x.json.items;
  });
  assert.equal((await q('')).length, 4);
});

test('filters: time, area with descendants, category with sub-categories, org, source, bbox, status', async () => {
  const base = 'from=2026-03-02&to=2026-03-09';
  const q = async (qs) => {
    const x = await s.get(`/incidents?${base}${qs ? '&' + qs : ''}`, LASK);
    assert.equal(x.status, 200, x.text);
    return x.json.items;
  };
  assert.equal((await s.get(`/incidents?${base}&to=2026-03-04`, LASK)).status, 400);
  assert.equal((await s.get('/incidents?from=2026-03-02&to=2026-03-04T10:00', LASK)).json.items.length, 2);
  assert.equal((await q('area=OST')).length, 2);
  assert.equal((await q('area=OST&layer=stadsdel')).length, 2);
  assert.equal((await q('area=1980')).length, 4, 'the kommun includes its districts');
  assert.equal((await q('category=skadegorelse')).length, 2, 'sub-categories included');
  assert.equal((await q('category=skadegorelse.klotter')).length, 1);
  assert.equal((await q('org=POLIS')).length, 1);
  assert.equal((await q('source=est')).length, 4);
  assert.equal((await q('source=polisen')).length, 0);
  assert.equal((await q('bbox=16.55,59.5,16.7,59.7')).length, 2);
  errorOf(assert, await s.get(`/incidents?${base}&bbox=1,2,3`, LASK), 400, 'invalid', 'bbox');
  errorOf(assert, await s.get(`/incidents?${base}&bbox=16.7,59.5,16.55,59.7`, LASK), 400, 'invalid', 'bbox');
  errorOf(assert, await s.get(`/incidents?${base}&status=gone`, LASK), 400, 'invalid', 'status');
  errorOf(assert, await s.get('/incidents?from=förra+veckan', LASK), 400, 'invalid', 'from');
  errorOf(assert, await s.get(`/incidents?${base}&area=NOSUCH`, LASK), 400, 'invalid', 'area');
  errorOf(assert, await s.get(`/incidents?${base}&category=nosuch`, LASK), 400, 'invalid', 'category');
  errorOf(assert, await s.get(`/incidents?${base}&format=csv`, LASK), 400, 'invalid', 'format');
  // Offsets in the query must be escaped: %2B is '+'.
  assert.equal((await s.get('/incidents?from=2026-03-02T00:00%2B01:00&to=2026-03-09', LASK)).json.items.length, 4);
  const withdrawn = (await q('')).find((i) => i.organisation === 'KOMMUN');
  assert.equal((await s.del(`/incidents/${withdrawn.id}`, RAP)).status, 204);
  assert.equal((await q('')).length, 3);
  assert.equal((await q('status=withdrawn')).length, 1);
  assert.equal((await q('status=all')).length, 4);
});

test('keyset pagination walks every incident once, in order', async () => {
  const all = (await s.get('/incidents?status=all&limit=1000', SAM)).json.items;
  assert.ok(all.length >= 10, `${all.length}`);
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const r = await s.get(`/incidents?status=all&limit=3${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`, SAM);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length <= 3);
    seen.push(...r.json.items.map((i) => i.id));
    cursor = r.json.next_cursor;
    pages++;
  } while (cursor && pages < 100);
  assert.deepEqual(seen, all.map((i) => i.id));
  assert.equal(new Set(seen).size, seen.length);
  errorOf(assert, await s.get('/incidents?cursor=garbage', SAM), 400, 'invalid', 'cursor');
  errorOf(assert, await s.get('/incidents?limit=1001', SAM), 400, 'invalid', 'limit');
});

test('format=geojson gives a FeatureCollection of points', async () => {
  const r = await s.get('/incidents?format=geojson&limit=2', LASK);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/geo+json');
  assert.equal(r.json.type, 'FeatureCollection');
  assert.equal(r.json.features.length, 2);
  const f = r.json.features[0];
  assert.equal(f.type, 'Feature');
  assert.equal(f.geometry.type, 'Point');
  assert.equal(f.geometry.coordinates[0], f.properties.lon);
  assert.equal(f.geometry.coordinates[1], f.properties.lat);
  assert.ok('next_cursor' in r.json);
});

test('stats/counts by week, day, hour, category, area and org', async () => {
  const base = 'from=2026-03-02&to=2026-03-09&status=all';
  const c = async (qs) => {
    const r = await s.get(`/stats/counts?${base}&${qs}`, LASP);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  let j = await c('group=week');
  assert.equal(j.group, 'week');
  assert.deepEqual(j.items.map((i) => [i.key, i.count]), [['2026-W10', 4]]);
  assert.equal(j.total, 4);
  j = await c('group=day');
  assert.deepEqual(j.items.map((i) => i.key), ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
  j = await c('group=hour');
  assert.deepEqual(j.items.map((i) => i.key), ['08', '09', '10', '11']);
  j = await c('group=category');
  assert.equal(j.items.reduce((a, i) => a + i.count, 0), 4);
  assert.ok(j.items.every((i) => typeof i.label === 'string'));
  j = await c('group=area&layer=stadsdel');
  assert.deepEqual(j.items.map((i) => [i.key, i.count]), [['OST', 2], ['VAST', 2]]);
  j = await c('group=org');
  assert.deepEqual(j.items.map((i) => [i.key, i.count]), [['KOMMUN', 3], ['POLIS', 1]]);
  j = await c('group=week&area=OST');
  assert.equal(j.total, 2);
  // group_layer groups; layer and area only filter.
  j = await c('group=area&group_layer=stadsdel&area=1980&layer=kommun');
  assert.deepEqual(j.items.map((i) => [i.key, i.count]), [['OST', 2], ['VAST', 2]]);
  j = await c('group=area&group_layer=stadsdel&area=OST&layer=stadsdel');
  assert.deepEqual(j.items.map((i) => [i.key, i.count]), [['OST', 2]]);
  assert.equal(j.total, 2);
  j = await c('group=area&group_layer=kommun&area=VAST&layer=stadsdel');
  assert.deepEqual(j.items.map((i) => [i.key, i.count]), [['1980', 2]]);
  errorOf(assert, await s.get(`/stats/counts?${base}&group=area&group_layer=gata`, LASP), 400, 'invalid', 'group_layer');
  errorOf(assert, await s.get(`/stats/counts?${base}&group=week&group_layer=stadsdel`, LASP), 400, 'invalid', 'group_layer');
  errorOf(assert, await s.get(`/stats/counts?${base}`, LASP), 400, 'invalid', 'group');
  errorOf(assert, await s.get(`/stats/counts?${base}&group=year`, LASP), 400, 'invalid', 'group');
  errorOf(assert, await s.get(`/stats/counts?${base}&group=week&limit=3`, LASP), 400, 'invalid', 'limit');
});
