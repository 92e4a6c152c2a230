// `samverkan archive export`: decided and archived documents (made through
// the API: rendered and uploaded, decided by a meeting's decision and by
// one taken elsewhere, one archived, a new version, a draft left out) as
// an e-archive package. The test re-reads the package: the manifest, the
// METS description and sha256sums list exactly those documents, every
// checksum is recomputed from the files, the files equal what the API
// serves, the sidecars carry title, organisation, version, status,
// decision, dates, checksum and diarienummer. A second run changes
// nothing; a narrower --from/--to package removes what it no longer
// holds; a document whose stored bytes no longer match its recorded
// SHA-256 fails the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server, BIN, PG } from './lib.mjs';

const KS = { token: 'samordnare@kommun.se' };
const PS = { token: 'samordnare@polis.se' };
let s;
let out;
const ids = {};
const sha = (b) => createHash('sha256').update(b).digest('hex');

async function ok(pending, status = 200) {
  const r = await pending;
  assert.equal(r.status, status, r.text);
  return r.json;
}

async function file(id, who = KS) {
  const r = await fetch(`${s.url}/api/v1/documents/${id}/file`, {
    headers: { authorization: 'Bearer ' + s.tokens[who.token] },
  });
  return Buffer.from(await r.arrayBuffer());
}

const exportPkg = (...args) => spawnSync(BIN, ['archive', 'export', '--db', s.db, '--out', out, ...args],
  { encoding: 'utf8' });

// Every file below dir: relative path -> { sha, mtime }.
function tree(dir, rel = '') {
  const m = {};
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) Object.assign(m, tree(dir, r));
    else m[r] = { sha: sha(readFileSync(path.join(dir, r))), mtime: statSync(path.join(dir, r)).mtimeMs };
  }
  return m;
}

before(async () => {
  s = await Server.start({ env: { SV_FAKE_NOW: '1772445600' } });	// 2026-03-02
  out = mkdtempSync(path.join(tmpdir(), 'sv-earkiv-'));
  ids.agreement = (await ok(s.post('/agreements', {
    title: 'Samverkansöverenskommelse <Västerås> & LPO', valid_from: '2026-01-01', valid_to: '2029-12-31',
    diarienummer: 'KS 2026/12',
  }, KS), 201)).id;
  const body = (await ok(s.post(`/agreements/${ids.agreement}/bodies`, {
    kind: 'styrgrupp', name: 'Lokal styrgrupp', cadence: 'per_ar', meetings_min: 2,
  }, KS), 201)).id;
  const meeting = (await ok(s.post(`/bodies/${body}/meetings`, {
    starts_at: '2026-02-10T13:00', status: 'genomfort', minutes: 'Protokollet.',
  }, KS), 201)).id;
  const decision = (await ok(s.post(`/meetings/${meeting}/decisions`, { paragraph: 7, text: 'Antas.' }, KS), 201)).id;
  // 1: the agreement, decided at the meeting (2026-02-10), then version 2 decided elsewhere.
  ids.agr1 = (await ok(s.post('/documents', { kind: 'overenskommelse', source_id: ids.agreement, diarienummer: 'KS 2026/12' }, KS), 201)).id;
  await ok(s.post(`/documents/${ids.agr1}/decide`, { decision_id: decision }, KS));
  ids.agr2 = (await ok(s.post(`/documents/${ids.agr1}/versions`, {}, KS), 201)).id;
  await ok(s.post(`/documents/${ids.agr2}/decide`, { decision_ref: 'KS 2026-04-01 § 12', decided_on: '2026-04-01' }, KS));
  // 2: the minutes, decided and archived.
  ids.min = (await ok(s.post('/documents', { kind: 'protokoll', source_id: meeting }, KS), 201)).id;
  await ok(s.post(`/documents/${ids.min}/decide`, { decision_id: decision, decided_on: '2026-02-11' }, KS));
  await ok(s.post(`/documents/${ids.min}/archive`, undefined, KS));
  // 3: an upload by the police, decided elsewhere.
  const txt = Buffer.from('Kontaktlista\nKommunpolis: via växeln\n');
  ids.txt = (await ok(s.post('/documents', {
    kind: 'fil', title: 'Kontakter', file_name: 'kontakter.txt', media_type: 'text/plain', content: txt.toString('base64'),
  }, PS), 201)).id;
  await ok(s.post(`/documents/${ids.txt}/decide`, { decision_ref: 'LPO beslut 2026:3', decided_on: '2026-03-01' }, PS));
  // 4: a draft, never exported.
  ids.draft = (await ok(s.post('/documents', { kind: 'uppfoljning', source_id: ids.agreement }, KS), 201)).id;
});

