// One's own sessions and password: GET /session/list shows the caller's
// active sessions by a short handle (never the cookie) and marks the
// current one; DELETE /session/list/{id} logs out one of one's own (another
// user's is 404) and DELETE /session/list all others; POST /session/password
// changes the password with the current one (and the TOTP code when on),
// keeps the current session and logs out the others; a wrong current
// password counts in the login back-off; a weak or equal password is 422.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { Server, errorOf, PASSWORD, BIN, PG } from './lib.mjs';

const NEW_PASSWORD = 'ett-helt-nytt-losenord';
let s;

before(async () => {
  s = await Server.start({
    users: [
      { email: 'anna@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'bo@kommun.se', org: 'KOMMUN', role: 'admin' },
      { email: 'cilla@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'dan@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'eva@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'fia@kommun.se', org: 'KOMMUN', role: 'lasare' },
    ],
  });
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
});

const auth = (l) => ({ cookie: l.cookie, csrf: l.csrf });

test('the list shows one\'s own active sessions by handle and marks the current one', async () => {
  const a1 = await s.login('anna@kommun.se');
  const a2 = await s.login('anna@kommun.se');
  await s.login('bo@kommun.se');
  const r = await s.get('/session/list', { cookie: a1.cookie });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.sessions.length, 2);
  for (const x of r.json.sessions) {
    assert.deepEqual(Object.keys(x).sort(),
      ['address', 'created_at', 'current', 'expires_at', 'id', 'last_seen_at', 'user_agent']);
    assert.equal(x.address, '127.0.0.1');
    assert.match(x.id, /^[0-9a-f]{16}$/);
    assert.ok(!a1.cookie.includes(x.id) && !a2.cookie.includes(x.id), 'the handle is no part of the cookie');
    assert.ok(Date.parse(x.expires_at) > Date.parse(x.created_at));
    assert.ok(Date.parse(x.last_seen_at) >= Date.parse(x.created_at));
  }
  assert.deepEqual(r.json.sessions.map((x) => x.current).sort(), [false, true]);
  // The other cookie sees the same two with the other one current.
  const r2 = await s.get('/session/list', { cookie: a2.cookie });
  const cur1 = r.json.sessions.find((x) => x.current).id;
  const cur2 = r2.json.sessions.find((x) => x.current).id;
  assert.notEqual(cur1, cur2);
  assert.deepEqual(r2.json.sessions.map((x) => x.id).sort(), r.json.sessions.map((x) => x.id).sort());
  // A bearer token has no current session.
  const t = await s.get('/session/list', { token: 'bo@kommun.se' });
  assert.equal(t.status, 200);
  assert.ok(t.json.sessions.length >= 1);
  assert.ok(t.json.sessions.every((x) => !x.current));
});

test('the browser and address a session was opened from are shown, cleaned and cut', async () => {
  const login = (ua) => s.req('POST', '/session', { body: { email: 'cilla@kommun.se', password: PASSWORD },
    headers: ua === undefined ? {} : { 'user-agent': ua } });
  const long = 'Mozilla/5.0 ' + 'x'.repeat(500);
  const rs = [await login('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'), await login(long),
    await login('Webbläsare\u00e5')];
  for (const r of rs) assert.equal(r.status, 200, r.text);
  const cookie = /sv_session=([0-9a-f]{64})/.exec(rs[0].headers.get('set-cookie'))[1];
  const list = (await s.get('/session/list', { cookie })).json.sessions;
  const uas = list.map((x) => x.user_agent);
  assert.ok(uas.includes('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'), uas.join('|'));
  assert.ok(uas.includes(long.slice(0, 200)), 'cut to 200 bytes');
  // fetch sends the header as Latin-1 bytes; what is not printable ASCII becomes '?'.
  assert.ok(uas.some((u) => /^Webbl\?+sare\?+$/.test(u)), uas.join('|'));
  assert.ok(list.every((x) => x.address === '127.0.0.1'));
  const mine = list.find((x) => x.current);
  assert.equal(mine.user_agent, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
  assert.equal((await s.del('/session/list', { cookie, csrf: rs[0].json.csrf_token })).status, 200);
});

test('one\'s own session is logged out by handle; then it gets 401 and is gone from the list', async () => {
  const c1 = await s.login('cilla@kommun.se');
  const c2 = await s.login('cilla@kommun.se');
  const list = (await s.get('/session/list', { cookie: c1.cookie })).json.sessions;
  const other = list.find((x) => !x.current).id;
  errorOf(assert, await s.del('/session/list/' + other, { cookie: c1.cookie }), 403, 'forbidden', 'X-CSRF-Token');
  const r = await s.del('/session/list/' + other, auth(c1));
  assert.equal(r.status, 204, r.text);
  errorOf(assert, await s.get('/session', { cookie: c2.cookie }), 401, 'unauthenticated');
  assert.equal((await s.get('/session', { cookie: c1.cookie })).status, 200);
  const after = (await s.get('/session/list', { cookie: c1.cookie })).json.sessions;
  assert.deepEqual(after.map((x) => x.id), list.filter((x) => x.id !== other).map((x) => x.id));
  // Twice, or an unknown or malformed handle: 404.
  errorOf(assert, await s.del('/session/list/' + other, auth(c1)), 404, 'not_found');
  errorOf(assert, await s.del('/session/list/' + '0'.repeat(16), auth(c1)), 404, 'not_found');
  errorOf(assert, await s.del('/session/list/xyz', auth(c1)), 404, 'not_found');
  errorOf(assert, await s.del('/session/list/' + c2.cookie, auth(c1)), 404, 'not_found');
});

test('another user\'s session is 404, even for an admin, and stays valid', async () => {
  const victim = await s.login('dan@kommun.se');
  const handle = (await s.get('/session/list', { cookie: victim.cookie })).json.sessions
    .find((x) => x.current).id;
  const anna = await s.login('anna@kommun.se');
  errorOf(assert, await s.del('/session/list/' + handle, auth(anna)), 404, 'not_found');
  const admin = await s.login('bo@kommun.se');
  errorOf(assert, await s.del('/session/list/' + handle, auth(admin)), 404, 'not_found');
  errorOf(assert, await s.del('/session/list/' + handle, { token: 'bo@kommun.se' }), 404, 'not_found');
  assert.ok(!(await s.get('/session/list', { cookie: anna.cookie })).json.sessions.some((x) => x.id === handle));
  assert.equal((await s.get('/session', { cookie: victim.cookie })).status, 200);
  // Logging out all others touches only one's own.
  const r = await s.del('/session/list', auth(anna));
  assert.equal(r.status, 200, r.text);
  assert.equal((await s.get('/session', { cookie: victim.cookie })).status, 200);
});

test('logging out all others keeps the current session', async () => {
  const e1 = await s.login('eva@kommun.se');
  const e2 = await s.login('eva@kommun.se');
  const e3 = await s.login('eva@kommun.se');
  const r = await s.del('/session/list', auth(e2));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { revoked: 2 });
  errorOf(assert, await s.get('/session', { cookie: e1.cookie }), 401);
  errorOf(assert, await s.get('/session', { cookie: e3.cookie }), 401);
  const list = (await s.get('/session/list', { cookie: e2.cookie })).json.sessions;
  assert.equal(list.length, 1);
  assert.equal(list[0].current, true);
  assert.deepEqual((await s.del('/session/list', auth(e2))).json, { revoked: 0 });
});

test('a weak, missing or equal new password is 422 naming the field; unknown keys 400', async () => {
  const l = await s.login('anna@kommun.se');
  errorOf(assert, await s.post('/session/password', { password: PASSWORD, new_password: 'kort' }, auth(l)),
    422, 'invalid', 'new_password');
  errorOf(assert, await s.post('/session/password', { password: PASSWORD, new_password: 'x'.repeat(1025) }, auth(l)),
    422, 'invalid', 'new_password');
  errorOf(assert, await s.post('/session/password', { password: PASSWORD, new_password: PASSWORD }, auth(l)),
    422, 'invalid', 'new_password');
  errorOf(assert, await s.post('/session/password', { password: PASSWORD }, auth(l)), 422, undefined, 'new_password');
  errorOf(assert, await s.post('/session/password', { new_password: NEW_PASSWORD }, auth(l)), 422, undefined,
    'password');
  errorOf(assert, await s.post('/session/password', { password: PASSWORD, new_password: NEW_PASSWORD, role: 'admin' },
    auth(l)), 400, 'invalid', 'role');
  errorOf(assert, await s.post('/session/password', { password: PASSWORD, new_password: NEW_PASSWORD }, { cookie: l.cookie }),
    403, 'forbidden', 'X-CSRF-Token');
  // Nothing changed.
  assert.equal((await s.post('/session', { email: 'anna@kommun.se', password: PASSWORD })).status, 200);
});

test('changing the password keeps the current session, logs out the others, and the new one logs in', async () => {
  const keep = await s.login('anna@kommun.se');
  const other = await s.login('anna@kommun.se');
  const r = await s.post('/session/password', { password: PASSWORD, new_password: NEW_PASSWORD }, auth(keep));
  assert.equal(r.status, 204, r.text);
  assert.equal((await s.get('/session', { cookie: keep.cookie })).status, 200);
  errorOf(assert, await s.get('/session', { cookie: other.cookie }), 401, 'unauthenticated');
  const list = (await s.get('/session/list', { cookie: keep.cookie })).json.sessions;
  assert.deepEqual(list.map((x) => x.current), [true]);
  errorOf(assert, await s.post('/session', { email: 'anna@kommun.se', password: PASSWORD }), 401);
  assert.equal((await s.post('/session', { email: 'anna@kommun.se', password: NEW_PASSWORD })).status, 200);
  // And back, through the new one.
  const r2 = await s.post('/session/password', { password: NEW_PASSWORD, new_password: PASSWORD }, auth(keep));
  assert.equal(r2.status, 204, r2.text);
});

test('a wrong current password is 422 and counts in the login back-off', async () => {
  const l = await s.login('fia@kommun.se');
  for (let i = 0; i < 5; i++)
    errorOf(assert, await s.post('/session/password', { password: 'gissning-' + i, new_password: NEW_PASSWORD },
      auth(l)), 422, 'invalid', 'password');
  // The sixth failure (here a login) still answers; then the account waits.
  errorOf(assert, await s.post('/session', { email: 'fia@kommun.se', password: 'gissning-5' }), 401);
  const r = await s.post('/session', { email: 'fia@kommun.se', password: PASSWORD });
  errorOf(assert, r, 429, 'rate_limited');
  const p = await s.post('/session/password', { password: PASSWORD, new_password: NEW_PASSWORD }, auth(l));
  errorOf(assert, p, 429, 'rate_limited');
  assert.match(p.headers.get('retry-after'), /^\d+$/);
  // The session itself stays valid.
  assert.equal((await s.get('/session', { cookie: l.cookie })).status, 200);
});

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, acc = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '')) {
    acc = (acc << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((acc >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

function totpCode(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const off = mac[19] & 15;
  return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 1000 / 30);

test('with TOTP on the change needs a code, which is used up', async () => {
  const l = await s.login('dan@kommun.se');
  const en = await s.post('/session/totp', undefined, auth(l));
  assert.equal(en.status, 201, en.text);
  const step = stepNow();
  assert.equal((await s.post('/session/totp/confirm', { code: totpCode(en.json.secret, step) }, auth(l))).status, 200);
  errorOf(assert, await s.post('/session/password', { password: PASSWORD, new_password: NEW_PASSWORD }, auth(l)),
    422, 'invalid', 'code');
  const c = totpCode(en.json.secret, step + 1);
  const r = await s.post('/session/password', { password: PASSWORD, new_password: NEW_PASSWORD, code: c }, auth(l));
  assert.equal(r.status, 204, r.text);
  // The same code again is refused.
  errorOf(assert, await s.post('/session/password', { password: NEW_PASSWORD, new_password: PASSWORD, code: c },
    auth(l)), 422, 'invalid', 'code');
});

test('the audit trail records revocations and the change without secrets, and verifies', { skip: PG }, async () => {
  const list = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--limit', '1000'], { encoding: 'utf8' });
  assert.match(list, /\tpassword_change\tuser\t\d+\t\{"before":null,"after":\{"password_changed":true,"sessions_revoked":1\}\}/);
  assert.match(list, /\trevoke\tsession\t\d+\t[0-9a-f]{16}\n/);
  assert.match(list, /\trevoke_others\tsession\t\d+\t\{"before":null,"after":\{"sessions_revoked":2\}\}/);
  assert.ok(!list.includes(PASSWORD) && !list.includes(NEW_PASSWORD), 'no password in the trail');
  assert.ok(!/\$argon2id\$/.test(list), 'no hash in the trail');
  assert.ok(!/[0-9a-f]{64}/.test(list.split('\n').filter((x) => /session|password_change/.test(x)).join('\n')),
    'no session id or hash');
  const v = spawnSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});
