#!/bin/sh
# Concurrent API load on both backends (bench/pg/load.mjs): a demo
# installation on SQLite and the same on a throwaway PostgreSQL cluster
# (scripts/pg-cluster), then C clients for D seconds against `samverkan
# serve` on 127.0.0.1. Prints one JSON line per backend and a Markdown
# table. Not a CI check.
#
#   bench/pg/load.sh [BUILD_DIR] [CLIENTS] [SECONDS] [THREADS]
set -eu
cd "$(dirname "$0")/../.."
bin="$PWD/${1:-build}/samverkan"
clients=${2:-32}
seconds=${3:-20}
threads=${4:-8}
work=$(mktemp -d /tmp/sv-bench-load.XXXXXX)
chmod 755 "$work"
trap 'scripts/pg-cluster stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
admin=$(scripts/pg-cluster start "$work/pg")
psql "$admin" -qXc "CREATE DATABASE bench_load"
pg="${admin%/postgres}/bench_load"

for db in "$work/load.db" "$pg"; do
	"$bin" demo --db "$db" --no-serve --days 365 \
	    --end 2026-11-01T00:00:00Z >/dev/null 2>&1
	node bench/pg/load.mjs "$bin" "$db" "$clients" "$seconds" "$threads" |
	    tee -a "$work/results.jsonl"
done
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
console.log("| backend | clients | requests/s | p50 ms | p99 ms | errors |");
console.log("|---|---|---|---|---|---|");
for (const [i, r] of rows.entries()) {
  console.log(`| ${i ? "PostgreSQL" : "SQLite"} | ${r.clients} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`);
}' "$work/results.jsonl"
