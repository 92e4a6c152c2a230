// Issue 5 with issue 6: dialogue notes belong to an organisation (the
// organiser, by default the creator's) and the sharing rules of kind
// "dialogue" decide what other organisations see: full (everything),
// no_text (the record without its free text, the default), aggregated and
// none (not listed, not readable). Only who sees a dialogue in full may
// change or delete it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, errorOf } from './lib.mjs';

let s;
const PS = { token: 'samordnare@polis.se' };
const PL = { token: 'lasare@polis.se' };
const PA = { token: 'admin@polis.se' };
const KS = { token: 'samordnare@kommun.se' };
const KL = { token: 'lasare@kommun.se' };
const NOTES = 'Mörk gångtunnel vid skolan; belysningen trasig sedan oktober.';

before(async () => { s = await Server.start(); });
after(async () => { await s?.stop(); });

async function share(level, reader = 'KOMMUN') {
  const r = await s.req('POST', '/sharing', { ...PA, body: { owner: 'POLIS', reader, kind: 'dialogue', level } });
  assert.equal(r.status, 200, r.text);
}

async function seen(id, who) {
  const list = (await s.get('/dialogues', who)).json.items.find((d) => d.id === id);
  const one = await s.get(`/dialogues/${id}`, who);
  return { list, one };
}

test('a dialogue belongs to its creator\'s organisation unless it names one', async () => {
  const r = await s.post('/dialogues', { kind: 'trygghetsvandring', held_on: '2024-10-03', notes: NOTES }, PS);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.organisation, 'POLIS');
  assert.equal(r.json.notes, NOTES);
  const k = await s.post('/dialogues', { kind: 'medborgardialog', held_on: '2024-10-04', organisation: 'KOMMUN' }, KS);
  assert.equal(k.json.organisation, 'KOMMUN');
});

test('the sharing rules decide what another organisation sees of the notes', async () => {
  const d = (await s.post('/dialogues', { kind: 'medarbetardialog', held_on: '2024-11-05', themes: 'Narkotika',
    participant_groups: 'Närpolis', notes: NOTES, participants: 12 }, PS)).json;

  // the owner's own readers see everything
  let v = await seen(d.id, PL);
  assert.equal(v.list.notes, NOTES);
  assert.equal(v.one.json.notes, NOTES);
  assert.equal(v.one.json.text_withheld, undefined);

  // the default for others: no free text, flagged
  v = await seen(d.id, KL);
  for (const rec of [v.list, v.one.json]) {
    assert.equal(rec.notes, null);
    assert.equal(rec.themes, null);
    assert.equal(rec.participant_groups, null);
    assert.equal(rec.text_withheld, true);
    assert.equal(rec.participants, 12);
    assert.equal(rec.held_on, '2024-11-05');
  }
  // and may not change or delete what it cannot see in full
  errorOf(assert, await s.patch(`/dialogues/${d.id}`, { notes: 'Skrivet över' }, KS), 403, 'forbidden');
  errorOf(assert, await s.del(`/dialogues/${d.id}`, KS), 403, 'forbidden');

  await share('full');
  v = await seen(d.id, KL);
  assert.equal(v.list.notes, NOTES);
  assert.equal(v.one.json.themes, 'Narkotika');
  assert.equal(v.one.json.text_withheld, undefined);
  const p = await s.patch(`/dialogues/${d.id}`, { participants: 13 }, KS);
  assert.equal(p.status, 200, p.text);

  for (const level of ['aggregated', 'none']) {
    await share(level);
    v = await seen(d.id, KL);
    assert.equal(v.list, undefined, level);
    errorOf(assert, v.one, 404, 'not_found');
    errorOf(assert, await s.patch(`/dialogues/${d.id}`, { participants: 1 }, KS), 403, 'forbidden');
  }
  // the owner still sees its own in full
  assert.equal((await seen(d.id, PL)).one.json.notes, NOTES);
  // the owner's default for everyone else applies when the reader has no rule
  const del = await s.del('/sharing?owner=POLIS&reader=KOMMUN&kind=dialogue', PA);
  assert.equal(del.status, 204, del.text);
  await share('full', null);
  assert.equal((await seen(d.id, KL)).one.json.notes, NOTES);
});
