// Issue 5, the OpenAPI document of the collaboration routes: every create
// and change route describes its request body (built from the entity's
// field table), and the server agrees with the description: a key the
// schema does not list is refused, a value of the wrong type is refused
// naming its field, an empty create names a field the schema requires,
// and a body made of the schema's required fields (with values of the
// described types, formats and enumerations, plus what a few rules beyond
// field checks need) is accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, errorOf, API } from './lib.mjs';

let s;
let doc;
const T = { token: 'samordnare@kommun.se' };

before(async () => {
  s = await Server.start();
  doc = (await s.get('/openapi.json')).json;
});

after(async () => { await s?.stop(); });

async function mk(path, body) {
  const r = await s.post(path, body, T);
  assert.equal(r.status, 201, `${path}: ${r.text}`);
  return r.json.id;
}

// The collaboration operations: POST on a list of children, PATCH on one.
function collabOps() {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (op.tags[0] !== 'samverkan') continue;
      if ((m === 'post' && op.operationId === 'h_co_create') || (m === 'patch' && op.operationId === 'h_co_patch'))
        ops.push({ path: p, method: m, op });
    }
  }
  return ops;
}

const schemaOf = (op) => op.requestBody.content['application/json'].schema;

// A value of the wrong JSON type for a property.
function wrongValue(prop) {
  switch (prop.type) {
  case 'integer': return 'x';
  case 'number': return 'x';
  case 'boolean': return 'x';
  default: return 5;
  }
}

test('every collaboration create and change route has a body schema from its field table', () => {
  const ops = collabOps();
  assert.ok(ops.length >= 60, `${ops.length} operations`);
  for (const { path, method, op } of ops) {
    const sc = schemaOf(op);
    assert.equal(sc.type, 'object', path);
    assert.equal(sc.additionalProperties, false, path);
    assert.ok(Object.keys(sc.properties).length >= 1, `${method} ${path} has properties`);
    for (const [name, prop] of Object.entries(sc.properties)) {
      assert.ok(prop.type && prop.description, `${path} ${name}`);
      if (prop['x-type'] === 'enum') assert.ok(prop.enum.length >= 2, `${path} ${name}`);
    }
    if (method === 'patch') assert.equal(sc.required, undefined, `${path}: a change requires nothing`);
  }
  // the CSV import too
  const imp = doc.paths['/indicators/import'].post;
  assert.deepEqual(schemaOf(imp).required, ['csv']);
  // read-only fields are not input
  const promise = schemaOf(doc.paths['/agreements/{id}/promises'].post);
  assert.ok(promise.properties.published && !promise.properties.published_on);
});

test('the server refuses what the schema does not describe, naming the field', async () => {
  for (const { path, method, op } of collabOps()) {
    const p = API + path.replace('{id}', '999999');
    const M = method.toUpperCase();
    errorOf(assert, await s.req(M, p, { ...T, body: { not_a_field: 1 } }), 400, 'invalid', 'not_a_field');
    for (const [name, prop] of Object.entries(schemaOf(op).properties)) {
      const r = await s.req(M, p, { ...T, body: { [name]: wrongValue(prop) } });
      errorOf(assert, r, 422, 'invalid', name);
    }
  }
});

// A valid value of a property, by its schema; refs from the records made.
function validValue(name, prop, ids) {
  if (prop.enum) return prop.enum[0];
  if (prop['x-type'] === 'ref') return ids[prop['x-ref']];
  if (prop['x-type'] === 'area') return ids.area;
  if (prop['x-type'] === 'organisation') return 'KOMMUN';
  if (prop['x-type'] === 'category') return ids.category;
  if (prop.format === 'date') return '2025-02-03';
  if (prop.format === 'date-time') return '2025-02-03T10:00:00+01:00';
  if (prop.format === 'byte') return Buffer.from('fil').toString('base64');
  if (prop.type === 'integer') return Math.max(prop.minimum ?? 1, 1);
  if (prop.type === 'number') return Math.max(prop.minimum ?? 1, 1);
  if (prop.type === 'boolean') return true;
  if (name === 'code') return 'IND-' + Math.random().toString(36).slice(2, 8).toUpperCase();
  if (name === 'period') return '2024';
  return `Text för ${name}`;
}

