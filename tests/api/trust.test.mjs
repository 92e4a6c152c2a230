// Trust through the API and the CLI: sharing rules between
// organisations (full, no_text, aggregated, none) on single reads, lists
// and counts; who may set them (cross-organisation checks, CSRF); small
// counts suppressed for aggregated readers; the trust settings (national
// admins only) with personal data refused or masked; every change in the
// audit trail, `samverkan audit verify` failing on a row altered or
// removed with sqlite3 or psql behind the program's back; `samverkan backup`
// while the server writes; `samverkan retention run`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { Server, errorOf, BIN, PG, newDatabaseUrl, dropDatabase } from './lib.mjs';

let s;
const KA = { token: 'admin@kommun.se' };
const KR = { token: 'rapportor@kommun.se' };
const KL = { token: 'lasare@kommun.se' };
const PA = { token: 'admin@polis.se' };
const PL = { token: 'lasare@polis.se' };
const NAT = { token: 'nat@riket.se' };

const inc = (over = {}) => ({
  category: 'skadegorelse.klotter', observed_from: '2026-11-20T22:10', lat: 59.61, lon: 16.54,
  description: 'Klotter på gavelväggen', ...over,
});

async function report(over) {
  const r = await s.post('/incidents', inc(over), KR);
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

async function share(level, reader = 'POLIS', who = KA) {
  return s.req('POST', '/sharing', { ...who, body: { owner: 'KOMMUN', reader, kind: 'incident', level } });
}

let ids = [];

before(async () => {
  s = await Server.start();
  ids.push(await report());
  for (let i = 0; i < 5; i++) ids.push(await report({ observed_from: `2026-11-2${i}T10:00` }));
  for (let i = 0; i < 3; i++) ids.push(await report({ category: 'vald', description: null }));
  ids.push(await report({ category: 'brand', description: null }));
  for (let i = 0; i < 5; i++) ids.push(await report({ category: 'inbrott', description: null }));
});

after(async () => {
  if (s) assert.equal((await s.stop()).code, 0);
});

test('by default another organisation reads incidents without free text', async () => {
  const own = await s.get(`/incidents/${ids[0]}`, KL);
  assert.equal(own.json.description, 'Klotter på gavelväggen');
  const other = await s.get(`/incidents/${ids[0]}`, PL);
  assert.equal(other.status, 200);
  assert.ok(!('description' in other.json) || other.json.description === null, other.text);
  const list = await s.get('/incidents?limit=100', PL);
  assert.equal(list.json.items.length, ids.length);
  const rules = await s.get('/sharing', PL);
  assert.deepEqual(rules.json, { items: [], next_cursor: null });
});

test('full: the reader organisation sees the free text, others still do not', async () => {
  const r = await share('full');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { owner: 'KOMMUN', reader: 'POLIS', kind: 'incident', level: 'full' });
  assert.equal((await s.get(`/incidents/${ids[0]}`, PL)).json.description, 'Klotter på gavelväggen');
  const rules = (await s.get('/sharing', KL)).json.items;
  assert.equal(rules.length, 1);
  assert.equal(rules[0].level, 'full');
  assert.match(rules[0].updated_at, /^\d{4}-\d\d-\d\dT/);
  // RIKET (national, another organisation) still without text.
  const nat = await s.get(`/incidents/${ids[0]}`, NAT);
  assert.ok(!nat.json.description, nat.text);
});

test('aggregated: not listed, not found, counted with small counts suppressed', async () => {
  assert.equal((await share('aggregated')).status, 200);
  errorOf(assert, await s.get(`/incidents/${ids[0]}`, PL), 404, 'not_found');
  assert.equal((await s.get('/incidents', PL)).json.items.length, 0);
  const geo = await s.get('/incidents?format=geojson', PL);
  assert.equal(geo.status, 200);
  assert.equal((geo.json.features ?? geo.json.items ?? []).length, 0);
  const c = await s.get('/stats/counts?group=category', PL);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.total, 15);
  const by = Object.fromEntries(c.json.items.map((x) => [x.key, x]));
  assert.equal(by['skadegorelse.klotter'].count, 6);
  assert.ok(!('suppressed' in by['skadegorelse.klotter']));
  // vald 3 + brand 1 hidden sum to less than 5: inbrott 5 goes too.
  assert.equal(by.inbrott.count, null);
  assert.equal(by.inbrott.suppressed, true);
  assert.equal(by.vald.count, null);
  assert.equal(by.vald.suppressed, true);
  assert.equal(by.brand.count, null);
  assert.equal(by.brand.suppressed, true);
  // The owner's own readers see every count.
  const own = await s.get('/stats/counts?group=category', KL);
  assert.equal(Object.fromEntries(own.json.items.map((x) => [x.key, x.count])).vald, 3);
  assert.ok(own.json.items.every((x) => !('suppressed' in x)));
  // A small total is hidden too.
  const small = await s.get('/stats/counts?group=org&category=vald', PL);
  assert.equal(small.json.total, null);
  assert.equal(small.json.items[0].count, null);
});

