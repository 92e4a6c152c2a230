// /organisations and /users with good and bad input, and the rule that an
// admin manages only their own organisation and the ones below it (a
// national admin is an admin of the root organisation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, errorOf, PASSWORD } from './lib.mjs';

let s;
const A = { token: 'admin@kommun.se' };
const NAT = { token: 'nat@riket.se' };

before(async () => {
  s = await Server.start();
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

test('list and read organisations (any role)', async () => {
  const r = await s.get('/organisations', { token: 'lasare@polis.se' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((o) => o.code).sort(), ['KOMMUN', 'POLIS', 'RIKET']);
  assert.equal(r.json.next_cursor, null);
  const k = r.json.items.find((o) => o.code === 'KOMMUN');
  assert.deepEqual(Object.keys(k).sort(), ['code', 'id', 'kind', 'name', 'org_number', 'parent']);
  assert.equal(k.parent, 'RIKET');
  assert.equal(k.name, 'Västerås stad');
  const one = await s.get('/organisations/KOMMUN', { token: 'lasare@polis.se' });
  assert.deepEqual(one.json, k);
  errorOf(assert, await s.get('/organisations/NOSUCH', { token: 'lasare@polis.se' }), 404, 'not_found');
});

test('create an organisation: good input, org number with Luhn digit', async () => {
  let r = await s.post('/organisations', { code: 'MIMER', name: 'Bostads AB Mimer', kind: 'bostadsbolag',
    org_number: '556000-4615', parent: 'KOMMUN' }, A);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, 'MIMER');
  assert.equal(r.json.kind, 'bostadsbolag');
  assert.equal(r.json.parent, 'KOMMUN');
  assert.equal(r.json.org_number, '556000-4615');
  r = await s.get('/organisations/MIMER', { token: 'lasare@kommun.se' });
  assert.equal(r.status, 200);
});

test('create an organisation: bad input', async () => {
  const base = { code: 'X1', name: 'X', kind: 'ovrig', parent: 'KOMMUN' };
  errorOf(assert, await s.post('/organisations', { ...base, kind: 'kiosk' }, A), 422, 'invalid', 'kind');
  errorOf(assert, await s.post('/organisations', { ...base, org_number: '556000-4614' }, A), 422, 'invalid',
    'org_number');
  errorOf(assert, await s.post('/organisations', { ...base, code: 'bad code!' }, A), 422, 'invalid', 'code');
  errorOf(assert, await s.post('/organisations', { ...base, name: 7 }, A), 422, 'invalid', 'name');
  errorOf(assert, await s.post('/organisations', { ...base, extra: 1 }, A), 400, 'invalid', 'extra');
  errorOf(assert, await s.post('/organisations', { name: 'X', kind: 'ovrig' }, A), 422, 'invalid', 'code');
  const e = await s.post('/organisations', { ...base, parent: 'NOSUCH' }, A);
  assert.ok([404, 422].includes(e.status), e.text);
  errorOf(assert, await s.post('/organisations', { ...base, code: 'KOMMUN' }, A), 409, 'conflict');
});

test('change and delete an organisation; rights follow the tree', async () => {
  let r = await s.post('/organisations', { code: 'TMP', name: 'Tillfällig', kind: 'ovrig', parent: 'KOMMUN' }, A);
  assert.equal(r.status, 201);
  r = await s.patch('/organisations/TMP', { name: 'Ändrad', org_number: null }, A);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Ändrad');
  assert.equal(r.json.kind, 'ovrig');
  r = await s.patch('/organisations/TMP', { code: 'TMP2' }, A);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, 'TMP2');
  errorOf(assert, await s.get('/organisations/TMP', A), 404);
  // The police admin may not change the kommun's organisations.
  errorOf(assert, await s.patch('/organisations/TMP2', { name: 'Polisens' }, { token: 'admin@polis.se' }), 403);
  errorOf(assert, await s.del('/organisations/TMP2', { token: 'admin@polis.se' }), 403);
  errorOf(assert, await s.patch('/organisations/TMP2', { kind: 'kiosk' }, A), 422, 'invalid', 'kind');
  errorOf(assert, await s.patch('/organisations/TMP2', { bogus: 1 }, A), 400, 'invalid', 'bogus');
  // A parent cycle is refused.
  errorOf(assert, await s.patch('/organisations/KOMMUN', { parent: 'TMP2' }, NAT), 422, 'invalid');
  r = await s.del('/organisations/TMP2', A);
  assert.equal(r.status, 204);
  errorOf(assert, await s.del('/organisations/TMP2', A), 404);
  // An organisation with users cannot go.
  errorOf(assert, await s.del('/organisations/POLIS', NAT), 409, 'conflict');
});

test('users: an admin sees and manages only their own subtree', async () => {
  let r = await s.get('/users', A);
  assert.equal(r.status, 200);
  const emails = r.json.items.map((u) => u.email);
  assert.ok(emails.includes('lasare@kommun.se'));
  assert.ok(!emails.some((e) => e.endsWith('@polis.se')), 'no police users for the kommun admin');
  assert.ok(!emails.includes('nat@riket.se'));
  for (const u of r.json.items) {
    assert.deepEqual(Object.keys(u).sort(), ['active', 'alias', 'display_name', 'email', 'id', 'organisation', 'role']);
    assert.ok(!('password' in u) && !JSON.stringify(u).includes('argon2'));
  }
  r = await s.get('/users', NAT);
  assert.ok(r.json.items.some((u) => u.email === 'admin@polis.se'), 'the national admin sees everyone');
  const polis = r.json.items.find((u) => u.email === 'lasare@polis.se');
  errorOf(assert, await s.get(`/users/${polis.id}`, A), 404);
  errorOf(assert, await s.patch(`/users/${polis.id}`, { role: 'admin' }, A), 404);
  errorOf(assert, await s.del(`/users/${polis.id}`, A), 404);
  errorOf(assert, await s.get('/users/abc', A), 404);
  errorOf(assert, await s.get('/users/0', A), 404);
  errorOf(assert, await s.get('/users/99999999999999999999', A), 404);
});

test('users: create, change, deactivate', async () => {
  let r = await s.post('/users', { email: 'ny@kommun.se', password: 'ett-langt-losen', organisation: 'KOMMUN',
    role: 'rapportor', display_name: 'Ny Person' }, A);
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal(r.json.role, 'rapportor');
  assert.equal(r.json.active, true);
  assert.equal(r.json.display_name, 'Ny Person');
  // The new user can log in.
  const l = await s.login('ny@kommun.se', 'ett-langt-losen');
  assert.equal(l.json.user.id, id);
  r = await s.patch(`/users/${id}`, { role: 'samordnare', alias: 'Handläggare 7' }, A);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.role, 'samordnare');
  assert.equal(r.json.alias, 'Handläggare 7');
  assert.equal(r.json.email, 'ny@kommun.se');
  // Password change keeps everything else.
  r = await s.patch(`/users/${id}`, { password: 'ett-annat-losen' }, A);
  assert.equal(r.status, 200);
  await s.login('ny@kommun.se', 'ett-annat-losen');
  r = await s.del(`/users/${id}`, A);
  assert.equal(r.status, 204);
  // Deactivated: sessions revoked, login refused.
  errorOf(assert, await s.get('/session', { cookie: l.cookie }), 401);
  errorOf(assert, await s.post('/session', { email: 'ny@kommun.se', password: 'ett-annat-losen' }), 401);
  r = await s.get(`/users/${id}`, A);
  assert.equal(r.json.active, false);
});

