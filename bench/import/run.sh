#!/bin/sh
# Import benchmark (issue 2): 1,000,000 generated incidents in the incident
# CSV layout, imported by `samverkan import incidents --format csv` (with
# point-in-polygon assignment to the 290 SCB kommuner, into a database with
# the full schema, its indexes and the lägesbild triggers) against sqlite3's
# `.import` of the same file:
#   same table: a freshly migrated samverkan database (same schema, indexes
#               and triggers); .import goes through a TEMP view whose
#               INSTEAD OF trigger maps the codes to ids and inserts into
#               the incident table (sqlite3 cannot do the point-in-polygon,
#               so it writes no incident_area rows);
#   same table, same cache: as above with the 256 MB page cache samverkan
#               sets for its import connection (PRAGMA cache_size), since
#               sqlite3's default 2 MB cache spills a large transaction;
#   raw:        .import into a new table of TEXT columns (the floor).
# Each is run RUNS times on a fresh copy; medians of wall-clock seconds and
# the ratios are printed. Not run in CI (timings on a shared machine).
#
#   bench/import/run.sh [BUILD_DIR] [N] [RUNS]
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
n=${2:-1000000}
runs=${3:-3}
data=${SV_SHARED_DATA:-../shared/data}
bin=$build/samverkan
tmp=$(mktemp -d /tmp/sv_bench_import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 1; }
[ -x "$bin" ] || { echo "build $bin first" >&2; exit 1; }

cc -O2 -o "$tmp/gen" bench/import/gen.c \
    $(pkg-config --cflags --libs geos jansson proj) -lm
"$tmp/gen" "$data/boundaries/se_kommuner_scb_sweref99tm.geojson" "$n" \
    > "$tmp/incidents.csv"
echo "generated $n incidents: $(du -h "$tmp/incidents.csv" | cut -f1)"

# A database with the areas and the organisation, copied for every run.
"$bin" import areas --db "$tmp/base.db" --layer kommun --code-field kn_kod \
    --name-field kn_namn "$data/boundaries/se_kommuner_scb_sweref99tm.geojson" \
    >/dev/null 2>&1
"$bin" org add --db "$tmp/base.db" --code BENCH --name Bench --kind kommun \
    >/dev/null
"$bin" migrate --db "$tmp/empty.db" >/dev/null 2>&1
"$bin" org add --db "$tmp/empty.db" --code BENCH --name Bench --kind kommun \
    >/dev/null

cat > "$tmp/view.sql" <<'SQL'
CREATE TEMP VIEW incident_csv AS SELECT
	NULL AS external_id, NULL AS organisation, NULL AS category,
	NULL AS observed_from, NULL AS x, NULL AS y, NULL AS lat, NULL AS lon,
	NULL AS severity, NULL AS people_count, NULL AS certainty,
	NULL AS description;
CREATE TEMP TRIGGER incident_csv_ins INSTEAD OF INSERT ON incident_csv
BEGIN
	INSERT INTO incident(org_id, category_id, observed_from, x, y, lat, lon,
	    severity, people_count, certainty, description, source,
	    external_id, status, created_at, updated_at)
	VALUES ((SELECT id FROM organisation WHERE code = NEW.organisation),
	    (SELECT id FROM category WHERE code = NEW.category),
	    unixepoch(NEW.observed_from), NEW.x, NEW.y, NEW.lat, NEW.lon,
	    NEW.severity, NEW.people_count, NEW.certainty, NEW.description,
	    'csv', NEW.external_id, 'active', unixepoch(), unixepoch());
END;
SQL

now() { date +%s.%N; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fresh() { rm -f "$tmp/run.db" "$tmp/run.db-wal" "$tmp/run.db-shm"; cp "$tmp/$1" "$tmp/run.db"; sync; }

: > "$tmp/sv.t"; : > "$tmp/same.t"; : > "$tmp/cache.t"; : > "$tmp/raw.t"
i=0
while [ "$i" -lt "$runs" ]; do
	fresh base.db
	t0=$(now)
	"$bin" import incidents --db "$tmp/run.db" --format csv \
	    "$tmp/incidents.csv" > "$tmp/summary" 2>/dev/null
	t1=$(now)
	sub "$t0" "$t1" >> "$tmp/sv.t"
	fresh empty.db
	t0=$(now)
	sqlite3 "$tmp/run.db" -cmd ".read $tmp/view.sql" \
	    ".import --csv --skip 1 $tmp/incidents.csv incident_csv"
	t1=$(now)
	sub "$t0" "$t1" >> "$tmp/same.t"
	[ "$(sqlite3 "$tmp/run.db" 'SELECT count(*) FROM incident')" = "$n" ] ||
	    { echo "sqlite3 imported the wrong number of rows" >&2; exit 1; }
	fresh empty.db
	t0=$(now)
	sqlite3 "$tmp/run.db" -cmd ".read $tmp/view.sql" \
	    -cmd "PRAGMA cache_size = -262144" \
	    ".import --csv --skip 1 $tmp/incidents.csv incident_csv"
	t1=$(now)
	sub "$t0" "$t1" >> "$tmp/cache.t"
	rm -f "$tmp/run.db" "$tmp/run.db-wal" "$tmp/run.db-shm"
	t0=$(now)
	sqlite3 "$tmp/run.db" ".import --csv $tmp/incidents.csv incident_raw"
	t1=$(now)
	sub "$t0" "$t1" >> "$tmp/raw.t"
	i=$((i + 1))
done
cat "$tmp/summary"
sv=$(median < "$tmp/sv.t")
same=$(median < "$tmp/same.t")
cache=$(median < "$tmp/cache.t")
raw=$(median < "$tmp/raw.t")
printf 'samverkan import (with kommun assignment): %.2f s (runs: %s)\n' \
    "$sv" "$(tr '\n' ' ' < "$tmp/sv.t")"
printf 'sqlite3 .import into the incident table:   %.2f s (runs: %s)\n' \
    "$same" "$(tr '\n' ' ' < "$tmp/same.t")"
printf 'sqlite3 .import, same table, 256 MB cache: %.2f s (runs: %s)\n' \
    "$cache" "$(tr '\n' ' ' < "$tmp/cache.t")"
printf 'sqlite3 .import into a plain text table:   %.2f s (runs: %s)\n' \
    "$raw" "$(tr '\n' ' ' < "$tmp/raw.t")"
printf 'ratio vs same table: %sx   vs same table and cache: %sx   vs plain table: %sx\n' \
    "$(div "$sv" "$same")" "$(div "$sv" "$cache")" "$(div "$sv" "$raw")"
