/*
 * Global and local Moran's I (formulas in moran.h). The local
 * permutation loop is the hot path: one shared table of R draws of k_max
 * indices from 0..n-2, then per unit a gather and a dot product per draw.
 * Units are split over threads when there are many of them; the result
 * does not depend on the number of threads.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "moran.h"
#include "rng.h"
#include "stats.h"

const char *const moran_quad_names[MORAN_QUAD__MAX] = {
	[MORAN_QUAD_NONE] = "",
	[MORAN_QUAD_HH] = "HH",
	[MORAN_QUAD_LH] = "LH",
	[MORAN_QUAD_LL] = "LL",
	[MORAN_QUAD_HL] = "HL",
};

/* Checks x and w; fills z = x - mean and returns sum z^2 in *zz. */
static enum sv_err
moran_prepare(const double *x, const struct weights *w, double *z,
    double *zz, struct sv_diag *diag)
{
	size_t i, n = w->n;
	double mean = 0, s = 0;

	if (w->self)
		return sv_diag_set(diag, SV_ERR_INVALID, "weights", "Moran's "
		    "I needs weights without self-neighbours");
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i])) {
			sv_diag_set(diag, SV_ERR_INVALID, "value", "value %zu "
			    "is not a finite number", i + 1);
			if (diag != NULL)
				diag->line = (long)i + 1;
			return SV_ERR_INVALID;
		}
		mean += x[i];
	}
	mean /= (double)n;
	for (i = 0; i < n; i++) {
		z[i] = x[i] - mean;
		s += z[i] * z[i];
	}
	if (!(s > 0))
		return sv_diag_set(diag, SV_ERR_INVALID, "value", "all %zu "
		    "values are equal: Moran's I is undefined (zero "
		    "variance)", n);
	*zz = s;
	return SV_OK;
}

static double
moran_zwz(const struct weights *w, const double *z)
{
	double s = 0;
	size_t i, k;

	for (i = 0; i < w->n; i++) {
		double lz = 0;

		for (k = w->off[i]; k < w->off[i + 1]; k++)
			lz += w->w[k] * z[w->nbr[k]];
		s += z[i] * lz;
	}
	return s;
}

/* sim >= obs, ties within rounding included (integer data ties often). */
static int
ge_obs(double sim, double obs)
{
	return sim >= obs - 1e-12 * fabs(obs);
}

/* Folded pseudo p-value (esda): M = #{sim >= obs}, min(M, R - M). */
static double
p_folded(const double *sim, unsigned long r, double obs)
{
	unsigned long m = 0, k;

	for (k = 0; k < r; k++)
		if (ge_obs(sim[k], obs))
			m++;
	if (r - m < m)
		m = r - m;
	return (double)(m + 1) / (double)(r + 1);
}

enum sv_err
moran_global(const double *x, const struct weights *w,
    unsigned long permutations, uint64_t seed, struct moran_global *out,
    struct sv_diag *diag)
{
	size_t n = w->n, i, k, nu = 0;
	double *z = NULL, *rs = NULL, *cs = NULL, zz, z4 = 0, S0 = 0, S1 = 0;
	double S2 = 0, S02, nn, K, np;
	enum sv_err rc;