test('none: not even counted; the owner default applies to every other organisation', async () => {
  assert.equal((await share('none')).status, 200);
  const c = await s.get('/stats/counts?group=week', PL);
  assert.equal(c.json.total, 0);
  assert.deepEqual(c.json.items, []);
  // Default for all others: aggregated; POLIS keeps its own rule (none).
  assert.equal((await share('aggregated', null)).status, 200);
  assert.equal((await s.get('/stats/counts?group=week', NAT)).json.total, 15);
  assert.equal((await s.get('/stats/counts?group=week', PL)).json.total, 0);
  // Removing POLIS's rule falls back to the owner's default.
  const d = await s.del('/sharing?owner=KOMMUN&reader=POLIS&kind=incident', KA);
  assert.equal(d.status, 204, d.text);
  errorOf(assert, await s.del('/sharing?owner=KOMMUN&reader=POLIS&kind=incident', KA), 404, 'not_found');
  assert.equal((await s.get('/stats/counts?group=week', PL)).json.total, 15);
  assert.equal((await s.del('/sharing?owner=KOMMUN&kind=incident', KA)).status, 204);
  assert.equal((await s.get('/incidents', PL)).json.items.length, ids.length);
});

test('only an admin of the owning organisation sets its rules', async () => {
  errorOf(assert, await share('full', 'POLIS', PA), 403, 'forbidden', 'owner');
  errorOf(assert, await share('full', 'POLIS', KL), 403, 'forbidden');
  errorOf(assert, await share('full', 'POLIS', KR), 403, 'forbidden');
  errorOf(assert, await s.req('POST', '/sharing', { body: { owner: 'KOMMUN', reader: 'POLIS', kind: 'incident', level: 'full' } }), 401, 'unauthenticated');
  // The national admin (RIKET, above KOMMUN) may.
  assert.equal((await share('no_text', 'POLIS', NAT)).status, 200);
  // POLIS's admin sets POLIS's own rules.
  const r = await s.req('POST', '/sharing', { ...PA, body: { owner: 'POLIS', reader: null, kind: 'dialogue', level: 'none' } });
  assert.equal(r.status, 200, r.text);
  errorOf(assert, await share('everything'), 422, 'invalid', 'level');
  errorOf(assert, await s.req('POST', '/sharing', { ...KA, body: { owner: 'KOMMUN', kind: 'weather', level: 'full' } }), 422, 'invalid', 'kind');
  errorOf(assert, await share('full', 'KOMMUN'), 422, 'invalid', 'reader');
  errorOf(assert, await share('full', 'NOSUCH'), 422, 'invalid', 'reader');
  errorOf(assert, await s.req('POST', '/sharing', { ...KA, body: { owner: 'KOMMUN', kind: 'incident', level: 'full', extra: 1 } }), 400, 'invalid', 'extra');
  errorOf(assert, await s.del('/sharing?owner=KOMMUN&reader=POLIS', PA), 403, 'forbidden');
});

test('state-changing sharing requests by cookie need the CSRF token', async () => {
  const l = await s.login('admin@kommun.se');
  const body = { owner: 'KOMMUN', reader: 'POLIS', kind: 'incident', level: 'full' };
  errorOf(assert, await s.req('POST', '/sharing', { cookie: l.cookie, body }), 403, 'forbidden');
  const r = await s.req('POST', '/sharing', { cookie: l.cookie, csrf: l.csrf, body });
  assert.equal(r.status, 200, r.text);
  assert.equal((await share('no_text')).status, 200);
});

