/*
 * Moran's I, global and local, as R spdep 1.2-7 (moran.test and
 * localmoran with zero.policy = TRUE), plus conditional permutation
 * inference as PySAL esda.
 *
 * Notation: z = x - mean(x) over all n units, w the weights (any style),
 * islands (rows without neighbours) are kept in z but do not count in the
 * global constants: n' = number of units with neighbours, S0 = sum w_ij,
 * S1 = 1/2 sum (w_ij + w_ji)^2, S2 = sum_i (w_i. + w_.i)^2.
 *
 * Global: I = (n' / S0) (z' W z) / (z' z); E[I] = -1 / (n' - 1);
 *   Var_norm = (n'^2 S1 - n' S2 + 3 S0^2) / (S0^2 (n'^2 - 1)) - E[I]^2;
 *   Var_rand = (n'((n'^2 - 3n' + 3) S1 - n' S2 + 3 S0^2)
 *              - K (n'(n' - 1) S1 - 2 n' S2 + 6 S0^2))
 *              / ((n' - 1)(n' - 2)(n' - 3) S0^2) - E[I]^2,
 *   with kurtosis K = n sum z^4 / (sum z^2)^2; z = (I - E[I]) / sd;
 *   p as spdep's default alternative "greater": P(Z > z).
 * Local (conditional moments, mlvar): m2 = sum z^2 / n, W_i = sum_j w_ij,
 *   W2_i = sum_j w_ij^2, I_i = (z_i / m2) sum_j w_ij z_j,
 *   E[I_i] = -z_i^2 W_i / ((n - 1) m2),
 *   Var[I_i] = (z_i / m2)^2 (n / (n - 2)) (W2_i - W_i^2 / (n - 1))
 *              (m2 - z_i^2 / (n - 1)),
 *   Z_i = (I_i - E[I_i]) / sqrt(Var[I_i]), P_i two-sided normal.
 *   Islands: I_i = E = Var = 0, Z_i and P_i NaN (as spdep).
 * Permutations (R > 0, seeded): global: x is permuted R times; local
 *   (conditional randomisation): z_i stays, its neighbours' values are
 *   drawn without replacement from the other n - 1 units. As in esda, one
 *   set of R draws of k_max indices from 0..n-2 is shared by all units
 *   (for unit i a drawn i stands for unit n - 1). Pseudo p-value, folded
 *   as esda and spdep's "Pr(folded) Sim": M = #{sim >= obs} (ties within
 *   1e-12 relative count, so integer data are not split by rounding),
 *   M = min(M, R - M), p = (M + 1) / (R + 1). With equal weights in a row
 *   (styles B and W) the simulated lags are prefix sums of the shared
 *   draws: O(R) per unit instead of O(R k).
 * All values equal (z' z = 0) is an error: the statistics are undefined.
 */
#ifndef SV_ANALYSIS_MORAN_H
#define SV_ANALYSIS_MORAN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "weights.h"

struct moran_global {
	double		 I, EI;
	double		 var_norm, z_norm, p_norm;	/* normality */
	double		 var_rand, z_rand, p_rand;	/* randomisation */
	size_t		 n_used;			/* n' */
	unsigned long	 permutations;
	double		 p_sim, sim_mean, sim_sd;	/* NaN without */
};

/* Quadrants of the Moran scatterplot (PySAL numbering 1..4). */
enum moran_quad {
	MORAN_QUAD_NONE,	/* island */
	MORAN_QUAD_HH,
	MORAN_QUAD_LH,
	MORAN_QUAD_LL,
	MORAN_QUAD_HL,
	MORAN_QUAD__MAX
};
extern const char *const moran_quad_names[MORAN_QUAD__MAX];

/* Caller-allocated arrays of n (p_sim may be NULL without permutations). */
struct moran_local {
	double		*Ii, *EIi, *VarIi, *ZIi, *PIi;
	double		*p_sim;
	enum moran_quad	*quad;
};

/*
 * Global Moran's I of x (n = w->n values) with optional permutations.
 * Errors: SV_ERR_INVALID for fewer than 4 units with neighbours, a NaN
 * value, a row with self-weights, or zero variance.
 */
enum sv_err	moran_global(const double *x, const struct weights *w,
		    unsigned long permutations, uint64_t seed,
		    struct moran_global *out, struct sv_diag *diag);
/*
 * Local Moran's I into the caller's arrays. Errors as moran_global
 * (at least 3 units).
 */
enum sv_err	moran_local(const double *x, const struct weights *w,
		    unsigned long permutations, uint64_t seed,
		    struct moran_local *out, struct sv_diag *diag);

#endif
