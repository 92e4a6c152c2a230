// TOTP second factor (RFC 6238): enrolment returns the secret and an
// otpauth URI once; a code switches it on; login then needs the code
// (401 totp_required when missing, wrong or reused, counted in the login
// back-off); two logins racing with one code get one session; switching
// off needs password and code; an admin switches it off from the CLI;
// the secret is never returned again nor written to the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Server, errorOf, PASSWORD, BIN, PG } from './lib.mjs';

let s;

before(async () => {
  s = await Server.start({
    users: [
      { email: 'anna@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'bo@kommun.se', org: 'KOMMUN', role: 'samordnare' },
      { email: 'cecilia@kommun.se', org: 'KOMMUN', role: 'rapportor' },
      { email: 'david@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'erik@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'frida@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'gustav@kommun.se', org: 'KOMMUN', role: 'lasare' },
      { email: 'helga@kommun.se', org: 'KOMMUN', role: 'lasare' },
    ],
  });
});

after(async () => {
  assert.equal((await s.stop()).code, 0);
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

// The code of a step (RFC 4226 truncation), as an authenticator app does.
function code(secret, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const off = mac[19] & 15;
  const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 1000000;
  return String(bin).padStart(6, '0');
}
const stepNow = () => Math.floor(Date.now() / 1000 / 30);

// A six-digit string that is no valid code around now.
function wrongCode(secret) {
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => code(secret, stepNow() + d)));
  for (let i = 0; ; i++) {
    const c = String(123456 + i).padStart(6, '0');
    if (!valid.has(c)) return c;
  }
}

async function enrolAndConfirm(email) {
  const l = await s.login(email);
  const auth = { cookie: l.cookie, csrf: l.csrf };
  const r = await s.post('/session/totp', undefined, auth);
  assert.equal(r.status, 201, r.text);
  const step = stepNow();
  const c = await s.post('/session/totp/confirm', { code: code(r.json.secret, step) }, auth);
  assert.equal(c.status, 200, c.text);
  assert.deepEqual(c.json, { totp: true });
  return { secret: r.json.secret, step, auth };
}

test('enrolment: secret and otpauth URI once, off until confirmed', async () => {
  const l = await s.login('anna@kommun.se');
  const auth = { cookie: l.cookie, csrf: l.csrf };
  assert.equal(l.json.totp, false);
  errorOf(assert, await s.post('/session/totp/confirm', { code: '123456' }, auth), 409, 'conflict', 'totp');
  const r = await s.post('/session/totp', undefined, auth);
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.secret, /^[A-Z2-7]{32}$/);
  assert.equal(r.json.digits, 6);
  assert.equal(r.json.period, 30);
  const uri = new URL(r.json.otpauth_uri);
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), '/samverkan:anna@kommun.se');
  assert.equal(uri.searchParams.get('secret'), r.json.secret);
  assert.equal(uri.searchParams.get('issuer'), 'samverkan');
  // Not on yet: login without a code still works.
  assert.equal((await s.post('/session', { email: 'anna@kommun.se', password: PASSWORD })).status, 200);
  // Enrolling again replaces the secret; the old one no longer confirms.
  const r2 = await s.post('/session/totp', undefined, auth);
  assert.equal(r2.status, 201);
  assert.notEqual(r2.json.secret, r.json.secret);
  errorOf(assert, await s.post('/session/totp/confirm', { code: wrongCode(r2.json.secret) }, auth), 422, 'invalid', 'code');
  // Bad bodies name the field.
  errorOf(assert, await s.post('/session/totp/confirm', {}, auth), 422, 'invalid', 'code');
  errorOf(assert, await s.post('/session/totp/confirm', { code: 123456 }, auth), 422, 'invalid', 'code');
  errorOf(assert, await s.post('/session/totp/confirm', { code: '1', extra: 1 }, auth), 400, 'invalid', 'extra');
  const c = await s.post('/session/totp/confirm', { code: code(r2.json.secret, stepNow()) }, auth);
  assert.equal(c.status, 200, c.text);
  // On: a second enrolment is refused, and the secret is never shown again.
  errorOf(assert, await s.post('/session/totp', undefined, auth), 409, 'conflict', 'totp');
  const me = await s.get('/session', auth);
  assert.equal(me.json.totp, true);
  assert.ok(!me.text.includes(r2.json.secret));
  // Cookie requests need the CSRF token here too.
  errorOf(assert, await s.post('/session/totp', undefined, { cookie: l.cookie }), 403, 'forbidden', 'X-CSRF-Token');
});

