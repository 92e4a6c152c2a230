// A bounded load test on 127.0.0.1: many parallel clients (SV_LOAD_CLIENTS,
// default 48) for SV_LOAD_SECONDS (default 20) against the real server,
// mixing reads (lists, single incidents, counts, the session, the
// OpenAPI document), writes (reports) and refused requests (no token,
// too weak a role, bad input). Every answer must be the expected status
// (no 5xx, no dropped connection), and the server's resident memory,
// sampled each second from /proc, must stay flat once warm: the median of
// the last quarter at most 24 MB and 25 % above the median of the second.
// Afterwards the audit chain verifies (concurrent writers each appended
// to it) and the server stops cleanly.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Server, BIN } from '../api/lib.mjs';

const CLIENTS = Number(process.env.SV_LOAD_CLIENTS || 48);
const SECONDS = Number(process.env.SV_LOAD_SECONDS || 20);

let s;
after(async () => {
  if (s) await s.stop();
});

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

const median = (a) => {
  const b = [...a].sort((x, y) => x - y);
  return b[Math.floor(b.length / 2)];
};

test(`${CLIENTS} parallel clients for ${SECONDS} s: no errors, flat memory`, { timeout: (SECONDS + 60) * 1000 }, async (t) => {
  s = await Server.start({
    users: [
      { email: 'rapportor@kommun.se', org: 'KOMMUN', role: 'rapportor' },
      { email: 'lasare@polis.se', org: 'POLIS', role: 'lasare' },
    ],
    args: ['--threads', '8'],
    // A sanitizer build keeps freed memory in quarantine; keep it small
    // so that resident memory says something. No effect otherwise.
    env: { ASAN_OPTIONS: `${process.env.ASAN_OPTIONS ?? ''}:quarantine_size_mb=16:thread_local_quarantine_size_kb=64` },
  });
  const R = { token: 'rapportor@kommun.se' };
  const L = { token: 'lasare@polis.se' };
  const ids = [];
  for (let i = 0; i < 50; i++) {
    const r = await s.post('/incidents', {
      category: 'skadegorelse.klotter', observed_from: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T21:00`,
      lat: 59.6 + i * 0.001, lon: 16.5, description: 'Klotter',
    }, R);
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }

  // Each operation: the request and the status it must get.
  const ops = [
    [8, () => s.get('/incidents?limit=50', L), 200],
    [6, () => s.get(`/incidents/${ids[Math.floor(Math.random() * ids.length)]}`, R), 200],
    [4, () => s.get('/stats/counts?group=week', L), 200],
    [3, () => s.get('/stats/counts?group=category&from=2026-11-01T00:00', R), 200],
    [3, () => s.get('/session', R), 200],
    [1, () => s.get('/openapi.json'), 200],
    [3, () => s.post('/incidents', {
      category: 'otrygghet', observed_from: '2026-11-21T20:00', lat: 59.61, lon: 16.54, description: 'Samling',
    }, R), 201],
    [1, () => s.get('/incidents'), 401],
    [1, () => s.post('/incidents', { category: 'otrygghet' }, L), 403],
    [1, () => s.post('/incidents', { category: 'nope', observed_from: '2026-11-21T20:00', lat: 59.6, lon: 16.5 }, R), 422],
    [1, () => s.get('/incidents?limit=5000', L), 400],
    [1, () => s.get('/no/such/path', L), 404],
  ];
  const bag = ops.flatMap((o) => Array(o[0]).fill(o));
  const counts = {};
  const errors = [];
  const samples = [];
  const pid = s.proc.pid;
  const t0 = Date.now();
  const sampler = setInterval(() => samples.push(rssKb(pid)), 1000);
  const client = async () => {
    while (Date.now() - t0 < SECONDS * 1000) {
      const [, fn, want] = bag[Math.floor(Math.random() * bag.length)];
      try {
        const r = await fn();
        counts[r.status] = (counts[r.status] ?? 0) + 1;
        if (r.status !== want && errors.length < 20) errors.push(`${want} expected, got ${r.status}: ${r.text.slice(0, 200)}`);
      } catch (e) {
        if (errors.length < 20) errors.push(`request failed: ${e.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  clearInterval(sampler);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  t.diagnostic(`${total} requests (${Math.round(total / SECONDS)}/s), statuses ${JSON.stringify(counts)}`);
  t.diagnostic(`RSS kB per second: ${samples.join(' ')}`);
  assert.deepEqual(errors, []);
  assert.ok(!Object.keys(counts).some((c) => Number(c) >= 500));
  assert.ok(total > CLIENTS * SECONDS, `only ${total} requests`);

  const q = Math.max(1, Math.floor(samples.length / 4));
  const warm = median(samples.slice(q, 2 * q));
  const end = median(samples.slice(samples.length - q));
  assert.ok(end - warm <= 24 * 1024 && end <= warm * 1.25,
    `resident memory grew from ${warm} kB to ${end} kB`);

  const v = spawnSync(BIN, ['audit', 'verify', '--db', s.db], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stderr);
  const st = await s.stop();
  s = null;
  assert.equal(st.code, 0);
});
