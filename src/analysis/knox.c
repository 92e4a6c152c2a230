/*
 * Knox and near-repeat tables (definitions in knox.h). The spatially
 * close pairs are collected once through a grid index with the largest
 * break as cell size; time totals over all pairs come from the sorted
 * times with two pointers, so no pair beyond the largest band is ever
 * visited, and each permutation only re-bins the close pairs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "gridindex.h"
#include "knox.h"
#include "rng.h"
#include "stats.h"

const char *const knox_metric_names[KNOX_METRIC__MAX] = {
	[KNOX_EUCLIDEAN] = "euclidean",
	[KNOX_MANHATTAN] = "manhattan",
};

struct kpair {
	uint32_t	i, j;
	uint32_t	band;	/* space band */
};

struct kpairs {
	struct kpair	*v;
	size_t		 n, alloc;
};

static enum sv_err
knox_check(const double *xy, const double *t, size_t n,
    struct sv_diag *diag)
{
	size_t i;

	if (n < 2 || n > KNOX_MAX_POINTS)
		return sv_diag_set(diag, SV_ERR_INVALID, "points", "Knox "
		    "needs 2 to %zu events, not %zu", KNOX_MAX_POINTS, n);
	for (i = 0; i < n; i++)
		if (!isfinite(xy[2 * i]) || !isfinite(xy[2 * i + 1]) ||
		    !isfinite(t[i])) {
			sv_diag_set(diag, SV_ERR_INVALID, "points", "event %zu "
			    "has a non-finite coordinate or time", i + 1);
			if (diag != NULL)
				diag->line = (long)i + 1;
			return SV_ERR_INVALID;
		}
	return SV_OK;
}

static enum sv_err
breaks_check(const double *b, size_t nb, const char *what,
    struct sv_diag *diag)
{
	size_t i;

	if (nb == 0 || nb > KNOX_MAX_BANDS)
		return sv_diag_set(diag, SV_ERR_INVALID, what, "give 1 to %d "
		    "band limits", KNOX_MAX_BANDS);
	for (i = 0; i < nb; i++)
		if (!(b[i] > 0) || !isfinite(b[i]) || (i > 0 && !(b[i] >
		    b[i - 1])))
			return sv_diag_set(diag, SV_ERR_INVALID, what, "band "
			    "limits must be positive, finite and increasing");
	return SV_OK;
}

static double
knox_dist(enum knox_metric m, double dx, double dy)
{
	if (m == KNOX_MANHATTAN)
		return fabs(dx) + fabs(dy);
	return sqrt(dx * dx + dy * dy);
}

/* Band of v among [0,b0) [b0,b1) ... [b_{nb-1}, inf). */
static uint32_t
band_of(const double *b, size_t nb, double v)
{
	uint32_t k = 0;

	while (k < nb && v >= b[k])
		k++;
	return k;
}

/*
 * Pairs i < j with distance below dmax (strictly, or <= when le).
 * Band = band_of(space breaks) or 0/1 for the 2x2 test.
 */
static enum sv_err
close_pairs(const double *xy, size_t n, double dmax, int le,
    enum knox_metric m, const double *b, size_t nb, struct kpairs *out,
    struct sv_diag *diag)
{
	struct gridindex gi;
	size_t i;
	enum sv_err rc;

