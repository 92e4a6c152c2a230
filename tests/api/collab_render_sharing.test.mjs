// Issue 6: the collaboration's renderings (/agreements/{id}/document.*,
// /plans/{id}/document.*, /agreements/{id}/followup.*) apply the viewer's
// sharing rules exactly as the JSON routes do. The kommun (KOMMUN) owns a
// dialogue with notes, a filed document and incidents in the plan's area
// and period; a police reader (POLIS) renders the documents under each
// level the kommun sets for all three kinds:
//   full        notes, the document with its file, every count;
//   no_text     the dialogue without its notes, the document without its
//               file, every count (the JSON default);
//   aggregated  no dialogue, no document; incidents counted with the
//               small-count suppression of /stats/counts;
//   none        nothing of the kommun's, not even counted.
// The JSON routes are read beside each rendering and must agree; the PDF
// is made from the same filtered blocks (X-Document-Version, the digest
// of the blocks, is equal for the HTML and the PDF of one viewer).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server } from './lib.mjs';

const X0 = 580000, Y0 = 6600000, SIDE = 4000;
const KS = { token: 'samordnare@kommun.se' };
const KA = { token: 'admin@kommun.se' };
const KL = { token: 'lasare@kommun.se' };
const PL = { token: 'lasare@polis.se' };
const NOTES = 'Trasig belysning i gångtunneln vid Skultunavägen.';
const THEMES = 'Nattvandring och ungdomsgårdens öppettider';
const DOC_TITLE = 'Trygghetsmätning Provkommun 2026';
const FILE = 'matning-2026.txt';
// what the kommun reports in the plan's period: 12 klotter, 3 våld
const KLOTTER = 12, VALD = 3;

let s, agr, plan, dialogue, doc, labels;

function square(x, y, w) {
  return { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]]] };
}

async function ok(r, status = 201) {
  assert.equal(r.status, status, r.text);
  return r.json;
}

before(async () => {
  s = await Server.start();
  await ok(await s.post('/areas', { layer: 'kommun', code: '9999', name: 'Provkommun',
    crs: 'EPSG:3006', geometry: square(X0, Y0, SIDE) }, KS));
  const area = (await s.get('/areas?layer=kommun', KS)).json.items.find((a) => a.code === '9999');
  agr = (await ok(await s.post('/agreements', { title: 'Trygg i Provkommun', valid_from: '2026-01-01', until_further_notice: true }, KS))).id;
  plan = (await ok(await s.post(`/agreements/${agr}/plans`, { title: 'Åtgärdsplan 2026',
    period_from: '2026-03-01', period_to: '2026-03-31' }, KS))).id;
  const pr = (await ok(await s.post(`/agreements/${agr}/problems`, { title: 'Skadegörelse och våld i centrum',
    plan_id: plan }, KS))).id;
  await ok(await s.post(`/problems/${pr}/problem-areas`, { area_id: area.id }, KS));
  const items = [];
  for (let i = 0; i < KLOTTER + VALD; i++) {
    items.push({ category: i < KLOTTER ? 'skadegorelse.klotter' : 'vald', x: X0 + 500 + 30 * i, y: Y0 + 500,
      observed_from: `2026-03-${String(2 + (i % 20)).padStart(2, '0')}T21:00:00` });
  }
  await ok(await s.post('/incidents', { items }, { token: 'rapportor@kommun.se' }));
  dialogue = (await ok(await s.post('/dialogues', { kind: 'trygghetsvandring', held_on: '2026-03-10',
    agreement_id: agr, participants: 14, themes: THEMES, notes: NOTES }, KS))).id;
  doc = (await ok(await s.post('/documents', { kind: 'fil', title: DOC_TITLE, agreement_id: agr,
    file_name: FILE, media_type: 'text/plain',
    content: Buffer.from('Resultat av trygghetsmätningen.\n').toString('base64') }, KS))).id;
  labels = Object.fromEntries((await s.get('/categories', KS)).json.items.map((c) => [c.code, c.name]));
});

