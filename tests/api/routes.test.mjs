// The route table as a whole: every route (from `samverkan serve
// --list-routes`) is denied without credentials and with a role one step
// too weak, before any input is looked at; the OpenAPI document served by
// the program describes exactly the routes the server answers, with their
// roles; and docs/api.md lists the same routes with the same roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Server, listRoutes, errorOf, ROLES, ROOT, API } from './lib.mjs';

let s;
const routes = listRoutes();

before(async () => {
  s = await Server.start({
    users: ROLES.map((role) => ({ email: `${role}@kommun.se`, org: 'KOMMUN', role })),
  });
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

// A concrete path for a pattern: ids that exist nowhere, codes likewise.
const concrete = (p) => p.replace('{id}', '1').replace('{code}', 'KOMMUN');

test('the route table is not empty and every route has a known role', () => {
  assert.ok(routes.length >= 30);
  for (const r of routes) {
    assert.ok(r.pattern.startsWith(API + '/'), r.pattern);
    assert.ok(['none', ...ROLES].includes(r.role), `${r.method} ${r.pattern} role ${r.role}`);
  }
  const publicRoutes = routes.filter((r) => r.role === 'none').map((r) => `${r.method} ${r.pattern}`);
  // The only doors open without a login, each on purpose: the API
  // description, logging in, and the published medborgarlöften.
  assert.deepEqual(publicRoutes.sort(), [`GET ${API}/openapi.json`, `GET ${API}/public/promises`,
    `POST ${API}/session`]);
});

test('every route is denied without credentials (401), whatever the input', async () => {
  for (const r of routes.filter((x) => x.role !== 'none')) {
    const p = concrete(r.pattern);
    // No body, a valid-looking body, and garbage: still 401.
    const bodies = r.method === 'GET' ? [{}] : [{}, { body: { a: 1 } }, { raw: '{bad', type: 'text/plain' }];
    for (const opts of bodies) {
      const res = await s.req(r.method, p + '?bogus=%zz', opts);
      errorOf(assert, res, 401, 'unauthenticated');
    }
    // A stale or invented session cookie or token is no better.
    errorOf(assert, await s.req(r.method, p, { cookie: 'a'.repeat(64), csrf: 'b'.repeat(64) }), 401);
    errorOf(assert, await s.req(r.method, p, { token: 'c'.repeat(64) }), 401);
  }
});

test('every route is denied with a role one step too weak (403)', async () => {
  let checked = 0;
  for (const r of routes) {
    const need = ROLES.indexOf(r.role);
    if (need <= 0) continue;	// public or lasare: nothing weaker
    const weak = ROLES[need - 1];
    const p = concrete(r.pattern);
    for (const opts of r.method === 'GET' ? [{}] : [{}, { body: { a: 1 } }]) {
      const res = await s.req(r.method, p, { ...opts, token: `${weak}@kommun.se` });
      const e = errorOf(assert, res, 403, 'forbidden');
      assert.match(e.message, new RegExp(r.role), `${r.method} ${p}`);
    }
    // By cookie with the right CSRF token too.
    const l = await s.login(`${weak}@kommun.se`);
    errorOf(assert, await s.req(r.method, p, { cookie: l.cookie, csrf: l.csrf }), 403, 'forbidden');
    checked++;
  }
  assert.ok(checked >= 15, `checked ${checked} routes`);
});

test('every lasare route answers a lasare (not 401/403)', async () => {
  for (const r of routes.filter((x) => x.role === 'lasare' && x.method === 'GET')) {
    const res = await s.req('GET', concrete(r.pattern), { token: 'lasare@kommun.se' });
    assert.ok(![401, 403, 405].includes(res.status), `${r.pattern}: ${res.status} ${res.text}`);
  }
});

test('the OpenAPI document matches the route table', async () => {
  const res = await s.get('/openapi.json');
  assert.equal(res.status, 200);
  const doc = res.json;
  assert.match(doc.openapi, /^3\.0\./);
  assert.equal(doc.servers[0].url, API);
  const fromDoc = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      fromDoc.push(`${m.toUpperCase()} ${API}${p} ${op['x-role']}`);
      assert.ok(op.operationId && op.summary && op.responses, `${m} ${p}`);
      const params = (p.match(/\{(\w+)\}/g) || []).map((x) => x.slice(1, -1));
      for (const name of params) {
        assert.ok(op.parameters.some((q) => q.in === 'path' && q.name === name && q.required), `${p} ${name}`);
      }
      if (op['x-role'] === 'none') assert.deepEqual(op.security, []);
      else assert.ok(op.responses['401'] && op.responses['403'], `${m} ${p} documents 401/403`);
    }
  }
  const fromTable = routes.map((r) => `${r.method} ${r.pattern} ${r.role}`);
  assert.deepEqual(fromDoc.sort(), fromTable.sort());
});

test('each documented operation exists on the server and nothing else does', async () => {
  const doc = (await s.get('/openapi.json')).json;
  for (const [p, item] of Object.entries(doc.paths)) {
    const methods = Object.keys(item).map((m) => m.toUpperCase());
    // An undocumented method on a documented path is 405 with the documented Allow.
    const res = await s.req('PUT', concrete(API + p));
    assert.equal(res.status, 405, p);
    const allow = res.headers.get('allow').split(', ');
    for (const m of methods) assert.ok(allow.includes(m), `${p} allows ${m}`);
    for (const m of allow) assert.ok(methods.includes(m) || (m === 'HEAD' && methods.includes('GET')), `${p} ${m}`);
  }
});

test('documented query parameters are accepted and others refused', async () => {
  const doc = (await s.get('/openapi.json')).json;
  for (const [p, item] of Object.entries(doc.paths)) {
    const op = item.get;
    if (!op) continue;
    const res = await s.get(concrete(p) + '?not_a_param=1', { token: 'admin@kommun.se' });
    errorOf(assert, res, 400, 'invalid', 'not_a_param');
  }
});

test('docs/api.md lists the same routes with the same roles', () => {
  const md = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
  const documented = [];
  for (const line of md.split('\n')) {
    const m = /^\| ([A-Z/]+) \| (\/\S*) \| ([a-z/]+) \|/.exec(line);
    if (!m) continue;
    const methods = m[1].split('/');
    const roles = m[3].split('/');
    methods.forEach((meth, i) => documented.push(`${meth} ${API}${m[2]} ${roles[i] ?? roles[0]}`));
  }
  const table = routes.map((r) => `${r.method} ${r.pattern} ${r.role}`);
  assert.deepEqual(documented.sort(), table.sort());
});
