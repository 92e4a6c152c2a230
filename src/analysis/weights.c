/*
 * Spatial weights constructions (see weights.h for the exact rules).
 * Rows are built as lists of (i, j) links, sorted, and packed into CSR.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "gridindex.h"
#include "weights.h"

const char *const weights_style_names[WEIGHTS_STYLE__MAX] = {
	[WEIGHTS_BINARY] = "B",
	[WEIGHTS_ROW] = "W",
};

/* A growable list of directed links packed as i << 32 | j. */
struct linklist {
	uint64_t	*v;
	size_t		 n, alloc;
};

static void
links_add(struct linklist *l, uint32_t i, uint32_t j)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 1024;
		l->v = sv_reallocarray(l->v, l->alloc, sizeof(*l->v));
	}
	l->v[l->n++] = (uint64_t)i << 32 | j;
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t p = *(const uint64_t *)a, q = *(const uint64_t *)b;

	return (p > q) - (p < q);
}

/* Packs sorted, duplicate-free links into a binary weights object. */
static struct weights *
weights_from_links(size_t n, struct linklist *l, int self)
{
	struct weights *w = sv_calloc(1, sizeof(*w));
	size_t k;

	if (l->n > 0) {
		size_t a, b;
		int grouped = 1;

		/* Rows built in order need only a sort within each row. */
		for (k = 1; k < l->n && grouped; k++)
			grouped = (l->v[k] >> 32) >= (l->v[k - 1] >> 32);
		if (!grouped)
			qsort(l->v, l->n, sizeof(*l->v), u64_cmp);
		else
			for (a = 1; a < l->n; a++) {
				uint64_t x = l->v[a];

				for (b = a; b > 0 && l->v[b - 1] > x; b--)
					l->v[b] = l->v[b - 1];
				l->v[b] = x;
			}
	}
	w->n = n;
	w->self = self;
	w->style = WEIGHTS_BINARY;
	w->off = sv_calloc(n + 1, sizeof(size_t));
	w->nbr = sv_malloc((l->n ? l->n : 1) * sizeof(uint32_t));
	w->w = sv_malloc((l->n ? l->n : 1) * sizeof(double));
	for (k = 0; k < l->n; k++) {
		w->off[(l->v[k] >> 32) + 1]++;
		w->nbr[k] = (uint32_t)(l->v[k] & 0xffffffffu);
		w->w[k] = 1.0;
	}
	for (k = 0; k < n; k++)
		w->off[k + 1] += w->off[k];
	return w;
}

struct vtx {
	double		x, y;
	uint32_t	area;
};