after(async () => {
  if (s) assert.equal((await s.stop()).code, 0);
});

async function share(level) {
  for (const kind of ['incident', 'dialogue', 'document']) {
    const r = level === null
      ? await s.del(`/sharing?owner=KOMMUN&reader=POLIS&kind=${kind}`, KA)
      : await s.req('POST', '/sharing', { ...KA, body: { owner: 'KOMMUN', reader: 'POLIS', kind, level } });
    assert.ok(r.status === 200 || r.status === 204, r.text);
  }
}

// The three documents as HTML for who, with their versions, and the
// PDF's version of each.
async function render(who) {
  const out = {};
  for (const [name, path] of [['agreement', `/agreements/${agr}/document`],
    ['plan', `/plans/${plan}/document`], ['followup', `/agreements/${agr}/followup`]]) {
    const h = await s.get(path + '.html', who);
    assert.equal(h.status, 200, h.text);
    const v = h.headers.get('x-document-version');
    assert.match(v, /^[0-9a-f]{12}$/);
    // the footer's version is the header's
    assert.match(h.text, new RegExp(`version ${v}</p></footer>`));
    const p = await s.get(path + '.pdf', who);
    assert.equal(p.status, 200);
    assert.equal(p.headers.get('content-type'), 'application/pdf');
    assert.equal(p.headers.get('x-document-version'), v, `${name}: the PDF is made from the same blocks`);
    out[name] = { html: h.text, version: v };
  }
  return out;
}

// The incident counts of the plan's area as the plan shows them.
function planCounts(html) {
  const m = /<h3>Anmälda händelser under perioden<\/h3>\n<p class="kv"><b>Provkommun:<\/b> ([^<]*)<\/p>\n((?:<li>[^<]*<\/li>\n?)*)/
    .exec(html.replace(/<\/?ul>\n?/g, ''));
  assert.ok(m, 'the plan counts the incidents of its area');
  const items = Object.fromEntries([...m[2].matchAll(/<li>([^<:]*): ([^<]*)<\/li>/g)].map((x) => [x[1], x[2]]));
  return { total: m[1], items };
}

// What the JSON routes give the same viewer.
async function json(who) {
  const dl = (await s.get('/dialogues', who)).json.items.find((d) => d.id === dialogue);
  const dc = (await s.get(`/documents?agreement=${agr}`, who)).json.items.find((d) => d.id === doc);
  const counts = (await s.get('/stats/counts?group=category&area=9999&layer=kommun'
    + '&from=2026-03-01&to=2026-04-01', who)).json;
  return { dl, dc, counts };
}

test('the owner renders everything, whatever it shares', async () => {
  await share('none');
  const r = await render(KL);
  for (const n of ['plan', 'followup']) {
    assert.match(r[n].html, /Dialoger och trygghetsvandringar/);
    assert.ok(r[n].html.includes(NOTES), n);
    assert.ok(r[n].html.includes(THEMES), n);
  }
  assert.ok(r.agreement.html.includes(DOC_TITLE));
  assert.ok(r.agreement.html.includes(FILE));
  const c = planCounts(r.plan.html);
  assert.equal(c.total, String(KLOTTER + VALD));
  assert.equal(c.items[labels['skadegorelse.klotter']], String(KLOTTER));
  assert.equal(c.items[labels.vald], String(VALD));
  await share(null);
});

