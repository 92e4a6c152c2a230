/*
 * Uniform grid index: counting sort into a dense cell table when the
 * bbox has at most 4n + 4096 cells, otherwise a sort of (cell, point)
 * pairs and binary search over the occupied cells.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "gridindex.h"

struct cellpt {
	int64_t		cx, cy;
	uint32_t	i;
};

static int
cellpt_cmp(const void *a, const void *b)
{
	const struct cellpt *p = a, *q = b;

	if (p->cx != q->cx)
		return p->cx < q->cx ? -1 : 1;
	if (p->cy != q->cy)
		return p->cy < q->cy ? -1 : 1;
	return (p->i > q->i) - (p->i < q->i);
}

void
gridindex_cell(const struct gridindex *gi, double x, double y, int64_t *cx,
    int64_t *cy)
{
	double fx = floor((x - gi->x0) / gi->h);
	double fy = floor((y - gi->y0) / gi->h);

	/* Far outside: clamp to a cell that holds nothing. */
	if (fx < -9.0e15)
		fx = -9.0e15;
	if (fx > 9.0e15)
		fx = 9.0e15;
	if (fy < -9.0e15)
		fy = -9.0e15;
	if (fy > 9.0e15)
		fy = 9.0e15;
	*cx = (int64_t)fx;
	*cy = (int64_t)fy;
}

enum sv_err
gridindex_build(struct gridindex *gi, const double *xy, size_t n, double h,
    struct sv_diag *diag)
{
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY;
	double maxy = -INFINITY, fx, fy;
	size_t i;

	memset(gi, 0, sizeof(*gi));
	if (!(h > 0) || !isfinite(h))
		return sv_diag_set(diag, SV_ERR_INVALID, "h", "the cell size "
		    "must be positive and finite");
	if (n > ((size_t)1 << 31))
		return sv_diag_set(diag, SV_ERR_INVALID, "n", "too many "
		    "points (%zu)", n);
	for (i = 0; i < n; i++) {
		double x = xy[2 * i], y = xy[2 * i + 1];

		if (!isfinite(x) || !isfinite(y)) {
			sv_diag_set(diag, SV_ERR_INVALID, "xy", "point %zu has "
			    "a non-finite coordinate", i + 1);
			if (diag != NULL)
				diag->line = (long)i + 1;
			return SV_ERR_INVALID;
		}
		if (x < minx)
			minx = x;
		if (x > maxx)
			maxx = x;
		if (y < miny)
			miny = y;
		if (y > maxy)
			maxy = y;
	}
	if (n == 0)
		minx = miny = maxx = maxy = 0;
	fx = floor((maxx - minx) / h) + 1;
	fy = floor((maxy - miny) / h) + 1;
	if (fx > 9.0e15 || fy > 9.0e15)
		return sv_diag_set(diag, SV_ERR_INVALID, "h", "the cell size "
		    "%g is too small for the extent of the points", h);
	gi->x0 = minx;
	gi->y0 = miny;
	gi->h = h;
	gi->nx = (int64_t)fx;
	gi->ny = (int64_t)fy;
	gi->n = n;
	gi->order = sv_malloc((n ? n : 1) * sizeof(uint32_t));
	if (fx * fy <= 4.0 * (double)n + 4096) {
		size_t ncell = (size_t)(gi->nx * gi->ny);
		size_t *cell = sv_malloc((n ? n : 1) * sizeof(size_t));

		gi->start = sv_calloc(ncell + 1, sizeof(size_t));
		for (i = 0; i < n; i++) {
			int64_t cx, cy;

			gridindex_cell(gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
			/* Rounding at the max edge. */
			if (cx >= gi->nx)
				cx = gi->nx - 1;
			if (cy >= gi->ny)
				cy = gi->ny - 1;
			cell[i] = (size_t)(cy * gi->nx + cx);
			gi->start[cell[i] + 1]++;
		}
		for (i = 0; i < ncell; i++)
			gi->start[i + 1] += gi->start[i];
		{
			size_t *fill = sv_malloc((ncell + 1) * sizeof(size_t));

			memcpy(fill, gi->start, (ncell + 1) * sizeof(size_t));
			for (i = 0; i < n; i++)
				gi->order[fill[cell[i]]++] = (uint32_t)i;
			free(fill);
		}
		free(cell);
	} else {
		struct cellpt *cp = sv_malloc((n ? n : 1) * sizeof(*cp));
		size_t k;

		for (i = 0; i < n; i++) {
			gridindex_cell(gi, xy[2 * i], xy[2 * i + 1], &cp[i].cx,
			    &cp[i].cy);
			cp[i].i = (uint32_t)i;
		}
		qsort(cp, n, sizeof(*cp), cellpt_cmp);
		gi->kx = sv_malloc((n ? n : 1) * sizeof(int64_t));
		gi->ky = sv_malloc((n ? n : 1) * sizeof(int64_t));
		gi->kstart = sv_malloc((n + 1) * sizeof(size_t));
		k = 0;
		for (i = 0; i < n; i++) {
			gi->order[i] = cp[i].i;
			if (i == 0 || cp[i].cx != cp[i - 1].cx ||
			    cp[i].cy != cp[i - 1].cy) {
				gi->kx[k] = cp[i].cx;
				gi->ky[k] = cp[i].cy;
				gi->kstart[k] = i;
				k++;
			}
		}
		gi->kstart[k] = n;
		gi->nkeys = k;
		free(cp);
	}
	return SV_OK;
}

size_t
gridindex_range(const struct gridindex *gi, int64_t cx, int64_t cy,
    size_t *first)
{
	size_t lo, hi;

	*first = 0;
	if (gi->start != NULL) {
		size_t c;

		if (cx < 0 || cy < 0 || cx >= gi->nx || cy >= gi->ny)
			return 0;
		c = (size_t)(cy * gi->nx + cx);
		*first = gi->start[c];
		return gi->start[c + 1] - gi->start[c];
	}
	lo = 0;
	hi = gi->nkeys;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (gi->kx[mid] < cx ||
		    (gi->kx[mid] == cx && gi->ky[mid] < cy))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == gi->nkeys || gi->kx[lo] != cx || gi->ky[lo] != cy)
		return 0;
	*first = gi->kstart[lo];
	return gi->kstart[lo + 1] - gi->kstart[lo];
}

void
gridindex_release(struct gridindex *gi)
{
	free(gi->order);
	free(gi->start);
	free(gi->kx);
	free(gi->ky);
	free(gi->kstart);
	memset(gi, 0, sizeof(*gi));
}
