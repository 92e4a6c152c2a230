// Issue 5 from the command line: `samverkan agreement list|show|render`
// and `samverkan due` read the same database the server writes, and say
// what the API says (the due list of the CLI equals GET /due at the same
// instant); documents are written as HTML or PDF; exit codes are 0 done,
// 1 failure, 2 usage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Server, BIN } from './lib.mjs';

let s;
let agr;
const T = { token: 'samordnare@kommun.se' };
const NOW = '1718445600';	// 2024-06-15T12:00+02:00

function cli(...args) {
  const r = spawnSync(BIN, args, { encoding: 'latin1', env: { ...process.env, SV_FAKE_NOW: NOW } });
  return { code: r.status, out: Buffer.from(r.stdout, 'latin1'), err: r.stderr, text: Buffer.from(r.stdout, 'latin1').toString('utf8') };
}

async function mk(p, body) {
  const r = await s.post(p, body, T);
  assert.equal(r.status, 201, `${p}: ${r.text}`);
  return r.json;
}

before(async () => {
  s = await Server.start({ env: { SV_FAKE_NOW: NOW } });
  agr = await mk('/agreements', { title: 'Överenskommelse Köping', valid_from: '2023-01-01', valid_to: '2024-08-31',
    status: 'gallande', diarienummer: 'KS 2022/117', revision_months: 12 });
  await mk(`/agreements/${agr.id}/parties`, { organisation: 'KOMMUN', designation: 'Kommunen' });
  await mk(`/agreements/${agr.id}/parties`, { organisation: 'POLIS' });
  await mk(`/agreements/${agr.id}/signatories`, { organisation: 'KOMMUN', name: 'Elin Ek', title: 'Kommundirektör', signed_on: '2023-01-01' });
  await mk(`/agreements/${agr.id}/bodies`, { kind: 'styrgrupp', name: 'Styrgruppen', cadence: 'per_ar', meetings_min: 4 });
  await mk(`/agreements/${agr.id}/attachments`, { number: 1, kind: 'lagesbild', title: 'Lägesbild 2024', version: 1,
    dated: '2024-02-01', content: 'Lägesbilden i text.' });
  await mk('/agreements', { title: 'Andra avtalet', valid_from: '2024-01-01', until_further_notice: true });
  // Records that point at areas, organisations and bodies, which `show`
  // names instead of numbering.
  const sq = (lon, lat, d) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
  const area = await mk('/areas', { layer: 'stadsdel', code: 'KOP-C', name: 'Köpings centrum', geometry: sq(15.99, 59.51, 0.01) });
  const park = await mk('/areas', { layer: 'plats', code: 'KOP-P', name: 'Centrumparken', geometry: sq(15.995, 59.515, 0.002) });
  await mk(`/agreements/${agr.id}/geographic-focus`, { area_id: area.id, reason: 'Öppen narkotikaförsäljning' });
  const styr = (await s.get(`/agreements/${agr.id}/bodies`, T)).json.items[0];
  await mk(`/agreements/${agr.id}/bodies`, { kind: 'arbetsgrupp', name: 'EST-gruppen', cadence: 'vid_behov', reports_to_id: styr.id });
  const p = await mk(`/agreements/${agr.id}/problems`, { title: 'Ungdomar samlas kvällstid' });
  await mk(`/problems/${p.id}/problem-areas`, { area_id: park.id });
  await mk(`/problems/${p.id}/problem-areas`, { area_id: area.id });
  const g = await mk(`/agreements/${agr.id}/goals`, { problem_id: p.id, kind: 'produktion', text: 'Fler vuxna ute' });
  await mk(`/agreements/${agr.id}/activities`, { goal_id: g.id, title: 'Nattvandring', organisation: 'POLIS', body_id: styr.id, time_perspective: 'forebyggande',
    due_on: '2024-12-31' });
});

after(async () => { await s?.stop(); });

test('agreement list: one line per agreement', () => {
  const r = cli('agreement', 'list', '--db', s.db);
  assert.equal(r.code, 0, r.err);
  const lines = r.text.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.ok(lines.includes(`${agr.id}\tgallande\t2023-01-01--2024-08-31\tÖverenskommelse Köping`), r.text);
  assert.ok(lines.some((l) => /\tutkast\t2024-01-01--\tAndra avtalet$/.test(l)), r.text);
});

