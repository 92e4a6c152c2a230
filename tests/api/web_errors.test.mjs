// The web's Swedish texts for the API's errors (web/js/errors.js) and the
// live personal-data warning (web/js/pii.js), checked against the C source
// and the real server: every error code of src/core/err.c and every
// request field of src/api/specs.c has a Swedish text; the page's scanner
// finds exactly what the server refuses, and the refusal and the warning
// read the same Swedish sentence; common refusals come out in Swedish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Server, ROOT, errorOf, square } from './lib.mjs';
import { CODE_TEXTS, FIELD_LABELS, swedishError } from '../../web/js/errors.js';
import { piiKind, piiText, piiWarning } from '../../web/js/pii.js';

const src = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const RAP = { token: 'rapportor@kommun.se' };
const SAM = { token: 'samordnare@kommun.se' };
const PS = { token: 'samordnare@polis.se' };
const inc = (over = {}) => ({
  category: 'skadegorelse.klotter', observed_from: '2026-11-20T22:10', lat: 59.61, lon: 16.54,
  severity: 2, people_count: 3, certainty: 'observed', description: 'Klotter på gavelväggen', ...over,
});
// What the page shows for an error body.
const shown = (e, status = 422) => swedishError(e.code, e.message, e.field, status);

let s;
before(async () => {
  s = await Server.start();
  const r = await s.post('/areas', { layer: 'kommun', code: '1980', name: 'Västerås',
    geometry: { type: 'Polygon', coordinates: square(16.54, 59.61, 0.1) } }, SAM);
  assert.equal(r.status, 201, r.text);
});
after(async () => { assert.equal((await s.stop()).code, 0); });

test('every error code of src/core/err.c has a Swedish text', () => {
  const table = /err_codes\[SV_ERR__MAX\] = \{([^}]*)\}/.exec(src('src/core/err.c'));
  assert.ok(table, 'the code table is found in err.c');
  const codes = [...table[1].matchAll(/\] = "([a-z_]+)"/g)].map((m) => m[1])
    .filter((c) => c !== 'ok');
  assert.ok(codes.length >= 13, `codes read: ${codes}`);
  for (const c of codes) {
    assert.ok(CODE_TEXTS[c], `no Swedish text for error code ${c}`);
    assert.equal(swedishError(c, 'some English words', '', 500), CODE_TEXTS[c]);
  }
});

test('every request field of src/api/specs.c has a Swedish label', () => {
  const fields = new Set([...src('src/api/specs.c').matchAll(/^\s*\{ "([a-z_0-9]+)",/gm)]
    .map((m) => m[1]));
  assert.ok(fields.size > 50, `fields read: ${[...fields]}`);
  for (const f of fields)
    assert.ok(FIELD_LABELS[f], `no Swedish label for field ${f}`);
});

test('every field of a collaboration record (src/domain F_* tables) has a Swedish label', () => {
  const fields = new Set();
  for (const f of fs.readdirSync(path.join(ROOT, 'src/domain')).filter((n) => n.endsWith('.c')))
    for (const m of src(`src/domain/${f}`).matchAll(/\bF_[A-Z]+\(\s*"([a-z_0-9]+)"/g))
      fields.add(m[1]);
  assert.ok(fields.size > 100, `fields read: ${fields.size}`);
  for (const f of fields)
    assert.ok(FIELD_LABELS[f], `no Swedish label for field ${f}`);
});

// Texts with and without personal data; the server decides, the page
// must agree (same kind found, or none).
const TEXTS = [
  'Person med nummer 19121212-1212 syntes', 'Mannen (811218-9876) syntes', 'pnr 198112189876.',
  'samordningsnummer 701063-2391', 'Ring 070-123 45 67 om du ser något', 'Telefon 021-39 00 00',
  'Nås på +46 (0)8 123 456 78', 'mejla vakten på vakt.nord@bevakning.se', 'Klotter på 12 väggar',
  'Datum 01-02-2026 kl 08', '811218-9877 är ingen', 'ref 98112189876', 'Skadegörelse på Råby torg',
  'Öppen dörr 0700-talet', 'Fönster 2,5 m x 1 m',
];

test('the page finds the personal data the server refuses, and both say it in one Swedish sentence', async () => {
  let refused = 0;
  for (const text of TEXTS) {
    const r = await s.post('/incidents', inc({ description: text }), RAP);
    const kind = piiKind(text);
    if (r.status === 201) {
      assert.equal(kind, '', `the server accepted "${text}", the page warns of ${kind}`);
      continue;
    }
    const e = errorOf(assert, r, 422, 'invalid', 'description');
    assert.ok(kind, `the server refused "${text}" (${e.message}), the page found nothing`);
    assert.match(e.message, new RegExp(`\\(${kind}\\)`), `same kind for "${text}"`);
    assert.equal(shown(e), piiText(kind));
    assert.equal(shown(e), piiWarning(text), 'the refusal reads as the live warning');
    assert.doesNotMatch(shown(e), /personal data|remove/);
    refused++;
  }
  assert.ok(refused >= 6, `refused ${refused}`);
});

test('dialogue notes with a personnummer: the same Swedish sentence', async () => {
  const r = await s.post('/dialogues', { kind: 'trygghetsvandring', held_on: '2024-10-03',
    notes: 'Kontakt 811218-9876 vid entrén' }, PS);
  const e = errorOf(assert, r, 422, 'invalid', 'notes');
  assert.equal(shown(e), piiText('personnummer'));
  assert.equal(shown(e), piiWarning('Kontakt 811218-9876 vid entrén'));
});

test('common refusals read in Swedish with the field\'s label, never the English alone', async () => {
  const cases = [
    [inc({ people_count: 20000 }), 'people_count', /^Antal personer måste vara mellan 0 och 10\s000\.$/],
    [inc({ severity: 7 }), 'severity', /allvarlighetsgrad/i],
    [inc({ certainty: 'kanske' }), 'certainty', /observerad eller misstänkt/],
    [inc({ category: undefined }), 'category', /^Kategori måste fyllas i\.$/],
    [inc({ category: 'finns.inte' }), 'category', /^Kategori finns inte\.$/],
    [inc({ lat: 40.0, lon: 10.0 }), null, /utanför Sverige/],
    [inc({ description: 'x'.repeat(4001) }), 'description', /^Beskrivning: texten är för lång\.$/],
    [inc({ observed_from: 'igår' }), 'observed_from', /^Tid \(från\)/],
  ];
  for (const [body, field, want] of cases) {
    const r = await s.post('/incidents', body, RAP);
    assert.ok(r.status === 422 || r.status === 400, `${JSON.stringify(body)}: ${r.status} ${r.text}`);
    const e = r.json.error;
    if (field) assert.equal(fieldOf(e.field), field);
    const sv = shown(e, r.status);
    assert.match(sv, want, `${e.message} -> ${sv}`);
    assert.ok(!sv.includes(e.message), `the English "${e.message}" is not shown`);
  }
  const u = await s.post('/incidents', { ...inc(), colour: 'red' }, RAP);
  const e = errorOf(assert, u, 400, 'invalid', 'colour');
  assert.match(shown(e, 400), /Ladda om sidan/);
});

const fieldOf = (f) => String(f || '').split('.').pop().replace(/\[\d+\]$/, '');
