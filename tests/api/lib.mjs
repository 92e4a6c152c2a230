// Helpers for the API tests: a fresh SQLite database made with the
// program's own CLI (migrate, org add, user add --password-stdin, token
// create), a real `samverkan serve` on a free 127.0.0.1 port, and small
// request helpers. The binary is $SV_BIN (default build/samverkan).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.SV_BIN || path.join(ROOT, 'build/samverkan');
export const SHARED = process.env.SV_SHARED_DATA || path.join(ROOT, '../shared/data');
export const API = '/api/v1';
export const PASSWORD = 'korrekt-hast-batteri';

// Roles weakest first, as docs/api.md lists them.
export const ROLES = ['lasare', 'rapportor', 'samordnare', 'admin'];

// The fixture: a national root organisation, a kommun and a local police
// area under it, and one user per role in the kommun (plus some in POLIS).
export const ORGS = [
  { code: 'RIKET', name: 'Riket', kind: 'ovrig' },
  { code: 'KOMMUN', name: 'Västerås stad', kind: 'kommun', parent: 'RIKET' },
  { code: 'POLIS', name: 'LPO Västerås', kind: 'lokalpolisomrade', parent: 'RIKET' },
];
export const USERS = [
  { email: 'nat@riket.se', org: 'RIKET', role: 'admin' },
  { email: 'admin@kommun.se', org: 'KOMMUN', role: 'admin' },
  { email: 'samordnare@kommun.se', org: 'KOMMUN', role: 'samordnare' },
  { email: 'rapportor@kommun.se', org: 'KOMMUN', role: 'rapportor' },
  { email: 'lasare@kommun.se', org: 'KOMMUN', role: 'lasare' },
  { email: 'admin@polis.se', org: 'POLIS', role: 'admin' },
  { email: 'samordnare@polis.se', org: 'POLIS', role: 'samordnare' },
  { email: 'rapportor@polis.se', org: 'POLIS', role: 'rapportor' },
  { email: 'lasare@polis.se', org: 'POLIS', role: 'lasare' },
];

function cli(db, args, input) {
  return execFileSync(BIN, [...args.slice(0, 2), '--db', db, ...args.slice(2)], {
    input: input ?? '',
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  }).trim();
}

// The backend switch: with SV_TEST_DB_BACKEND=pg every database is a new
// PostgreSQL database made through the maintenance URL SV_TEST_PG_URL
// (scripts/pg-cluster prints one); otherwise a SQLite file in dir.
export const PG = process.env.SV_TEST_DB_BACKEND === 'pg';
let pgSerial = 0;

function pgAdmin(sql) {
  execFileSync('psql', [process.env.SV_TEST_PG_URL, '-qX', '-v', 'ON_ERROR_STOP=1', '-c', sql],
    { stdio: 'pipe' });
}

export function newDatabaseUrl(dir) {
  if (!PG) return path.join(dir, 'test.db');
  const name = `sv_api_${process.pid}_${pgSerial++}_${Date.now() % 1e8}`;
  pgAdmin(`CREATE DATABASE ${name}`);
  const u = new URL(process.env.SV_TEST_PG_URL);
  u.pathname = '/' + name;
  return u.toString();
}

export function dropDatabase(db) {
  if (!/^postgres(ql)?:/.test(db)) return;
  pgAdmin(`DROP DATABASE IF EXISTS ${new URL(db).pathname.slice(1)} WITH (FORCE)`);
}

// Creates the database with the fixture; returns { dir, db, tokens }.
export function makeDatabase({ users = USERS } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sv-api-'));
  const db = newDatabaseUrl(dir);
  execFileSync(BIN, ['migrate', '--db', db], { stdio: 'pipe' });
  for (const o of ORGS) {
    const args = ['org', 'add', '--code', o.code, '--name', o.name, '--kind', o.kind];
    if (o.parent) args.push('--parent', o.parent);
    cli(db, args);
  }
  const tokens = {};
  for (const u of users) {
    cli(db, ['user', 'add', '--org', u.org, '--role', u.role, '--email', u.email,
      '--password-stdin'], PASSWORD + '\n');
    tokens[u.email] = cli(db, ['token', 'create', '--user', u.email]);
  }
  return { dir, db, tokens };
}