test('agreement show: facts, parties, signatories, bodies, attachment status and what is due', () => {
  const r = cli('agreement', 'show', '--db', s.db, '--id', String(agr.id));
  assert.equal(r.code, 0, r.err);
  assert.match(r.text, /^Överenskommelse Köping\n/);
  assert.match(r.text, /diarienummer: +KS 2022\/117/);
  assert.match(r.text, /parties \(2\)\n {2}Västerås stad \(KOMMUN\), Kommunen\n {2}LPO Västerås \(POLIS\)\n/);
  assert.match(r.text, /Elin Ek, Kommundirektör, Västerås stad \(KOMMUN\), signed 2023-01-01/);
  assert.match(r.text, /styrgrupp\tper_ar\tStyrgruppen\n/);
  // names, not ids: areas with layer and code, organisations with code,
  // references by the title or name of what they point at
  assert.match(r.text, /geographic focus \(1 areas\)\n {2}Köpings centrum \(stadsdel KOP-C\): Öppen narkotikaförsäljning\n/);
  assert.match(r.text, /arbetsgrupp\tvid_behov\tEST-gruppen, reports to Styrgruppen \(#\d+\)\n/);
  assert.match(r.text, /problems \(1\)\n {2}Ungdomar samlas kvällstid\t(Centrumparken \(plats KOP-P\); Köpings centrum \(stadsdel KOP-C\)|Köpings centrum \(stadsdel KOP-C\); Centrumparken \(plats KOP-P\))\n/);
  assert.match(r.text, /\t2024-12-31\tNattvandring\tLPO Västerås \(POLIS\), Styrgruppen \(#\d+\)\n/);
  assert.doesNotMatch(r.text, /\barea \d+/);
  assert.match(r.text, /bilaga 1 v1\t2024-02-01\tdraft\tLägesbild 2024/);
  assert.match(r.text, /due \(\d+\)\n/);
});

test('due: the same list as GET /due, as text and as JSON', async () => {
  const api = (await s.get('/due', T)).json.items;
  const kinds = api.map((i) => i.kind);
  // built to be due: the unadopted attachment, the body that has not met,
  // the agreement ending within 90 days
  for (const k of ['attachment_unadopted', 'body_meetings', 'agreement_expiring']) assert.ok(kinds.includes(k), k);
  const j = cli('due', '--db', s.db, '--format', 'json');
  assert.equal(j.code, 0, j.err);
  const fromCli = JSON.parse(j.text).items;
  assert.deepEqual(fromCli.map((i) => ({ ...i, title: i.title ?? null, since: i.since ?? null, detail: i.detail ?? null })), api);
  const t = cli('due', '--db', s.db);
  assert.equal(t.code, 0, t.err);
  const lines = t.text.trim().split('\n');
  assert.equal(lines.length, api.length);
  for (const i of api)
    assert.ok(lines.includes(`${i.kind}\t${i.agreement_id}\t${i.since ?? '-'}\t${i.title ?? ''}: ${i.detail ?? ''}`), i.kind);
  // one agreement: only its items
  const one = cli('due', '--db', s.db, '--format', 'json', '--agreement', String(agr.id));
  assert.deepEqual(JSON.parse(one.text).items.map((i) => i.agreement_id).filter((x) => x !== agr.id), []);
});

test('agreement render: HTML to standard output, PDF to a file, the same document as the API', async () => {
  const h = cli('agreement', 'render', '--db', s.db, '--id', String(agr.id));
  assert.equal(h.code, 0, h.err);
  const api = await s.get(`/agreements/${agr.id}/document.html`, T);
  assert.equal(h.text, api.text);
  assert.match(h.text, /Lägesbild 2024/);
  const out = path.join(s.dir, 'avtal.pdf');
  const p = cli('agreement', 'render', '--db', s.db, '--id', String(agr.id), '--format', 'pdf', '--out', out);
  assert.equal(p.code, 0, p.err);
  assert.equal(p.out.length, 0);
  const pdf = readFileSync(out);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 1000);
  const f = cli('agreement', 'render', '--db', s.db, '--id', String(agr.id), '--document', 'followup');
  assert.equal(f.code, 0, f.err);
  assert.equal(f.text, (await s.get(`/agreements/${agr.id}/followup.html`, T)).text);
});

test('help, usage errors (2) and failures (1)', () => {
  for (const args of [['agreement', '--help'], ['agreement', 'show', '--help'], ['due', '--help']]) {
    const r = cli(...args);
    assert.equal(r.code, 0);
    assert.match(r.text, /^usage: samverkan /);
  }
  const usage = [
    ['agreement'], ['agreement', 'frob', '--db', s.db], ['agreement', 'show', '--db', s.db],
    ['agreement', 'show', '--db', s.db, '--id', 'x'], ['agreement', 'list', '--db', s.db, '--id', '1'],
    ['agreement', 'render', '--db', s.db, '--id', '1', '--format', 'docx'],
    ['agreement', 'render', '--db', s.db, '--id', '1', '--document', 'minutes'],
    ['agreement', 'show', '--db', s.db, '--id', '1', '--out', 'x.pdf'],
    ['due', '--db', s.db, '--format', 'xml'], ['due', '--db', s.db, 'extra'], ['due', '--db', s.db, '--bogus'],
  ];
  for (const args of usage) {
    const r = cli(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.code} ${r.err}`);
    assert.match(r.err, /^samverkan (agreement|due): /);
  }
  const fail = [
    ['agreement', 'show', '--db', s.db, '--id', '999'], ['agreement', 'render', '--db', s.db, '--id', '999'],
    ['agreement', 'render', '--db', s.db, '--id', '999', '--document', 'plan'],
    ['due', '--db', s.db, '--agreement', '999'],
    ['agreement', 'render', '--db', s.db, '--id', String(agr.id), '--out', path.join(s.dir, 'no/such/dir.html')],
  ];
  for (const args of fail) {
    const r = cli(...args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.code} ${r.err}`);
    assert.ok(r.err.length > 0);
  }
});
