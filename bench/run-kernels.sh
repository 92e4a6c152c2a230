#!/bin/sh
# Kernel benchmarks against their peers on the same deterministic input
# (not run in CI). Usage: bench/run-kernels.sh [BUILD_DIR] [WORK_DIR]
# Needs: a built BUILD_DIR (libsv.a), Rscript with spdep and spatstat,
# /usr/bin/python3 with scikit-learn. Prints a Markdown table: our median,
# the peer's median, the ratio, and how far the numbers are apart.
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
W=${2:-/tmp/samverkan-bench-kernels}
mkdir -p "$W"
cc -std=c17 -O2 -D_GNU_SOURCE -I. -Isrc -I"$B" -o "$W/bench_kernels" \
    bench/kernels/bench_kernels.c "$B/libsv.a" -lm -lpthread
K="$W/bench_kernels"
R="Rscript bench/kernels/peers.R"
P="/usr/bin/python3 bench/kernels/peers.py"
[ -f "$W/pts_1m.csv" ] || "$K" gen "$W"
row() {	# name, ours ms, peer name, peer ms, agreement
	awk -v n="$1" -v o="$2" -v pn="$3" -v p="$4" -v a="$5" 'BEGIN {
	    printf "| %s | %.1f ms | %s | %.1f ms | %.0fx | %s |\n", n, o, pn, p, p / o, a }'
}
echo "| kernel | samverkan (median) | peer | peer (median) | ratio | numbers |"
echo "|---|---|---|---|---|---|"
for N in 100 200; do
	o=$("$K" gistar "$W" $N 11)
	p=$($R gistar "$W" $N 3)
	a=$($P compare "$W/ours_gistar$N.csv" "$W/peer_gistar$N.csv")
	row "Gi* ${N}x${N} (weights + statistic)" "$o" "spdep dnearneigh+localG" "$p" "max rel diff $a"
done
o=$("$K" lmoran "$W" 100 999 5)
p=$($R lmoran "$W" 100 999 3)
a=$($P compare "$W/ours_lmoran_Ii.csv" "$W/peer_lmoran_Ii.csv")
row "local Moran 100x100, 999 perm" "$o" "spdep localmoran_perm" "$p" "Ii max rel diff $a"
o=$("$K" kde "$W" "$W/pts_1m.csv" 500 5)
p=$($R kde "$W" 500 3)
a=$($P compare "$W/ours_kde.csv" "$W/peer_kde.csv")
row "KDE 1M pts, 500x500, Gaussian" "$o" "spatstat density.ppp" "$p" "max diff / max $a"
p=$($P kde "$W" 500 2500)
a=$($P kdesample "$W/peer_kde_sklearn.csv" "$W/ours_kde.csv")
row "KDE 1M pts, 500x500, Gaussian" "$o" "sklearn KernelDensity (exact; 2,500-pixel sample, extrapolated)" "$p" "binned vs exact: $a of max"
o=$("$K" dbscan "$W" "$W/pts_100k.csv" 50 20 5)
p=$($P dbscan "$W" "$W/pts_100k.csv" 50 20 3)
a=$($P compare "$W/ours_dbscan_100000.csv" "$W/peer_dbscan_100000.csv")
row "DBSCAN 100k, eps 50, min 20" "$o" "sklearn DBSCAN" "$p" "labels: $a"
o=$("$K" dbscan "$W" "$W/pts_1m.csv" 15 20 3)
p=$($P dbscan "$W" "$W/pts_1m.csv" 15 20 1)
a=$($P compare "$W/ours_dbscan_1000000.csv" "$W/peer_dbscan_1000000.csv")
row "DBSCAN 1M, eps 15, min 20" "$o" "sklearn DBSCAN" "$p" "labels: $a"