after(async () => {
  if (s) assert.equal((await s.stop()).code, 0);
  if (out) rmSync(out, { recursive: true, force: true });
});

test('the package holds the decided and archived documents, each checksum right', async () => {
  const r = exportPkg();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /: 4 documents, 15 files written, 0 unchanged\n$/);
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.count, 4);
  assert.equal(manifest.checksum_type, 'SHA-256');
  assert.equal(manifest.date, '2026-04-01');
  const keys = manifest.documents.map((x) => x.identifier);
  assert.deepEqual(keys, [`dok-${ids.agr1}-v1`, `dok-${ids.agr1}-v2`, `dok-${ids.min}-v1`, `dok-${ids.txt}-v1`]);
  for (const doc of manifest.documents)
    for (const f of [doc.content, doc.metadata_json, doc.metadata_xml]) {
      const bytes = readFileSync(path.join(out, f.path));
      assert.equal(bytes.length, f.bytes, f.path);
      assert.equal(sha(bytes), f.sha256, f.path);
    }
  // sha256sums: every file of the package, each line right (sha256sum -c).
  const sums = readFileSync(path.join(out, 'sha256sums'), 'utf8').trim().split('\n');
  assert.equal(sums.length, 4 * 3 + 2);
  for (const line of sums) {
    const [, hex, p] = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    assert.equal(sha(readFileSync(path.join(out, p))), hex, p);
  }
  const check = spawnSync('sha256sum', ['-c', '--quiet', 'sha256sums'], { cwd: out, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  // The files are what the API serves, and what was frozen when decided.
  for (const [id, key, who] of [[ids.agr1, keys[0], KS], [ids.agr2, keys[1], KS], [ids.min, keys[2], KS],
    [ids.txt, keys[3], PS]]) {
    const doc = manifest.documents.find((x) => x.identifier === key);
    const api = await ok(s.get(`/documents/${id}`, who));
    assert.deepEqual(readFileSync(path.join(out, doc.content.path)), await file(id, who));
    assert.equal(doc.content.sha256, api.sha256);
  }
  // METS lists every file with its checksum.
  const mets = readFileSync(path.join(out, 'mets.xml'), 'utf8');
  assert.match(mets, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<mets xmlns="http:\/\/www.loc.gov\/METS\/"/);
  for (const doc of manifest.documents)
    for (const f of [doc.content, doc.metadata_json, doc.metadata_xml])
      assert.ok(mets.includes(`SIZE="${f.bytes}" CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256"`), f.path);
  assert.match(mets, /LABEL="Samverkansöverenskommelse &lt;Västerås&gt; &amp; LPO"/);
  assert.ok(!existsInPackage(`dok-${ids.draft}`));
});

function existsInPackage(prefix) {
  return Object.keys(tree(out)).some((p) => p.includes(prefix));
}

