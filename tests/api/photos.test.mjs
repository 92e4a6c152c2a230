// Incident photos through the API: real JPEG and PNG files (made with
// libjpeg and libpng, the seeds of tests/fuzz/corpus/image) carrying EXIF
// with a GPS position, XMP, IPTC, an ICC profile, comments and PNG text
// chunks are stored without any of it; malformed files are refused with a
// 422 naming the field; only the incident's organisation adds or removes
// photos; other organisations see them only at sharing level full; the
// size and count caps hold; `samverkan retention run` deletes them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync, execFileSync } from 'node:child_process';
import path from 'node:path';
import { Server, errorOf, BIN, ROOT, PG } from './lib.mjs';

const KS = { token: 'samordnare@kommun.se' };
const KR = { token: 'rapportor@kommun.se' };
const KL = { token: 'lasare@kommun.se' };
const KA = { token: 'admin@kommun.se' };
const PR = { token: 'rapportor@polis.se' };
const PL = { token: 'lasare@polis.se' };

const corpus = (name) => readFileSync(path.join(ROOT, 'tests/fuzz/corpus/image', name));
const JPEG = corpus('jpeg_exif_gps');
const PNG = corpus('png_text_exif');
// The GPS latitude 59/1 36/1 as big-endian TIFF rationals.
const GPS = Buffer.from([0, 0, 0, 59, 0, 0, 0, 1, 0, 0, 0, 36]);

let s;
let incident;

const photo = (buf, type = 'image/jpeg') => ({ media_type: type, data: buf.toString('base64') });

async function picture(id, who = KL) {
  const r = await fetch(`${s.url}/api/v1/photos/${id}`, {
    headers: { authorization: 'Bearer ' + s.tokens[who.token] },
  });
  return { status: r.status, type: r.headers.get('content-type'), cache: r.headers.get('cache-control'),
    body: Buffer.from(await r.arrayBuffer()) };
}

before(async () => {
  s = await Server.start();
  const r = await s.post('/incidents', {
    category: 'skadegorelse.klotter', observed_from: '2026-11-20T22:10', lat: 59.61, lon: 16.54,
  }, KR);
  assert.equal(r.status, 201, r.text);
  incident = r.json.id;
});

after(async () => {
  if (s) assert.equal((await s.stop()).code, 0);
});

test('a JPEG with EXIF GPS, XMP, IPTC, ICC and a comment is stored without them', async () => {
  assert.ok(JPEG.includes('Exif') && JPEG.includes(GPS) && JPEG.includes('Anna'));
  const r = await s.post(`/incidents/${incident}/photos`, photo(JPEG), KR);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.media_type, 'image/jpeg');
  assert.equal(r.json.width, 48);
  assert.equal(r.json.height, 32);
  assert.equal(r.json.metadata_removed, 5);
  assert.ok(r.json.bytes < JPEG.length);
  assert.equal(r.json.href, `/api/v1/photos/${r.json.id}`);
  const p = await picture(r.json.id);
  assert.equal(p.status, 200);
  assert.equal(p.type, 'image/jpeg');
  assert.match(p.cache, /no-store/);
  assert.equal(p.body.length, r.json.bytes);
  assert.equal(createHash('sha256').update(p.body).digest('hex'), r.json.sha256);
  assert.deepEqual([...p.body.subarray(0, 2)], [0xff, 0xd8]);
  assert.deepEqual([...p.body.subarray(-2)], [0xff, 0xd9]);
  for (const gone of ['Exif', 'http://ns.adobe.com', 'ICC_PROFILE', '8BIM', 'Anna', 'SVCAM'])
    assert.ok(!p.body.includes(gone), gone);
  assert.ok(!p.body.includes(GPS));
  assert.ok(p.body.includes('JFIF'));
  const list = await s.get(`/incidents/${incident}/photos`, KL);
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.items.map((x) => x.id), [r.json.id]);
});

test('a PNG loses its text, time, eXIf and private chunks', async () => {
  const r = await s.post(`/incidents/${incident}/photos`, photo(PNG, 'image/png'), KR);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.metadata_removed, 7);
  const p = await picture(r.json.id);
  assert.equal(p.type, 'image/png');
  for (const gone of ['tEXt', 'zTXt', 'iTXt', 'tIME', 'eXIf', 'prVt', 'Anna'])
    assert.ok(!p.body.includes(gone), gone);
  assert.ok(!p.body.includes(GPS));
  assert.ok(p.body.includes('IHDR') && p.body.includes('IDAT') && p.body.includes('gAMA'));
});

test('what is not a well-formed JPEG or PNG is refused with 422 naming the field', async () => {
  const url = `/incidents/${incident}/photos`;
  let e = errorOf(assert, await s.post(url, photo(Buffer.from('GIF89a\x01\x00\x01\x00')), KR), 422, 'invalid', 'photo');
  assert.match(e.message, /not a JPEG or PNG/);
  e = errorOf(assert, await s.post(url, photo(JPEG.subarray(0, JPEG.length - 300)), KR), 422, 'invalid', 'photo');
  assert.match(e.message, /truncated/);
  const bad = Buffer.from(PNG);
  bad[42] ^= 1; // inside the gAMA chunk's data
  e = errorOf(assert, await s.post(url, photo(bad, 'image/png'), KR), 422, 'invalid', 'photo');
  assert.match(e.message, /CRC/);
  e = errorOf(assert, await s.post(url, photo(PNG, 'image/jpeg'), KR), 422, 'invalid', 'media_type');
  assert.match(e.message, /image\/png/);
  errorOf(assert, await s.post(url, { media_type: 'image/jpeg', data: '***' }, KR), 422, 'invalid', 'data');
  errorOf(assert, await s.post(url, { media_type: 'image/jpeg' }, KR), 422, 'invalid', 'data');
  errorOf(assert, await s.post(url, { ...photo(JPEG), exif: true }, KR), 400, 'invalid', 'exif');
  errorOf(assert, await s.post(url, { media_type: 'image/jpeg', data: 7 }, KR), 422, 'invalid', 'data');
  errorOf(assert, await s.post('/incidents/999999/photos', photo(JPEG), KR), 404, 'not_found');
  errorOf(assert, await s.post('/incidents/x/photos', photo(JPEG), KR), 404, 'not_found');
});

