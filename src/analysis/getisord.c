/*
 * Getis-Ord Gi / Gi* z-scores (formulas in getisord.h): one pass over
 * the weights rows.
 */
#include <math.h>

#include "getisord.h"
#include "stats.h"

enum sv_err
getisord_local(const double *x, const struct weights *w, double *z,
    double *p, struct sv_diag *diag)
{
	size_t n = w->n, i, k;
	double nd = (double)n, sum = 0, sum2 = 0, mean, s2;

	if (n < 3)
		return sv_diag_set(diag, SV_ERR_INVALID, "value", "Gi needs at "
		    "least 3 units, not %zu", n);
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i])) {
			sv_diag_set(diag, SV_ERR_INVALID, "value", "value %zu "
			    "is not a finite number", i + 1);
			if (diag != NULL)
				diag->line = (long)i + 1;
			return SV_ERR_INVALID;
		}
		sum += x[i];
		sum2 += x[i] * x[i];
	}
	mean = sum / nd;
	s2 = 0;
	for (i = 0; i < n; i++)
		s2 += (x[i] - mean) * (x[i] - mean);
	if (!(s2 > 0))
		return sv_diag_set(diag, SV_ERR_INVALID, "value", "all %zu "
		    "values are equal: Gi is undefined (zero variance)", n);
	s2 /= nd;
	for (i = 0; i < n; i++) {
		double lag = 0, Wi = 0, S1 = 0, xb, si2, vg;

		for (k = w->off[i]; k < w->off[i + 1]; k++) {
			lag += w->w[k] * x[w->nbr[k]];
			Wi += w->w[k];
			S1 += w->w[k] * w->w[k];
		}
		if (w->self) {
			xb = mean;
			si2 = s2;
			vg = si2 * ((nd * S1 - Wi * Wi) / (nd - 1));
		} else {
			xb = (sum - x[i]) / (nd - 1);
			si2 = (sum2 - x[i] * x[i]) / (nd - 1) - xb * xb;
			vg = si2 * (((nd - 1) * S1 - Wi * Wi) / (nd - 2));
		}
		z[i] = (lag - Wi * xb) / sqrt(vg);
		if (p != NULL)
			p[i] = stats_norm_p2(z[i]);
	}
	return SV_OK;
}
