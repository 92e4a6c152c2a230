#!/bin/sh
# The weekly lägesbild benchmark (issue 3 item 4): generates deterministic
# databases of 100k and 1M incidents in one kommun and of 10M incidents in
# ten kommuner of 1M each, then times the weekly lägesbild of kommun 9001
# for 2026-W46 over repeated builds (median and p99). Not run in CI.
#
# usage: bench/lagesbild/run.sh [BUILD_DIR] [WORK_DIR] [REPEAT]
# The databases are kept in WORK_DIR (default /tmp/sv-lbbench) and reused.
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
	printf '%s incidents: ' "$name"
	"$work/lbbench" run "$db" 9001 2026-W46 "$repeat"
done