test('size cap: over 5 MiB is 413; a JSON body over the route cap is 413 too', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0);
  JPEG.copy(big);
  errorOf(assert, await s.post(`/incidents/${incident}/photos`, photo(big), KR), 413, 'too_large');
  const huge = await s.req('POST', `/incidents/${incident}/photos`,
    { ...KR, raw: '{"media_type":"image/jpeg","data":"' + 'A'.repeat(7 * 1024 * 1024) + '"}' })
    .catch((err) => ({ status: 'closed', err }));
  if (huge.status !== 'closed') errorOf(assert, huge, 413, 'too_large');
  assert.equal((await s.get(`/incidents/${incident}/photos`, KL)).status, 200);
});

test('only the incident\'s organisation adds or removes photos', async () => {
  const url = `/incidents/${incident}/photos`;
  errorOf(assert, await s.post(url, photo(JPEG), PR), 403, 'forbidden');
  errorOf(assert, await s.post(url, photo(JPEG), KL), 403, 'forbidden');
  errorOf(assert, await s.post(url, photo(JPEG)), 401, 'unauthenticated');
  const r = await s.post(url, photo(JPEG), KS);
  assert.equal(r.status, 201, r.text);
  errorOf(assert, await s.del(`/photos/${r.json.id}`, PR), 403, 'forbidden');
  errorOf(assert, await s.del(`/photos/${r.json.id}`, KL), 403, 'forbidden');
  assert.equal((await s.del(`/photos/${r.json.id}`, KS)).status, 204);
  errorOf(assert, await s.del(`/photos/${r.json.id}`, KS), 404, 'not_found');
  assert.equal((await picture(r.json.id)).status, 404);
});

test('other organisations see photos only at sharing level full', async () => {
  const list = await s.get(`/incidents/${incident}/photos`, KL);
  const id = list.json.items[0].id;
  // Default no_text: the incident is visible, its photos are not.
  assert.equal((await s.get(`/incidents/${incident}`, PL)).status, 200);
  errorOf(assert, await s.get(`/incidents/${incident}/photos`, PL), 403, 'forbidden');
  assert.equal((await picture(id, PL)).status, 403);
  const share = (level) => s.post('/sharing', { owner: 'KOMMUN', reader: 'POLIS', kind: 'incident', level }, KA);
  assert.equal((await share('full')).status, 200);
  assert.equal((await s.get(`/incidents/${incident}/photos`, PL)).json.items.length, list.json.items.length);
  assert.equal((await picture(id, PL)).status, 200);
  assert.equal((await share('aggregated')).status, 200);
  errorOf(assert, await s.get(`/incidents/${incident}/photos`, PL), 404, 'not_found');
  assert.equal((await picture(id, PL)).status, 404);
  assert.equal((await s.del('/sharing?owner=KOMMUN&reader=POLIS&kind=incident', KA)).status, 204);
});

test('at most 10 photos per incident', async () => {
  const url = `/incidents/${incident}/photos`;
  let n = (await s.get(url, KL)).json.items.length;
  for (; n < 10; n++) assert.equal((await s.post(url, photo(PNG, 'image/png'), KR)).status, 201);
  errorOf(assert, await s.post(url, photo(PNG, 'image/png'), KR), 409, 'conflict', 'photo');
});

test('retention deletes photos after retention.photo days; the audit trail says so', async () => {
  const env = { ...process.env, SV_FAKE_NOW: String(Math.floor(Date.parse('2028-01-01T00:00:00Z') / 1000)) };
  const run = (...a) => spawnSync(BIN, ['retention', 'run', '--db', s.db, ...a], { encoding: 'utf8', env });
  const before = (await s.get(`/incidents/${incident}/photos`, KL)).json.items.length;
  assert.equal(before, 10);
  const dry = run('--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /photo\s+deleted 10 \(dry run\)/);
  const r = run('--batch', '3');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /photo\s+deleted 10 /);
  assert.equal((await s.get(`/incidents/${incident}/photos`, KL)).json.items.length, 0);
  assert.equal((await s.get(`/incidents/${incident}`, KL)).status, 200);
  assert.match(run().stdout, /photo\s+deleted 0 /);
  if (!PG) {
    const list = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--entity', 'incident_photo'], { encoding: 'utf8' });
    assert.match(list, /\tcreate\tincident_photo\t\d+\t\{"before":null,"after":\{"incident":\d+,"media_type":"image\/jpeg","bytes":\d+,"sha256":"[0-9a-f]{64}","metadata_removed":5\}\}\n/);
    assert.match(list, /\tretention\tincident_photo\t\t\{"before":null,"after":\{"kind":"photo","action":"deleted","count":3,"period_days":365,/);
  }
  assert.equal(spawnSync(BIN, ['audit', 'verify', '--db', s.db]).status, 0);
});