	memset(out, 0, sizeof(*out));
	out->p_sim = out->sim_mean = out->sim_sd = NAN;
	z = sv_malloc((n ? n : 1) * sizeof(double));
	if ((rc = moran_prepare(x, w, z, &zz, diag)) != SV_OK)
		goto out;
	rs = sv_calloc(n ? n : 1, sizeof(double));
	cs = sv_calloc(n ? n : 1, sizeof(double));
	for (i = 0; i < n; i++) {
		z4 += z[i] * z[i] * z[i] * z[i];
		if (w->off[i + 1] > w->off[i])
			nu++;
		for (k = w->off[i]; k < w->off[i + 1]; k++) {
			size_t j = w->nbr[k], m;
			double dji = 0;

			rs[i] += w->w[k];
			cs[j] += w->w[k];
			/* w_ji by binary search in row j (sorted). */
			{
				size_t lo = w->off[j], hi = w->off[j + 1];

				while (lo < hi) {
					m = lo + (hi - lo) / 2;
					if (w->nbr[m] < i)
						lo = m + 1;
					else
						hi = m;
				}
				if (lo < w->off[j + 1] && w->nbr[lo] == i)
					dji = w->w[lo];
			}
			S1 += w->w[k] * w->w[k] + w->w[k] * dji;
		}
	}
	for (i = 0; i < n; i++) {
		S0 += rs[i];
		S2 += (rs[i] + cs[i]) * (rs[i] + cs[i]);
	}
	if (nu < 4) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, "weights", "Moran's I "
		    "needs at least 4 units with neighbours, not %zu", nu);
		goto out;
	}
	np = (double)nu;
	nn = np * np;
	S02 = S0 * S0;
	K = (double)n * z4 / (zz * zz);
	out->n_used = nu;
	out->I = (np / S0) * moran_zwz(w, z) / zz;
	out->EI = -1.0 / (np - 1);
	out->var_norm = (nn * S1 - np * S2 + 3 * S02) / (S02 * (nn - 1)) -
	    out->EI * out->EI;
	out->var_rand = (np * (S1 * (nn - 3 * np + 3) - np * S2 + 3 * S02) -
	    K * (S1 * (nn - np) - 2 * np * S2 + 6 * S02)) /
	    ((np - 1) * (np - 2) * (np - 3) * S02) - out->EI * out->EI;
	out->z_norm = (out->I - out->EI) / sqrt(out->var_norm);
	out->z_rand = (out->I - out->EI) / sqrt(out->var_rand);
	out->p_norm = stats_norm_sf(out->z_norm);
	out->p_rand = stats_norm_sf(out->z_rand);
	out->permutations = permutations;
	if (permutations > 0) {
		double *sim = sv_malloc(permutations * sizeof(double));
		double *pz = sv_malloc(n * sizeof(double));
		double s = 0, ss = 0;
		struct rng r;
		unsigned long p;

		rng_seed(&r, seed);
		memcpy(pz, z, n * sizeof(double));
		for (p = 0; p < permutations; p++) {
			/* Fisher-Yates on the centred values. */
			for (i = n; i > 1; i--) {
				size_t j = (size_t)rng_below(&r, i);
				double t = pz[i - 1];

				pz[i - 1] = pz[j];
				pz[j] = t;
			}
			sim[p] = (np / S0) * moran_zwz(w, pz) / zz;
			s += sim[p];
		}
		out->sim_mean = s / (double)permutations;
		for (p = 0; p < permutations; p++)
			ss += (sim[p] - out->sim_mean) *
			    (sim[p] - out->sim_mean);
		out->sim_sd = permutations > 1 ?
		    sqrt(ss / (double)(permutations - 1)) : NAN;
		out->p_sim = p_folded(sim, permutations, out->I);
		free(sim);
		free(pz);
	}
	rc = SV_OK;
out:
	free(z);
	free(rs);
	free(cs);
	return rc;
}

/* Shared state of the local permutation workers. */
struct lperm {
	const struct weights	*w;
	const double		*z;
	const uint32_t		*draws;	/* R rows of kmax indices in 0..n-2 */
	size_t			 kmax;
	const double		*S;	/* R rows of kmax + 1 prefix sums */
	const size_t		*invoff;	/* n + 1: draws equal to v */
	const uint32_t		*invp, *invc;	/* their row and column */
	unsigned long		 R;
	double			 m2;
	const double		*Ii;
	double			*p_sim;
	size_t			 lo, hi;
};