enum sv_err
weights_contiguity(const struct weights_area *areas, size_t n, int queen,
    double snap, struct weights **out, struct sv_diag *diag)
{
	struct vtx *v = NULL;
	double *xy = NULL;
	struct gridindex gi;
	struct linklist pairs = { 0 }, links = { 0 };
	size_t nv = 0, i, k, a;
	unsigned crit = queen ? 0 : 1;
	enum sv_err rc;

	*out = NULL;
	memset(&gi, 0, sizeof(gi));
	if (n == 0 || n > WEIGHTS_MAX_N)
		return sv_diag_set(diag, SV_ERR_INVALID, "areas", "need 1 to "
		    "%zu areas, not %zu", WEIGHTS_MAX_N, n);
	if (!(snap >= 0) || !isfinite(snap))
		return sv_diag_set(diag, SV_ERR_INVALID, "snap", "the snap "
		    "distance must be finite and not negative");
	for (a = 0; a < n; a++)
		if (areas[a].n > 1)
			nv += areas[a].n - 1;
	v = sv_malloc((nv ? nv : 1) * sizeof(*v));
	xy = sv_malloc((nv ? nv : 1) * 2 * sizeof(double));
	k = 0;
	for (a = 0; a < n; a++)
		/* As spdep: the first vertex of each area is dropped. */
		for (i = 1; i < areas[a].n; i++) {
			v[k].x = xy[2 * k] = areas[a].xy[2 * i];
			v[k].y = xy[2 * k + 1] = areas[a].xy[2 * i + 1];
			v[k].area = (uint32_t)a;
			k++;
		}
	rc = gridindex_build(&gi, xy, nv, snap > 0 ? snap : 1.0, diag);
	if (rc != SV_OK)
		goto out;
	/* Every vertex pair of different areas within snap, once. */
	for (k = 0; k < nv; k++) {
		int64_t cx, cy, dx, dy;

		gridindex_cell(&gi, v[k].x, v[k].y, &cx, &cy);
		for (dx = -1; dx <= 1; dx++)
			for (dy = -1; dy <= 1; dy++) {
				size_t first, cnt, m;

				cnt = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (m = 0; m < cnt; m++) {
					const struct vtx *b =
					    &v[gi.order[first + m]];

					if (b->area <= v[k].area)
						continue;
					if (fabs(v[k].x - b->x) > snap ||
					    fabs(v[k].y - b->y) > snap)
						continue;
					if (hypot(v[k].x - b->x,
					    v[k].y - b->y) <= snap)
						links_add(&pairs, v[k].area,
						    b->area);
				}
			}
	}
	if (pairs.n > 0)
		qsort(pairs.v, pairs.n, sizeof(*pairs.v), u64_cmp);
	for (k = 0; k < pairs.n; ) {
		size_t run = 1;

		while (k + run < pairs.n && pairs.v[k + run] == pairs.v[k])
			run++;
		if (run > crit) {
			uint32_t pi = (uint32_t)(pairs.v[k] >> 32);
			uint32_t pj = (uint32_t)(pairs.v[k] & 0xffffffffu);

			links_add(&links, pi, pj);
			links_add(&links, pj, pi);
		}
		k += run;
	}
	*out = weights_from_links(n, &links, 0);
	rc = SV_OK;
out:
	gridindex_release(&gi);
	free(pairs.v);
	free(links.v);
	free(v);
	free(xy);
	return rc;
}

enum sv_err
weights_distance_band(const double *xy, size_t n, double dmax, int self,
    struct weights **out, struct sv_diag *diag)
{
	struct gridindex gi;
	struct linklist links = { 0 };
	double d2 = dmax * dmax;
	size_t i;
	enum sv_err rc;

	*out = NULL;
	if (n == 0 || n > WEIGHTS_MAX_N)
		return sv_diag_set(diag, SV_ERR_INVALID, "points", "need 1 to "
		    "%zu points, not %zu", WEIGHTS_MAX_N, n);
	if (!(dmax > 0) || !isfinite(dmax))
		return sv_diag_set(diag, SV_ERR_INVALID, "band", "the "
		    "distance band must be positive and finite");
	if ((rc = gridindex_build(&gi, xy, n, dmax, diag)) != SV_OK)
		return rc;
	for (i = 0; i < n; i++) {
		int64_t cx, cy, dx, dy;

		if (self)
			links_add(&links, (uint32_t)i, (uint32_t)i);
		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		for (dx = -1; dx <= 1; dx++)
			for (dy = -1; dy <= 1; dy++) {
				size_t first, cnt, m;

				cnt = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (m = 0; m < cnt; m++) {
					uint32_t j = gi.order[first + m];
					double ex = xy[2 * j] - xy[2 * i];
					double ey = xy[2 * j + 1] - xy[2 * i + 1];

					if (j != i && ex * ex + ey * ey <= d2)
						links_add(&links, (uint32_t)i,
						    j);
				}
			}
	}
	*out = weights_from_links(n, &links, self);
	gridindex_release(&gi);
	free(links.v);
	return SV_OK;
}

struct cand {
	double		d2;
	uint32_t	j;
};

static int
cand_less(const struct cand *a, const struct cand *b)
{
	return a->d2 < b->d2 || (a->d2 == b->d2 && a->j < b->j);
}

enum sv_err
weights_knn(const double *xy, size_t n, size_t k, struct weights **out,
    struct sv_diag *diag)
{
	struct gridindex gi;
	struct linklist links = { 0 };
	struct cand *best = NULL;
	double minx = INFINITY, maxx = -INFINITY, miny = INFINITY;
	double maxy = -INFINITY, h;
	size_t i;
	enum sv_err rc;

