// /areas (create from GeoJSON in WGS84 or SWEREF 99 TM, list, GeoJSON
// output, import of a FeatureCollection all or none and idempotently, the
// real SCB kommun boundaries) and /categories (the seeded EST tree,
// create, change, delete).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Server, errorOf, square, sharedFile } from './lib.mjs';

let s;
const SAM = { token: 'samordnare@kommun.se' };
const RAP = { token: 'rapportor@kommun.se' };
const LAS = { token: 'lasare@polis.se' };

before(async () => {
  s = await Server.start();
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

const vasteras = { type: 'Polygon', coordinates: square(16.54, 59.61, 0.05) };

test('create an area from WGS84 GeoJSON and read it back', async () => {
  let r = await s.post('/areas', { layer: 'kommun', code: '1980', name: 'Västerås', geometry: vasteras }, SAM);
  assert.equal(r.status, 201, r.text);
  const a = r.json;
  assert.equal(a.layer, 'kommun');
  assert.equal(a.code, '1980');
  assert.equal(a.parent, null);
  assert.equal(a.bbox.length, 4);
  // The WGS84 box of the SWEREF box: a little larger than the square.
  assert.ok(Math.abs(a.bbox[0] - 16.49) < 0.01 && Math.abs(a.bbox[3] - 59.66) < 0.01, JSON.stringify(a.bbox));
  assert.ok(a.bbox[0] <= 16.49 && a.bbox[2] >= 16.59 && a.bbox[1] <= 59.56 && a.bbox[3] >= 59.66);
  assert.equal(a.geometry.type, 'MultiPolygon');
  r = await s.get(`/areas/${a.id}`, LAS);
  assert.equal(r.status, 200);
  assert.equal(r.json.name, 'Västerås');
  assert.ok(r.json.geometry.coordinates[0][0].length >= 5);
});

test('create a child area in SWEREF 99 TM with a parent', async () => {
  // A square of 1 km around (586900, 6609000), inside the kommun above.
  const ring = [[586400, 6608500], [587400, 6608500], [587400, 6609500], [586400, 6609500], [586400, 6608500]];
  const r = await s.post('/areas', { layer: 'stadsdel', code: 'CENTRUM', name: 'Centrum', parent: '1980',
    parent_layer: 'kommun', crs: 'EPSG:3006', geometry: { type: 'Polygon', coordinates: [ring] } }, SAM);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.parent.code, '1980');
  assert.equal(r.json.parent.layer, 'kommun');
  // The WGS84 bbox of the SWEREF square lies near 16.54, 59.61.
  assert.ok(Math.abs(r.json.bbox[0] - 16.53) < 0.02, JSON.stringify(r.json.bbox));
  const list = await s.get('/areas?parent=1980', LAS);
  assert.deepEqual(list.json.items.map((a) => a.code), ['CENTRUM']);
  assert.ok(!('geometry' in list.json.items[0]), 'no geometry in plain lists');
});

test('list areas: filters and GeoJSON', async () => {
  let r = await s.get('/areas?layer=kommun', LAS);
  assert.deepEqual(r.json.items.map((a) => a.code), ['1980']);
  r = await s.get('/areas?q=centr', LAS);
  assert.deepEqual(r.json.items.map((a) => a.code), ['CENTRUM']);
  r = await s.get('/areas?format=geojson&layer=stadsdel', LAS);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/geo+json');
  assert.equal(r.json.type, 'FeatureCollection');
  assert.equal(r.json.features[0].geometry.type, 'MultiPolygon');
  assert.equal(r.json.features[0].properties.code, 'CENTRUM');
  errorOf(assert, await s.get('/areas?layer=planet', LAS), 400, 'invalid', 'layer');
  errorOf(assert, await s.get('/areas?format=kml', LAS), 400, 'invalid', 'format');
});

test('create an area: bad input', async () => {
  const base = { layer: 'plats', code: 'P1', name: 'Torget', geometry: { type: 'Polygon', coordinates: square(16.545, 59.611, 0.001) } };
  errorOf(assert, await s.post('/areas', { ...base, layer: 'planet' }, SAM), 422, 'invalid', 'layer');
  errorOf(assert, await s.post('/areas', { ...base, geometry: { type: 'Point', coordinates: [16.5, 59.6] } }, SAM),
    422, 'invalid', 'geometry');
  errorOf(assert, await s.post('/areas', { ...base, geometry: { type: 'Polygon', coordinates: square(2.35, 48.85) } }, SAM),
    422, 'invalid');	// Paris is not in Sweden
  errorOf(assert, await s.post('/areas', { ...base, geometry: { type: 'Polygon', coordinates: [[[16.5, 59.6], [16.6, 59.6], [16.5, 59.6]]] } }, SAM),
    422, 'invalid');
  const bowtie = [[[16.5, 59.6], [16.6, 59.7], [16.6, 59.6], [16.5, 59.7], [16.5, 59.6]]];
  errorOf(assert, await s.post('/areas', { ...base, geometry: { type: 'Polygon', coordinates: bowtie } }, SAM), 422, 'invalid');
  errorOf(assert, await s.post('/areas', { ...base, geometry: { type: 'Polygon', coordinates: [[[200, 100], [201, 100], [201, 101], [200, 100]]] } }, SAM),
    422, 'invalid');
  errorOf(assert, await s.post('/areas', { ...base, geometry: 'POLYGON((1 2))' }, SAM), 422, 'invalid', 'geometry');
  errorOf(assert, await s.post('/areas', { ...base, parent: 'NOSUCH', parent_layer: 'kommun' }, SAM), 422, 'invalid');
  errorOf(assert, await s.post('/areas', { ...base, wkt: 'x' }, SAM), 400, 'invalid', 'wkt');
  errorOf(assert, await s.post('/areas', { ...base, code: '1980', layer: 'kommun' }, SAM), 409, 'conflict');
  errorOf(assert, await s.post('/areas', base, RAP), 403, 'forbidden');
});

test('change and delete an area', async () => {
  let r = await s.post('/areas', { layer: 'plats', code: 'TORG', name: 'Torget',
    geometry: { type: 'Polygon', coordinates: square(16.545, 59.611, 0.001) } }, SAM);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await s.patch(`/areas/${id}`, { name: 'Stora torget' }, SAM);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Stora torget');
  assert.equal(r.json.geometry.type, 'MultiPolygon');
  r = await s.patch(`/areas/${id}`, { geometry: { type: 'Polygon', coordinates: square(16.55, 59.612, 0.002) } }, SAM);
  assert.equal(r.status, 200, r.text);
  assert.ok(Math.abs(r.json.bbox[0] - 16.548) < 1e-3, JSON.stringify(r.json.bbox));
  errorOf(assert, await s.patch(`/areas/${id}`, { name: 'X' }, RAP), 403);
  errorOf(assert, await s.patch(`/areas/${id}`, { layer: 'planet' }, SAM), 422, 'invalid', 'layer');
  assert.equal((await s.del(`/areas/${id}`, SAM)).status, 204);
  errorOf(assert, await s.get(`/areas/${id}`, LAS), 404);
  errorOf(assert, await s.get('/areas/999999', LAS), 404);
  errorOf(assert, await s.get('/areas/x', LAS), 404);
});

const fc = (features, crs) => JSON.stringify({
  type: 'FeatureCollection',
  ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
  features,
});
const feature = (props, coordinates) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates } });

