#!/bin/sh
# The weekly lägesbild benchmark (issue 3 item 4, issue 7 item 5): the
# weekly lägesbild of kommun 9001 for 2026-W46, built REPEAT times (after
# three warm-ups) through the engine entry point, median and p99, on
#   SQLite:     100k and 1M incidents in one kommun, and 10M incidents in
#               ten kommuner of 1M each (the week of 9001 is as large as
#               at 1M: the cost must not grow with the rest);
#   PostgreSQL: the same 1M and 10M databases.
# Not run in CI.
#
# usage: bench/lagesbild/run.sh [BUILD_DIR] [WORK_DIR] [REPEAT]
#
# The SQLite databases are generated once (lbbench gen, deterministic; the
# 10M one takes about an hour on a shared 2-core machine and 9 GB) and
# kept in WORK_DIR (default /tmp/sv-lbbench). PostgreSQL: with
# SV_BENCH_PG_URL (a maintenance URL, as scripts/pg-cluster prints) the
# databases lb_1m and lb_10m are kept on that server and reused; without
# it a throwaway cluster is started in WORK_DIR/pg, loaded from the
# SQLite files by bench/lagesbild/pg-load.sh (COPY) and stopped at the
# end. Before timing, the PostgreSQL lägesbild must equal SQLite's.
# SV_BENCH_PG=0 skips PostgreSQL.
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
work=${2:-/tmp/sv-lbbench}
repeat=${3:-200}
mkdir -p "$work"
meson compile -C "$build" >/dev/null
deps="sqlite3 libpq jansson libmicrohttpd proj geos libsodium"
cc -O2 -std=c17 -D_GNU_SOURCE -I. -Isrc -I"$build" \
    $(pkg-config --cflags $deps) bench/lagesbild/lbbench.c \
    "$build/libsv.a" $(pkg-config --libs $deps) -lcsv -lm -pthread \
    -o "$work/lbbench"
echo "df -h $work: $(df -h "$work" | awk 'NR == 2 { print $4 " free" }')" >&2

for spec in 100k:1:100000 1M:1:1000000 10M:10:1000000; do
	name=${spec%%:*}
	rest=${spec#*:}
	nk=${rest%%:*}
	per=${rest#*:}
	db="$work/lb-$name.db"
	if [ ! -f "$db.done" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		start=$(date +%s)
		"$work/lbbench" gen "$db" "$nk" "$per"
		echo "generated $name in $(( $(date +%s) - start )) s" >&2
		touch "$db.done"
	fi
	printf 'sqlite %s incidents: ' "$name"
	"$work/lbbench" run "$db" 9001 2026-W46 "$repeat"
done

[ "${SV_BENCH_PG:-1}" = 0 ] && exit 0
pgdir=""
if [ -n "${SV_BENCH_PG_URL:-}" ]; then
	base=$SV_BENCH_PG_URL
else
	pgdir="$work/pg"
	rm -rf "$pgdir"
	base=$(scripts/pg-cluster start "$pgdir")
	trap 'scripts/pg-cluster stop "$pgdir" >/dev/null 2>&1 || true' EXIT
fi
# The JSON of the lägesbild without the two timing members.
picture() {
	"$build/samverkan" lagesbild --db "$1" --area 9001 --period 2026-W46 |
	    grep -v '"computed_at"\|"compute_ms"'
}
for name in 1M 10M; do
	dbname=lb_$(echo "$name" | tr 'M' 'm')
	url="${base%/*}/$dbname"
	if ! psql -qtA "$url" -c "SELECT 1 FROM incident LIMIT 1" 2>/dev/null |
	    grep -q 1; then
		psql -q "$base" -c "DROP DATABASE IF EXISTS $dbname" \
		    -c "CREATE DATABASE $dbname"
		start=$(date +%s)
		bench/lagesbild/pg-load.sh "$build" "$work/lb-$name.db" "$url"
		echo "loaded $name into PostgreSQL in" \
		    "$(( $(date +%s) - start )) s" >&2
	fi
	# a kept database may predate the build's newest migration
	"$build/samverkan" migrate --db "$url" >/dev/null 2>&1
	if [ "$(picture "$work/lb-$name.db" | cksum)" != \
	    "$(picture "$url" | cksum)" ]; then
		echo "pg $name: the lägesbild differs from SQLite's" >&2
		exit 1
	fi
	printf 'pg %s incidents (same lägesbild as SQLite): ' "$name"
	"$work/lbbench" run "$url" 9001 2026-W46 "$repeat"
done
