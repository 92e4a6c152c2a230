/*
 * Fast paths of two kernels for the shapes the lägesbild always has, each
 * doing the same floating-point operations in the same order as the
 * kernel, so the figures are bit for bit those of the kernel (the unit
 * test compares them on many inputs):
 *
 * - lb_rate_ratio = trend_rate_ratio, with lgamma(k + 1) read from a
 *   table built once per build instead of three lgamma calls per term
 *   (a weekly picture runs some 170 tests over thousands of terms);
 * - lb_grid_gistar = weights over the grid + getisord_local +
 *   stats_fdr_bh for binary distance-band weights with self on a regular
 *   grid: neighbour sums from the stencil without building the weights,
 *   and the Benjamini-Hochberg q computed exactly only where it can fall
 *   below fdr (see there).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/stats.h"
#include "core/mem.h"
#include "lagesbild/lb_impl.h"

/* lgamma(k + 1) for k = 0..n, grown as needed. */
static const double *
lgf_upto(struct lb_lgf *t, size_t n)
{
	size_t k;

	if (n < t->n)
		return t->v;
	t->v = sv_reallocarray(t->v, n + 1, sizeof(double));
	for (k = t->n; k <= n; k++)
		t->v[k] = lgamma((double)k + 1);
	t->n = n + 1;
	return t->v;
}