test('import a FeatureCollection: all or none, then idempotent', async () => {
  const good = [
    feature({ kod: 'B1', namn: 'Bäckby' }, square(16.47, 59.62, 0.01)),
    feature({ kod: 'B2', namn: 'Råby' }, square(16.50, 59.62, 0.01)),
  ];
  const bad = [...good, feature({ kod: 'B3', namn: 'Fel' }, square(2.35, 48.85))];
  let r = await s.req('POST', '/areas/import?layer=basomrade&code_field=kod&name_field=namn', { ...SAM, raw: fc(bad) });
  const e = errorOf(assert, r, 422, 'invalid');
  assert.match(e.field, /^features\[2\]/);
  assert.equal((await s.get('/areas?layer=basomrade', LAS)).json.items.length, 0, 'nothing was imported');
  r = await s.req('POST', '/areas/import?layer=basomrade&code_field=kod&name_field=namn',
    { ...SAM, raw: fc(good), type: 'application/geo+json' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.read, 2);
  assert.equal(r.json.added, 2);
  r = await s.req('POST', '/areas/import?layer=basomrade&code_field=kod&name_field=namn', { ...SAM, raw: fc(good) });
  assert.equal(r.json.added, 0);
  assert.equal(r.json.unchanged, 2);
  good[1].properties.namn = 'Råby norra';
  r = await s.req('POST', '/areas/import?layer=basomrade&code_field=kod&name_field=namn', { ...SAM, raw: fc(good) });
  assert.equal(r.json.updated, 1);
  assert.equal(r.json.unchanged, 1);
});

test('import: bad requests', async () => {
  const f = fc([feature({ code: 'Q', name: 'Q' }, square(16.5, 59.6))]);
  errorOf(assert, await s.req('POST', '/areas/import', { ...SAM, raw: f }), 400, 'invalid', 'layer');
  errorOf(assert, await s.req('POST', '/areas/import?layer=planet', { ...SAM, raw: f }), 400, 'invalid', 'layer');
  errorOf(assert, await s.req('POST', '/areas/import?layer=plats', { ...SAM, raw: '{"type":' }), 400, 'invalid');
  errorOf(assert, await s.req('POST', '/areas/import?layer=plats&code_field=kod', { ...SAM, raw: f }), 422, 'invalid', 'features[0]');
  errorOf(assert, await s.req('POST', '/areas/import?layer=plats', { ...SAM, raw: f, type: 'text/plain' }), 415);
  errorOf(assert, await s.req('POST', '/areas/import?layer=plats', { ...RAP, raw: f }), 403);
});

test('import the 290 SCB kommuner (SWEREF 99 TM) and list them', { timeout: 600000 }, async (t) => {
  const file = sharedFile('boundaries', 'se_kommuner_scb_sweref99tm.geojson');
  if (!file) return t.skip('no shared data');
  const raw = readFileSync(file, 'utf8');
  const props = JSON.parse(raw).features[0].properties;
  const codeField = Object.keys(props).find((k) => /kod|code/i.test(k));
  const nameField = Object.keys(props).find((k) => /namn|name/i.test(k));
  let r = await s.req('POST', `/areas/import?layer=kommun&code_field=${codeField}&name_field=${nameField}`,
    { ...SAM, raw });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.read, 290);
  assert.equal(r.json.added + r.json.updated + r.json.unchanged, 290);
  r = await s.get('/areas?layer=kommun', LAS);
  assert.ok(r.json.items.length >= 290);
  const vas = r.json.items.find((a) => a.code === '1980');
  assert.equal(vas.name, 'Västerås');
  assert.ok(vas.bbox[0] > 15.8 && vas.bbox[2] < 17.2 && vas.bbox[1] > 59.3 && vas.bbox[3] < 60.0, JSON.stringify(vas.bbox));
});

