// Sessions: login sets an HttpOnly SameSite=Strict cookie, GET /session
// tells who is logged in with the CSRF token, state-changing cookie
// requests need X-CSRF-Token, logout revokes, bearer tokens work without
// CSRF, and failed logins are rate-limited per account and per address
// with back-off (429 with Retry-After).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, errorOf, PASSWORD } from './lib.mjs';

let s;

before(async () => {
  s = await Server.start({
    users: [
      { email: 'admin@kommun.se', org: 'KOMMUN', role: 'admin' },
      { email: 'lasare@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'victim@kommun.se', org: 'KOMMUN', role: 'lasare' },
    ],
  });
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

test('login sets the session cookie and returns user, organisation and CSRF token', async () => {
  const r = await s.post('/session', { email: 'lasare@kommun.se', password: PASSWORD });
  assert.equal(r.status, 200, r.text);
  const c = r.headers.get('set-cookie');
  assert.match(c, /^sv_session=[0-9a-f]{64}; /);
  assert.match(c, /; HttpOnly/);
  assert.match(c, /; SameSite=Strict/);
  assert.match(c, /; Path=\//);
  assert.equal(r.json.user.email, 'lasare@kommun.se');
  assert.equal(r.json.user.role, 'lasare');
  assert.equal(r.json.organisation.code, 'KOMMUN');
  assert.match(r.json.csrf_token, /^[0-9a-f]{64}$/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('e-mail is matched without regard to case', async () => {
  const r = await s.post('/session', { email: 'LASARE@Kommun.se', password: PASSWORD });
  assert.equal(r.status, 200, r.text);
});

test('GET /session with the cookie; without it 401', async () => {
  const l = await s.login('lasare@kommun.se');
  const r = await s.get('/session', { cookie: l.cookie });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.email, 'lasare@kommun.se');
  assert.equal(r.json.csrf_token, l.csrf);
  errorOf(assert, await s.get('/session'), 401, 'unauthenticated');
  errorOf(assert, await s.get('/session', { cookie: 'f'.repeat(64) }), 401, 'unauthenticated');
  errorOf(assert, await s.get('/session', { cookie: 'nonsense' }), 401, 'unauthenticated');
  assert.equal((await s.get('/session')).headers.get('www-authenticate'), 'Bearer realm="samverkan"');
});

test('state-changing cookie requests need the CSRF token', async () => {
  const l = await s.login('admin@kommun.se');
  const body = { code: 'NYORG', name: 'Ny', kind: 'ovrig', parent: 'KOMMUN' };
  let e = errorOf(assert, await s.post('/organisations', body, { cookie: l.cookie }), 403, 'forbidden', 'X-CSRF-Token');
  assert.match(e.message, /CSRF/);
  errorOf(assert, await s.post('/organisations', body, { cookie: l.cookie, csrf: 'a'.repeat(64) }), 403, 'forbidden');
  const other = await s.login('lasare@kommun.se');
  errorOf(assert, await s.post('/organisations', body, { cookie: l.cookie, csrf: other.csrf }), 403, 'forbidden',
    'X-CSRF-Token');
  let r = await s.post('/organisations', body, { cookie: l.cookie, csrf: l.csrf });
  assert.equal(r.status, 201, r.text);
  // DELETE and PATCH too.
  errorOf(assert, await s.del('/organisations/NYORG', { cookie: l.cookie }), 403);
  r = await s.del('/organisations/NYORG', { cookie: l.cookie, csrf: l.csrf });
  assert.equal(r.status, 204, r.text);
  // Reads need no token.
  assert.equal((await s.get('/organisations', { cookie: l.cookie })).status, 200);
});

test('bearer tokens authenticate without CSRF; bad tokens are 401', async () => {
  let r = await s.post('/organisations', { code: 'TOKORG', name: 'T', kind: 'ovrig' }, { token: 'admin@kommun.se' });
  assert.equal(r.status, 201, r.text);
  errorOf(assert, await s.get('/organisations', { token: '0'.repeat(64) }), 401);
  errorOf(assert, await s.get('/organisations', { token: 'short' }), 401);
  errorOf(assert, await s.get('/organisations', { headers: { authorization: 'Basic YTpi' } }), 401);
  r = await s.get('/session', { token: 'admin@kommun.se' });
  assert.equal(r.status, 200);
  assert.equal(r.json.csrf_token, null);
});

test('logout revokes the session and clears the cookie', async () => {
  const l = await s.login('lasare@kommun.se');
  errorOf(assert, await s.del('/session', { cookie: l.cookie }), 403, 'forbidden', 'X-CSRF-Token');
  const r = await s.del('/session', { cookie: l.cookie, csrf: l.csrf });
  assert.equal(r.status, 204);
  assert.match(r.headers.get('set-cookie'), /^sv_session=; .*Max-Age=0/);
  errorOf(assert, await s.get('/session', { cookie: l.cookie }), 401);
});

test('wrong password and unknown e-mail give the same 401', async () => {
  const a = errorOf(assert, await s.post('/session', { email: 'lasare@kommun.se', password: 'fel-losenord' }), 401);
  const b = errorOf(assert, await s.post('/session', { email: 'ingen@kommun.se', password: 'fel-losenord' }), 401);
  assert.equal(a.message, b.message);
});

test('failed logins back off per account (429 with Retry-After), the right password included', async () => {
  // Five free failures, then locked for 2, 4, 8, ... seconds.
  for (let i = 0; i < 5; i++) {
    errorOf(assert, await s.post('/session', { email: 'victim@kommun.se', password: 'gissning-' + i }), 401);
  }
  let r = await s.post('/session', { email: 'victim@kommun.se', password: 'gissning-5' });
  assert.equal(r.status, 401);
  r = await s.post('/session', { email: 'victim@kommun.se', password: PASSWORD });
  errorOf(assert, r, 429, 'rate_limited');
  assert.match(r.headers.get('retry-after'), /^\d+$/);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  // Other casing of the same account is the same account.
  errorOf(assert, await s.post('/session', { email: 'VICTIM@kommun.se', password: PASSWORD }), 429);
  // After the wait the right password works again and resets the account.
  await new Promise((res) => setTimeout(res, 1000 * Number(r.headers.get('retry-after')) + 300));
  r = await s.post('/session', { email: 'victim@kommun.se', password: PASSWORD });
  assert.equal(r.status, 200, r.text);
});

test('failed logins back off per address across accounts', async () => {
  // Twenty failures per address are free (an office shares one address);
  // the tests above used eight of them.
  let limited = null;
  for (let i = 0; i < 30 && !limited; i++) {
    const r = await s.post('/session', { email: `spray${i}@kommun.se`, password: 'gissning' });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 401);
  }
  assert.ok(limited, 'the address was limited');
  errorOf(assert, limited, 429, 'rate_limited');
  // A fresh account from the same address is refused too, before any hashing.
  errorOf(assert, await s.post('/session', { email: 'admin@kommun.se', password: PASSWORD }), 429);
  // Tokens keep working: only logins are limited.
  assert.equal((await s.get('/organisations', { token: 'admin@kommun.se' })).status, 200);
});