// What the rules beyond field checks need besides the required fields.
const RULES = (ids) => ({
  agreements: { until_further_notice: true },
  parties: { organisation: 'RIKET' },
  attachments: { number: 2, content: 'Text' },
  'information-events': { to_organisation: 'POLIS' },
  bodies: { meetings_min: 2 },
  attendees: { function: 'Gäst' },
  plans: { period_to: '2025-12-31' },
  'focus-areas': { kind: 'tema' },
  goals: { problem_id: ids.problems },
  promises: { police: 'Polisen lovar', period_to: '2025-12-31' },
  'promise-targets': { value: 4, unit: 'möten', per: 'manad', comparator: 'minst' },
});

test('an empty create names a required field; the required fields (and what rules need) are enough', async () => {
  const area = await s.post('/areas', { layer: 'stadsdel', code: 'OA1', name: 'Område',
    geometry: { type: 'Polygon', coordinates: [[[16.5, 59.6], [16.6, 59.6], [16.6, 59.7], [16.5, 59.7], [16.5, 59.6]]] } }, T);
  assert.equal(area.status, 201, area.text);
  const cats = (await s.get('/categories', T)).json;
  const ids = { area: area.json.id, category: (cats.items || cats)[0].code };
  ids.agreements = await mk('/agreements', { title: 'Schema', valid_from: '2024-01-01', until_further_notice: true });
  await mk(`/agreements/${ids.agreements}/parties`, { organisation: 'KOMMUN' });
  await mk(`/agreements/${ids.agreements}/parties`, { organisation: 'POLIS' });
  ids.bodies = await mk(`/agreements/${ids.agreements}/bodies`, { kind: 'styrgrupp', name: 'S', cadence: 'per_ar', meetings_min: 2 });
  ids.members = await mk(`/bodies/${ids.bodies}/members`, { function: 'Ordförande' });
  ids.meetings = await mk(`/bodies/${ids.bodies}/meetings`, { starts_at: '2024-03-05T13:00:00+01:00', status: 'genomfort' });
  ids.plans = await mk(`/agreements/${ids.agreements}/plans`, { title: 'Plan', period_from: '2024-01-01', period_to: '2024-12-31' });
  ids['focus-areas'] = await mk(`/agreements/${ids.agreements}/focus-areas`, { name: 'Tema', kind: 'tema' });
  ids.problems = await mk(`/agreements/${ids.agreements}/problems`, { title: 'Problem' });
  ids.causes = await mk(`/problems/${ids.problems}/causes`, { kind: 'orsak', text: 'Orsak' });
  ids.goals = await mk(`/agreements/${ids.agreements}/goals`, { kind: 'effekt', text: 'Mål', problem_id: ids.problems });
  ids.activities = await mk(`/agreements/${ids.agreements}/activities`, { goal_id: ids.goals, title: 'A', time_perspective: 'reaktiv' });
  ids.promises = await mk(`/agreements/${ids.agreements}/promises`, { title: 'Löfte', period_from: '2024-01-01', period_to: '2024-12-31', police: 'Vi lovar' });
  ids['promise-targets'] = await mk(`/promises/${ids.promises}/promise-targets`, { party: 'polisen', kind: 'avsikt', description: 'Möten' });
  ids.indicators = await mk('/indicators', { code: 'TRYGG', name: 'Trygghet', kind: 'enkat' });
  ids.attachments = await mk(`/agreements/${ids.agreements}/attachments`, { number: 1, kind: 'ovrig', title: 'B', version: 1, dated: '2024-01-02', content: 'Text' });
  let checked = 0;
  const fails = [];
  for (const { path, method, op } of collabOps()) {
    if (method !== 'post') continue;
    const parent = path.split('/')[1];
    const p = API + path.replace('{id}', String(ids[parent]));
    const sc = schemaOf(op);
    const req = sc.required || [];
    const e = await s.post(p, {}, T);
    if (req.length) {
      assert.equal(e.status, 422, `${path} {}: ${e.text}`);
      assert.ok(req.includes(e.json.error.field), `${path}: ${e.json.error.field} in ${req}`);
    }
    // agreement status history is the program's, never input
    const body = {};
    for (const name of req) body[name] = validValue(name, sc.properties[name], ids);
    Object.assign(body, RULES(ids)[path.split('/').pop()] ?? {});
    const r = await s.post(p, body, T);
    if (r.status !== 201) fails.push(`${path} ${JSON.stringify(body)}: ${r.text}`);
    checked++;
  }
  assert.deepEqual(fails, []);
  assert.ok(checked >= 25, `${checked} create routes`);
});