test('categories: the seeded EST tree', async () => {
  const r = await s.get('/categories', LAS);
  assert.equal(r.status, 200);
  const codes = r.json.items.map((c) => c.code);
  for (const c of ['skadegorelse', 'skadegorelse.klotter', 'inbrott']) assert.ok(codes.includes(c), c);
  const klotter = r.json.items.find((c) => c.code === 'skadegorelse.klotter');
  assert.deepEqual(Object.keys(klotter).sort(), ['active', 'code', 'est', 'name', 'parent']);
  assert.equal(klotter.parent, 'skadegorelse');
  assert.equal(klotter.est, true);
  // Parents come before children.
  for (const c of r.json.items) if (c.parent) assert.ok(codes.indexOf(c.parent) < codes.indexOf(c.code), c.code);
  assert.equal((await s.get('/categories/skadegorelse.klotter', LAS)).json.name, klotter.name);
  errorOf(assert, await s.get('/categories/nosuch', LAS), 404);
});

test('categories: create, change, delete; bad input; rights', async () => {
  let r = await s.post('/categories', { code: 'skadegorelse.sprejning', name: 'Sprejning', parent: 'skadegorelse' }, SAM);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.active, true);
  r = await s.patch('/categories/skadegorelse.sprejning', { name: 'Sprejklotter' }, SAM);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Sprejklotter');
  assert.equal(r.json.parent, 'skadegorelse');
  errorOf(assert, await s.post('/categories', { code: 'x', name: 'X', parent: 'nosuch' }, SAM), 422);
  errorOf(assert, await s.post('/categories', { code: 'skadegorelse', name: 'Dubbel' }, SAM), 409, 'conflict');
  errorOf(assert, await s.post('/categories', { code: 'y', name: 'Y', est: 'ja' }, SAM), 422, 'invalid', 'est');
  errorOf(assert, await s.post('/categories', { code: 'y', name: 'Y', colour: 'red' }, SAM), 400, 'invalid', 'colour');
  errorOf(assert, await s.post('/categories', { code: 'y', name: 'Y' }, RAP), 403);
  assert.equal((await s.del('/categories/skadegorelse.sprejning', SAM)).status, 204);
  const after = await s.get('/categories/skadegorelse.sprejning', LAS);
  assert.ok(after.status === 404 || after.json.active === false, after.text);
});
