// Issue 6: the OpenAPI document names the real media types of the
// responses that are not JSON -- the renderings (HTML, PDF), photos,
// document and attachment files, iCalendar, GeoJSON -- and each real
// response's Content-Type is one the document lists for its route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './lib.mjs';

let s, doc;
const KS = { token: 'samordnare@kommun.se' };
const KR = { token: 'rapportor@kommun.se' };
// a 1x1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64');

before(async () => {
  s = await Server.start();
  doc = (await s.get('/openapi.json')).json;
});
after(async () => { await s?.stop(); });

const types = (p, m = 'get') => Object.keys(doc.paths[p][m].responses['200'].content);

test('the non-JSON responses are described with their media types', () => {
  for (const p of ['/agreements/{id}/document.html', '/plans/{id}/document.html', '/agreements/{id}/followup.html'])
    assert.deepEqual(types(p), ['text/html'], p);
  for (const p of ['/agreements/{id}/document.pdf', '/plans/{id}/document.pdf', '/agreements/{id}/followup.pdf']) {
    assert.deepEqual(types(p), ['application/pdf'], p);
    assert.deepEqual(doc.paths[p].get.responses['200'].content['application/pdf'].schema,
      { type: 'string', format: 'binary' });
  }
  assert.deepEqual(types('/photos/{id}').sort(), ['image/jpeg', 'image/png']);
  assert.ok(types('/documents/{id}/file').includes('application/pdf'));
  assert.ok(!types('/documents/{id}/file').includes('application/json'));
  assert.deepEqual(types('/attachments/{id}/file'), ['application/octet-stream']);
  assert.deepEqual(types('/bodies/{id}/meetings.ics'), ['text/calendar']);
  assert.deepEqual(types('/incidents').sort(), ['application/geo+json', 'application/json']);
  // JSON stays JSON
  assert.deepEqual(types('/documents/{id}'), ['application/json']);
  // no route with a file suffix is described as JSON
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!/\.(html|pdf|ics)$|\/file$/.test(p)) continue;
    assert.ok(!Object.keys(item.get.responses['200'].content).includes('application/json'), p);
  }
});

// The Content-Type of a real response, checked against the document.
async function check(specPath, url, who = KS) {
  const r = await s.get(url, who);
  assert.equal(r.status, 200, `${url}: ${r.text.slice(0, 200)}`);
  const ct = r.headers.get('content-type').split(';')[0].trim();
  assert.ok(types(specPath).includes(ct), `${url}: ${ct} not in ${types(specPath)}`);
}

test('each real response has a media type the document lists', async () => {
  const agr = (await s.post('/agreements', { title: 'Mediatyper', valid_from: '2026-01-01',
    until_further_notice: true }, KS)).json.id;
  const plan = (await s.post(`/agreements/${agr}/plans`, { title: 'Plan', period_from: '2026-01-01',
    period_to: '2026-12-31' }, KS)).json.id;
  const body = (await s.post(`/agreements/${agr}/bodies`, { name: 'Styrgrupp', kind: 'styrgrupp',
    cadence: 'per_ar', meetings_min: 2 }, KS));
  assert.equal(body.status, 201, body.text);
  for (const f of ['document.html', 'document.pdf', 'followup.html', 'followup.pdf'])
    await check(`/agreements/{id}/${f}`, `/agreements/${agr}/${f}`);
  await check('/plans/{id}/document.html', `/plans/${plan}/document.html`);
  await check('/plans/{id}/document.pdf', `/plans/${plan}/document.pdf`);
  await check('/bodies/{id}/meetings.ics', `/bodies/${body.json.id}/meetings.ics`);
  const d = await s.post('/documents', { kind: 'fil', title: 'T', file_name: 't.txt', media_type: 'text/plain',
    content: Buffer.from('text\n').toString('base64') }, KS);
  assert.equal(d.status, 201, d.text);
  await check('/documents/{id}/file', `/documents/${d.json.id}/file`);
  await check('/documents/{id}', `/documents/${d.json.id}`);
  const inc = await s.post('/incidents', { category: 'skadegorelse.klotter', observed_from: '2026-03-02T21:00',
    lat: 59.61, lon: 16.54 }, KR);
  assert.equal(inc.status, 201, inc.text);
  const ph = await s.post(`/incidents/${inc.json.id}/photos`, { media_type: 'image/png', data: PNG.toString('base64') }, KR);
  assert.equal(ph.status, 201, ph.text);
  await check('/photos/{id}', `/photos/${ph.json.id}`, KR);
  await check('/incidents', '/incidents?format=geojson');
  await check('/incidents', '/incidents');
});
