/*
 * DBSCAN (Ester et al. 1996) with scikit-learn's exact semantics: the
 * neighbourhood of a point is every point at Euclidean distance <= eps,
 * itself included; a point is core when its neighbourhood has at least
 * min_points members; clusters are grown from the lowest-numbered
 * unlabelled core point, each completely before the next starts, so a
 * border point reachable from two clusters belongs to the one with the
 * lower number, and clusters are numbered 0, 1, ... in order of their
 * lowest core point. Noise is -1. Computed on a grid of cells smaller
 * than eps / sqrt(2): a cell with min_points points is all core, core
 * points of a cell form one cluster, neighbouring cells (5 x 5) are
 * joined by union-find when two of their core points are within eps.
 */
#ifndef SV_ANALYSIS_DBSCAN_H
#define SV_ANALYSIS_DBSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define DBSCAN_MAX_POINTS	((size_t)1 << 30)

/*
 * Labels n points (xy interleaved) into label[n] (cluster number or -1)
 * and core[n] (1 for core points; may be NULL); *nclusters gets the
 * number of clusters. Errors: SV_ERR_INVALID for eps not positive and
 * finite, min_points < 1, too many points or a non-finite coordinate.
 */
enum sv_err	dbscan_run(const double *xy, size_t n, double eps,
		    size_t min_points, int32_t *label, uint8_t *core,
		    size_t *nclusters, struct sv_diag *diag);

#endif