	memset(out, 0, sizeof(*out));
	if ((rc = gridindex_build(&gi, xy, n, dmax, diag)) != SV_OK)
		return rc;
	for (i = 0; i < n; i++) {
		int64_t cx, cy, dx, dy;

		gridindex_cell(&gi, xy[2 * i], xy[2 * i + 1], &cx, &cy);
		for (dx = -1; dx <= 1; dx++)
			for (dy = -1; dy <= 1; dy++) {
				size_t first, cnt, q;

				cnt = gridindex_range(&gi, cx + dx, cy + dy,
				    &first);
				for (q = 0; q < cnt; q++) {
					uint32_t j = gi.order[first + q];
					double d;

					if (j <= i)
						continue;
					d = knox_dist(m, xy[2 * j] - xy[2 * i],
					    xy[2 * j + 1] - xy[2 * i + 1]);
					if (le ? !(d <= dmax) : !(d < dmax))
						continue;
					if (out->n == out->alloc) {
						out->alloc = out->alloc ?
						    2 * out->alloc : 4096;
						out->v = sv_reallocarray(out->v,
						    out->alloc,
						    sizeof(*out->v));
					}
					out->v[out->n].i = (uint32_t)i;
					out->v[out->n].j = j;
					out->v[out->n].band = b != NULL ?
					    band_of(b, nb, d) : 0;
					out->n++;
				}
			}
	}
	gridindex_release(&gi);
	return SV_OK;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Number of pairs with |t_i - t_j| < lim (or <= when le), sorted s. */
static double
pairs_within(const double *s, size_t n, double lim, int le)
{
	size_t i, j = 0;
	double c = 0;

	for (i = 0; i < n; i++) {
		if (j < i + 1)
			j = i + 1;
		while (j < n && (le ? s[j] - s[i] <= lim : s[j] - s[i] < lim))
			j++;
		c += (double)(j - i - 1);
	}
	return c;
}

/* Fills the inner counts (rows < last) of one table from the pairs. */
static void
count_inner(const struct kpairs *P, const double *t, const uint32_t *perm,
    const double *tb, size_t ntb, size_t cols, double *cells)
{
	size_t k;

	for (k = 0; k < P->n; k++) {
		double ti = t[perm ? perm[P->v[k].i] : P->v[k].i];
		double tj = t[perm ? perm[P->v[k].j] : P->v[k].j];

		cells[P->v[k].band * cols + band_of(tb, ntb, fabs(ti - tj))]++;
	}
}

enum sv_err
knox_table(const double *xy, const double *t, size_t n,
    const struct knox_params *kp, struct knox_table *out,
    struct sv_diag *diag)
{
	struct kpairs P = { 0 };
	double *sorted = NULL, *coltot = NULL, *sim = NULL, *ge = NULL;
	uint32_t *perm = NULL;
	size_t rows, cols, c, r, ncell;
	enum sv_err rc;