	*out = NULL;
	if (n > WEIGHTS_MAX_N || k < 1 || k >= n)
		return sv_diag_set(diag, SV_ERR_INVALID, "k", "k must be at "
		    "least 1 and less than the number of points (%zu)", n);
	for (i = 0; i < n; i++) {
		minx = fmin(minx, xy[2 * i]);
		maxx = fmax(maxx, xy[2 * i]);
		miny = fmin(miny, xy[2 * i + 1]);
		maxy = fmax(maxy, xy[2 * i + 1]);
	}
	/* About k points per cell on average. */
	h = sqrt((maxx - minx) * (maxy - miny) * (double)k / (double)n);
	if (!(h > 0) || !isfinite(h))
		h = fmax(fmax(maxx - minx, maxy - miny), 1.0) /
		    sqrt((double)n);
	if (!(h > 0) || !isfinite(h))
		h = 1.0;
	if ((rc = gridindex_build(&gi, xy, n, h, diag)) != SV_OK)
		return rc;
	best = sv_malloc(k * sizeof(*best));
	for (i = 0; i < n; i++) {
		int64_t cx, cy, r, dx, dy, rmax;
		size_t nb = 0, m;

		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		rmax = gi.nx > gi.ny ? gi.nx : gi.ny;
		for (r = 0; r <= rmax; r++) {
			for (dx = -r; dx <= r; dx++)
				for (dy = -r; dy <= r; dy++) {
					size_t first, cnt, q;

					if (dx != -r && dx != r && dy != -r &&
					    dy != r)
						continue;
					cnt = gridindex_range(&gi, cx + dx,
					    cy + dy, &first);
					for (q = 0; q < cnt; q++) {
						struct cand c;
						double ex, ey;

						c.j = gi.order[first + q];
						if (c.j == i)
							continue;
						ex = xy[2 * c.j] - xy[2 * i];
						ey = xy[2 * c.j + 1] -
						    xy[2 * i + 1];
						c.d2 = ex * ex + ey * ey;
						if (nb == k &&
						    !cand_less(&c, &best[k - 1]))
							continue;
						/* Insertion into the sorted best. */
						m = nb < k ? nb++ : k - 1;
						while (m > 0 &&
						    cand_less(&c, &best[m - 1])) {
							best[m] = best[m - 1];
							m--;
						}
						best[m] = c;
					}
				}
			/* Points beyond ring r are at least r*h away. */
			if (nb == k && best[k - 1].d2 < (double)r * h *
			    (double)r * h)
				break;
		}
		for (m = 0; m < nb; m++)
			links_add(&links, (uint32_t)i, best[m].j);
	}
	*out = weights_from_links(n, &links, 0);
	free(best);
	gridindex_release(&gi);
	free(links.v);
	return SV_OK;
}

void
weights_include_self(struct weights *w)
{
	struct linklist links = { 0 };
	struct weights *nw;
	size_t i, k;
	enum weights_style style = w->style;

	if (w->self)
		return;
	for (i = 0; i < w->n; i++) {
		links_add(&links, (uint32_t)i, (uint32_t)i);
		for (k = w->off[i]; k < w->off[i + 1]; k++)
			links_add(&links, (uint32_t)i, w->nbr[k]);
	}
	nw = weights_from_links(w->n, &links, 1);
	free(links.v);
	free(w->off);
	free(w->nbr);
	free(w->w);
	*w = *nw;
	free(nw);
	weights_set_style(w, style);
}

void
weights_set_style(struct weights *w, enum weights_style style)
{
	size_t i, k;

	for (i = 0; i < w->n; i++) {
		size_t card = w->off[i + 1] - w->off[i];

		for (k = w->off[i]; k < w->off[i + 1]; k++)
			w->w[k] = style == WEIGHTS_ROW ? 1.0 / (double)card :
			    1.0;
	}
	w->style = style;
}

size_t
weights_nlinks(const struct weights *w)
{
	return w->off[w->n];
}

size_t
weights_nislands(const struct weights *w)
{
	size_t i, c = 0;

	for (i = 0; i < w->n; i++)
		if (w->off[i + 1] == w->off[i])
			c++;
	return c;
}

void
weights_free(struct weights *w)
{
	if (w == NULL)
		return;
	free(w->off);
	free(w->nbr);
	free(w->w);
	free(w);
}