test('trust settings: read by all, changed by national admins only', async () => {
  const g = await s.get('/settings/trust', PL);
  assert.equal(g.status, 200);
  const v = Object.fromEntries(g.json.items.map((x) => [x.name, x]));
  assert.equal(v.pii_mode.value, 'refuse');
  assert.equal(v.min_count.value, 5);
  assert.equal(v.min_count.default, true);
  assert.ok(v['retention.incident_text'].doc.length > 10);
  errorOf(assert, await s.patch('/settings/trust', { min_count: 3 }, KA), 403, 'forbidden');
  errorOf(assert, await s.patch('/settings/trust', { min_count: 3 }, PL), 403, 'forbidden');
  errorOf(assert, await s.patch('/settings/trust', { min_count: 0 }, NAT), 422, 'invalid', 'min_count');
  errorOf(assert, await s.patch('/settings/trust', { pii_mode: 'ignore' }, NAT), 422, 'invalid', 'pii_mode');
  errorOf(assert, await s.patch('/settings/trust', { colour: 'red' }, NAT), 400, 'invalid', 'colour');
  const r = await s.patch('/settings/trust', { min_count: 3, 'retention.withdrawn': 30 }, NAT);
  assert.equal(r.status, 200, r.text);
  const w = Object.fromEntries(r.json.items.map((x) => [x.name, x]));
  assert.equal(w.min_count.value, 3);
  assert.equal(w.min_count.default, false);
  assert.equal(w['retention.withdrawn'].value, 30);
  const back = await s.patch('/settings/trust', { min_count: null }, NAT);
  assert.equal(Object.fromEntries(back.json.items.map((x) => [x.name, x.value])).min_count, 5);
});

test('personal data in free text: refused with a clear message, or masked', async () => {
  for (const text of ['Mannen 19121212-1212 sprang', 'Ring 070-123 45 67', 'mejla anna@kommun.se',
    'samordningsnummer 850171-1231']) {
    const e = errorOf(assert, await s.post('/incidents', inc({ description: text }), KR), 422, 'invalid', 'description');
    assert.match(e.message, /personnummer|samordningsnummer|telefonnummer|e-post/);
    assert.ok(!e.message.includes('1212') && !e.message.includes('123 45'), e.message);
  }
  // A PATCH is checked the same way.
  errorOf(assert, await s.patch(`/incidents/${ids[0]}`, { description: 'tel 08-123 456 78' }, KR), 422, 'invalid', 'description');
  assert.equal((await s.patch('/settings/trust', { pii_mode: 'mask' }, NAT)).status, 200);
  const r = await s.post('/incidents', inc({ description: 'Ring 070-123 45 67 eller anna@kommun.se' }), KR);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.description, 'Ring [telefonnummer] eller [e-post]');
  assert.equal((await s.patch('/settings/trust', { pii_mode: null }, NAT)).status, 200);
});

