// The generic HTTP layer against the real server: security headers on
// every response, 404 and 405 with Allow, the error body, media type,
// body and query caps, strict JSON (syntax, duplicate and unknown keys),
// static files (types, caching, no way out of the web directory), request
// ids and the one log line per request that never holds a body.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Server, errorOf, PASSWORD, BIN } from './lib.mjs';

let s;
let web;

before(async () => {
  s = await Server.start({ users: [{ email: 'admin@kommun.se', org: 'KOMMUN', role: 'admin' }] });
  // A web directory beside a secret file, to prove nothing outside it is served.
  web = path.join(s.dir, 'web');
  mkdirSync(path.join(web, 'js'), { recursive: true });
  mkdirSync(path.join(web, '.hidden'), { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>samverkan</title>');
  writeFileSync(path.join(web, 'js', 'app.js'), 'export const x = 1;\n');
  writeFileSync(path.join(web, 'style.css'), 'body{}');
  writeFileSync(path.join(web, 'data.geojson'), '{}');
  writeFileSync(path.join(web, '.hidden', 'x.txt'), 'hidden');
  writeFileSync(path.join(s.dir, 'secret.txt'), 'SECRET');
  symlinkSync(path.join(s.dir, 'secret.txt'), path.join(web, 'link.txt'));
  await s.stop({ keep: true });
  s.url = null;
  await s.spawn(['--web', web]);
});

after(async () => {
  const r = await s.stop();
  assert.equal(r.code, 0, 'clean exit on SIGTERM');
});

const SECURITY = {
  'content-security-policy': /frame-ancestors 'none'/,
  'x-frame-options': /^DENY$/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^no-referrer$/,
};

function checkSecurity(r) {
  for (const [h, re] of Object.entries(SECURITY)) assert.match(r.headers.get(h) ?? '', re, h);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.match(r.headers.get('x-request-id') ?? '', /^[0-9a-f]{16}$/);
}

test('security headers and a request id on API, static and error responses', async () => {
  const rs = [
    await s.get('/openapi.json'),
    await s.get('/organisations'),
    await s.get('/nope'),
    await s.req('PUT', '/organisations'),
    await s.get('/', { abs: true }),
    await s.get('/missing.html', { abs: true }),
  ];
  for (const r of rs) checkSecurity(r);
  assert.notEqual(rs[0].headers.get('x-request-id'), rs[1].headers.get('x-request-id'));
});

test('img-src allows exactly the origin of the configured tile server', async () => {
  const csp = (r) => r.headers.get('content-security-policy');
  assert.match(csp(await s.get('/organisations')), /img-src 'self' data: blob:;/);
  const t = await Server.start({ users: [] });
  try {
    const w = path.join(t.dir, 'tiles-web');
    mkdirSync(w);
    const config = path.join(w, 'config.json');
    writeFileSync(config, JSON.stringify({ tile_url: 'https://Tiles.Kommun.se:8443/wmts/{z}/{x}/{y}.png' }));
    await t.stop({ keep: true });
    await t.spawn(['--web', w]);
    for (const r of [await t.get('/openapi.json'), await t.get('/config.json', { abs: true })]) {
      assert.match(csp(r), /img-src 'self' data: blob: https:\/\/tiles\.kommun\.se:8443; connect-src 'self';/);
      assert.match(csp(r), /^default-src 'self'; script-src 'self'; /);
    }
    await t.stop({ keep: true });
    // Anything but a plain http(s) origin stops the server at start.
    for (const bad of ['https://a.se;script-src *', 'javascript:x', 'https://u:p@a.se/', '{"x"']) {
      writeFileSync(config, bad.startsWith('{') ? bad : JSON.stringify({ tile_url: bad }));
      const r = spawnSync(BIN, ['serve', '--db', t.db, '--listen', '127.0.0.1:0', '--web', w],
        { encoding: 'utf8', timeout: 20000 });
      assert.notEqual(r.status, 0, bad);
      assert.match(r.stderr, /config\.json/, bad);
    }
  } finally {
    await t.stop();
  }
});

test('unknown path is 404 with the error body', async () => {
  errorOf(assert, await s.get('/nope'), 404, 'not_found');
  errorOf(assert, await s.get('/organisations/X/extra'), 404, 'not_found');
  errorOf(assert, await s.get('/api/v1//organisations'), 404, 'not_found');
  errorOf(assert, await s.get('/api/v2/organisations'), 404, 'not_found');
});

test('wrong method is 405 with Allow', async () => {
  let r = await s.req('PUT', '/organisations');
  errorOf(assert, r, 405, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET, HEAD, POST');
  r = await s.req('POST', '/organisations/KOMMUN', { body: {} });
  errorOf(assert, r, 405, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET, HEAD, PATCH, DELETE');
  r = await s.req('OPTIONS', '/session');
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD, POST, DELETE');
  r = await s.req('DELETE', '/openapi.json');
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
});

test('HEAD is answered like GET without a body', async () => {
  const r = await s.req('HEAD', '/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.text, '');
});

test('request body must be JSON (415)', async () => {
  errorOf(assert, await s.req('POST', '/session', { raw: 'email=a', type: 'application/x-www-form-urlencoded' }),
    415, 'unsupported_media_type');
  errorOf(assert, await s.req('POST', '/session', { raw: '{}', type: null }), 415);
  errorOf(assert, await s.req('POST', '/session', { raw: '{}', type: 'text/json' }), 415);
  // Parameters after the type are fine.
  const r = await s.req('POST', '/session', { raw: JSON.stringify({ email: 'x@y.se', password: 'nej-nej-nej' }),
    type: 'application/json; charset=utf-8' });
  assert.equal(r.status, 401);
});

test('malformed JSON, duplicate keys and unknown keys are 400', async () => {
  let e = errorOf(assert, await s.req('POST', '/session', { raw: '{"email":' }), 400, 'invalid');
  assert.match(e.message, /malformed JSON/);
  errorOf(assert, await s.req('POST', '/session', { raw: '' }), 400, 'invalid');
  errorOf(assert, await s.req('POST', '/session', { raw: '[1,2]' }), 400, 'invalid');
  e = errorOf(assert, await s.req('POST', '/session',
    { raw: '{"email":"a@b.se","password":"x","password":"y"}' }), 400, 'invalid');
  assert.match(e.message, /duplicate/);
  errorOf(assert, await s.post('/session', { email: 'a@b.se', password: 'x', admin: true }), 400, 'invalid', 'admin');
  errorOf(assert, await s.req('POST', '/session', { raw: '{"email":"a\\u0000b","password":1}' }), 400);
});

test('wrong types and missing fields are 422 naming the field', async () => {
  errorOf(assert, await s.post('/session', { email: 42, password: 'x' }), 422, 'invalid', 'email');
  errorOf(assert, await s.post('/session', { email: 'a@b.se' }), 422, 'invalid', 'password');
  errorOf(assert, await s.post('/session', { email: null, password: 'x' }), 422, 'invalid', 'email');
});

test('body over 1 MiB is 413, with and without Content-Length', async () => {
  const big = JSON.stringify({ email: 'a@b.se', password: 'x'.repeat(1024 * 1024) });
  errorOf(assert, await s.req('POST', '/session', { raw: big }), 413, 'too_large');
  // Chunked upload: no Content-Length, the cap is enforced while reading.
  const stream = new ReadableStream({
    start(c) {
      for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('x'.repeat(100 * 1024)));
      c.close();
    },
  });
  const r = await fetch(s.url + '/api/v1/session', {
    method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' },
  }).catch((err) => ({ status: 'closed', err }));
  if (r.status !== 'closed') assert.equal(r.status, 413);
  // The server is still fine.
  assert.equal((await s.get('/openapi.json')).status, 200);
});

test('query strings: caps, bad escapes, repeated and unknown names are 400', async () => {
  const t = { token: 'admin@kommun.se' };
  errorOf(assert, await s.get('/areas?layer=%zz', t), 400, 'invalid', 'layer');
  errorOf(assert, await s.get('/areas?layer=%00', t), 400, 'invalid', 'layer');
  errorOf(assert, await s.get('/areas?layer=kommun&layer=lan', t), 400, 'invalid', 'layer');
  errorOf(assert, await s.get('/areas?bogus=1', t), 400, 'invalid', 'bogus');
  errorOf(assert, await s.get('/areas?=1', t), 400, 'invalid');
  const many = Array.from({ length: 70 }, (_, i) => `p${i}=1`).join('&');
  errorOf(assert, await s.get('/areas?' + many, t), 413, 'too_large');
  errorOf(assert, await s.get('/areas?q=' + 'a'.repeat(3000), t), 400, 'invalid', 'q');
  errorOf(assert, await s.get('/incidents?limit=abc', t), 400, 'invalid', 'limit');
  errorOf(assert, await s.get('/incidents?limit=0', t), 400, 'invalid', 'limit');
  // Escapes and '+' decode; empty pairs are skipped.
  assert.equal((await s.get('/areas?q=V%C3%A4ster+%C3%A5s&&', t)).status, 200);
});

test('invalid UTF-8 in a parameter name still gives valid JSON', async () => {
  const r = await s.get('/areas?%ff%fe=1', { token: 'admin@kommun.se' });
  errorOf(assert, r, 400, 'invalid');
  assert.equal(r.json.error.field, '??');
});

test('static files: index, content types, cache validators', async () => {
  let r = await s.get('/', { abs: true });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(r.text, /samverkan/);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const etag = r.headers.get('etag');
  assert.ok(etag);
  r = await s.get('/', { abs: true, headers: { 'if-none-match': etag } });
  assert.equal(r.status, 304);
  assert.equal((await s.get('/js/app.js', { abs: true })).headers.get('content-type'),
    'text/javascript; charset=utf-8');
  assert.equal((await s.get('/style.css', { abs: true })).headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal((await s.get('/data.geojson', { abs: true })).headers.get('content-type'), 'application/geo+json');
  assert.equal((await s.get('/index.html', { abs: true })).status, 200);
  assert.equal((await s.get('/%69ndex.html', { abs: true })).status, 200);
  assert.equal((await s.req('POST', '/index.html', { abs: true, raw: 'x' })).status, 405);
});

// Raw requests, so no client normalises the path first.
function rawGet(target) {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const c = net.connect(Number(u.port), u.hostname, () => {
      c.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let buf = '';
    c.on('data', (d) => { buf += d; });
    c.on('end', () => resolve(buf));
    c.on('error', reject);
  });
}

test('static files: no path leads out of the web directory', async () => {
  const targets = [
    '/../secret.txt', '/js/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt',
    '/js/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/link.txt', '/.hidden/x.txt',
    '/js/..%5c..%5csecret.txt', '/%00', '/index.html%00.js', '//etc/passwd', '/js', '/js/',
    '/' + 'a/'.repeat(40) + 'x',
  ];
  for (const t of targets) {
    const res = await rawGet(t);
    assert.match(res, /^HTTP\/1\.1 (400|404)/, t);
    assert.doesNotMatch(res, /SECRET|hidden/, t);
  }
  // The API prefix is never served from the web directory.
  assert.equal((await s.get('/api/v1/index.html')).status, 404);
});

test('one log line per request, key=value, without bodies or secrets', async () => {
  const before = s.stderr.length;
  const r = await s.post('/session', { email: 'admin@kommun.se', password: PASSWORD });
  assert.equal(r.status, 200);
  await s.get('/organisations', { token: 'admin@kommun.se' });
  await new Promise((res) => setTimeout(res, 200));
  const lines = s.stderr.slice(before).trim().split('\n')
    .filter((l) => l.includes('event=request') && / id=(\S+)/.exec(l)[1] >= r.headers.get('x-request-id'));
  assert.equal(lines.length, 2, lines.join('\n'));
  for (const l of lines) {
    assert.match(l, /^ts=\S+ level=info event=request id=[0-9a-f]{16} addr=127\.0\.0\.1 method=\w+ path=\S+ status=\d+ bytes=\d+ ms=[\d.]+ user=\S+ end=ok$/);
  }
  assert.ok(!s.stderr.includes(PASSWORD), 'password never logged');
  assert.ok(!s.stderr.includes(s.tokens['admin@kommun.se']), 'token never logged');
  const sid = /sv_session=([0-9a-f]+)/.exec(r.headers.get('set-cookie'))[1];
  assert.ok(!s.stderr.includes(sid), 'session id never logged');
});

test('garbage on the socket does not crash the server', async () => {
  const u = new URL(s.url);
  const junk = [
    'GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', '\x00\x01\x02\r\n\r\n',
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n',
    'GET /api/v1/openapi.json HTTP/1.1\r\n' + 'X-A: b\r\n'.repeat(100) + 'Host: x\r\n\r\n',
    'GET /' + 'a'.repeat(70000) + ' HTTP/1.1\r\nHost: x\r\n\r\n',
  ];
  for (const j of junk) {
    await new Promise((resolve) => {
      const c = net.connect(Number(u.port), u.hostname, () => c.end(j));
      c.on('data', () => {});
      c.on('close', resolve);
      c.on('error', resolve);
    });
  }
  assert.equal((await s.get('/openapi.json')).status, 200);
});
