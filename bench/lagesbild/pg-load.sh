#!/bin/sh
# Loads a lägesbild benchmark database (SQLite, made by lbbench gen) into
# an empty PostgreSQL database for bench/lagesbild/run.sh, fast: the
# schema by `samverkan migrate`, then the tables the benchmark has rows in
# by sqlite3 CSV piped into COPY, ids and the read model as they are
# (triggers and foreign-key checks off for the session, as migrate-data
# does), the sequences moved past the ids, ANALYZE. `samverkan
# migrate-data` does the same and also compares every value, which at 10M
# incidents takes hours; run.sh checks instead that both backends give the
# same lägesbild.
#
# usage: bench/lagesbild/pg-load.sh BUILD_DIR SQLITE_FILE POSTGRES_URL
# With PG_LOAD_REBUILD=1 only the base tables are copied and PostgreSQL
# rebuilds the read model itself, set-based, with the statements of
# sql/pg/0009_lagesbild_sharing.sql (for a SQLite file whose read model is
# older, or still being migrated: sqlite3 reads its last commit).
set -eu
[ $# -eq 3 ] || { echo "usage: pg-load.sh BUILD_DIR SQLITE_FILE URL" >&2; exit 2; }
build=$1
src=$2
url=$3
tables="organisation area_layer category area incident incident_area"
[ "${PG_LOAD_REBUILD:-0}" = 1 ] ||
    tables="$tables incident_fact incident_day incident_area_day incident_month"

"$build/samverkan" migrate --db "$url" >/dev/null 2>&1
for t in $tables; do
	cols=$(psql -qtA "$url" -c "SELECT string_agg(column_name, ',' ORDER BY
	    ordinal_position) FROM information_schema.columns
	    WHERE table_schema = 'public' AND table_name = '$t'")
	# reals with 17 digits (the CSV mode prints 15), blobs as bytea hex
	sel=""
	for c in $(echo "$cols" | tr ',' ' '); do
		ty=$(sqlite3 "$src" "SELECT upper(type) FROM
		    pragma_table_info('$t') WHERE name = '$c'")
		case $ty in
		REAL) e="CASE WHEN $c IS NULL THEN NULL ELSE
		    printf('%!.17g', $c) END" ;;
		BLOB) e="'\\x' || hex($c)" ;;
		*) e=$c ;;
		esac
		sel="$sel${sel:+,}$e"
	done
	start=$(date +%s)
	sqlite3 -csv "$src" "SELECT $sel FROM $t" |
	    psql -q "$url" -c "SET client_min_messages = warning" \
	    -c "SET session_replication_role = replica" \
	    -c "TRUNCATE $t CASCADE" -c "\\copy $t($cols) FROM STDIN CSV"
	echo "$t: $(psql -qtA "$url" -c "SELECT count(*) FROM $t") rows" \
	    "in $(( $(date +%s) - start )) s" >&2
done
if [ "${PG_LOAD_REBUILD:-0}" = 1 ]; then
	start=$(date +%s)
	psql -q "$url" <<'SQL'
SET client_min_messages = warning;
SET session_replication_role = replica;
TRUNCATE incident_fact, incident_day, incident_area_day, incident_month;
INSERT INTO incident_fact(area_id, t, incident_id, day, category_id,
    org_id, x, y)
SELECT ia.area_id, i.observed_from, i.id, sv_stockholm_day(i.observed_from),
    i.category_id, i.org_id, i.x, i.y
FROM incident_area ia JOIN incident i ON i.id = ia.incident_id
WHERE i.status = 'active';
INSERT INTO incident_day(area_id, day, category_id, org_id, n)
SELECT area_id, day, category_id, org_id, count(*) FROM incident_fact
GROUP BY area_id, day, category_id, org_id;
INSERT INTO incident_area_day(area_id, day, org_id, n)
SELECT area_id, day, org_id, sum(n) FROM incident_day
GROUP BY area_id, day, org_id;
INSERT INTO incident_month(area_id, month, category_id, org_id, n)
SELECT area_id, sv_month_of_day(day), category_id, org_id, sum(n)
FROM incident_day GROUP BY 1, 2, 3, 4;
SQL
	echo "read model rebuilt in $(( $(date +%s) - start )) s" >&2
fi
psql -qtA "$url" >/dev/null <<'EOF'
SELECT setval(pg_get_serial_sequence(c.table_name, c.column_name),
    greatest(1, (xpath('/row/m/text()', query_to_xml(format(
    'SELECT max(%I) AS m FROM %I', c.column_name, c.table_name), false,
    true, '')))[1]::text::bigint))
FROM information_schema.columns c
WHERE c.table_schema = 'public'
    AND pg_get_serial_sequence(c.table_name, c.column_name) IS NOT NULL;
ANALYZE;
EOF