// A running server. start() resolves once it answers.
export class Server {
  constructor(db, dir, tokens) {
    this.db = db;
    this.dir = dir;
    this.tokens = tokens;
    this.stderr = '';
    this.proc = null;
    this.url = null;
  }

  static async start({ users, args = [], env = {} } = {}) {
    const { dir, db, tokens } = makeDatabase({ users });
    const s = new Server(db, dir, tokens);
    await s.spawn(args, env);
    return s;
  }

  async spawn(args = [], env = {}) {
    this.stderr = '';
    this.url = null;
    this.proc = spawn(BIN, ['serve', '--db', this.db, '--listen', '127.0.0.1:0',
      '--threads', '4', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SAMVERKAN_WEB: '', ...env },
      cwd: this.dir,
    });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, sig) => resolve({ code, sig })));
    this.url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start:\n' + this.stderr)), 20000);
      this.proc.stderr.setEncoding('utf8');
      this.proc.stderr.on('data', (chunk) => {
        this.stderr += chunk;
        const m = /listening on (http:\/\/[0-9.:]+)\//.exec(this.stderr);
        if (m && !this.url) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      this.exited.then(({ code }) => reject(new Error(`server exited ${code}:\n${this.stderr}`)));
    });
    for (let i = 0; i < 100; i++) {
      try {
        const r = await fetch(this.url + API + '/openapi.json');
        if (r.ok) return;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server does not answer');
  }

  // Stops with SIGTERM; resolves to the exit status (0 on a clean stop).
  async stop({ keep = false } = {}) {
    let result = { code: null };
    if (this.proc && this.proc.exitCode === null) {
      this.proc.kill('SIGTERM');
      result = await this.exited;
    }
    if (!keep) {
      rmSync(this.dir, { recursive: true, force: true });
      dropDatabase(this.db);
    }
    return result;
  }

  // A request. opts: token (email or raw token), cookie, csrf, body
  // (object -> JSON), raw (string/Buffer), type, headers, method.
  async req(method, p, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (opts.token) headers.authorization = 'Bearer ' + (this.tokens[opts.token] ?? opts.token);
    if (opts.cookie) headers.cookie = 'sv_session=' + opts.cookie;
    if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
    let body;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = opts.type ?? 'application/json';
    } else if (opts.raw !== undefined) {
      body = opts.raw;
      if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/json';
    }
    const url = this.url + (p.startsWith('/api') || !p.startsWith('/') || opts.abs ? p : API + p);
    const r = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: r.status, headers: r.headers, text, json };
  }

  get(p, o) { return this.req('GET', p, o); }
  post(p, body, o = {}) { return this.req('POST', p, { ...o, body }); }
  patch(p, body, o = {}) { return this.req('PATCH', p, { ...o, body }); }
  del(p, o) { return this.req('DELETE', p, o); }

  // Logs in; returns { cookie, csrf, json }.
  async login(email, password = PASSWORD) {
    const r = await this.post('/session', { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
    const m = /sv_session=([0-9a-f]+)/.exec(r.headers.get('set-cookie') || '');
    return { cookie: m[1], csrf: r.json.csrf_token, json: r.json, setCookie: r.headers.get('set-cookie') };
  }
}

// Checks the error body shape; returns the error object.
export function errorOf(assert, r, status, code, field) {
  assert.equal(r.status, status, `status ${r.status} body ${r.text}`);
  assert.ok(r.json && r.json.error, `error body: ${r.text}`);
  assert.deepEqual(Object.keys(r.json).sort(), ['error']);
  assert.deepEqual(Object.keys(r.json.error).sort(), ['code', 'field', 'message']);
  if (code) assert.equal(r.json.error.code, code);
  if (field !== undefined) assert.equal(r.json.error.field, field);
  assert.equal(typeof r.json.error.message, 'string');
  return r.json.error;
}

// The route table from `samverkan serve --list-routes`.
export function listRoutes() {
  return execFileSync(BIN, ['serve', '--list-routes'], { encoding: 'utf8' })
    .trim().split('\n').map((l) => {
      const [method, pattern, role] = l.split(' ');
      return { method, pattern, role };
    });
}

// A square polygon (WGS84 ring) around lon,lat with half-side d degrees.
export function square(lon, lat, d = 0.01) {
  return [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]];
}

export function sharedFile(...p) {
  const f = path.join(SHARED, ...p);
  return existsSync(f) ? f : null;
}
