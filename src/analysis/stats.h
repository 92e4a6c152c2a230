/*
 * Small statistical helpers shared by the kernels: normal tail
 * probabilities and the Benjamini-Hochberg false discovery rate.
 */
#ifndef SV_ANALYSIS_STATS_H
#define SV_ANALYSIS_STATS_H

#include <stddef.h>

/* P(Z > z) for a standard normal Z (R pnorm(z, lower.tail = FALSE)). */
double	stats_norm_sf(double z);
/* Two-sided p-value 2 P(Z > |z|); NaN for NaN. */
double	stats_norm_p2(double z);
/*
 * P(X >= k) for X ~ Poisson(lambda), as R ppois(k - 1, lambda,
 * lower.tail = FALSE); by the regularised incomplete gamma P(k, lambda)
 * (series or continued fraction, relative error about 1e-14).
 */
double	stats_pois_ge(double k, double lambda);
/* P(X <= k) for X ~ Binomial(n, p), summed in log space (exact terms). */
double	stats_binom_cdf(double k, double n, double p);
/* P(X = k) for X ~ Binomial(n, p). */
double	stats_binom_pmf(double k, double n, double p);
/*
 * Benjamini-Hochberg adjusted p-values as R p.adjust(p, "BH"):
 * q(i) = min over j with p(j) >= p(i) of min(1, m p(j) / rank(j)), where
 * m counts the non-NaN p. NaN stays NaN. p and q may be the same array.
 */
void	stats_fdr_bh(const double *p, size_t n, double *q);

#endif
