// Documents through the API: drafts rendered from an agreement, a plan, a
// follow-up and a meeting's minutes (PDF by cairo) or uploaded; decided by
// one of the collaboration's decisions or one taken elsewhere, which
// freezes the bytes and their SHA-256; a decided document changes only by
// a new version, an archived one never (in the domain: 409; in the
// database: the trigger refuses even a direct UPDATE); rights of the
// owning organisation and the sharing rules of kind document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { Server, errorOf, PG } from './lib.mjs';

const KS = { token: 'samordnare@kommun.se' };
const KA = { token: 'admin@kommun.se' };
const KR = { token: 'rapportor@kommun.se' };
const KL = { token: 'lasare@kommun.se' };
const PS = { token: 'samordnare@polis.se' };
const PL = { token: 'lasare@polis.se' };

let s;
const ids = {};
const sha = (b) => createHash('sha256').update(b).digest('hex');

async function file(id, who = KL) {
  const r = await fetch(`${s.url}/api/v1/documents/${id}/file`, {
    headers: { authorization: 'Bearer ' + s.tokens[who.token] },
  });
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
}

async function ok(pending, status = 200) {
  const r = await pending;
  assert.equal(r.status, status, r.text);
  return r.json;
}

before(async () => {
  s = await Server.start({ env: { SV_FAKE_NOW: '1772445600' } });	// 2026-03-02
  ids.agreement = (await ok(s.post('/agreements', {
    title: 'Samverkansöverenskommelse Västerås', valid_from: '2026-01-01', valid_to: '2029-12-31',
  }, KS), 201)).id;
  ids.body = (await ok(s.post(`/agreements/${ids.agreement}/bodies`, {
    kind: 'styrgrupp', name: 'Lokal styrgrupp', cadence: 'per_ar', meetings_min: 2,
  }, KS), 201)).id;
  ids.meeting = (await ok(s.post(`/bodies/${ids.body}/meetings`, {
    starts_at: '2026-02-10T13:00', location: 'Stadshuset', status: 'genomfort',
    agenda: '1. Lägesbild 2. Åtgärdsplan', minutes: 'Styrgruppen gick igenom lägesbilden.',
  }, KS), 201)).id;
  ids.decision = (await ok(s.post(`/meetings/${ids.meeting}/decisions`, {
    paragraph: 4, text: 'Styrgruppen antar överenskommelsen.',
  }, KS), 201)).id;
  ids.plan = (await ok(s.post(`/agreements/${ids.agreement}/plans`, {
    title: 'Åtgärdsplan 2026', period_from: '2026-01-01', period_to: '2026-12-31',
  }, KS), 201)).id;
});

after(async () => {
  if (s) { const r = await s.stop(); if (r.code) console.error(s.stderr.slice(-6000)); assert.equal(r.code, 0); }
});

