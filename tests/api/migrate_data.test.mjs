// samverkan migrate-data: an installation built on SQLite through the API
// (organisations, users, tokens, sessions, areas with geometry, incidents
// with awkward text, an update, a withdrawal, a category) moves to a new
// PostgreSQL database with one command, and then both servers export the
// same thing: every list, every object, counts and the lägesbild compared
// as JSON. New rows continue the ids, --check finds a difference made
// afterwards, and a second run refuses a non-empty target unless
// --replace. Needs a PostgreSQL server: runs when SV_TEST_PG_URL is set
// (scripts/test sets it for its PostgreSQL pass).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, PASSWORD, Server } from './lib.mjs';

const ADMIN_URL = process.env.SV_TEST_PG_URL;

function psql(sql) {
  execFileSync('psql', [ADMIN_URL, '-qX', '-v', 'ON_ERROR_STOP=1', '-c', sql], { stdio: 'pipe' });
}

function run(args, input = '') {
  return spawnSync(BIN, args, { input, encoding: 'utf8' });
}

function cli(db, args, input) {
  const r = run([...args.slice(0, 2), '--db', db, ...args.slice(2)], input);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const X0 = 586000, Y0 = 6610000;
function square(x, y, w) {
  return { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]]] };
}

// Everything a list endpoint returns: one page, or with paged every page
// of 7 following next_cursor (so keyset pagination is compared too).
async function all(srv, p, tok, paged = false) {
  const items = [];
  if (!paged) {
    const r = await srv.get(p, tok);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    return r.json.items ?? r.json;
  }
  let url = p + (p.includes('?') ? '&' : '?') + 'limit=7';
  for (let i = 0; i < 1000; i++) {
    const r = await srv.get(url, tok);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    items.push(...r.json.items);
    if (!r.json.next_cursor) return items;
    url = p + (p.includes('?') ? '&' : '?') + 'limit=7&cursor=' + encodeURIComponent(r.json.next_cursor);
  }
  throw new Error('no end of pages');
}

// The lägesbild says when and how fast it was computed; nothing else in
// an export depends on the moment.
function timeless(v) {
  if (Array.isArray(v)) return v.map(timeless);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v)
      .filter(([k]) => k !== 'computed_at' && k !== 'compute_ms')
      .map(([k, x]) => [k, timeless(x)]));
  }
  return v;
}

// What a user sees of the installation, as one JSON value.
async function exportAll(srv) {
  const tok = { token: 'admin@kommun.se' };
  const out = {};
  out.organisations = await all(srv, '/organisations', tok);
  out.users = await all(srv, '/users', tok);
  out.categories = (await srv.get('/categories', tok)).json;
  out.areas = await all(srv, '/areas', tok);
  out.areaObjects = [];
  for (const a of out.areas) out.areaObjects.push((await srv.get(`/areas/${a.id}`, tok)).json);
  out.incidents = await all(srv, '/incidents?status=all', tok, true);
  out.incidentObjects = [];
  for (const i of out.incidents) out.incidentObjects.push((await srv.get(`/incidents/${i.id}`, tok)).json);
  out.byArea = (await srv.get('/incidents?area=0001&layer=stadsdel&status=all', tok)).json;
  for (const g of ['area', 'category', 'week', 'day', 'hour', 'org']) {
    const q = g === 'area' ? `group=area&layer=stadsdel` : `group=${g}`;
    out['counts_' + g] = (await srv.get(`/stats/counts?${q}`, tok)).json;
  }
  out.lagesbild = (await srv.get('/lagesbild?area=9000&layer=kommun&period=2026-W10', tok)).json;
  return timeless(out);
}

