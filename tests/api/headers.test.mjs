// Issue 6, hardening: the request headers the server reads itself
// (src/http/headers.c, fuzzed by tests/fuzz/fuzz_headers.c) behave as
// documented on a real server: the Authorization scheme, the CSRF token,
// Content-Type with parameters, and If-None-Match lists on static files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Server, errorOf } from './lib.mjs';

let s;

before(async () => {
  s = await Server.start();
  const web = path.join(s.dir, 'web');
  mkdirSync(web, { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>samverkan</title>');
  await s.stop({ keep: true });
  await s.spawn(['--web', web]);
});

after(async () => {
  if (s) assert.equal((await s.stop()).code, 0);
});

test('Authorization: the Bearer scheme in any case, spaces before the token; other schemes 401', async () => {
  const tok = s.tokens['lasare@kommun.se'];
  for (const h of [`Bearer ${tok}`, `bearer ${tok}`, `BEARER    ${tok}`])
    assert.equal((await s.get('/session', { headers: { authorization: h } })).status, 200, h);
  for (const h of [`Basic ${tok}`, `Bearer${tok}`, 'Bearer ', `Bearer ${tok}x`, `Bearer ${tok.slice(1)}`, 'Bearer ../../'])
    errorOf(assert, await s.get('/session', { headers: { authorization: h } }), 401, 'unauthenticated');
});

test('X-CSRF-Token: only the session\'s token, whole, lets a cookie change data', async () => {
  const l = await s.login('samordnare@kommun.se');
  const body = { kind: 'medborgardialog', held_on: '2026-03-01' };
  for (const csrf of [undefined, '', l.csrf.slice(0, -1), l.csrf + '0', l.csrf.toUpperCase() === l.csrf ? 'x' : l.csrf.toUpperCase()])
    errorOf(assert, await s.post('/dialogues', body, { cookie: l.cookie, csrf }), 403, 'forbidden');
  assert.equal((await s.post('/dialogues', body, { cookie: l.cookie, csrf: l.csrf })).status, 201);
});

test('Content-Type: application/json with parameters and spaces; anything else 415', async () => {
  const T = { token: 'samordnare@kommun.se' };
  const body = { kind: 'trygghetsvandring', held_on: '2026-03-02' };
  for (const type of ['application/json', 'Application/JSON; charset=utf-8', '  application/json ;charset=UTF-8'])
    assert.equal((await s.post('/dialogues', body, { ...T, type })).status, 201, type);
  for (const type of ['application/jsonx', 'text/plain', 'application/geo+json', 'application/json,text/plain', ''])
    assert.equal((await s.post('/dialogues', body, { ...T, type })).status, 415, type);
});

test('If-None-Match: the tag, a list holding it, its weak form or * give 304', async () => {
  const r = await s.get('/', { abs: true });
  const etag = r.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
  for (const inm of [etag, `"x", ${etag}`, `W/${etag}`, '*', `"a",W/"b" , ${etag}`])
    assert.equal((await s.get('/', { abs: true, headers: { 'if-none-match': inm } })).status, 304, inm);
  for (const inm of ['"x"', etag.slice(0, -2) + '"', `W/"${etag}"`, '', ','])
    assert.equal((await s.get('/', { abs: true, headers: { 'if-none-match': inm } })).status, 200, inm);
});