test('a draft rendered from the agreement: a PDF with its SHA-256', async () => {
  const d = await ok(s.post('/documents', { kind: 'overenskommelse', source_id: ids.agreement, diarienummer: 'KS 2026/12' }, KS), 201);
  ids.doc = d.id;
  assert.equal(d.status, 'utkast');
  assert.equal(d.version, 1);
  assert.equal(d.series_id, d.id);
  assert.equal(d.latest, true);
  assert.equal(d.organisation, 'KOMMUN');
  assert.equal(d.title, 'Samverkansöverenskommelse Västerås');
  assert.equal(d.agreement_id, ids.agreement);
  assert.equal(d.media_type, 'application/pdf');
  assert.equal(d.file_name, `overenskommelse-${ids.agreement}.pdf`);
  assert.equal(d.decided_at, null);
  const f = await file(d.id);
  assert.equal(f.status, 200);
  assert.equal(f.type, 'application/pdf');
  assert.equal(f.body.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(f.body.length, d.bytes);
  assert.equal(sha(f.body), d.sha256);
});

test('the plan, the follow-up and the minutes render too', async () => {
  const plan = await ok(s.post('/documents', { kind: 'handlingsplan', source_id: ids.plan }, KS), 201);
  assert.equal(plan.title, 'Åtgärdsplan 2026');
  assert.equal(plan.agreement_id, ids.agreement);
  const fu = await ok(s.post('/documents', { kind: 'uppfoljning', source_id: ids.agreement }, KS), 201);
  assert.match(fu.title, /^Uppföljning: /);
  const min = await ok(s.post('/documents', { kind: 'protokoll', source_id: ids.meeting }, KS), 201);
  assert.equal(min.title, 'Protokoll Lokal styrgrupp 2026-02-10');
  ids.minutes = min.id;
  const f = await file(min.id);
  assert.equal(f.body.subarray(0, 5).toString('latin1'), '%PDF-');
  errorOf(assert, await s.post('/documents', { kind: 'protokoll', source_id: 999999 }, KS), 422, 'invalid', 'source_id');
  errorOf(assert, await s.post('/documents', { kind: 'protokoll' }, KS), 422, 'invalid', 'source_id');
  errorOf(assert, await s.post('/documents', { kind: 'handlingsplan', source_id: ids.plan, content: 'JVBERi0=' }, KS), 422, 'invalid', 'content');
});

test('an uploaded file: type checked, name checked', async () => {
  const pdf = Buffer.from('%PDF-1.4\n% uppladdad bilaga\n%%EOF\n');
  const up = { kind: 'fil', title: 'Kommunikationsplan', file_name: 'kommunikationsplan.pdf', media_type: 'application/pdf', content: pdf.toString('base64') };
  const d = await ok(s.post('/documents', up, KS), 201);
  ids.file = d.id;
  assert.equal(d.sha256, sha(pdf));
  assert.deepEqual((await file(d.id)).body, pdf);
  errorOf(assert, await s.post('/documents', { ...up, content: Buffer.from('hej').toString('base64') }, KS), 422, 'invalid', 'content');
  errorOf(assert, await s.post('/documents', { ...up, media_type: 'application/x-sh' }, KS), 422, 'invalid', 'media_type');
  errorOf(assert, await s.post('/documents', { ...up, file_name: '../etc/passwd' }, KS), 422, 'invalid', 'file_name');
  errorOf(assert, await s.post('/documents', { ...up, content: '@@@' }, KS), 422, 'invalid', 'content');
  errorOf(assert, await s.post('/documents', { ...up, title: undefined }, KS), 422, 'invalid', 'title');
  errorOf(assert, await s.post('/documents', { ...up, kind: 'brev' }, KS), 422, 'invalid', 'kind');
  errorOf(assert, await s.post('/documents', { ...up, extra: 1 }, KS), 400, 'invalid', 'extra');
  errorOf(assert, await s.post('/documents', { ...up, organisation: 'POLIS' }, KS), 403, 'forbidden');
  errorOf(assert, await s.post('/documents', up, KR), 403, 'forbidden');
});

test('a draft changes; deciding freezes it; then 409 and the trigger', async () => {
  const p = await ok(s.patch(`/documents/${ids.doc}`, { title: 'Samverkansöverenskommelse Västerås 2026', refresh: true }, KS));
  assert.equal(p.title, 'Samverkansöverenskommelse Västerås 2026');
  errorOf(assert, await s.post(`/documents/${ids.doc}/decide`, {}, KS), 422, 'invalid', 'decision_id');
  errorOf(assert, await s.post(`/documents/${ids.doc}/decide`, { decision_id: 999999 }, KS), 422, 'invalid', 'decision_id');
  errorOf(assert, await s.post(`/documents/${ids.doc}/decide`, { decision_ref: 'KS § 1' }, KS), 422, 'invalid', 'decided_on');
  errorOf(assert, await s.post(`/documents/${ids.doc}/decide`, { decision_id: ids.decision }, PS), 403, 'forbidden');
  errorOf(assert, await s.post(`/documents/${ids.doc}/archive`, undefined, KS), 409, 'conflict', 'status');
  const before = await file(ids.doc);
  const d = await ok(s.post(`/documents/${ids.doc}/decide`, { decision_id: ids.decision }, KS));
  assert.equal(d.status, 'beslutad');
  assert.equal(d.decision_id, ids.decision);
  assert.equal(d.decision_text, '§ 4, Lokal styrgrupp, 2026-02-10');
  assert.equal(d.decided_on, '2026-02-10');
  assert.ok(d.decided_at);
  assert.equal(d.sha256, sha(before.body));
  // Frozen in the domain ...
  errorOf(assert, await s.patch(`/documents/${ids.doc}`, { title: 'Ändrad' }, KS), 409, 'conflict', 'status');
  errorOf(assert, await s.post(`/documents/${ids.doc}/decide`, { decision_ref: 'x', decided_on: '2026-03-01' }, KS), 409, 'conflict');
  errorOf(assert, await s.del(`/documents/${ids.doc}`, KS), 409, 'conflict');
  // ... and in the database, whoever writes.
  const sql = `UPDATE document SET title = 'bakvägen' WHERE id = ${ids.doc}`;
  const raw = (q) => PG ? execFileSync('psql', [s.db, '-qX', '-v', 'ON_ERROR_STOP=1', '-c', q], { stdio: 'pipe' })
    : execFileSync('sqlite3', [s.db, q], { stdio: 'pipe' });
  assert.throws(() => raw(sql), /document is frozen/);
  assert.throws(() => raw(`DELETE FROM document WHERE id = ${ids.doc}`), /document is frozen/);
  assert.equal((await ok(s.get(`/documents/${ids.doc}`, KL))).title, 'Samverkansöverenskommelse Västerås 2026');
  assert.deepEqual((await file(ids.doc)).body, before.body);
});

test('a decision taken elsewhere; archiving is final', async () => {
  const d = await ok(s.post(`/documents/${ids.file}/decide`, { decision_ref: 'KS 2026-03-02 § 41', decided_on: '2026-03-02' }, KS));
  assert.equal(d.decision_text, 'KS 2026-03-02 § 41');
  const a = await ok(s.post(`/documents/${ids.file}/archive`, undefined, KS));
  assert.equal(a.status, 'arkiverad');
  assert.ok(a.archived_at);
  errorOf(assert, await s.post(`/documents/${ids.file}/archive`, undefined, KS), 409, 'conflict');
  errorOf(assert, await s.post(`/documents/${ids.file}/versions`, {}, KS), 409, 'conflict');
  errorOf(assert, await s.patch(`/documents/${ids.file}`, { diarienummer: null }, KS), 409, 'conflict');
});

test('a new version: a draft in the same series, re-rendered; one draft at a time', async () => {
  await ok(s.patch(`/agreements/${ids.agreement}`, { diarienummer: 'KS 2026/99' }, KS));
  const v2 = await ok(s.post(`/documents/${ids.doc}/versions`, {}, KS), 201);
  assert.equal(v2.version, 2);
  assert.equal(v2.series_id, ids.doc);
  assert.equal(v2.status, 'utkast');
  assert.equal(v2.latest, true);
  assert.equal(v2.diarienummer, 'KS 2026/12');
  assert.notEqual(v2.sha256, (await ok(s.get(`/documents/${ids.doc}`, KL))).sha256);
  assert.equal((await ok(s.get(`/documents/${ids.doc}`, KL))).latest, false);
  errorOf(assert, await s.post(`/documents/${ids.doc}/versions`, {}, KS), 409, 'conflict', 'status');
  errorOf(assert, await s.post(`/documents/${v2.id}/versions`, {}, KS), 409, 'conflict', 'status');
  // The draft may be deleted; the decided version stays.
  assert.equal((await s.del(`/documents/${v2.id}`, KS)).status, 204);
  const v2b = await ok(s.post(`/documents/${ids.doc}/versions`, { title: 'Reviderad överenskommelse' }, KS), 201);
  assert.equal(v2b.version, 2);
  assert.equal(v2b.title, 'Reviderad överenskommelse');
  const list = await ok(s.get(`/documents?agreement=${ids.agreement}&kind=overenskommelse`, KL));
  assert.deepEqual(list.items.map((x) => [x.version, x.status]), [[1, 'beslutad'], [2, 'utkast']]);
});

test('lists filter by status, kind, org and decision date; bad filters are 400', async () => {
  const decided = await ok(s.get('/documents?status=decided', KL));
  assert.deepEqual(decided.items.map((x) => x.id).sort(), [ids.doc, ids.file].sort());
  assert.deepEqual((await ok(s.get('/documents?status=arkiverad', KL))).items.map((x) => x.id), [ids.file]);
  assert.deepEqual((await ok(s.get('/documents?from=2026-03-01&to=2026-04-01', KL))).items.map((x) => x.id), [ids.file]);
  assert.equal((await ok(s.get('/documents?org=POLIS', KL))).items.length, 0);
  errorOf(assert, await s.get('/documents?status=klar', KL), 400, 'invalid', 'status');
  errorOf(assert, await s.get('/documents?from=igår', KL), 400, 'invalid', 'from');
  errorOf(assert, await s.get('/documents?agreement=x', KL), 400, 'invalid', 'agreement');
});

test('other organisations: no_text sees the description, full the file, none nothing', async () => {
  const share = (level) => s.post('/sharing', { owner: 'KOMMUN', reader: 'POLIS', kind: 'document', level }, KA);
  const d = await ok(s.get(`/documents/${ids.doc}`, PL));
  assert.equal(d.href, null);
  assert.equal((await file(ids.doc, PL)).status, 403);
  await ok(share('full'));
  assert.equal((await ok(s.get(`/documents/${ids.doc}`, PL))).href, `/api/v1/documents/${ids.doc}/file`);
  assert.equal((await file(ids.doc, PL)).status, 200);
  errorOf(assert, await s.patch(`/documents/${ids.minutes}`, { title: 'x' }, PS), 403, 'forbidden');
  await ok(share('none'));
  errorOf(assert, await s.get(`/documents/${ids.doc}`, PL), 404, 'not_found');
  assert.equal((await file(ids.doc, PL)).status, 404);
  assert.ok(!(await ok(s.get('/documents', PL))).items.some((x) => x.organisation === 'KOMMUN'));
  await ok(share('aggregated'));
  errorOf(assert, await s.get(`/documents/${ids.doc}`, PL), 404, 'not_found');
  assert.equal((await s.del('/sharing?owner=KOMMUN&reader=POLIS&kind=document', KA)).status, 204);
});