// Behind the program's back: SQL straight into a database (sqlite3 or
// psql), and a copy of it to tamper with (samverkan backup on SQLite;
// pg_dump into a new database on PostgreSQL, where backup points there).
function sqlOn(db, q) {
  return PG
    ? execFileSync('psql', [db, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', q], { encoding: 'utf8', stdio: 'pipe' })
    : execFileSync('sqlite3', [db, q], { encoding: 'utf8', stdio: 'pipe' });
}
const dropTrigger = (name) => `DROP TRIGGER ${name}${PG ? ' ON audit_event' : ''}`;
const copies = [];
function copyOf(name) {
  if (!PG) {
    const out = path.join(s.dir, name);
    assert.equal(spawnSync(BIN, ['backup', '--db', s.db, '--out', out]).status, 0);
    return out;
  }
  const url = newDatabaseUrl(s.dir);
  copies.push(url);
  execFileSync('sh', ['-c', 'pg_dump --no-owner "$1" | psql -qX -v ON_ERROR_STOP=1 "$2"', 'sh', s.db, url],
    { stdio: 'pipe' });
  return url;
}

test('audit: every change traced; verify detects rows altered or removed behind the program', async () => {
  const ok = execFileSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' });
  const m = /^ok: (\d+) entries, head ([0-9a-f]{64})$/m.exec(ok);
  assert.ok(m, ok);
  const list = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--entity', 'sharing_rule', '--limit', '100'],
    { encoding: 'utf8' });
  assert.match(list, /\tupdate\tsharing_rule\tKOMMUN>POLIS:incident\t\{"before":null,"after":\{"owner":"KOMMUN","reader":"POLIS","kind":"incident","level":"full"\}\}\n/);
  assert.match(list, /\tdelete\tsharing_rule\tKOMMUN>\*:incident\t\{"before":\{"owner":"KOMMUN","reader":null,"kind":"incident","level":"aggregated"\},"after":null\}\n/);
  assert.ok(!/19121212|070-123/.test(list));
  const settings = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--entity', 'trust_setting'], { encoding: 'utf8' });
  assert.match(settings, /\tupdate\ttrust_setting\tmin_count\t\{"before":\{"name":"min_count","value":5,"is_default":true\},"after":\{"name":"min_count","value":3,"is_default":false\}\}\n/);

  if (PG) {
    // No file to copy: backup says to use pg_dump.
    const b = spawnSync(BIN, ['backup', '--db', s.db, '--out', path.join(s.dir, 'copy.db')], { encoding: 'utf8' });
    assert.equal(b.status, 1);
    assert.match(b.stderr, /pg_dump/);
  } else {
    // A backup is taken while the server keeps writing.
    const writes = [];
    for (let i = 0; i < 30; i++) writes.push(report({ observed_from: '2026-11-19T08:00', description: null }));
    const out = path.join(s.dir, 'copy.db');
    const b = spawnSync(BIN, ['backup', '--db', s.db, '--out', out], { encoding: 'utf8' });
    assert.equal(b.status, 0, b.stderr);
    await Promise.all(writes);
    assert.match(b.stdout, /copy\.db: \d+ pages, integrity ok/);
    assert.equal(spawnSync(BIN, ['backup', '--db', out, '--check'], { encoding: 'utf8' }).stdout, 'ok\n');
    const again = spawnSync(BIN, ['backup', '--db', s.db, '--out', out], { encoding: 'utf8' });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists/);
  }
  // The copy is a working database with a verified trail of its own.
  const out = copyOf('copy1.db');
  assert.equal(spawnSync(BIN, ['audit', 'verify', '--db', out]).status, 0);

  // Tampering with the copy, as someone with the file or the database
  // owner's password would: the triggers refuse, so they drop them first.
  assert.throws(() => sqlOn(out, "UPDATE audit_event SET detail = 'x' WHERE id = 2"));
  sqlOn(out, `${dropTrigger('audit_event_no_update')}; UPDATE audit_event SET detail = 'x' WHERE id = 2`);
  let v = spawnSync(BIN, ['audit', 'verify', '--db', out], { encoding: 'utf8' });
  assert.equal(v.status, 1);
  assert.match(v.stderr, /entry 2 does not match the chain/);
  // Removed instead (on a fresh copy).
  const out2 = copyOf('copy2.db');
  sqlOn(out2, `${dropTrigger('audit_event_no_delete')}; DELETE FROM audit_event WHERE id = 5`);
  v = spawnSync(BIN, ['audit', 'verify', '--db', out2], { encoding: 'utf8' });
  assert.equal(v.status, 1);
  assert.match(v.stderr, /entry 6 does not match the chain/);
  // The tail cut off: only the noted head tells.
  const out3 = copyOf('copy3.db');
  const head = /head ([0-9a-f]{64})/.exec(execFileSync(BIN, ['audit', 'verify', '--db', out3], { encoding: 'utf8' }))[1];
  assert.equal(spawnSync(BIN, ['audit', 'verify', '--db', out3, '--head', head]).status, 0);
  sqlOn(out3, `${dropTrigger('audit_event_no_delete')}; DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)`);
  assert.equal(spawnSync(BIN, ['audit', 'verify', '--db', out3]).status, 0);
  v = spawnSync(BIN, ['audit', 'verify', '--db', out3, '--head', head], { encoding: 'utf8' });
  assert.equal(v.status, 1);
  assert.match(v.stderr, /not in the chain/);
  copies.forEach(dropDatabase);
});

test('retention run: dry run, then anonymise and delete, then nothing', async () => {
  // Incidents observed long ago, with text; SV_FAKE_NOW moves the clock.
  const env = { ...process.env, SV_FAKE_NOW: String(Math.floor(Date.parse('2030-01-01T00:00:00Z') / 1000)) };
  const run = (...a) => spawnSync(BIN, ['retention', 'run', '--db', s.db, ...a], { encoding: 'utf8', env });
  const dry = run('--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  const textRows = Number(/incident_text\s+anonymised (\d+) \(dry run\)/.exec(dry.stdout)[1]);
  assert.ok(textRows >= 7, dry.stdout);
  const r = run('--batch', '4');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`incident_text\\s+anonymised ${textRows} `));
  const again = run();
  assert.match(again.stdout, /incident_text\s+anonymised 0 /);
  const got = await s.get(`/incidents/${ids[0]}`, KL);
  assert.equal(got.status, 200);
  assert.ok(!got.json.description, got.text);
  const list = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--entity', 'incident'], { encoding: 'utf8' });
  assert.match(list, /\tretention\tincident\t\t\{"before":null,"after":\{"kind":"incident_text","action":"anonymised","count":4,"period_days":365,/);
  assert.equal(spawnSync(BIN, ['audit', 'verify', '--db', s.db]).status, 0);
});