test('migrate-data moves a SQLite installation to PostgreSQL without loss',
  { skip: ADMIN_URL ? false : 'SV_TEST_PG_URL not set' }, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sv-migrate-'));
    const sqlite = path.join(dir, 'source.db');
    const pgName = `sv_migrate_${process.pid}_${Date.now() % 1e8}`;
    const pgUrl = new URL(ADMIN_URL);
    pgUrl.pathname = '/' + pgName;
    const pg = pgUrl.toString();
    psql(`CREATE DATABASE ${pgName}`);
    const servers = [];
    t.after(async () => {
      for (const s of servers) await s.stop({ keep: true });
      rmSync(dir, { recursive: true, force: true });
      psql(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    });

    // The source installation, built with the CLI and the API.
    cli(sqlite, ['migrate']);
    cli(sqlite, ['org', 'add', '--code', 'RIKET', '--name', 'Riket', '--kind', 'ovrig']);
    cli(sqlite, ['org', 'add', '--code', 'KOMMUN', '--name', 'Västerås stad', '--kind', 'kommun',
      '--parent', 'RIKET']);
    cli(sqlite, ['org', 'add', '--code', 'POLIS', '--name', 'LPO Västerås', '--kind', 'lokalpolisomrade',
      '--parent', 'RIKET']);
    const tokens = {};
    for (const [email, org, role] of [['admin@kommun.se', 'KOMMUN', 'admin'],
      ['samordnare@kommun.se', 'KOMMUN', 'samordnare'], ['rapportor@polis.se', 'POLIS', 'rapportor']]) {
      cli(sqlite, ['user', 'add', '--org', org, '--role', role, '--email', email, '--password-stdin'],
        PASSWORD + '\n');
      tokens[email] = cli(sqlite, ['token', 'create', '--user', email]);
    }
    let src = new Server(sqlite, dir, tokens);
    await src.spawn();
    const sam = { token: 'samordnare@kommun.se' };
    let r = await src.post('/areas', { layer: 'kommun', code: '9000', name: 'Provkommun',
      crs: 'EPSG:3006', geometry: square(X0, Y0, 4000) }, sam);
    assert.equal(r.status, 201, r.text);
    for (const [i, code] of ['0001', '0002'].entries()) {
      r = await src.post('/areas', { layer: 'stadsdel', code, name: `Del ${code} "Ö" \\ t`,
        parent: '9000', parent_layer: 'kommun', crs: 'EPSG:3006',
        geometry: square(X0 + i * 2000, Y0, 2000) }, sam);
      assert.equal(r.status, 201, r.text);
    }
    r = await src.post('/categories', { code: 'skadegorelse.ovrigt2', name: 'Annat\tklotter', parent: 'skadegorelse' }, sam);
    assert.equal(r.status, 201, r.text);
    const cats = ['skadegorelse.klotter', 'otrygghet.samling', 'inbrott', 'skadegorelse.ovrigt2'];
    const items = [];
    for (let i = 0; i < 60; i++) {
      items.push({
        category: cats[i % cats.length],
        observed_from: `2026-03-${String(1 + (i % 14)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:0${i % 6}:00`,
        x: X0 + 13.25 + (i * 61.7) % 3900, y: Y0 + 7.125 + (i * 37.3) % 3900,
        severity: 1 + (i % 3),
        description: i % 5 ? `rad ${i}\nny rad\ttab "citat" \\ bakstreck åäö 😀` : undefined,
      });
    }
    r = await src.post('/incidents', { items }, { token: 'rapportor@polis.se' });
    assert.equal(r.status, 201, r.text);
    const ids = r.json.items.map((x) => x.id);
    r = await src.patch(`/incidents/${ids[3]}`, { severity: 3, description: 'ändrad' }, { token: 'rapportor@polis.se' });
    assert.equal(r.status, 200, r.text);
    r = await src.del(`/incidents/${ids[5]}`, { token: 'rapportor@polis.se' });
    assert.ok(r.status === 200 || r.status === 204, r.text);
    await src.login('admin@kommun.se');
    await src.stop({ keep: true });

    // One command.
    let m = run(['migrate-data', '--from', 'sqlite:' + sqlite, '--to', pg]);
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /^incident 60$/m);
    assert.match(m.stdout, /^organisation 3$/m);
    assert.match(m.stdout, /^total \d+ rows copied and compared$/m);
    m = run(['migrate-data', '--check', '--from', 'sqlite:' + sqlite, '--to', pg]);
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /^equal: \d+ rows compared$/m);

    // Both servers export the same installation.
    src = new Server(sqlite, dir, tokens);
    await src.spawn();
    servers.push(src);
    const dst = new Server(pg, dir, tokens);
    await dst.spawn();
    servers.push(dst);
    const a = await exportAll(src);
    const b = await exportAll(dst);
    assert.equal(a.incidents.length, 60);
    assert.ok(a.lagesbild && !a.lagesbild.error, JSON.stringify(a.lagesbild));
    assert.deepEqual(b, a);
    // Sessions and passwords came along too.
    await dst.login('admin@kommun.se');

    // New rows continue the ids; the check now sees the difference.
    const one = { category: 'inbrott', observed_from: '2026-03-20T10:00:00', x: X0 + 500, y: Y0 + 500 };
    r = await dst.post('/incidents', one, { token: 'rapportor@polis.se' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.id, Math.max(...ids) + 1);
    m = run(['migrate-data', '--check', '--from', 'sqlite:' + sqlite, '--to', pg]);
    assert.equal(m.status, 1);
    assert.match(m.stderr, /differ|more rows|column/);

    // A second run needs --replace, which makes the target equal again.
    await dst.stop({ keep: true });
    m = run(['migrate-data', '--from', 'sqlite:' + sqlite, '--to', pg]);
    assert.notEqual(m.status, 0);
    assert.match(m.stderr, /already has a samverkan schema/);
    m = run(['migrate-data', '--replace', '--from', 'sqlite:' + sqlite, '--to', pg]);
    assert.equal(m.status, 0, m.stderr);

    // Bad arguments name the problem.
    m = run(['migrate-data', '--from', pg, '--to', pg]);
    assert.equal(m.status, 1);
    assert.match(m.stderr, /SQLite/);
    m = run(['migrate-data', '--from', 'sqlite:' + sqlite]);
    assert.equal(m.status, 2);
  });