void
lb_lgf_free(struct lb_lgf *t)
{
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* stats_binom_pmf with the table: lp = log(p), lq = log1p(-p). */
static double
pmf(const double *lf, double k, double n, double p, double lp, double lq)
{
	if (k < 0 || k > n)
		return 0;
	if (p == 0)
		return k == 0 ? 1 : 0;
	if (p == 1)
		return k == n ? 1 : 0;
	return exp(lf[(size_t)n] - lf[(size_t)k] - lf[(size_t)(n - k)] +
	    k * lp + (n - k) * lq);
}

/* stats_binom_cdf with the table. */
static double
cdf(const double *lf, double k, double n, double p, double lp, double lq)
{
	double s = 0, i;

	if (k < 0)
		return 0;
	if (k >= n)
		return 1;
	for (i = 0; i <= k; i++)
		s += pmf(lf, i, n, p, lp, lq);
	return s > 1 ? 1 : s;
}

enum sv_err
lb_rate_ratio(struct lb_lgf *t, double c1, double t1, double c0, double t0,
    struct trend_rate *out, struct sv_diag *diag)
{
	double n, p, d, m, relerr = 1 + 1e-7, pv, i, lp, lq, y = 0;
	const double *lf;

	/* the kernel's checks and its messages */
	if (!(c1 >= 0 && c1 <= 1e7 && c1 == floor(c1)) ||
	    !(c0 >= 0 && c0 <= 1e7 && c0 == floor(c0)) ||
	    !(t1 > 0) || !(t0 > 0) || !isfinite(t1) || !isfinite(t0))
		return trend_rate_ratio(c1, t1, c0, t0, out, diag);
	out->ratio = (c1 / t1) / (c0 / t0);
	n = c1 + c0;
	p = t1 / (t1 + t0);
	if (n == 0) {
		out->ratio = NAN;
		out->p = 1;
		return SV_OK;
	}
	lf = lgf_upto(t, (size_t)n);
	lp = log(p);
	lq = log1p(-p);
	d = pmf(lf, c1, n, p, lp, lq);
	m = n * p;
	if (c1 == m)
		pv = 1;
	else if (c1 < m) {
		double up = 0;

		for (i = ceil(m); i <= n; i++)
			if (pmf(lf, i, n, p, lp, lq) <= d * relerr)
				y++;
		for (i = n - y + 1; i <= n; i++)
			up += pmf(lf, i, n, p, lp, lq);
		pv = cdf(lf, c1, n, p, lp, lq) + up;
	} else {
		double up = 0;

		for (i = 0; i <= floor(m); i++)
			if (pmf(lf, i, n, p, lp, lq) <= d * relerr)
				y++;
		for (i = c1; i <= n; i++)
			up += pmf(lf, i, n, p, lp, lq);
		pv = (y >= 1 ? cdf(lf, y - 1, n, p, lp, lq) : 0) + up;
	}
	out->p = pv > 1 ? 1 : pv;
	return SV_OK;
}

struct pq {
	double	p;
	size_t	i;
};

/* stats.c's pidx_cmp: by p, ties by index. */
static int
pq_cmp(const void *a, const void *b)
{
	const struct pq *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/*
 * Benjamini-Hochberg as stats_fdr_bh, exact where q < fdr: with m
 * p-values sorted (ties by index), q_(k) = min over j >= k of
 * m p_(j) / j (and 1). Every p_(j) >= fdr gives m p_(j) / j >= fdr, so
 * for the k with p_(k) < fdr (the first ranks, the same in the full sort)
 * the minimum over those k alone equals q_(k) whenever it is below fdr,
 * and otherwise q_(k) >= fdr too. So only p < fdr is sorted; the rest
 * get q = 1 (not significant, as the kernel would also say).
 */
static void
fdr_below(const double *p, size_t n, double fdr, double *q)
{
	struct pq *v = sv_malloc((n ? n : 1) * sizeof(*v));
	size_t m = 0, k;
	double run = 1.0;

	for (k = 0; k < n; k++) {
		q[k] = 1;
		if (p[k] < fdr) {
			v[m].p = p[k];
			v[m].i = k;
			m++;
		}
	}
	qsort(v, m, sizeof(*v), pq_cmp);
	for (k = m; k > 0; k--) {
		double a = (double)n * v[k - 1].p / (double)k;

		if (a < run)
			run = a;
		q[v[k - 1].i] = run;
	}
	free(v);
}

enum sv_err
lb_grid_gistar(const struct lb_grid *g, const double *x, double band,
    double fdr, double *z, double *p, double *q, struct sv_diag *diag)
{
	size_t n = (size_t)g->nx * (size_t)g->ny, i;
	int r = (int)floor(band / g->cell) + 1, dx, dy, ix, iy, jx, jy;
	int *ox, *oy, ns = 0, s;
	double nd = (double)n, sum = 0, mean, s2 = 0;

	if (n < 3)
		return sv_diag_set(diag, SV_ERR_INVALID, "value", "Gi needs at "
		    "least 3 units, not %zu", n);
	for (i = 0; i < n; i++)
		sum += x[i];
	mean = sum / nd;
	for (i = 0; i < n; i++)
		s2 += (x[i] - mean) * (x[i] - mean);
	if (!(s2 > 0))
		return sv_diag_set(diag, SV_ERR_INVALID, "value", "all %zu "
		    "values are equal: Gi is undefined (zero variance)", n);
	s2 /= nd;
	/* the stencil of lb_grid_weights */
	ox = sv_malloc((size_t)(2 * r + 1) * (size_t)(2 * r + 1) * sizeof(int));
	oy = sv_malloc((size_t)(2 * r + 1) * (size_t)(2 * r + 1) * sizeof(int));
	for (dy = -r; dy <= r; dy++)
		for (dx = -r; dx <= r; dx++)
			if (hypot(dx * g->cell, dy * g->cell) <= band) {
				ox[ns] = dx;
				oy[ns] = dy;
				ns++;
			}
	for (i = 0; i < n; i++) {
		/* integer counts: the sums are exact in any order */
		double lag = 0, Wi = 0, vg;

		ix = (int)(i % (size_t)g->nx);
		iy = (int)(i / (size_t)g->nx);
		for (s = 0; s < ns; s++) {
			jx = ix + ox[s];
			jy = iy + oy[s];
			if (jx < 0 || jy < 0 || jx >= g->nx || jy >= g->ny)
				continue;
			lag += x[(size_t)jy * (size_t)g->nx + (size_t)jx];
			Wi += 1;
		}
		/* getisord_local with self: S1 = Wi for binary weights */
		vg = s2 * ((nd * Wi - Wi * Wi) / (nd - 1));
		z[i] = (lag - Wi * mean) / sqrt(vg);
		p[i] = stats_norm_p2(z[i]);
	}
	free(ox);
	free(oy);
	fdr_below(p, n, fdr, q);
	return SV_OK;
}
