#!/bin/sh
# Import of N incidents (default 1,000,000) into PostgreSQL by
# `samverkan import incidents --format csv` against COPY of the same CSV
# into the same table, RUNS times each (default 3); medians and ratios.
# Not a CI check (timings on a shared machine). SQLite against sqlite3's
# .import: bench/import/run.sh.
#
#   bench/pg/import.sh [BUILD_DIR] [N] [RUNS]
#
# Every run gets a new database with the 290 SCB kommuner as the "kommun"
# area layer (so every incident is located by point in polygon, as in
# production) and three organisations, then:
#   import   `samverkan import incidents --format csv`: each row validated
#            and located in C, then COPY into a staging table and a
#            set-based merge per batch of 100,000 (store/store_pg_bulk.c)
#            into incident, incident_area and the lägesbild read model, all
#            in one transaction.
#   again    the same import into the same database (all rows unchanged).
#   COPY     COPY of the same CSV into a staging table (psql \copy), then
#            one INSERT ... SELECT into incident (codes joined to ids, the
#            ISO time turned into Unix seconds); no point in polygon, no
#            incident_area, no read model, no validation beyond the
#            table's constraints.
# Prints one line per run and a Markdown table of medians.
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
n=${2:-1000000}
runs=${3:-3}
bin="$PWD/$build/samverkan"
work=$(mktemp -d /tmp/sv-bench-import.XXXXXX)
pgdir="$work/pg"
trap 'scripts/pg-cluster stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
chmod 755 "$work"
kommuner=${SV_SHARED_DATA:-../shared/data}/boundaries/se_kommuner_scb_sweref99tm.geojson

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "generating $n incidents ..." >&2
python3 bench/pg/gen-incidents.py "$n" >"$work/incidents.csv"
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

for r in $(seq "$runs"); do
	psql "$admin" -qXc "CREATE DATABASE imp$r" -c "CREATE DATABASE cpy$r"
	db="$base/imp$r"
	setup "$db"
	t=$(now)
	"$bin" import incidents --db "$db" --format csv "$work/incidents.csv" \
	    >"$work/imp.out" 2>"$work/imp.err" || true
	ti=$(secs "$t" "$(now)")
	grep -q "added $n" "$work/imp.out" ||
		{ echo "import: $(cat "$work/imp.out") $(head -3 "$work/imp.err")" >&2; exit 1; }
	t=$(now)
	"$bin" import incidents --db "$db" --format csv "$work/incidents.csv" \
	    >"$work/imp.out" 2>"$work/imp.err" || true
	ta=$(secs "$t" "$(now)")
	grep -q "unchanged $n" "$work/imp.out" ||
		{ echo "again: $(cat "$work/imp.out")" >&2; exit 1; }
	db="$base/cpy$r"
	setup "$db"
	psql "$db" -qXc "$staging_sql"
	t=$(now)
	psql "$db" -qXc "\\copy incident_csv FROM '$work/incidents.csv' CSV HEADER"
	t1=$(now)
	psql "$db" -qXc "$insert_pg"
	t2=$(now)
	tc=$(secs "$t" "$t1")
	tci=$(secs "$t" "$t2")
	echo "run $r: import $ti s, again $ta s, COPY $tc s, COPY + INSERT $tci s" >&2
	echo "$ti $ta $tc $tci" >>"$work/times"
	areas=$(psql "$base/imp$r" -qAtXc 'SELECT count(*) FROM incident_area')
	facts=$(psql "$base/imp$r" -qAtXc 'SELECT count(*) FROM incident_fact')
	psql "$admin" -qXc "DROP DATABASE imp$r" -c "DROP DATABASE cpy$r"
done

mi=$(cut -d' ' -f1 "$work/times" | median)
ma=$(cut -d' ' -f2 "$work/times" | median)
mc=$(cut -d' ' -f3 "$work/times" | median)
mci=$(cut -d' ' -f4 "$work/times" | median)
row() {	# label seconds
	printf '| %s | %.1f | %.0f | %.2f |\n' "$1" "$2" \
	    "$(echo "$n / $2" | bc -l)" "$(echo "$2 / $mci" | bc -l)"
}
echo "PostgreSQL, $n rows, median of $runs runs"
echo
echo "| path | seconds | rows/s | x COPY + INSERT |"
echo "|---|---|---|---|"
row "samverkan import (new rows)" "$mi"
row "samverkan import again (all unchanged)" "$ma"
row "COPY into a staging table" "$mc"
row "COPY + INSERT ... SELECT into incident" "$mci"
echo
echo "last import run: $areas incident_area rows, $facts incident_fact rows"