test('users: bad input', async () => {
  const base = { email: 'x@kommun.se', password: 'ett-langt-losen', organisation: 'KOMMUN', role: 'lasare' };
  errorOf(assert, await s.post('/users', { ...base, password: 'kort' }, A), 422, 'invalid', 'password');
  errorOf(assert, await s.post('/users', { ...base, email: 'inte-en-adress' }, A), 422, 'invalid', 'email');
  errorOf(assert, await s.post('/users', { ...base, role: 'kung' }, A), 422, 'invalid', 'role');
  errorOf(assert, await s.post('/users', { ...base, role: ['admin'] }, A), 422, 'invalid', 'role');
  errorOf(assert, await s.post('/users', { ...base, admin: true }, A), 400, 'invalid', 'admin');
  errorOf(assert, await s.post('/users', { ...base, email: 'lasare@kommun.se' }, A), 409, 'conflict');
  // Not in the admin's subtree.
  errorOf(assert, await s.post('/users', { ...base, organisation: 'POLIS' }, A), 403, 'forbidden');
  const e = await s.post('/users', { ...base, organisation: 'NOSUCH' }, A);
  assert.ok([403, 404, 422].includes(e.status), e.text);
  errorOf(assert, await s.req('POST', '/users', { raw: JSON.stringify(base).replace('}', ',"role":"admin"}') }),
    401);
  errorOf(assert, await s.req('POST', '/users', { ...A, raw: JSON.stringify(base).replace('}', ',"role":"admin"}') }),
    400, 'invalid');
});

test('a user may not raise their own role through the API', async () => {
  const me = (await s.get('/session', { token: 'samordnare@kommun.se' })).json.user;
  errorOf(assert, await s.patch(`/users/${me.id}`, { role: 'admin' }, { token: 'samordnare@kommun.se' }), 403);
  assert.equal((await s.get('/session', { token: 'samordnare@kommun.se' })).json.user.role, 'samordnare');
  assert.ok(PASSWORD);
});
