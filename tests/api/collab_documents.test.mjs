// Issue 5, documents: the agreement with its dated attachments, the
// action plan and the follow-up report as printable HTML and as PDF
// (cairo), dated and versioned by a digest of their content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS } from './lib.mjs';
import { AGREEMENTS, ORGANISATIONS, AREAS, build } from './collab_fixtures.mjs';

let s;
const T = { token: 'samordnare@riket.se' };
const refs = {};
const ids = {};

before(async () => {
  s = await Server.start({
    users: [...USERS, { email: 'samordnare@riket.se', org: 'RIKET', role: 'samordnare' }],
    env: { SV_FAKE_NOW: '1718445600' },	// 2024-06-15
  });
  for (const o of ORGANISATIONS) assert.equal((await s.post('/organisations', o, { token: 'nat@riket.se' })).status, 201);
  for (const a of AREAS) refs['area:' + a.code] = (await s.post('/areas', a, T)).json.id;
  for (const spec of AGREEMENTS) ids[spec.title] = await build(s, spec, refs, 'samordnare@riket.se');
});

after(async () => { await s?.stop(); });

const HV = 'Lokal samverkansöverenskommelse Hässelby-Vällingby';
const KOP = 'Samverkansöverenskommelse mellan Köpings kommun och lokalpolisområde Västra Mälardalen';

function version(html) {
  const m = /Utskriven (\d{4}-\d\d-\d\d) · [^<]*version ([0-9a-f]{12})/.exec(html);
  assert.ok(m, 'footer with date and version');
  return { date: m[1], version: m[2] };
}

test('the agreement with its dated attachments, as HTML', async () => {
  const r = await s.get(`/agreements/${ids[HV]}/document.html`, T);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const h = r.text;
  assert.match(h, /<html lang="sv">/);
  assert.match(h, /<h1>Lokal samverkansöverenskommelse Hässelby-Vällingby<\/h1>/);
  assert.match(h, /från 2020-02-24 tills vidare/);
  assert.match(h, /Överordnad överenskommelse:<\/b> Övergripande samverkansöverenskommelse Stockholms stad och Polisregion Stockholm/);
  assert.match(h, /Hässelby-Vällingby stadsdelsförvaltning, org.nr 212000-0142, Box 3424, 165 23 Hässelby/);
  assert.match(h, /Lokal styrgrupp \(Styrgrupp\)/);
  assert.match(h, /2 möten per år/);
  assert.match(h, /Trygg pendlarparkering[\s\S]*varannan vecka på onsdag[\s\S]*Upphör:<\/b> 2021-12-31/);
  // bilaga 2: the adopted version 2 counts, with body, date and §
  assert.match(h, /Bilaga 2: Gemensam lokal lägesbild<\/h3>\n<p class="kv">Version 2, daterad 2021-02-01, antagen av Lokal styrgrupp 2021-02-10, § 4\./);
  assert.match(h, /Reviderad lägesbild 2021\./);
  // bilaga 3 was never adopted: visibly a draft
  assert.match(h, /class="note">Bilaga 3, version 1 \(daterad 2020-02-24\) är ett utkast/);
  assert.match(h, /Denise Melin, Stadsdelsdirektör/);
  const v = version(h);
  assert.equal(v.date, '2024-06-15');
  // the same content gives the same version; a change gives a new one
  assert.equal(version((await s.get(`/agreements/${ids[HV]}/document.html`, T)).text).version, v.version);
  const p = await s.patch(`/agreements/${ids[HV]}`, { diarienummer: 'HV 2020/77' }, T);
  assert.equal(p.status, 200, p.text);
  const h2 = (await s.get(`/agreements/${ids[HV]}/document.html`, T)).text;
  assert.match(h2, /Diarienummer:<\/b> HV 2020\/77/);
  assert.notEqual(version(h2).version, v.version);
});

test('the agreement as PDF', async () => {
  const r = await fetch(`${s.url}/api/v1/agreements/${ids[HV]}/document.pdf`,
    { headers: { authorization: 'Bearer ' + s.tokens['samordnare@riket.se'] } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const b = Buffer.from(await r.arrayBuffer());
  assert.equal(b.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(b.subarray(b.length - 8).toString('latin1'), /%%EOF\s*$/);
  const pages = (b.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 2, `pages ${pages}`);
  assert.ok(b.length > 5000);
});

test('the action plan and the follow-up report', async () => {
  const full = (await s.get(`/agreements/${ids[KOP]}/full`, T)).json;
  const plan = full.plans[0];
  const h = (await s.get(`/plans/${plan.id}/document.html`, T)).text;
  assert.match(h, /<h1>Handlingsplan 2024<\/h1>/);
  assert.match(h, /Prioritet 1: Ungdomar samlas kvällstid i centrum/);
  assert.match(h, /Påverkan: 13 av 15 poäng/);
  assert.match(h, /Otrygghet: 5 av 5 \(vikt 2\) – Trygghetsmätningen 2023/);
  assert.match(h, /Orsak: Få vuxna i rörelse kvällstid \(plats\)/);
  assert.match(h, /Effektmål: Ökad upplevd trygghet i centrum/);
  assert.match(h, /Belysning i centrumparken – metod: Trygghetsvandring och åtgärd av brister; ansvarig: Tekniska kontoret; långsiktigt, klar senast 2024-10-31; status: pågår/);
  assert.match(h, /Polisen lovar:<\/b> Polisen lovar att vara synlig/);
  const pdf = await fetch(`${s.url}/api/v1/plans/${plan.id}/document.pdf`,
    { headers: { authorization: 'Bearer ' + s.tokens['samordnare@riket.se'] } });
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
  const f = (await s.get(`/agreements/${ids[KOP]}/followup.html`, T)).text;
  assert.match(f, /Medborgarlöfte Köping 2024 \(2024-01-01 – 2024-12-31\)/);
  assert.match(f, /Polisen lovar: Närvaro i centrum helgkvällar \(minst 40 pass under perioden\)/);
  assert.match(f, /2024-01-01 – 2024-04-30, Polisen: delvis, levererat 12, gul; avvikelse: Resurser till annan händelse/);
  assert.match(f, /Upphandling klar/);
  assert.match(f, /Att åtgärda/);
  const missing = await s.get('/plans/99999/document.html', T);
  assert.equal(missing.status, 404);
});