test('login needs the code: missing, wrong and reused codes are 401 totp_required', async () => {
  const { secret, step } = await enrolAndConfirm('bo@kommun.se');
  const login = (totp, password = PASSWORD) => s.post('/session',
    totp === undefined ? { email: 'bo@kommun.se', password } : { email: 'bo@kommun.se', password, totp });
  let e = errorOf(assert, await login(undefined), 401, 'totp_required', 'totp');
  assert.match(e.message, /code/);
  errorOf(assert, await login(''), 401, 'totp_required', 'totp');
  errorOf(assert, await login(wrongCode(secret)), 401, 'totp_required', 'totp');
  errorOf(assert, await login('12345'), 401, 'totp_required', 'totp');
  // The confirming code was used: it does not log in.
  errorOf(assert, await login(code(secret, step)), 401, 'totp_required', 'totp');
  // The next step's code (within the drift window) works, once.
  const ok = await login(code(secret, step + 1));
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.totp, true);
  assert.match(ok.headers.get('set-cookie'), /^sv_session=[0-9a-f]{64}; /);
  errorOf(assert, await login(code(secret, step + 1)), 401, 'totp_required', 'totp');
  // A wrong password with a right code is the ordinary 401.
  errorOf(assert, await login(code(secret, step + 1), 'fel-losenord'), 401, 'unauthenticated');
  errorOf(assert, await s.post('/session', { email: 'bo@kommun.se', password: PASSWORD, totp: 123456 }), 422,
    'invalid', 'totp');
});

test('two logins racing with one code: exactly one session', async () => {
  const { secret, step } = await enrolAndConfirm('cecilia@kommun.se');
  const c = code(secret, step + 1);
  const body = { email: 'cecilia@kommun.se', password: PASSWORD, totp: c };
  const rs = await Promise.all([s.post('/session', body), s.post('/session', body), s.post('/session', body)]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [200, 401, 401], rs.map((r) => r.text).join('\n'));
});

test('switching off needs password and code; the CLI switches it off for an admin', async () => {
  const { secret, step, auth } = await enrolAndConfirm('david@kommun.se');
  errorOf(assert, await s.post('/session/totp/disable', { password: 'fel-losenord', code: code(secret, step + 1) }, auth),
    422, 'invalid', 'password');
  errorOf(assert, await s.post('/session/totp/disable', { password: PASSWORD, code: wrongCode(secret) }, auth),
    422, 'invalid', 'code');
  errorOf(assert, await s.post('/session/totp/disable', { password: PASSWORD }, auth), 422, 'invalid', 'code');
  const r = await s.post('/session/totp/disable', { password: PASSWORD, code: code(secret, step + 1) }, auth);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { totp: false });
  assert.equal((await s.post('/session', { email: 'david@kommun.se', password: PASSWORD })).status, 200);
  errorOf(assert, await s.post('/session/totp/disable', { password: PASSWORD, code: '000000' }, auth), 409,
    'conflict', 'totp');

  // A lost phone: the admin's CLI.
  await enrolAndConfirm('erik@kommun.se');
  errorOf(assert, await s.post('/session', { email: 'erik@kommun.se', password: PASSWORD }), 401, 'totp_required');
  const out = execFileSync(BIN, ['user', 'totp', '--db', s.db, '--email', 'erik@kommun.se', '--disable'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /switched the second factor off for erik@kommun.se/);
  assert.equal((await s.post('/session', { email: 'erik@kommun.se', password: PASSWORD })).status, 200);
  const again = spawnSync(BIN, ['user', 'totp', '--db', s.db, '--email', 'erik@kommun.se', '--disable'],
    { encoding: 'utf8' });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /not on/);
  const usage = spawnSync(BIN, ['user', 'totp', '--db', s.db, '--email', 'erik@kommun.se'], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
});

test('the audit trail records each change without the secret, and verifies', { skip: PG }, async () => {
  const list = execFileSync(BIN, ['audit', 'list', '--db', s.db, '--entity', 'user_totp', '--limit', '100'],
    { encoding: 'utf8' });
  for (const action of ['enrol', 'enable', 'disable'])
    assert.match(list, new RegExp(`\\t${action}\\tuser_totp\\t\\d+\\t`));
  assert.match(list, /\tenable\tuser_totp\t\d+\t\{"before":\{"totp":"enrolling"\},"after":\{"totp":"on"\}\}/);
  assert.ok(!/[A-Z2-7]{32}/.test(list), list);
  const v = spawnSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
});

