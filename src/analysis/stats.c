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
