// Adds up test results: meson's testlog.json (counting each TAP test case
// of a cmocka program) and node's TAP files. Prints failures, then the
// closing line "N passed, N failed"; exits 1 if anything failed.
import { readFileSync, existsSync } from 'node:fs';

let passed = 0, failed = 0;
const failures = [];

function countTap(text, label) {
  let p = 0, f = 0;
  for (const line of text.split('\n')) {
    // Node nests subtests with indentation; count leaves at any depth
    // but skip the summary lines of suites (they carry "# Subtest").
    const m = /^\s*(not ok|ok) \d+ - (.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'ok') p++; else { f++; failures.push(`${label}: ${m[2]}`); }
  }
  return [p, f];
}

for (const file of process.argv.slice(2)) {
  if (file.includes('*')) continue; // an unmatched shell glob: no such tests
  if (!existsSync(file)) { failed++; failures.push(`${file}: missing`); continue; }
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const dir = file.split('/')[0];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const t = JSON.parse(line);
      const [p, f] = countTap(t.stdout || '', `${dir}/${t.name}`);
      const ok = t.result === 'OK' || t.result === 'EXPECTEDFAIL';
      if (p + f === 0) {
        if (ok) passed++; else { failed++; failures.push(`${dir}/${t.name}: ${t.result}`); }
      } else {
        passed += p; failed += f;
        // A crash after some cases passed still counts as a failure.
        if (!ok && f === 0) { failed++; failures.push(`${dir}/${t.name}: ${t.result}`); }
      }
    }
  } else {
    const [p, f] = countTap(text, file);
    passed += p; failed += f;
  }
}
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
