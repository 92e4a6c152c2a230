// Concurrent API load on one backend: `samverkan serve` on 127.0.0.1 over
// a demo installation (samverkan demo: Västerås, a year of incidents),
// C clients (default 32) each sending one request at a time for D seconds
// (default 20) from a fixed mix of reads and writes. Prints throughput,
// p50/p99/max latency overall and per kind, and the error count, as one
// JSON line. Not a CI check; bench/pg/load.sh runs it on both backends.
//
//   node bench/pg/load.mjs BIN DB [CLIENTS] [SECONDS] [THREADS]
import { spawn, execFileSync } from 'node:child_process';

const [bin, db, clients = '32', seconds = '20', threads = '8'] = process.argv.slice(2);
const C = Number(clients), D = Number(seconds) * 1000;

function cli(args) {
  return execFileSync(bin, [...args.slice(0, 2), '--db', db, ...args.slice(2)],
    { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

// One token per client, as C separate users would have: every request
// stamps its token's last use, and C clients on one token would all queue
// for that one row.
const readers = [], writers = [];
for (let i = 0; i < C; i++) {
  readers.push(cli(['token', 'create', '--user', 'samordnare@demo.samverkan.se']));
  writers.push(cli(['token', 'create', '--user', 'fastighet@demo.samverkan.se']));
}

const proc = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', threads],
  { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SAMVERKAN_WEB: '' } });
let stderr = '';
const base = await new Promise((resolve, reject) => {
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (c) => {
    stderr += c;
    const m = /listening on (http:\/\/[0-9.:]+)\//.exec(stderr);
    if (m) resolve(m[1] + '/api/v1');
  });
  proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
});
proc.stderr.removeAllListeners('data');
proc.stderr.resume();

let seed = 20261122;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const get = (p, i = 0) => fetch(base + p, { headers: { authorization: 'Bearer ' + readers[i] } });

const ids = (await (await get('/incidents?limit=1000&status=all')).json()).items.map((x) => x.id);
const months = [];
for (let m = 0; m < 12; m++) {
  const d = new Date(Date.UTC(2025, 10 + m, 1));
  months.push(d.toISOString().slice(0, 10));
}
const weeks = [];
for (let w = 1; w <= 43; w++) weeks.push(`2026-W${String(w).padStart(2, '0')}`);
const cats = ['skadegorelse.klotter', 'otrygghet.samling', 'inbrott', 'nedskrapning'];

const kinds = [
  [40, 'incidents', (i) => get(`/incidents?limit=50&from=${pick(months)}`, i)],
  [15, 'incident', (i) => get(`/incidents/${pick(ids)}`, i)],
  [15, 'counts', (i) => get(`/stats/counts?group=category&from=${pick(months)}`, i)],
  [10, 'lagesbild', (i) => get(`/lagesbild?area=1980&layer=kommun&period=${pick(weeks)}`, i)],
  [10, 'areas', (i) => get('/areas', i)],
  [10, 'post', (i) => fetch(base + '/incidents', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + writers[i], 'content-type': 'application/json' },
    body: JSON.stringify({ category: pick(cats), observed_from: '2026-10-20T21:30:00',
      x: 588000 + rnd() * 4000, y: 6610000 + rnd() * 4000, severity: 1 + Math.floor(rnd() * 3) }),
  })],
];
const total = kinds.reduce((s, k) => s + k[0], 0);
function choose() {
  let r = rnd() * total;
  for (const k of kinds) { if ((r -= k[0]) < 0) return k; }
  return kinds[0];
}

const lat = {}; const all = [];
let errors = 0;
const end = Date.now() + D;
async function client(_, i) {
  while (Date.now() < end) {
    const [, name, fn] = choose();
    const t = performance.now();
    const r = await fn(i);
    await r.arrayBuffer();
    const ms = performance.now() - t;
    if (r.status >= 300) errors++;
    (lat[name] ??= []).push(ms);
    all.push(ms);
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: C }, client));
const wall = (performance.now() - t0) / 1000;
proc.kill('SIGTERM');

const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const out = {
  db: db.replace(/:[^:@/]*@/, ':***@'), clients: C, seconds: wall, threads: Number(threads),
  requests: all.length, errors, rps: all.length / wall,
  p50: q(all, 0.5), p99: q(all, 0.99), max: q(all, 1), kinds: {},
};
for (const [k, a] of Object.entries(lat)) out.kinds[k] = { n: a.length, p50: q(a, 0.5), p99: q(a, 0.99) };
console.log(JSON.stringify(out));
