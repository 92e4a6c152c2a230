// Every kind of change through the API leaves an audit entry with who,
// organisation, when, what, and the record before and after it (issue 6
// item 2): organisations, users, areas (one by one and imported as a
// summary), categories, incidents and a collaboration entity. No entry
// holds a password hash, a password or an incident's free text (that is
// recorded as its SHA-256, so retention can erase the text), and
// `samverkan audit verify` passes afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { Server, BIN, square } from './lib.mjs';

const ADMIN = { token: 'admin@kommun.se' };
const SAM = { token: 'samordnare@kommun.se' };
const RAP = { token: 'rapportor@kommun.se' };
let s;
const ids = {};

before(async () => {
  s = await Server.start();
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

// The audit entries of an entity (oldest first) with the detail parsed.
function entries(entity) {
  const out = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--entity', entity, '--limit', '1000'],
    { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  assert.equal(lines[0], 'id\tat\tuser\torg\taction\tentity\tentity_id\tdetail');
  return lines.slice(1).reverse().map((l) => {
    const [id, at, user, org, action, ent, eid, detail] = l.split('\t');
    return { id: Number(id), at, user, org, action, entity: ent, eid, raw: detail, detail: JSON.parse(detail) };
  });
}

// The one entry of entity/action/eid, checked for who and when.
function entry(entity, action, eid, userId, pick = () => true) {
  const es = entries(entity).filter((e) => e.action === action && (eid === undefined || e.eid === String(eid)) &&
    pick(e));
  assert.equal(es.length, 1, `${entity} ${action} ${eid}: ${JSON.stringify(es)}`);
  const e = es[0];
  assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  if (userId !== undefined) assert.equal(e.user, String(userId));
  assert.notEqual(e.org, '');
  assert.deepEqual(Object.keys(e.detail).sort(), ['after', 'before']);
  return e;
}

async function ok(p, status = 200) {
  const r = await p;
  assert.equal(r.status, status, r.text);
  return r.json;
}

async function userId(email) {
  return (await ok(s.get('/session', { token: email }))).user.id;
}

test('organisations: create, update, delete with before and after', async () => {
  const admin = await userId('admin@kommun.se');
  await ok(s.post('/organisations', { code: 'AUD', name: 'Revision', kind: 'ovrig', parent: 'KOMMUN' }, ADMIN), 201);
  const c = entry('organisation', 'create', undefined, admin, (e) => e.detail.after.code === 'AUD');
  assert.equal(c.detail.before, null);
  assert.deepEqual(c.detail.after, { code: 'AUD', name: 'Revision', kind: 'ovrig', org_number: null, parent: 'KOMMUN' });
  await ok(s.patch('/organisations/AUD', { name: 'Revisionen' }, ADMIN));
  const u = entry('organisation', 'update', c.eid, admin);
  assert.equal(u.detail.before.name, 'Revision');
  assert.equal(u.detail.after.name, 'Revisionen');
  assert.equal(u.detail.after.code, 'AUD');
  await ok(s.del('/organisations/AUD', ADMIN), 204);
  const d = entry('organisation', 'delete', c.eid, admin);
  assert.equal(d.detail.before.name, 'Revisionen');
  assert.equal(d.detail.after, null);
});

test('users: create, role and password change, deactivation; never a hash or password', async () => {
  const admin = await userId('admin@kommun.se');
  const pw = 'hemligt-losenord-1';
  const created = await ok(s.post('/users', { email: 'ny@kommun.se', password: pw, organisation: 'KOMMUN',
    role: 'lasare', display_name: 'Ny Användare' }, ADMIN), 201);
  const c = entry('user', 'create', created.id, admin);
  assert.equal(c.detail.before, null);
  assert.deepEqual(c.detail.after, { email: 'ny@kommun.se', display_name: 'Ny Användare', alias: null,
    organisation: 'KOMMUN', role: 'lasare', active: true });
  await ok(s.patch(`/users/${created.id}`, { role: 'rapportor', password: 'ett-annat-losenord' }, ADMIN));
  const u = entry('user', 'update', created.id, admin);
  assert.equal(u.detail.before.role, 'lasare');
  assert.equal(u.detail.after.role, 'rapportor');
  assert.equal(u.detail.after.password_changed, true);
  await ok(s.del(`/users/${created.id}`, ADMIN), 204);
  const d = entry('user', 'delete', created.id, admin);
  assert.equal(d.detail.before.active, true);
  assert.equal(d.detail.after.active, false);
  for (const e of entries('user')) {
    assert.ok(!/argon2|\$argon|losenord|password_hash/.test(e.raw), e.raw);
  }
});

test('areas: create, update, delete, and an import as one summary entry', async () => {
  const sam = await userId('samordnare@kommun.se');
  const a = await ok(s.post('/areas', { layer: 'stadsdel', code: 'AUD1', name: 'Revisionsområdet',
    geometry: { type: 'Polygon', coordinates: square(16.5, 59.6, 0.01) } }, SAM), 201);
  const c = entry('area', 'create', a.id, sam);
  assert.equal(c.detail.before, null);
  assert.equal(c.detail.after.code, 'AUD1');
  assert.equal(c.detail.after.layer, 'stadsdel');
  assert.match(c.detail.after.geometry_sha256, /^[0-9a-f]{64}$/);
  await ok(s.patch(`/areas/${a.id}`, { name: 'Nytt namn', geometry: { type: 'Polygon',
    coordinates: square(16.5, 59.6, 0.02) } }, SAM));
  const u = entry('area', 'update', a.id, sam);
  assert.equal(u.detail.before.name, 'Revisionsområdet');
  assert.equal(u.detail.after.name, 'Nytt namn');
  assert.notEqual(u.detail.before.geometry_sha256, u.detail.after.geometry_sha256);
  await ok(s.del(`/areas/${a.id}`, SAM), 204);
  const d = entry('area', 'delete', a.id, sam);
  assert.equal(d.detail.before.name, 'Nytt namn');
  assert.equal(d.detail.after, null);

  const fc = { type: 'FeatureCollection', features: ['A', 'B'].map((code, i) => ({ type: 'Feature',
    properties: { code, name: `Område ${code}` },
    geometry: { type: 'Polygon', coordinates: square(16.4 + i * 0.05, 59.6, 0.01) } })) };
  await ok(s.req('POST', '/areas/import?layer=plats', { ...SAM, raw: JSON.stringify(fc) }));
  const im = entry('area', 'import', 'plats', sam);
  assert.equal(im.detail.before, null);
  assert.deepEqual(im.detail.after, { layer: 'plats', read: 2, added: 2, updated: 0, unchanged: 0 });
});

test('categories: create, update, delete', async () => {
  const sam = await userId('samordnare@kommun.se');
  await ok(s.post('/categories', { code: 'revision.test', name: 'Revision' }, SAM), 201);
  const c = entry('category', 'create', 'revision.test', sam);
  assert.deepEqual(c.detail.after, { code: 'revision.test', name: 'Revision', parent: null, est: false, active: true });
  await ok(s.patch('/categories/revision.test', { name: 'Revisionen' }, SAM));
  const u = entry('category', 'update', 'revision.test', sam);
  assert.equal(u.detail.before.name, 'Revision');
  assert.equal(u.detail.after.name, 'Revisionen');
  await ok(s.del('/categories/revision.test', SAM), 204);
  const d = entry('category', 'delete', 'revision.test', sam);
  assert.equal(d.detail.before.name, 'Revisionen');
  assert.equal(d.detail.after, null);
});

test('incidents: create, update, withdraw; the free text only as its SHA-256', async () => {
  const rap = await userId('rapportor@kommun.se');
  const text = 'Klotter på gavelväggen vid skolan';
  const i = await ok(s.post('/incidents', { category: 'skadegorelse.klotter', observed_from: '2026-11-20T22:10',
    lat: 59.61, lon: 16.54, severity: 2, people_count: 3, certainty: 'observed', description: text }, RAP), 201);
  ids.incident = i.id;
  const c = entry('incident', 'create', i.id, rap);
  assert.equal(c.detail.before, null);
  assert.equal(c.detail.after.category, 'skadegorelse.klotter');
  assert.equal(c.detail.after.severity, 2);
  assert.equal(c.detail.after.status, 'active');
  assert.deepEqual(c.detail.after.description, {
    sha256: createHash('sha256').update(text).digest('hex'), length: Buffer.byteLength(text) });
  await ok(s.patch(`/incidents/${i.id}`, { severity: 3, description: null }, RAP));
  const u = entry('incident', 'update', i.id, rap);
  assert.equal(u.detail.before.severity, 2);
  assert.equal(u.detail.after.severity, 3);
  assert.equal(u.detail.after.description, null);
  await ok(s.del(`/incidents/${i.id}`, RAP), 204);
  const d = entry('incident', 'withdraw', i.id, rap);
  assert.equal(d.detail.before.status, 'active');
  assert.equal(d.detail.after.status, 'withdrawn');
  for (const e of entries('incident')) assert.ok(!e.raw.includes('gavelväggen'), e.raw);
});

test('collaboration entities: an agreement and its party', async () => {
  const sam = await userId('samordnare@kommun.se');
  const a = await ok(s.post('/agreements', { title: 'Revisionsavtal', valid_from: '2026-01-01',
    until_further_notice: true }, SAM), 201);
  const c = entry('agreement', 'create', a.id, sam);
  assert.equal(c.detail.before, null);
  assert.equal(c.detail.after.title, 'Revisionsavtal');
  assert.equal(c.detail.after.valid_from, '2026-01-01');
  assert.equal(c.detail.after.until_further_notice, true);
  await ok(s.patch(`/agreements/${a.id}`, { title: 'Revisionsavtalet' }, SAM));
  const u = entry('agreement', 'update', a.id, sam);
  assert.equal(u.detail.before.title, 'Revisionsavtal');
  assert.equal(u.detail.after.title, 'Revisionsavtalet');
  const p = await ok(s.post(`/agreements/${a.id}/parties`, { organisation: 'KOMMUN', designation: 'Kommunen' }, SAM), 201);
  const pc = entry('party', 'create', p.id, sam);
  assert.equal(pc.detail.after.organisation, 'KOMMUN');
  assert.equal(pc.detail.after.parent_id, a.id);
  await ok(s.del(`/parties/${p.id}`, SAM), 204);
  const pd = entry('party', 'delete', p.id, sam);
  assert.equal(pd.detail.before.designation, 'Kommunen');
  assert.equal(pd.detail.after, null);
});

test('documents: create, change, decide, archive, delete, each with the record before and after', async () => {
  const sam = await userId('samordnare@kommun.se');
  const file = (t) => Buffer.from(t).toString('base64');
  const d = await ok(s.post('/documents', { kind: 'fil', title: 'Protokoll 1', file_name: 'p1.txt',
    media_type: 'text/plain', content: file('Första utkastet\n') }, SAM), 201);
  const c = entry('document', 'create', d.id, sam);
  assert.equal(c.detail.before, null);
  assert.equal(c.detail.after.title, 'Protokoll 1');
  assert.equal(c.detail.after.status, 'utkast');
  assert.equal(c.detail.after.organisation, 'KOMMUN');
  assert.equal(c.detail.after.sha256, createHash('sha256').update('Första utkastet\n').digest('hex'));
  await ok(s.patch(`/documents/${d.id}`, { title: 'Protokoll 1 (rättat)' }, SAM));
  const u = entry('document', 'update', d.id, sam);
  assert.equal(u.detail.before.title, 'Protokoll 1');
  assert.equal(u.detail.after.title, 'Protokoll 1 (rättat)');
  await ok(s.post(`/documents/${d.id}/decide`, { decision_ref: 'KS 2026-03-02 § 41', decided_on: '2026-03-02' }, SAM));
  const dc = entry('document', 'decide', d.id, sam);
  assert.equal(dc.detail.before.status, 'utkast');
  assert.equal(dc.detail.after.status, 'beslutad');
  assert.equal(dc.detail.after.decision_ref, 'KS 2026-03-02 § 41');
  assert.equal(dc.detail.after.decided_on, '2026-03-02');
  await ok(s.post(`/documents/${d.id}/archive`, {}, SAM));
  const ar = entry('document', 'archive', d.id, sam);
  assert.equal(ar.detail.before.status, 'beslutad');
  assert.equal(ar.detail.after.status, 'arkiverad');
  const dr = await ok(s.post('/documents', { kind: 'fil', title: 'Kladd', file_name: 'k.txt',
    media_type: 'text/plain', content: file('kladd\n') }, SAM), 201);
  await ok(s.del(`/documents/${dr.id}`, SAM), 204);
  const dd = entry('document', 'delete', dr.id, sam);
  assert.equal(dd.detail.before.title, 'Kladd');
  assert.equal(dd.detail.after, null);
  // the bytes are never in the trail, only their hash
  for (const e of entries('document')) assert.ok(!e.raw.includes('Första utkastet') && !e.raw.includes('kladd\\n'), e.raw);
});

test('sharing rules and trust settings: before and after as JSON', async () => {
  const adm = await userId('admin@kommun.se');
  await ok(s.req('POST', '/sharing', { ...ADMIN, body: { owner: 'KOMMUN', reader: 'POLIS', kind: 'dialogue',
    level: 'full' } }));
  let e = entry('sharing_rule', 'update', 'KOMMUN>POLIS:dialogue', adm, (x) => x.detail.before === null);
  assert.deepEqual(e.detail.after, { owner: 'KOMMUN', reader: 'POLIS', kind: 'dialogue', level: 'full' });
  await ok(s.req('POST', '/sharing', { ...ADMIN, body: { owner: 'KOMMUN', reader: 'POLIS', kind: 'dialogue',
    level: 'none' } }));
  e = entry('sharing_rule', 'update', 'KOMMUN>POLIS:dialogue', adm, (x) => x.detail.before !== null);
  assert.equal(e.detail.before.level, 'full');
  assert.equal(e.detail.after.level, 'none');
  await ok(s.del('/sharing?owner=KOMMUN&reader=POLIS&kind=dialogue', ADMIN), 204);
  e = entry('sharing_rule', 'delete', 'KOMMUN>POLIS:dialogue', adm);
  assert.equal(e.detail.before.level, 'none');
  assert.equal(e.detail.after, null);

  const nat = await userId('nat@riket.se');
  await ok(s.patch('/settings/trust', { pii_mode: 'mask', min_count: 7 }, { token: 'nat@riket.se' }));
  e = entry('trust_setting', 'update', 'pii_mode', nat);
  assert.deepEqual(e.detail.before, { name: 'pii_mode', value: 'refuse', is_default: true });
  assert.deepEqual(e.detail.after, { name: 'pii_mode', value: 'mask', is_default: false });
  e = entry('trust_setting', 'update', 'min_count', nat);
  assert.deepEqual(e.detail.before, { name: 'min_count', value: 5, is_default: true });
  assert.deepEqual(e.detail.after, { name: 'min_count', value: 7, is_default: false });
});

test('an API token: who it is for, never the token', () => {
  const tok = execFileSync(BIN, ['token', 'create', '--db', s.db, '--user', 'lasare@kommun.se'],
    { encoding: 'utf8' }).trim();
  const es = entries('api_token');
  const e = es[es.length - 1];
  assert.equal(e.action, 'create');
  assert.equal(e.detail.before, null);
  assert.equal(e.detail.after.email, 'lasare@kommun.se');
  assert.ok(tok.length >= 64 && !e.raw.includes(tok) && !e.raw.includes(createHash('sha256').update(tok).digest('hex')));
});

test('the chain verifies after all of it', () => {
  const v = spawnSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /^ok: \d+ entries, head [0-9a-f]{64}$/m);
});
