// Durability (issue 6, point 8): a crash at any moment loses no
// acknowledged write and leaves no half-written import. Each round starts
// the real server on one SQLite file, runs a CSV import of its own
// (`samverkan import`, one transaction) and a stream of write requests
// from parallel clients, and SIGKILLs both at a random moment (a seeded
// generator, so a failure can be replayed with SV_DURABILITY_SEED). After
// every kill the file must pass PRAGMA integrity_check, every incident
// whose POST was answered 201 must be there with its text, each round's
// import must be there completely or not at all, and the audit chain must
// verify. The number of rounds is bounded (SV_DURABILITY_ROUNDS, default 8).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Server, BIN } from '../api/lib.mjs';

const ROUNDS = Number(process.env.SV_DURABILITY_ROUNDS || 8);
const IMPORT_ROWS = 2000;
const CLIENTS = 6;
let seed = Number(process.env.SV_DURABILITY_SEED || 20261122);

// xorshift32: the same kill points for the same seed.
function rand() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sql = (db, q) => execFileSync('sqlite3', ['-bail', db, q], { encoding: 'utf8' }).trim();

let s;
after(async () => {
  if (s) await s.stop();
});

function importFile(dir, round) {
  const lines = ['external_id,organisation,category,observed_from,lat,lon,severity,description'];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const lat = (59.55 + (i % 100) * 0.001).toFixed(4);
    const lon = (16.45 + Math.floor(i / 100) * 0.002).toFixed(4);
    lines.push(`r${round}-${i},KOMMUN,skadegorelse.klotter,2026-10-${String(1 + (i % 28)).padStart(2, '0')}T12:00,${lat},${lon},${1 + (i % 3)},import ${round}`);
  }
  const f = path.join(dir, `import-${round}.csv`);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

test('SIGKILL during an import and a stream of writes loses nothing acknowledged', { timeout: 240000 }, async (t) => {
  s = await Server.start({ users: [{ email: 'rapportor@kommun.se', org: 'KOMMUN', role: 'rapportor' }] });
  const acked = new Map();		// id -> description
  const imports = [];			// rounds whose import said it committed
  let killedImports = 0;
  let killedMidStream = 0;

  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0) await s.spawn();
    const file = importFile(s.dir, round);
    let stop = false;
    let n = 0;
    const client = async (c) => {
      while (!stop) {
        const desc = `dur ${round} ${c} ${n++}`;
        try {
          const r = await s.post('/incidents', {
            category: 'otrygghet', observed_from: '2026-11-20T22:10', lat: 59.61, lon: 16.54, description: desc,
          }, { token: 'rapportor@kommun.se' });
          if (r.status === 201) acked.set(r.json.id, desc);
          else if (r.status >= 500) break;
        } catch {
          break;		// the connection died with the server
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    // The import starts a little later, so writes run before, during
    // (waiting for its lock) and after it; the kill falls anywhere.
    const start = Math.floor(rand() * 400);
    const kill = start + 50 + Math.floor(rand() * 2400);
    await sleep(start);
    const imp = spawn(BIN, ['import', 'incidents', '--db', s.db, '--format', 'csv', '--source', 'dur', file],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const impExit = new Promise((r) => imp.on('exit', (code, sig) => r({ code, sig })));
    await sleep(kill - start);
    s.proc.kill('SIGKILL');
    if (imp.exitCode === null) {
      imp.kill('SIGKILL');
      killedImports++;
    }
    const ie = await impExit;
    await s.exited;
    stop = true;
    await Promise.all(clients);
    if (ie.code === 0) imports.push(round);
    if (acked.size > 0) killedMidStream++;

    // The file after the crash.
    assert.equal(sql(s.db, 'PRAGMA integrity_check'), 'ok', `round ${round}`);
    const rows = new Map(sql(s.db, "SELECT id, description FROM incident WHERE description LIKE 'dur %'")
      .split('\n').filter(Boolean).map((l) => {
        const k = l.indexOf('|');
        return [Number(l.slice(0, k)), l.slice(k + 1)];
      }));
    for (const [id, desc] of acked) assert.equal(rows.get(id), desc, `acknowledged incident ${id} (round ${round})`);
    for (let r = 0; r <= round; r++) {
      const cnt = Number(sql(s.db, `SELECT count(*) FROM incident WHERE source = 'dur' AND external_id LIKE 'r${r}-%'`));
      assert.ok(cnt === 0 || cnt === IMPORT_ROWS, `round ${r}: import half written (${cnt} rows)`);
      if (imports.includes(r)) assert.equal(cnt, IMPORT_ROWS, `round ${r}: committed import lost`);
    }
    const v = spawnSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' });
    assert.equal(v.status, 0, `audit after round ${round}: ${v.stderr}`);
    rmSync(file);
  }
  // The kills did land mid-work, not only before or after it.
  assert.ok(acked.size > 0, 'no write was acknowledged');
  assert.ok(killedMidStream > 0);
  t.diagnostic(`${acked.size} acknowledged writes, ${killedImports} imports killed, ` +
    `${imports.length} committed, over ${ROUNDS} rounds`);
  // A clean start afterwards serves the data.
  await s.spawn();
  const one = [...acked.keys()][0];
  const r = await s.get(`/incidents/${one}`, { token: 'rapportor@kommun.se' });
  assert.equal(r.status, 200);
  assert.equal(r.json.description, acked.get(one));
});