test('another organisation\'s renderings follow each sharing level', async () => {
  const seen = {};
  for (const level of ['full', 'no_text', 'aggregated', 'none']) {
    await share(level);
    const r = await render(PL);
    const j = await json(PL);
    seen[level] = r;
    const c = planCounts(r.plan.html);
    for (const n of ['plan', 'followup']) {
      const h = r[n].html;
      // dialogues: listed from no_text, their free text only at full
      assert.equal(h.includes('Dialoger och trygghetsvandringar'), level === 'full' || level === 'no_text',
        `${level} ${n}`);
      assert.equal(h.includes(NOTES), level === 'full', `${level} ${n}`);
      assert.equal(h.includes(THEMES), level === 'full', `${level} ${n}`);
      assert.equal(h.includes('Anteckningarna delas inte med din organisation'), level === 'no_text');
    }
    // ... as the JSON routes: the dialogue listed from no_text, with notes at full
    assert.equal(j.dl !== undefined, level === 'full' || level === 'no_text', level);
    if (j.dl) assert.equal(j.dl.notes === NOTES, level === 'full');
    // documents: listed from no_text, the file only at full
    assert.equal(r.agreement.html.includes(DOC_TITLE), level === 'full' || level === 'no_text', level);
    assert.equal(r.agreement.html.includes(FILE), level === 'full', level);
    assert.equal(j.dc !== undefined, level === 'full' || level === 'no_text', level);
    if (j.dc) assert.equal(j.dc.href !== null, level === 'full');
    // incidents: the plan's counts are /stats/counts' for the same area and period
    const total = j.counts.total === null ? null : j.counts.total;
    if (level === 'none') {
      assert.equal(c.total, '0');
      assert.deepEqual(c.items, {});
    } else if (level === 'aggregated') {
      // 3 våld is below the minimum: hidden, and the 12 klotter with it
      // (otherwise the total would give the 3 back)
      assert.equal(c.total, String(KLOTTER + VALD));
      assert.equal(c.items[labels.vald], 'dolt (för få att visa)');
      assert.equal(c.items[labels['skadegorelse.klotter']], 'dolt (för få att visa)');
      assert.ok(!/<li>[^<]*: 3<\/li>/.test(r.plan.html));
    } else {
      assert.equal(c.total, String(KLOTTER + VALD));
      assert.equal(c.items[labels.vald], String(VALD));
      assert.equal(c.items[labels['skadegorelse.klotter']], String(KLOTTER));
    }
    assert.equal(c.total, String(total ?? ''), level);
    for (const it of j.counts.items) {
      assert.equal(c.items[it.label], it.suppressed ? 'dolt (för få att visa)' : String(it.count), level);
    }
  }
  // each level is a different document, and none is the owner's
  const owner = await render(KL);
  for (const n of ['agreement', 'plan', 'followup']) {
    assert.notEqual(seen.none[n].version, owner[n].version, n);
    assert.notEqual(seen.no_text[n].version, seen.full[n].version, n);
  }
  assert.equal(seen.full.followup.version, owner.followup.version, 'full is the owner\'s view');
  await share(null);
});

test('a total below the minimum is hidden when only aggregated figures reach the reader', async () => {
  // the police count the kommun's våld of one week only: 2 incidents
  await share('aggregated');
  const p2 = (await ok(await s.post(`/agreements/${agr}/plans`, { title: 'Kort plan',
    period_from: '2026-03-15', period_to: '2026-03-16' }, KS))).id;
  const pr = (await ok(await s.post(`/agreements/${agr}/problems`, { title: 'Våld en helg', plan_id: p2 }, KS))).id;
  const area = (await s.get('/areas?layer=kommun', KS)).json.items.find((a) => a.code === '9999');
  await ok(await s.post(`/problems/${pr}/problem-areas`, { area_id: area.id }, KS));
  const own = planCounts((await s.get(`/plans/${p2}/document.html`, KL)).text);
  const n = Number(own.total);
  assert.ok(n > 0 && n < 5, `own total ${n}`);
  const other = planCounts((await s.get(`/plans/${p2}/document.html`, PL)).text);
  assert.equal(other.total, 'färre än 5 (dolt)');
  assert.ok(Object.values(other.items).every((v) => v === 'dolt (för få att visa)'));
  await share(null);
});
