/*
 * Trends and concentration.
 *
 * Rate ratio of two periods as R poisson.test(c(c1, c0), c(t1, t0)):
 *   ratio = (c1 / t1) / (c0 / t0) (Inf when c0 = 0 < c1, NaN when both
 *   are 0); the exact conditional test: given N = c1 + c0, c1 is
 *   Binomial(N, t1 / (t1 + t0)) under equal rates; two-sided p as R
 *   binom.test: the probability of all outcomes no more likely than the
 *   observed one (relative tolerance 1e-7).
 * Mann-Kendall: S = sum_{i<j} sign(x_j - x_i), Var S = (n(n-1)(2n+5) -
 *   sum_ties t(t-1)(2t+5)) / 18, z = (S - sign S) / sqrt(Var S),
 *   two-sided normal p; tau = S / sqrt((n0 - n1) n0) with n0 = n(n-1)/2,
 *   n1 = sum_ties t(t-1)/2 (Kendall's tau-b against time).
 * Concentration of counts over m places: the share of the total in the
 *   top ceil(0.05 m) places, and the Gini coefficient
 *   G = sum_i (2i - m - 1) x_(i) / (m sum x) with x ascending.
 */
#ifndef SV_ANALYSIS_TREND_H
#define SV_ANALYSIS_TREND_H

#include <stddef.h>

#include "core/err.h"

struct trend_rate {
	double	ratio, p;
};

struct trend_mk {
	double	S, var, z, p, tau;
};

struct trend_conc {
	double	top5_share, gini, total;
	size_t	top_n;
};

/* Errors: SV_ERR_INVALID for negative or non-integer counts, counts over
 * 1e7 or exposures that are not positive and finite. */
enum sv_err	trend_rate_ratio(double c1, double t1, double c0, double t0,
		    struct trend_rate *out, struct sv_diag *diag);
/* Errors: SV_ERR_INVALID for n < 3 or a non-finite value. */
enum sv_err	trend_mann_kendall(const double *x, size_t n,
		    struct trend_mk *out, struct sv_diag *diag);
/* Errors: SV_ERR_INVALID for m == 0, negative or non-finite counts or
 * a zero total. */
enum sv_err	trend_concentration(const double *x, size_t m,
		    struct trend_conc *out, struct sv_diag *diag);

#endif
