#!/bin/sh
# Import of N incidents (default 1,000,000) on both backends, against COPY
# of the same CSV into the same table. Not a CI check.
#
#   bench/pg/import.sh [BUILD_DIR] [N]
#
# Each backend gets a new database with the 290 SCB kommuner as the
# "kommun" area layer (so every incident is located by point in polygon,
# as in production) and three organisations, then:
#   import   `samverkan import incidents --format csv` (the domain path:
#            validation, dedupe by source + external id, point in polygon,
#            incident_area and the lägesbild read model, one transaction)
#   COPY     PostgreSQL: COPY of the same CSV into a staging table, then
#            one INSERT ... SELECT into incident (codes joined to ids, the
#            ISO time turned into Unix seconds); no point in polygon, no
#            validation beyond the table's constraints. SQLite: the same
#            with the sqlite3 shell's .import.
# Prints a Markdown table of wall-clock seconds and rows per second.
# SV_BENCH_IMPORT_N=M imports only the first M rows through samverkan
# import (the slow path) and reports its rate on those; COPY takes all N.
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
n=${2:-1000000}
bin="$PWD/$build/samverkan"
work=$(mktemp -d /tmp/sv-bench-import.XXXXXX)
pgdir="$work/pg"
trap 'scripts/pg-cluster stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
chmod 755 "$work"
kommuner=${SV_SHARED_DATA:-../shared/data}/boundaries/se_kommuner_scb_sweref99tm.geojson

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

echo "generating $n incidents ..." >&2
python3 bench/pg/gen-incidents.py "$n" >"$work/incidents.csv"
m=${SV_BENCH_IMPORT_N:-$n}
head -n $((m + 1)) "$work/incidents.csv" >"$work/import.csv"
admin=$(scripts/pg-cluster start "$pgdir")
base=${admin%/postgres}

setup() {	# db
	"$bin" migrate --db "$1" >/dev/null 2>&1
	"$bin" org add --db "$1" --code BENCH-K --name "Kommunen" --kind kommun
	"$bin" org add --db "$1" --code BENCH-P --name "Polisen" \
	    --kind lokalpolisomrade
	"$bin" org add --db "$1" --code BENCH-B --name "Bostadsbolaget" \
	    --kind bostadsbolag
	"$bin" import areas --db "$1" --layer kommun --code-field kn_kod \
	    --name-field kn_namn "$kommuner" >/dev/null 2>&1
} >/dev/null

staging_sql="CREATE TABLE incident_csv (external_id text, source text,
  organisation text, category text, observed_from text, lat double precision,
  lon double precision, x double precision, y double precision,
  severity bigint, certainty text, description text);"
insert_pg="INSERT INTO incident (org_id, category_id, observed_from, x, y,
  lat, lon, severity, certainty, description, source, external_id,
  created_at, updated_at)
SELECT o.id, c.id, extract(epoch FROM s.observed_from::timestamptz)::bigint,
  s.x, s.y, s.lat, s.lon, s.severity, s.certainty, nullif(s.description, ''),
  s.source, s.external_id, 0, 0
FROM incident_csv s JOIN organisation o ON o.code = s.organisation
JOIN category c ON c.code = s.category;"
insert_sqlite="INSERT INTO incident (org_id, category_id, observed_from, x, y,
  lat, lon, severity, certainty, description, source, external_id,
  created_at, updated_at)
SELECT o.id, c.id, unixepoch(s.observed_from), s.x, s.y, s.lat, s.lon,
  s.severity, s.certainty, nullif(s.description, ''), s.source,
  s.external_id, 0, 0
FROM incident_csv s JOIN organisation o ON o.code = s.organisation
JOIN category c ON c.code = s.category;"

row() {	# label seconds [rows]
	printf '| %s | %s | %.1f | %.0f |\n' "$1" "${3:-$n}" "$2" \
	    "$(echo "${3:-$n} / $2" | bc -l)"
}

echo "| path | rows | seconds | rows/s |"
echo "|---|---|---|---|"

# SQLite
db="$work/import.db"
setup "$db"
t=$(now)
"$bin" import incidents --db "$db" --format csv "$work/import.csv" \
    >"$work/sqlite-import.out" 2>"$work/sqlite-import.err" || true
row "SQLite: samverkan import" "$(secs "$t" "$(now)")" "$m"
grep -q "added $m" "$work/sqlite-import.out" ||
	echo "(import: $(cat "$work/sqlite-import.out"))" >&2
db="$work/copy.db"
setup "$db"
t=$(now)
sqlite3 "$db" "$staging_sql" ".import --csv --skip 1 $work/incidents.csv incident_csv"
t1=$(now)
sqlite3 "$db" "$insert_sqlite"
t2=$(now)
row "SQLite: .import into a staging table" "$(secs "$t" "$t1")"
row "SQLite: .import + INSERT ... SELECT into incident" "$(secs "$t" "$t2")"

# PostgreSQL
psql "$admin" -qXc "CREATE DATABASE bench_import" -c "CREATE DATABASE bench_copy"
db="$base/bench_import"
setup "$db"
t=$(now)
"$bin" import incidents --db "$db" --format csv "$work/import.csv" \
    >"$work/pg-import.out" 2>"$work/pg-import.err" || true
row "PostgreSQL: samverkan import" "$(secs "$t" "$(now)")" "$m"
grep -q "added $m" "$work/pg-import.out" ||
	echo "(import: $(cat "$work/pg-import.out"))" >&2
db="$base/bench_copy"
setup "$db"
psql "$db" -qXc "$staging_sql"
t=$(now)
psql "$db" -qXc "\\copy incident_csv FROM '$work/incidents.csv' CSV HEADER"
t1=$(now)
psql "$db" -qXc "$insert_pg"
t2=$(now)
row "PostgreSQL: COPY into a staging table" "$(secs "$t" "$t1")"
row "PostgreSQL: COPY + INSERT ... SELECT into incident" "$(secs "$t" "$t2")"
echo
echo "rows: sqlite import $(sqlite3 "$work/import.db" 'SELECT count(*) FROM incident'),"\
" pg import $(psql "$base/bench_import" -qAtXc 'SELECT count(*) FROM incident'),"\
" pg copy $(psql "$base/bench_copy" -qAtXc 'SELECT count(*) FROM incident');"\
" incident_area rows (pg import) $(psql "$base/bench_import" -qAtXc 'SELECT count(*) FROM incident_area')"
echo "database size after the import: PostgreSQL $(psql "$base/bench_import" -qAtXc \
    'SELECT pg_size_pretty(pg_database_size(current_database()))'),"\
" pg_dump -Fc $(pg_dump -Fc "$base/bench_import" | wc -c | awk '{printf "%.0f MB", $1 / 1e6}'),"\
" SQLite $(du -m "$work/import.db" | cut -f1) MB"
