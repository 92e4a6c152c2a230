/*
 * Rate ratio (exact conditional binomial test), Mann-Kendall and
 * concentration measures; definitions in trend.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "stats.h"
#include "trend.h"

static int
is_count(double c)
{
	return isfinite(c) && c >= 0 && c <= 1e7 && c == floor(c);
}

enum sv_err
trend_rate_ratio(double c1, double t1, double c0, double t0,
    struct trend_rate *out, struct sv_diag *diag)
{
	double n, p, d, m, relerr = 1 + 1e-7, pv, i;
	double y = 0;

	if (!is_count(c1) || !is_count(c0))
		return sv_diag_set(diag, SV_ERR_INVALID, "count", "counts "
		    "must be whole numbers from 0 to 1e7");
	if (!(t1 > 0) || !(t0 > 0) || !isfinite(t1) || !isfinite(t0))
		return sv_diag_set(diag, SV_ERR_INVALID, "exposure",
		    "exposures must be positive and finite");
	out->ratio = (c1 / t1) / (c0 / t0);
	n = c1 + c0;
	p = t1 / (t1 + t0);
	if (n == 0) {
		out->ratio = NAN;
		out->p = 1;
		return SV_OK;
	}
	d = stats_binom_pmf(c1, n, p);
	m = n * p;
	if (c1 == m)
		pv = 1;
	else if (c1 < m) {
		double up = 0;

		for (i = ceil(m); i <= n; i++)
			if (stats_binom_pmf(i, n, p) <= d * relerr)
				y++;
		/* pbinom(n - y, lower.tail = FALSE), summed directly. */
		for (i = n - y + 1; i <= n; i++)
			up += stats_binom_pmf(i, n, p);
		pv = stats_binom_cdf(c1, n, p) + up;
	} else {
		double up = 0;

		for (i = 0; i <= floor(m); i++)
			if (stats_binom_pmf(i, n, p) <= d * relerr)
				y++;
		for (i = c1; i <= n; i++)
			up += stats_binom_pmf(i, n, p);
		pv = (y >= 1 ? stats_binom_cdf(y - 1, n, p) : 0) + up;
	}
	out->p = pv > 1 ? 1 : pv;
	return SV_OK;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

enum sv_err
trend_mann_kendall(const double *x, size_t n, struct trend_mk *out,
    struct sv_diag *diag)
{
	double S = 0, nd = (double)n, tie = 0, tie2 = 0, n0;
	double *s;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	if (n < 3)
		return sv_diag_set(diag, SV_ERR_INVALID, "series", "Mann-"
		    "Kendall needs at least 3 values, not %zu", n);
	for (i = 0; i < n; i++)
		if (!isfinite(x[i])) {
			sv_diag_set(diag, SV_ERR_INVALID, "series", "value %zu "
			    "is not a finite number", i + 1);
			if (diag != NULL)
				diag->line = (long)i + 1;
			return SV_ERR_INVALID;
		}
	for (i = 0; i + 1 < n; i++)
		for (j = i + 1; j < n; j++)
			S += (x[j] > x[i]) - (x[j] < x[i]);
	s = sv_malloc(n * sizeof(double));
	memcpy(s, x, n * sizeof(double));
	qsort(s, n, sizeof(double), dbl_cmp);
	for (i = 0; i < n; ) {
		double t;

		for (j = i + 1; j < n && s[j] == s[i]; j++)
			;
		t = (double)(j - i);
		tie += t * (t - 1) * (2 * t + 5);
		tie2 += t * (t - 1) / 2;
		i = j;
	}
	free(s);
	out->S = S;
	out->var = (nd * (nd - 1) * (2 * nd + 5) - tie) / 18;
	if (out->var > 0) {
		out->z = (S - (S > 0) + (S < 0)) / sqrt(out->var);
		out->p = stats_norm_p2(out->z);
	} else {
		out->z = NAN;
		out->p = NAN;
	}
	n0 = nd * (nd - 1) / 2;
	out->tau = n0 - tie2 > 0 ? S / sqrt((n0 - tie2) * n0) : NAN;
	return SV_OK;
}

enum sv_err
trend_concentration(const double *x, size_t m, struct trend_conc *out,
    struct sv_diag *diag)
{
	double *s, total = 0, top = 0, g = 0, md = (double)m;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (m == 0)
		return sv_diag_set(diag, SV_ERR_INVALID, "counts", "no places");
	for (i = 0; i < m; i++) {
		if (!isfinite(x[i]) || x[i] < 0)
			return sv_diag_set(diag, SV_ERR_INVALID, "counts",
			    "count %zu is negative or not finite", i + 1);
		total += x[i];
	}
	if (!(total > 0))
		return sv_diag_set(diag, SV_ERR_INVALID, "counts", "all counts "
		    "are zero");
	s = sv_malloc(m * sizeof(double));
	memcpy(s, x, m * sizeof(double));
	qsort(s, m, sizeof(double), dbl_cmp);
	out->top_n = (size_t)ceil(0.05 * md);
	for (i = 0; i < out->top_n; i++)
		top += s[m - 1 - i];
	for (i = 0; i < m; i++)
		g += (2.0 * (double)(i + 1) - md - 1) * s[i];
	free(s);
	out->total = total;
	out->top5_share = top / total;
	out->gini = g / (md * total);
	return SV_OK;
}