static void *
lperm_run(void *arg)
{
	struct lperm *L = arg;
	size_t n = L->w->n, i;

	for (i = L->lo; i < L->hi; i++) {
		size_t k0 = L->w->off[i], card = L->w->off[i + 1] - k0, c;
		const double *wi = L->w->w + k0;
		double zi = L->z[i] / L->m2, obs = L->Ii[i];
		unsigned long p, m = 0;
		int equal = 1;

		if (card == 0) {
			L->p_sim[i] = NAN;
			continue;
		}
		for (c = 1; c < card && equal; c++)
			equal = wi[c] == wi[0];
		if (equal) {
			/*
			 * Equal weights: the sum of the first card drawn
			 * values is a prefix sum; a draw that hit i itself
			 * (it stands for unit n - 1) is corrected.
			 */
			size_t q = L->invoff[i], qe = L->invoff[i + 1];
			double fix = L->z[n - 1] - L->z[i];

			for (p = 0; p < L->R; p++) {
				double sum = L->S[p * (L->kmax + 1) + card];

				for (; q < qe && L->invp[q] == p; q++)
					if (L->invc[q] < card)
						sum += fix;
				if (ge_obs(zi * (wi[0] * sum), obs))
					m++;
			}
		} else
			for (p = 0; p < L->R; p++) {
				const uint32_t *d = L->draws + p * L->kmax;
				double lz = 0;

				for (c = 0; c < card; c++) {
					uint32_t j = d[c];

					/* Draw i stands for unit n - 1. */
					if (j == i)
						j = (uint32_t)(n - 1);
					lz += wi[c] * L->z[j];
				}
				if (ge_obs(zi * lz, obs))
					m++;
			}
		if (L->R - m < m)
			m = L->R - m;
		L->p_sim[i] = (double)(m + 1) / (double)(L->R + 1);
	}
	return NULL;
}

enum sv_err
moran_local(const double *x, const struct weights *w,
    unsigned long permutations, uint64_t seed, struct moran_local *out,
    struct sv_diag *diag)
{
	size_t n = w->n, i, k, kmax = 0;
	double *z = NULL, *lz = NULL, zz, m2, nd = (double)n;
	enum sv_err rc;

