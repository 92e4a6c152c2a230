// Issue 5: the four real agreements of /work/shared/seeds (Västerås stad
// and LPO Västerås; Köpings kommun and LPO Västra Mälardalen;
// Hässelby-Vällingby stadsdelsförvaltning and LPO Vällingby under the
// Stockholm city-region agreement; the Västerås trygghetsråd), each
// built from scratch through the API and read back unchanged, as one
// tree (GET /agreements/{id}/full) and record by record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, USERS } from './lib.mjs';
import { AGREEMENTS, ORGANISATIONS, AREAS } from './collab_fixtures.mjs';

let s;
const T = { token: 'samordnare@riket.se' };
const refs = {};

// Fields of a spec node: everything but child lists and the $label.
function fieldsOf(node) {
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$' || (Array.isArray(v))) continue;
    out[k] = resolve(v);
  }
  return out;
}

// "@label" stands for the id of the record made with $: 'label'.
function resolve(v) {
  if (typeof v === 'string' && v.startsWith('@')) {
    assert.ok(refs[v.slice(1)] !== undefined, `unknown ref ${v}`);
    return refs[v.slice(1)];
  }
  return v;
}

async function create(path, prefix, node) {
  const url = prefix ? `${prefix}/${path}` : `/${path}`;
  const r = await s.post(url, fieldsOf(node), T);
  assert.equal(r.status, 201, `${url}: ${r.text}`);
  if (node.$) refs[node.$] = r.json.id;
  for (const [k, v] of Object.entries(node)) {
    if (!Array.isArray(v)) continue;
    for (const child of v) await create(k.replaceAll('_', '-'), `/${path}/${r.json.id}`, child);
  }
  return r.json.id;
}

function compare(got, node, where) {
  for (const [k, v] of Object.entries(node)) {
    if (k === '$' || k === 'file') continue;	// files: GET /attachments/{id}/file
    if (Array.isArray(v)) {
      assert.ok(Array.isArray(got[k]), `${where}.${k} missing`);
      assert.equal(got[k].length, v.length, `${where}.${k} length`);
      v.forEach((c, i) => compare(got[k][i], c, `${where}.${k}[${i}]`));
    } else {
      assert.deepEqual(got[k], resolve(v), `${where}.${k}`);
    }
  }
}

before(async () => {
  s = await Server.start({
    users: [...USERS, { email: 'samordnare@riket.se', org: 'RIKET', role: 'samordnare' }],
    env: { SV_FAKE_NOW: '1718445600' },	// 2024-06-15
  });
  for (const o of ORGANISATIONS) {
    const r = await s.post('/organisations', o, { token: 'nat@riket.se' });
    assert.equal(r.status, 201, `${o.code}: ${r.text}`);
  }
  for (const a of AREAS) {
    const r = await s.post('/areas', a, T);
    assert.equal(r.status, 201, `${a.code}: ${r.text}`);
    refs['area:' + a.code] = r.json.id;
  }
});

after(async () => { await s?.stop(); });

for (const spec of AGREEMENTS) {
  test(`${spec.title}: built through the API and read back unchanged`, async () => {
    const id = await create('agreements', null, spec);
    const full = await s.get(`/agreements/${id}/full`, T);
    assert.equal(full.status, 200, full.text);
    compare(full.json, spec, spec.title);
    // record by record through the item routes as well
    const one = await s.get(`/agreements/${id}`, T);
    compare(one.json, fieldsOf(spec), 'GET /agreements/{id}');
    for (const b of full.json.bodies) {
      const r = await s.get(`/bodies/${b.id}/members`, T);
      assert.deepEqual(r.json.items, b.members.map(({ ...m }) => m));
    }
    // reading twice gives the same tree
    const again = await s.get(`/agreements/${id}/full`, T);
    assert.deepEqual(again.json, full.json);
  });
}

test('the Hässelby-Vällingby agreement sits under the city-region agreement', async () => {
  const r = await s.get('/agreements', T);
  const local = r.json.items.find((a) => a.title.startsWith('Lokal samverkansöverenskommelse'));
  const top = r.json.items.find((a) => a.id === local.parent_id);
  assert.equal(top.title, 'Övergripande samverkansöverenskommelse Stockholms stad och Polisregion Stockholm');
  const full = await s.get(`/agreements/${local.id}/full`, T);
  // attachments: the lägesbild adopted by the styrgrupp (§ 4), the rest drafts
  const byNumber = Object.fromEntries(full.json.attachments.map((a) => [`${a.number}.${a.version}`, a]));
  assert.equal(byNumber['2.2'].status, 'antagen');
  assert.equal(byNumber['2.2'].adopted_by.paragraph, 4);
  assert.equal(byNumber['2.2'].adopted_by.body, 'Lokal styrgrupp');
  assert.equal(byNumber['3.1'].status, 'utkast');
  assert.equal(byNumber['3.1'].adopted_by, null);
  // the file of bilaga 6 comes back byte for byte
  const file = await s.get(`/attachments/${byNumber['6.1'].id}/file`, T);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'text/plain');
  assert.equal(file.text, 'Kommunpolis: växeln 114 14\n');
  // the information duty: reported and acknowledged
  assert.equal(full.json.information_events.length, 1);
  assert.ok(full.json.information_events[0].acknowledged_at);
});

test('a body\'s meetings as iCalendar', async () => {
  const r = await s.get('/agreements', T);
  const vas = r.json.items.find((a) => a.title === 'Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås');
  const full = await s.get(`/agreements/${vas.id}/full`, T);
  const body = full.json.bodies.find((b) => b.kind === 'strategisk_ledning');
  const ics = await s.get(`/bodies/${body.id}/meetings.ics`, T);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /^text\/calendar/);
  assert.equal((ics.text.match(/BEGIN:VEVENT\r\n/g) || []).length, body.meetings.length);
  assert.match(ics.text, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  assert.match(ics.text, /DTSTART:20230912T070000Z\r\n/);
  for (const line of ics.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
});
