/*
 * Getis-Ord local statistics Gi and Gi* as z-scores, exactly as R spdep
 * localG (Ord and Getis 1995, the form ArcGIS also reports).
 *
 * With lag_i = sum_j w_ij x_j, W_i = sum_j w_ij, S1_i = sum_j w_ij^2:
 * Gi* (weights include i itself, w->self set):
 *   xbar = mean(x), s2 = sum (x - xbar)^2 / n,
 *   z_i = (lag_i - W_i xbar) / sqrt(s2 (n S1_i - W_i^2) / (n - 1));
 * Gi (i excluded): xbar_i and s2_i computed over the other n - 1 values,
 *   z_i = (lag_i - W_i xbar_i) / sqrt(s2_i ((n-1) S1_i - W_i^2) / (n-2)).
 * p_i = 2 P(Z > |z_i|). A unit without neighbours (Gi) gives NaN, as
 * spdep. Use binary weights with self for the usual Gi* hot spot map.
 * Benjamini-Hochberg q-values: stats_fdr_bh in stats.h.
 */
#ifndef SV_ANALYSIS_GETISORD_H
#define SV_ANALYSIS_GETISORD_H

#include "core/err.h"
#include "weights.h"

/*
 * z and p are caller arrays of w->n (p may be NULL). Errors:
 * SV_ERR_INVALID for n < 3, a non-finite value or all values equal.
 */
enum sv_err	getisord_local(const double *x, const struct weights *w,
		    double *z, double *p, struct sv_diag *diag);

#endif
