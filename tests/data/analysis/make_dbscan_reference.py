#!/usr/bin/python3
"""Reference DBSCAN labels from scikit-learn for test_analysis_dbscan.

Run with Debian's /usr/bin/python3 (python3-sklearn). Writes
dbscan_<case>.csv with columns x, y, label, core for deterministic inputs:
  blobs: 3,000 points, five Gaussian blobs plus uniform noise, eps 0.35,
         min_samples 8 (metres-like scale is irrelevant to DBSCAN);
  lattice: 1,500 points on an integer lattice with duplicates, eps 1.0,
         min_samples 4, so many pairs sit exactly at eps (sklearn counts
         d <= eps as a neighbour).
"""
import csv
import sys

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN


def write(name, X, eps, min_samples):
    db = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    core = np.zeros(len(X), dtype=int)
    core[db.core_sample_indices_] = 1
    with open(f"dbscan_{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["x", "y", "label", "core"])
        for (x, y), lab, c in zip(X, db.labels_, core):
            w.writerow([repr(float(x)), repr(float(y)), int(lab), int(c)])
    print(name, "eps", eps, "min_samples", min_samples, "clusters",
          db.labels_.max() + 1, "noise", int((db.labels_ == -1).sum()),
          file=sys.stderr)


rng = np.random.default_rng(20261122)
centres = rng.uniform(0, 20, size=(5, 2))
parts = [c + rng.normal(scale=0.6, size=(500, 2)) for c in centres]
parts.append(rng.uniform(-2, 22, size=(500, 2)))
X = np.vstack(parts)
rng.shuffle(X)
write("blobs", X, 0.35, 8)

L = rng.integers(0, 40, size=(1500, 2)).astype(float)
write("lattice", L, 1.0, 4)
print("sklearn", sklearn.__version__, file=sys.stderr)
