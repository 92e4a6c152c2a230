/*
 * DBSCAN on a grid of cells smaller than eps / sqrt(2) (see the comment
 * on dbscan_run): no neighbour lists, no expansion stack.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "dbscan.h"
#include "gridindex.h"

static uint32_t
uf_find(uint32_t *par, uint32_t a)
{
	while (par[a] != a) {
		par[a] = par[par[a]];
		a = par[a];
	}
	return a;
}

static void
uf_union(uint32_t *par, uint32_t a, uint32_t b)
{
	a = uf_find(par, a);
	b = uf_find(par, b);
	if (a != b) {
		if (a < b)
			par[b] = a;
		else
			par[a] = b;
	}
}

static int
within(const double *xy, uint32_t a, uint32_t b, double e2)
{
	double ex = xy[2 * a] - xy[2 * b], ey = xy[2 * a + 1] - xy[2 * b + 1];

	return ex * ex + ey * ey <= e2;
}

/*
 * Cells of side h < eps / sqrt(2): two points of one cell are always
 * within eps, and every neighbour of a point lies in the 5 x 5 cells
 * around its own. A cell with at least min_points points is all core;
 * core points of one cell are one cluster; neighbouring cells join when
 * any pair of their core points is within eps (union-find). Clusters are
 * numbered in the order of their lowest core point and a border point
 * takes the lowest cluster number among its core neighbours: the labels
 * scikit-learn's expansion order produces.
 */
enum sv_err
dbscan_run(const double *xy, size_t n, double eps, size_t min_points,
    int32_t *label, uint8_t *core, size_t *nclusters, struct sv_diag *diag)
{
	struct gridindex gi;
	uint8_t *iscore = NULL;
	uint32_t *par = NULL, *tmp = NULL;
	int32_t *cl = NULL;
	double e2 = eps * eps, h;
	int32_t next = 0;
	size_t i;
	enum sv_err rc;

	*nclusters = 0;
	if (!(eps > 0) || !isfinite(eps))
		return sv_diag_set(diag, SV_ERR_INVALID, "eps", "eps must be "
		    "positive and finite");
	if (min_points < 1)
		return sv_diag_set(diag, SV_ERR_INVALID, "min-points",
		    "min-points must be at least 1");
	if (n > DBSCAN_MAX_POINTS)
		return sv_diag_set(diag, SV_ERR_INVALID, "points", "too many "
		    "points (%zu)", n);
	h = eps / M_SQRT2 * (1 - 1e-12);
	if ((rc = gridindex_build(&gi, xy, n, h, diag)) != SV_OK)
		return rc;
	iscore = sv_calloc(n ? n : 1, 1);
	par = sv_malloc((n ? n : 1) * sizeof(uint32_t));
	tmp = sv_malloc((n ? n : 1) * sizeof(uint32_t));
	cl = sv_malloc((n ? n : 1) * sizeof(int32_t));
	/* Core points. */
	for (i = 0; i < n; i++) {
		int64_t cx, cy, dx, dy;
		size_t first, cnt = 0, m;

		par[i] = (uint32_t)i;
		cl[i] = -1;
		label[i] = -1;
		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		if (gridindex_range(&gi, cx, cy, &first) >= min_points) {
			iscore[i] = 1;
			continue;
		}
		for (dx = -2; dx <= 2 && cnt < min_points; dx++)
			for (dy = -2; dy <= 2 && cnt < min_points; dy++) {
				size_t q;

				m = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (q = 0; q < m; q++)
					if (within(xy, (uint32_t)i,
					    gi.order[first + q], e2))
						cnt++;
			}
		iscore[i] = cnt >= min_points;
	}
	/* Clusters of core points, cell by cell. */
	for (i = 0; i < n; i++) {
		int64_t cx, cy, dx, dy;
		size_t first, m, q, nc = 0;

		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		m = gridindex_range(&gi, cx, cy, &first);
		if (gi.order[first] != i)
			continue;	/* each cell once, at its first point */
		for (q = 0; q < m; q++)
			if (iscore[gi.order[first + q]])
				tmp[nc++] = gi.order[first + q];
		if (nc == 0)
			continue;
		for (q = 1; q < nc; q++)
			uf_union(par, tmp[0], tmp[q]);
		for (dy = 0; dy <= 2; dy++)
			for (dx = -2; dx <= 2; dx++) {
				size_t f2, m2, a, b;
				int joined = 0;

				if (dy == 0 && dx <= 0)
					continue;	/* the other half */
				m2 = gridindex_range(&gi, cx + dx, cy + dy, &f2);
				for (b = 0; b < m2 && !joined; b++) {
					uint32_t pb = gi.order[f2 + b];

					if (!iscore[pb])
						continue;
					for (a = 0; a < nc; a++)
						if (within(xy, tmp[a], pb, e2)) {
							uf_union(par, tmp[0],
							    pb);
							joined = 1;
							break;
						}
				}
			}
	}
	/* Number clusters by their lowest core point. */
	for (i = 0; i < n; i++)
		if (iscore[i]) {
			uint32_t r = uf_find(par, (uint32_t)i);

			if (cl[r] < 0)
				cl[r] = next++;
			label[i] = cl[r];
		}
	/* Border points: the lowest cluster among core neighbours. */
	for (i = 0; i < n; i++) {
		int64_t cx, cy, dx, dy;

		if (iscore[i])
			continue;
		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		for (dx = -2; dx <= 2; dx++)
			for (dy = -2; dy <= 2; dy++) {
				size_t first, m, q;

				m = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (q = 0; q < m; q++) {
					uint32_t j = gi.order[first + q];

					if (iscore[j] && within(xy,
					    (uint32_t)i, j, e2) &&
					    (label[i] < 0 ||
					    label[j] < label[i]))
						label[i] = label[j];
				}
			}
	}
	if (core != NULL)
		memcpy(core, iscore, n);
	*nclusters = (size_t)next;
	free(iscore);
	free(par);
	free(tmp);
	free(cl);
	gridindex_release(&gi);
	return SV_OK;
}