	if (n < 3)
		return sv_diag_set(diag, SV_ERR_INVALID, "value", "local "
		    "Moran's I needs at least 3 units, not %zu", n);
	z = sv_malloc(n * sizeof(double));
	lz = sv_malloc(n * sizeof(double));
	if ((rc = moran_prepare(x, w, z, &zz, diag)) != SV_OK)
		goto out;
	m2 = zz / nd;
	for (i = 0; i < n; i++) {
		double Wi = 0, W2 = 0, zi = z[i];
		size_t card = w->off[i + 1] - w->off[i];

		lz[i] = 0;
		for (k = w->off[i]; k < w->off[i + 1]; k++) {
			lz[i] += w->w[k] * z[w->nbr[k]];
			Wi += w->w[k];
			W2 += w->w[k] * w->w[k];
		}
		if (card > kmax)
			kmax = card;
		out->Ii[i] = (zi / m2) * lz[i];
		out->EIi[i] = -(zi * zi * Wi) / ((nd - 1) * m2);
		out->VarIi[i] = (zi / m2) * (zi / m2) * (nd / (nd - 2)) *
		    (W2 - Wi * Wi / (nd - 1)) * (m2 - zi * zi / (nd - 1));
		if (card == 0) {
			out->ZIi[i] = out->PIi[i] = NAN;
			out->quad[i] = MORAN_QUAD_NONE;
		} else {
			out->ZIi[i] = (out->Ii[i] - out->EIi[i]) /
			    sqrt(out->VarIi[i]);
			out->PIi[i] = stats_norm_p2(out->ZIi[i]);
			if (zi > 0)
				out->quad[i] = lz[i] > 0 ? MORAN_QUAD_HH :
				    MORAN_QUAD_HL;
			else
				out->quad[i] = lz[i] > 0 ? MORAN_QUAD_LH :
				    MORAN_QUAD_LL;
		}
	}
	if (permutations > 0 && out->p_sim != NULL) {
		uint32_t *draws, *pool, *invp, *invc;
		size_t *invoff;
		double *S;
		struct rng r;
		unsigned long p;
		struct lperm L[8];
		pthread_t th[8];
		int started[8] = { 0 };
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		size_t nt, t;

		if (kmax > n - 1) {
			rc = sv_diag_set(diag, SV_ERR_INVALID, "weights", "a "
			    "unit has more neighbours than other units");
			goto out;
		}
		draws = sv_malloc((kmax ? kmax : 1) * permutations *
		    sizeof(uint32_t));
		pool = sv_malloc(n * sizeof(uint32_t));
		for (i = 0; i < n - 1; i++)
			pool[i] = (uint32_t)i;
		rng_seed(&r, seed);
		/* R partial Fisher-Yates draws of kmax from n - 1. */
		for (p = 0; p < permutations; p++)
			for (k = 0; k < kmax; k++) {
				size_t j = k + (size_t)rng_below(&r, n - 1 - k);
				uint32_t tmp = pool[k];

				pool[k] = pool[j];
				pool[j] = tmp;
				draws[p * kmax + k] = pool[k];
			}
		/* Prefix sums of the drawn values, and where each unit was drawn. */
		S = sv_malloc(permutations * (kmax + 1) * sizeof(double));
		invoff = sv_calloc(n + 1, sizeof(size_t));
		invp = sv_malloc((kmax ? kmax : 1) * permutations *
		    sizeof(uint32_t));
		invc = sv_malloc((kmax ? kmax : 1) * permutations *
		    sizeof(uint32_t));
		for (p = 0; p < permutations; p++) {
			double *sp = S + p * (kmax + 1);

			sp[0] = 0;
			for (k = 0; k < kmax; k++) {
				sp[k + 1] = sp[k] + z[draws[p * kmax + k]];
				invoff[draws[p * kmax + k] + 1]++;
			}
		}
		for (i = 0; i < n; i++)
			invoff[i + 1] += invoff[i];
		{
			size_t *fill = sv_malloc((n + 1) * sizeof(size_t));

			memcpy(fill, invoff, (n + 1) * sizeof(size_t));
			for (p = 0; p < permutations; p++)
				for (k = 0; k < kmax; k++) {
					uint32_t v = draws[p * kmax + k];

					invp[fill[v]] = (uint32_t)p;
					invc[fill[v]++] = (uint32_t)k;
				}
			free(fill);
		}
		nt = ncpu > 1 ? (size_t)ncpu : 1;
		if (nt > 8)
			nt = 8;
		if ((double)n * (double)permutations < 2e6)
			nt = 1;
		for (t = 0; t < nt; t++) {
			L[t].w = w;
			L[t].z = z;
			L[t].draws = draws;
			L[t].kmax = kmax;
			L[t].S = S;
			L[t].invoff = invoff;
			L[t].invp = invp;
			L[t].invc = invc;
			L[t].R = permutations;
			L[t].m2 = m2;
			L[t].Ii = out->Ii;
			L[t].p_sim = out->p_sim;
			L[t].lo = n * t / nt;
			L[t].hi = n * (t + 1) / nt;
		}
		for (t = 1; t < nt; t++)
			started[t] = pthread_create(&th[t], NULL, lperm_run,
			    &L[t]) == 0;
		lperm_run(&L[0]);
		for (t = 1; t < nt; t++) {
			if (started[t])
				pthread_join(th[t], NULL);
			else
				lperm_run(&L[t]);
		}
		free(draws);
		free(pool);
		free(S);
		free(invoff);
		free(invp);
		free(invc);
	} else if (out->p_sim != NULL)
		for (i = 0; i < n; i++)
			out->p_sim[i] = NAN;
	rc = SV_OK;
out:
	free(z);
	free(lz);
	return rc;
}