test('missing codes count in the login back-off', async () => {
  const { secret, step } = await enrolAndConfirm('frida@kommun.se');
  const statuses = [];
  for (let i = 0; i < 7; i++)
    statuses.push((await s.post('/session', { email: 'frida@kommun.se', password: PASSWORD })).status);
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.ok(statuses.slice(5).includes(429), statuses.join(','));
  // While locked, even the right code is refused.
  const r = await s.post('/session', { email: 'frida@kommun.se', password: PASSWORD, totp: code(secret, step + 1) });
  errorOf(assert, r, 429, 'rate_limited');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
});

// The database as it is stored (the server may keep running: WAL).
function sql(q) {
  return (PG ? execFileSync('psql', [s.db, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', q], { encoding: 'utf8' })
    : execFileSync('sqlite3', [s.db, q], { encoding: 'utf8' })).trim();
}
const stored = (email) => sql(`SELECT t.secret FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.email = '${email}'`);
const keyFile = () => (PG ? path.join(s.dir, 'samverkan.key') : s.db + '.key');
const loginWith = (email, totp) => s.post('/session', { email, password: PASSWORD, totp });

test('the secret is stored sealed with the server key, never as its base32', async () => {
  const k = keyFile();
  assert.ok(existsSync(k), 'migrate made the key file beside the database');
  assert.equal(statSync(k).mode & 0o777, 0o600);
  assert.equal(statSync(k).size, 32);
  const { secret, step } = await enrolAndConfirm('gustav@kommun.se');
  const v = stored('gustav@kommun.se');
  assert.match(v, /^sv1:[0-9a-f]+$/);
  assert.ok(!v.includes(secret) && !v.includes(base32Decode(secret).toString('hex')), v);
  // login with TOTP still works
  const r = await loginWith('gustav@kommun.se', code(secret, Math.max(step + 1, stepNow())));
  assert.equal(r.status, 200, r.text);
});

test('a wrong server key fails closed with a clear log line; a wide mode is refused', async () => {
  const { secret } = await enrolAndConfirm('helga@kommun.se');
  const k = keyFile();
  const good = readFileSync(k);
  await s.stop({ keep: true });
  writeFileSync(k, randomBytes(32), { mode: 0o600 });
  await s.spawn();
  const r = await loginWith('helga@kommun.se', code(secret, stepNow() + 1));
  assert.equal(r.status, 500, r.text);
  assert.ok(!r.text.includes(secret));
  // a user without the factor (switched off by the CLI above) still logs in
  assert.equal((await s.post('/session', { email: 'erik@kommun.se', password: PASSWORD })).status, 200);
  await s.stop({ keep: true });
  assert.match(s.stderr, /event=totp_secret_unreadable user=\d+ key_file=\S+samverkan\.key|event=totp_secret_unreadable user=\d+ key_file=\S+\.key/);
  // others may read the key: refused, naming the fix
  writeFileSync(k, good, { mode: 0o600 });
  chmodSync(k, 0o644);
  const m = spawnSync(BIN, ['migrate', '--db', s.db], { encoding: 'utf8', cwd: s.dir });
  assert.notEqual(m.status, 0);
  assert.match(m.stderr, /mode 0644 lets others read the server key; chmod 600 it/);
  chmodSync(k, 0o600);
  await s.spawn();
  assert.equal((await loginWith('helga@kommun.se', code(secret, stepNow() + 1))).status, 200);
});

test('a secret stored in the clear before sealing is sealed at start and still works', async () => {
  const { secret } = await enrolAndConfirm('david@kommun.se').catch(async () => {
    // david may hold the factor from an earlier test: switch it off first
    execFileSync(BIN, ['user', 'totp', '--db', s.db, '--email', 'david@kommun.se', '--disable']);
    return enrolAndConfirm('david@kommun.se');
  });
  await s.stop({ keep: true });
  sql(`UPDATE user_totp SET secret = '${secret}' WHERE user_id = (SELECT id FROM app_user WHERE email = 'david@kommun.se')`);
  await s.spawn();
  assert.match(s.stderr, /event=totp_secrets_sealed count=1 /);
  assert.match(stored('david@kommun.se'), /^sv1:[0-9a-f]+$/);
  assert.equal((await loginWith('david@kommun.se', code(secret, stepNow() + 1))).status, 200);
});
