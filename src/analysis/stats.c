/*
 * Normal tails through erfc (relative error near machine precision in
 * the range the statistics use) and the BH step-up procedure.
 */
#include <math.h>
#include <stdlib.h>

#include "core/mem.h"
#include "stats.h"

double
stats_norm_sf(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

double
stats_norm_p2(double z)
{
	if (isnan(z))
		return NAN;
	return erfc(fabs(z) / M_SQRT2);
}

/* Regularised lower incomplete gamma P(a, x), Numerical Recipes 6.2. */
static double
gammp(double a, double x)
{
	double gln = lgamma(a);
	int i;

	if (x <= 0)
		return 0;
	if (x < a + 1) {
		double ap = a, sum = 1.0 / a, del = sum;

		for (i = 0; i < 10000; i++) {
			ap += 1;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * 1e-17)
				break;
		}
		return sum * exp(-x + a * log(x) - gln);
	} else {
		double b = x + 1 - a, c = 1.0 / 1e-300, d = 1.0 / b, h = d;

		for (i = 1; i < 10000; i++) {
			double an = -i * (i - a), del;

			b += 2;
			d = an * d + b;
			if (fabs(d) < 1e-300)
				d = 1e-300;
			c = b + an / c;
			if (fabs(c) < 1e-300)
				c = 1e-300;
			d = 1 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1) < 1e-17)
				break;
		}
		return 1.0 - exp(-x + a * log(x) - gln) * h;
	}
}

double
stats_pois_ge(double k, double lambda)
{
	if (k <= 0)
		return 1.0;
	return gammp(k, lambda);
}

double
stats_binom_pmf(double k, double n, double p)
{
	if (k < 0 || k > n)
		return 0;
	if (p == 0)
		return k == 0 ? 1 : 0;
	if (p == 1)
		return k == n ? 1 : 0;
	return exp(lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) +
	    k * log(p) + (n - k) * log1p(-p));
}

double
stats_binom_cdf(double k, double n, double p)
{
	double s = 0, i;

	if (k < 0)
		return 0;
	if (k >= n)
		return 1;
	for (i = 0; i <= k; i++)
		s += stats_binom_pmf(i, n, p);
	return s > 1 ? 1 : s;
}

struct pidx {
	double	p;
	size_t	i;
};

static int
pidx_cmp(const void *a, const void *b)
{
	const struct pidx *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void
stats_fdr_bh(const double *p, size_t n, double *q)
{
	struct pidx *v = sv_malloc((n ? n : 1) * sizeof(*v));
	size_t m = 0, k;
	double run = 1.0;

	for (k = 0; k < n; k++)
		if (!isnan(p[k])) {
			v[m].p = p[k];
			v[m].i = k;
			m++;
		}
	qsort(v, m, sizeof(*v), pidx_cmp);
	for (k = 0; k < n; k++)
		if (isnan(p[k]))
			q[k] = NAN;
	for (k = m; k > 0; k--) {
		double a = (double)m * v[k - 1].p / (double)k;

		if (a < run)
			run = a;
		q[v[k - 1].i] = run;
	}
	free(v);
}
