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

/* Half of the 5 x 5 neighbourhood (each pair of cells once), nearest first. */
static const int half[12][2] = {
	{ 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 },
	{ 2, 0 }, { -2, 1 }, { 2, 1 }, { -1, 2 }, { 0, 2 }, { 1, 2 },
	{ -2, 2 }, { 2, 2 },
};

/* The cells around one cell: ranges of sorted positions. */
struct nbhd {
	size_t	first[25], cnt[25];	/* [(dy + 2) * 5 + dx + 2] */
};

static void
nbhd_get(const struct gridindex *gi, int64_t cx, int64_t cy, struct nbhd *nb)
{
	int dx, dy;

	for (dy = -2; dy <= 2; dy++)
		for (dx = -2; dx <= 2; dx++) {
			int k = (dy + 2) * 5 + dx + 2;

			nb->cnt[k] = gridindex_range(gi, cx + dx, cy + dy,
			    &nb->first[k]);
		}
}

/*
 * Cells of side h < eps / sqrt(2): two points of one cell are always
 * within eps, and every neighbour of a point lies in the 5 x 5 cells
 * around its own. A cell with at least min_points points is all core;
 * core points of one cell are one cluster; neighbouring cells join when
 * any pair of their core points is within eps (union-find). Clusters are
 * numbered in the order of their lowest core point and a border point
 * takes the lowest cluster number among its core neighbours: the labels
 * scikit-learn's expansion order produces. The work runs on coordinates
 * copied in cell order, one cell at a time, so scans stay in cache.
 */
enum sv_err
dbscan_run(const double *xy, size_t n, double eps, size_t min_points,
    int32_t *label, uint8_t *core, size_t *nclusters, struct sv_diag *diag)
{
	struct gridindex gi;
	struct nbhd nb;
	uint8_t *sc = NULL;		/* core, by sorted position */
	uint32_t *par = NULL, *tmp = NULL;
	int32_t *cl = NULL, *sl = NULL;
	double *sx = NULL, *sy = NULL, e2 = eps * eps, h;
	int32_t next = 0;
	size_t i, p, k;
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
	k = n ? n : 1;
	sc = sv_calloc(k, 1);
	par = sv_malloc(k * sizeof(uint32_t));
	tmp = sv_malloc(k * sizeof(uint32_t));
	cl = sv_malloc(k * sizeof(int32_t));
	sl = sv_malloc(k * sizeof(int32_t));
	sx = sv_malloc(k * sizeof(double));
	sy = sv_malloc(k * sizeof(double));
	for (p = 0; p < n; p++) {
		sx[p] = xy[2 * gi.order[p]];
		sy[p] = xy[2 * gi.order[p] + 1];
		par[p] = (uint32_t)p;
		cl[p] = -1;
		sl[p] = -1;
	}
	/* Core points and clusters, cell by cell. */
	for (p = 0; p < n; ) {
		int64_t cx, cy;
		size_t first, m, q;

		gridindex_cell(&gi, sx[p], sy[p], &cx, &cy);
		m = gridindex_range(&gi, cx, cy, &first);
		nbhd_get(&gi, cx, cy, &nb);
		for (q = first; q < first + m; q++) {
			size_t cnt = 0, c, r;

			if (m >= min_points) {
				sc[q] = 1;
				continue;
			}
			for (c = 0; c < 25 && cnt < min_points; c++)
				for (r = nb.first[c]; r < nb.first[c] +
				    nb.cnt[c]; r++) {
					double ex = sx[r] - sx[q];
					double ey = sy[r] - sy[q];

					cnt += ex * ex + ey * ey <= e2;
				}
			sc[q] = cnt >= min_points;
		}
		p = first + m;
	}
	for (p = 0; p < n; ) {
		int64_t cx, cy;
		size_t first, m, q, o, nc = 0;

		gridindex_cell(&gi, sx[p], sy[p], &cx, &cy);
		m = gridindex_range(&gi, cx, cy, &first);
		p = first + m;
		for (q = first; q < first + m; q++)
			if (sc[q])
				tmp[nc++] = (uint32_t)q;
		if (nc == 0)
			continue;
		for (q = 1; q < nc; q++)
			uf_union(par, tmp[0], tmp[q]);
		for (o = 0; o < sizeof(half) / sizeof(half[0]); o++) {
			size_t f2, m2, a, b;
			uint32_t r0;
			int joined = 0;

			m2 = gridindex_range(&gi, cx + half[o][0],
			    cy + half[o][1], &f2);
			r0 = uf_find(par, tmp[0]);
			for (b = f2; b < f2 + m2 && !joined; b++) {
				if (!sc[b])
					continue;
				/* Already one cluster: nothing to test. */
				if (uf_find(par, (uint32_t)b) == r0)
					break;
				for (a = 0; a < nc; a++) {
					double ex = sx[b] - sx[tmp[a]];
					double ey = sy[b] - sy[tmp[a]];

					if (ex * ex + ey * ey <= e2) {
						uf_union(par, tmp[0],
						    (uint32_t)b);
						joined = 1;
						break;
					}
				}
			}
		}
	}
	/* Number clusters by their lowest core point (original index). */
	for (i = 0; i < n; i++)
		label[i] = -1;
	{
		uint32_t *pos = tmp;	/* inverse of gi.order */

		for (p = 0; p < n; p++)
			pos[gi.order[p]] = (uint32_t)p;
		for (i = 0; i < n; i++) {
			uint32_t r;

			if (!sc[pos[i]])
				continue;
			r = uf_find(par, pos[i]);
			if (cl[r] < 0)
				cl[r] = next++;
			sl[pos[i]] = cl[r];
		}
	}
	/* Border points: the lowest cluster among core neighbours. */
	for (p = 0; p < n; ) {
		int64_t cx, cy;
		size_t first, m, q;

		gridindex_cell(&gi, sx[p], sy[p], &cx, &cy);
		m = gridindex_range(&gi, cx, cy, &first);
		p = first + m;
		if (m >= min_points)
			continue;
		nbhd_get(&gi, cx, cy, &nb);
		for (q = first; q < first + m; q++) {
			size_t c, r;

			if (sc[q])
				continue;
			for (c = 0; c < 25; c++)
				for (r = nb.first[c]; r < nb.first[c] +
				    nb.cnt[c]; r++) {
					double ex = sx[r] - sx[q];
					double ey = sy[r] - sy[q];

					if (sc[r] && ex * ex + ey * ey <= e2 &&
					    (sl[q] < 0 || sl[r] < sl[q]))
						sl[q] = sl[r];
				}
		}
	}
	for (p = 0; p < n; p++) {
		label[gi.order[p]] = sl[p];
		if (core != NULL)
			core[gi.order[p]] = sc[p];
	}
	*nclusters = (size_t)next;
	free(sc);
	free(par);
	free(tmp);
	free(cl);
	free(sl);
	free(sx);
	free(sy);
	gridindex_release(&gi);
	return SV_OK;
}