test('the sidecars describe each document in JSON and XML', () => {
  const j = JSON.parse(readFileSync(path.join(out, `metadata/dok-${ids.agr1}-v1.json`), 'utf8'));
  assert.equal(j.title, 'Samverkansöverenskommelse <Västerås> & LPO');
  assert.equal(j.version, 1);
  assert.equal(j.series_id, ids.agr1);
  assert.equal(j.status, 'beslutad');
  assert.equal(j.kind, 'overenskommelse');
  assert.deepEqual(j.organisation, { code: 'KOMMUN', name: 'Västerås stad', org_number: null });
  assert.deepEqual(j.agreement, { id: ids.agreement, title: 'Samverkansöverenskommelse <Västerås> & LPO' });
  assert.equal(j.diarienummer, 'KS 2026/12');
  assert.match(j.decision.reference, /^§ 7, Lokal styrgrupp, 2026-02-10$/);
  assert.equal(j.decision.decided_on, '2026-02-10');
  assert.match(j.dates.decided, /^2026-03-02T/);
  assert.equal(j.dates.archived, null);
  assert.equal(j.file.checksum_type, 'SHA-256');
  assert.equal(j.file.media_type, 'application/pdf');
  const m = JSON.parse(readFileSync(path.join(out, `metadata/dok-${ids.min}-v1.json`), 'utf8'));
  assert.equal(m.status, 'arkiverad');
  assert.ok(m.dates.archived);
  const t = JSON.parse(readFileSync(path.join(out, `metadata/dok-${ids.txt}-v1.json`), 'utf8'));
  assert.equal(t.organisation.code, 'POLIS');
  assert.equal(t.decision.id, null);
  assert.equal(t.decision.reference, 'LPO beslut 2026:3');
  const x = readFileSync(path.join(out, `metadata/dok-${ids.agr1}-v1.xml`), 'utf8');
  assert.match(x, /<titel>Samverkansöverenskommelse &lt;Västerås&gt; &amp; LPO<\/titel>/);
  assert.match(x, /<diarienummer>KS 2026\/12<\/diarienummer>/);
  assert.match(x, /<referens>§ 7, Lokal styrgrupp, 2026-02-10<\/referens>/);
  assert.match(x, new RegExp(`<kontrollsumma typ="SHA-256">${j.file.checksum}</kontrollsumma>`));
  assert.ok(!/[<&](?![a-zA-Z/?!]|amp;|lt;|gt;|quot;|apos;)/.test(x.replace(/<[^>]*>/g, '')), 'escaped text');
});

test('a second run changes nothing; a narrower one removes what it no longer holds', () => {
  const before = tree(out);
  const r = exportPkg();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /: 4 documents, 0 files written, 15 unchanged\n$/);
  assert.deepEqual(tree(out), before);
  const narrow = exportPkg('--from', '2026-03-01', '--to', '2026-04-01');
  assert.equal(narrow.status, 0, narrow.stderr);
  assert.match(narrow.stdout, /: 1 documents, /);
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  assert.deepEqual(m.documents.map((x) => x.identifier), [`dok-${ids.txt}-v1`]);
  assert.deepEqual(Object.keys(tree(out)).sort(),
    ['manifest.json', 'mets.xml', 'sha256sums', `content/dok-${ids.txt}-v1/kontakter.txt`,
      `metadata/dok-${ids.txt}-v1.json`, `metadata/dok-${ids.txt}-v1.xml`].sort());
  // Back to the whole package: the same bytes as the first time.
  assert.equal(exportPkg().status, 0);
  const again = tree(out);
  assert.deepEqual(Object.fromEntries(Object.entries(again).map(([k, v]) => [k, v.sha])),
    Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.sha])));
});

test('bad usage exits 2; bytes that no longer match their checksum fail the export', { skip: PG }, () => {
  let r = spawnSync(BIN, ['archive', 'export', '--db', s.db], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--out/);
  r = exportPkg('--from', '2026-13-01');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--from/);
  // Tamper behind the program's back (the trigger must be dropped first).
  execFileSync('sqlite3', [s.db, `DROP TRIGGER document_frozen; UPDATE document SET content = CAST('x' AS BLOB) WHERE id = ${ids.txt}`]);
  r = exportPkg();
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`document ${ids.txt}: the stored bytes do not match the SHA-256`));
});