	memset(out, 0, sizeof(*out));
	if ((rc = knox_check(xy, t, n, diag)) != SV_OK ||
	    (rc = breaks_check(kp->space_breaks, kp->nspace, "space-bands",
	    diag)) != SV_OK ||
	    (rc = breaks_check(kp->time_breaks, kp->ntime, "time-bands",
	    diag)) != SV_OK)
		return rc;
	rows = kp->nspace + 1;
	cols = kp->ntime + 1;
	ncell = rows * cols;
	rc = close_pairs(xy, n, kp->space_breaks[kp->nspace - 1], 0,
	    kp->metric, kp->space_breaks, kp->nspace, &P, diag);
	if (rc != SV_OK)
		return rc;
	out->rows = rows;
	out->cols = cols;
	out->npairs = (double)n * (double)(n - 1) / 2;
	out->permutations = kp->permutations;
	out->observed = sv_calloc(ncell, sizeof(double));
	out->expected = sv_calloc(ncell, sizeof(double));
	out->ratio = sv_calloc(ncell, sizeof(double));
	out->p = sv_calloc(ncell, sizeof(double));
	/* Time totals over all pairs, per band. */
	sorted = sv_malloc(n * sizeof(double));
	memcpy(sorted, t, n * sizeof(double));
	qsort(sorted, n, sizeof(double), dbl_cmp);
	coltot = sv_calloc(cols, sizeof(double));
	{
		double prev = 0;

		for (c = 0; c < kp->ntime; c++) {
			double w = pairs_within(sorted, n, kp->time_breaks[c],
			    0);

			coltot[c] = w - prev;
			prev = w;
		}
		coltot[kp->ntime] = out->npairs - prev;
	}
	count_inner(&P, t, NULL, kp->time_breaks, kp->ntime, cols,
	    out->observed);
	for (c = 0; c < cols; c++) {
		double s = 0;

		for (r = 0; r + 1 < rows; r++)
			s += out->observed[r * cols + c];
		out->observed[(rows - 1) * cols + c] = coltot[c] - s;
	}
	if (kp->permutations > 0) {
		struct rng g;
		unsigned long it;
		size_t k;

		sim = sv_malloc(ncell * sizeof(double));
		ge = sv_calloc(ncell, sizeof(double));
		perm = sv_malloc(n * sizeof(uint32_t));
		for (k = 0; k < n; k++)
			perm[k] = (uint32_t)k;
		rng_seed(&g, kp->seed);
		for (it = 0; it < kp->permutations; it++) {
			rng_shuffle_u32(&g, perm, n);
			memset(sim, 0, ncell * sizeof(double));
			count_inner(&P, t, perm, kp->time_breaks, kp->ntime,
			    cols, sim);
			for (c = 0; c < cols; c++) {
				double s = 0;

				for (r = 0; r + 1 < rows; r++)
					s += sim[r * cols + c];
				sim[(rows - 1) * cols + c] = coltot[c] - s;
			}
			for (k = 0; k < ncell; k++) {
				out->expected[k] += sim[k];
				if (sim[k] >= out->observed[k])
					ge[k]++;
			}
		}
		for (k = 0; k < ncell; k++) {
			out->expected[k] /= (double)kp->permutations;
			out->ratio[k] = out->expected[k] > 0 ?
			    out->observed[k] / out->expected[k] : NAN;
			out->p[k] = (ge[k] + 1) /
			    ((double)kp->permutations + 1);
		}
	} else
		for (c = 0; c < ncell; c++)
			out->expected[c] = out->ratio[c] = out->p[c] = NAN;
	free(P.v);
	free(sorted);
	free(coltot);
	free(sim);
	free(ge);
	free(perm);
	return SV_OK;
}

void
knox_table_free(struct knox_table *k)
{
	if (k == NULL)
		return;
	free(k->observed);
	free(k->expected);
	free(k->ratio);
	free(k->p);
	memset(k, 0, sizeof(*k));
}

enum sv_err
knox_test_2x2(const double *xy, const double *t, size_t n, double eps_s,
    double eps_t, enum knox_metric m, unsigned long permutations,
    uint64_t seed, struct knox_2x2 *out, struct sv_diag *diag)
{
	struct kpairs P = { 0 };
	double *sorted, npairs, tclose, sclose, obs = 0;
	size_t k;
	enum sv_err rc;

	memset(out, 0, sizeof(*out));
	if ((rc = knox_check(xy, t, n, diag)) != SV_OK)
		return rc;
	if (!(eps_s > 0) || !isfinite(eps_s) || !(eps_t >= 0) ||
	    !isfinite(eps_t))
		return sv_diag_set(diag, SV_ERR_INVALID, "eps", "the space "
		    "and time limits must be finite and positive");
	if ((rc = close_pairs(xy, n, eps_s, 1, m, NULL, 0, &P, diag)) !=
	    SV_OK)
		return rc;
	npairs = (double)n * (double)(n - 1) / 2;
	sorted = sv_malloc(n * sizeof(double));
	memcpy(sorted, t, n * sizeof(double));
	qsort(sorted, n, sizeof(double), dbl_cmp);
	tclose = pairs_within(sorted, n, eps_t, 1);
	free(sorted);
	sclose = (double)P.n;
	for (k = 0; k < P.n; k++)
		if (fabs(t[P.v[k].i] - t[P.v[k].j]) <= eps_t)
			obs++;
	out->table[0][0] = obs;
	out->table[0][1] = tclose - obs;
	out->table[1][0] = sclose - obs;
	out->table[1][1] = npairs - tclose - sclose + obs;
	out->observed = obs;
	out->expected = tclose * sclose / npairs;
	/* surveillance: ppois(obs, expected, lower.tail = FALSE). */
	out->p_poisson = stats_pois_ge(obs + 1, out->expected);
	out->permutations = permutations;
	out->p_mc = NAN;
	if (permutations > 0) {
		uint32_t *perm = sv_malloc(n * sizeof(uint32_t));
		struct rng g;
		unsigned long it, ge = 0;

		for (k = 0; k < n; k++)
			perm[k] = (uint32_t)k;
		rng_seed(&g, seed);
		for (it = 0; it < permutations; it++) {
			double s = 0;

			rng_shuffle_u32(&g, perm, n);
			for (k = 0; k < P.n; k++)
				if (fabs(t[perm[P.v[k].i]] -
				    t[perm[P.v[k].j]]) <= eps_t)
					s++;
			if (s >= obs)
				ge++;
		}
		out->p_mc = (double)(ge + 1) / (double)(permutations + 1);
		free(perm);
	}
	free(P.v);
	return SV_OK;
}
