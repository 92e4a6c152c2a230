#!/usr/bin/python3
"""Peer side of bench/run-kernels.sh: scikit-learn (Debian python3-sklearn).

  peers.py dbscan DIR FILE EPS MINPTS REPS   -> median ms, DIR/peer_dbscan_N.csv
  peers.py kde DIR M NSAMPLE                 -> ms for the full M x M grid,
      extrapolated from NSAMPLE evenly spaced pixel centres (exact
      KernelDensity, Gaussian, bandwidth 100, rtol = atol = 0); writes the
      sampled densities (points per square metre) for the comparison.
  peers.py compare A B                       -> max |a-b| / max |b|, and
      the number of differing values for integer columns
"""
import statistics
import sys
import time

import numpy as np


def load(path):
    return np.loadtxt(path, delimiter=",", skiprows=1, ndmin=1)


def main():
    mode = sys.argv[1]
    if mode == "compare":
        a, b = load(sys.argv[2]), load(sys.argv[3])
        if a.shape != b.shape:
            print(f"shape {a.shape} vs {b.shape}")
            return
        ok = np.isfinite(a) & np.isfinite(b)
        rel = np.max(np.abs(a[ok] - b[ok])) / max(np.max(np.abs(b[ok])), 1e-300)
        print(f"{rel:.2e} ({int((a != b).sum())} differ)")
        return
    if mode == "kdesample":
        s = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
        ours = load(sys.argv[3])[s[:, 0].astype(int)]
        print(f"{np.max(np.abs(ours - s[:, 1])) / np.max(s[:, 1]):.2e}")
        return
    d = sys.argv[2]
    if mode == "dbscan":
        from sklearn.cluster import DBSCAN
        X = load(sys.argv[3])
        eps, mp, reps = float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            lab = DBSCAN(eps=eps, min_samples=mp).fit(X).labels_
            ts.append((time.perf_counter() - t0) * 1000)
        np.savetxt(f"{d}/peer_dbscan_{len(X)}.csv", lab, fmt="%d", header="v", comments="")
        print(f"{statistics.median(ts):.3f}")
    elif mode == "kde":
        from sklearn.neighbors import KernelDensity
        M, ns = int(sys.argv[3]), int(sys.argv[4])
        X = load(f"{d}/pts_1m.csv")
        c = 10000.0 / M
        idx = np.linspace(0, M * M - 1, ns).astype(int)
        Q = np.column_stack([(idx % M + 0.5) * c, (idx // M + 0.5) * c])
        t0 = time.perf_counter()
        kd = KernelDensity(kernel="gaussian", bandwidth=100.0).fit(X)
        t1 = time.perf_counter()
        dens = np.exp(kd.score_samples(Q)) * len(X)
        t2 = time.perf_counter()
        ms = ((t1 - t0) + (t2 - t1) * (M * M) / ns) * 1000
        np.savetxt(f"{d}/peer_kde_sklearn.csv", np.column_stack([idx, dens]),
                   delimiter=",", header="idx,v", comments="")
        print(f"{ms:.3f}")


main()
