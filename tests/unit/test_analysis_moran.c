/*
 * Moran's I (global, local) and Getis-Ord Gi* against R spdep 1.2-7 on
 * the 2024 polisen event counts per kommun (sweden_reference), the
 * permutation inference, Benjamini-Hochberg against R p.adjust, and bad
 * input (zero variance, NaN, too few units).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "analysis/getisord.h"
#include "analysis/moran.h"
#include "analysis/stats.h"
#include "test_analysis_util.h"

#define REL	1e-9

struct fixture {
	struct tu_kommuner	 k;
	struct tu_csv		 local;
	struct weights		*w;	/* queen, row standardised */
	double			*x;
};

static int
setup(void **state)
{
	struct fixture *f = sv_calloc(1, sizeof(*f));
	struct sv_diag diag;
	char path[512];
	size_t i, cx, ck;

	tu_kommuner_load(&f->k);
	if (weights_contiguity(f->k.areas, f->k.n, 1, WEIGHTS_SNAP_DEFAULT,
	    &f->w, &diag) != SV_OK)
		return -1;
	weights_set_style(f->w, WEIGHTS_ROW);
	tu_csv_read(tu_path("sweden_reference/kommun_events2024_local_spdep.csv",
	    path, sizeof(path)), &f->local);
	if (f->local.nrows != f->k.n + 1)
		return -1;
	cx = tu_csv_col(&f->local, "log1p_events");
	ck = tu_csv_col(&f->local, "kn_kod");
	f->x = sv_calloc(f->k.n, sizeof(double));
	for (i = 0; i < f->k.n; i++) {
		/* Same order (by kn_kod) on both sides. */
		if (strcmp(f->local.cell[i + 1][ck], f->k.code[i]) != 0)
			return -1;
		f->x[i] = tu_num(f->local.cell[i + 1][cx]);
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	weights_free(f->w);
	tu_csv_free(&f->local);
	tu_kommuner_free(&f->k);
	free(f->x);
	free(f);
	return 0;
}

static void
check(double got, double want, const char *what, size_t row)
{
	if (!tu_close(got, want, REL, 1e-15))
		fail_msg("%s row %zu: got %.17g want %.17g", what, row, got,
		    want);
}

static void
test_global(void **state)
{
	struct fixture *f = *state;
	struct moran_global g, g2;
	struct sv_diag diag;
	json_t *ref;
	json_error_t jerr;
	char path[512];
	double *counts;
	size_t i;

	ref = json_load_file(tu_path("sweden_reference/"
	    "kommun_events2024_global_spdep.json", path, sizeof(path)), 0,
	    &jerr);
	assert_non_null(ref);
	assert_int_equal(moran_global(f->x, f->w, 0, 1, &g, &diag), SV_OK);
	check(g.I, json_real_value(json_object_get(ref, "moran_I")), "I", 0);
	check(g.EI, json_real_value(json_object_get(ref, "moran_EI")), "EI",
	    0);
	check(g.var_rand, json_real_value(json_object_get(ref, "moran_var")),
	    "var", 0);
	check(g.z_rand, json_real_value(json_object_get(ref, "moran_z")), "z",
	    0);
	assert_int_equal(g.n_used, 285);
	assert_true(isnan(g.p_sim));
	counts = sv_calloc(f->k.n, sizeof(double));
	for (i = 0; i < f->k.n; i++)
		counts[i] = tu_num(f->local.cell[i + 1][tu_csv_col(&f->local,
		    "events_2024")]);
	assert_int_equal(moran_global(counts, f->w, 0, 1, &g2, &diag), SV_OK);
	check(g2.I, json_real_value(json_object_get(ref,
	    "moran_I_raw_counts")), "I raw", 0);
	check(g2.z_rand, json_real_value(json_object_get(ref,
	    "moran_z_raw_counts")), "z raw", 0);
	free(counts);
	json_decref(ref);

	/* Permutations: I is far in the tail (z = 4.4). */
	assert_int_equal(moran_global(f->x, f->w, 999, 42, &g, &diag), SV_OK);
	assert_true(g.p_sim <= 0.002);
	assert_true(fabs(g.sim_mean - g.EI) < 0.005);
	assert_true(fabs(g.sim_sd - sqrt(g.var_rand)) < 0.01);
	assert_int_equal(moran_global(f->x, f->w, 999, 42, &g2, &diag), SV_OK);
	assert_true(g.sim_mean == g2.sim_mean);
}

static void
test_local(void **state)
{
	struct fixture *f = *state;
	size_t n = f->k.n, i, r;
	struct moran_local L;
	struct sv_diag diag;
	double *buf = sv_calloc(6 * n, sizeof(double)), *again;
	static const char *cols[] = { "Ii", "E_Ii", "Var_Ii", "Z_Ii", "P_Ii" };

	L.Ii = buf;
	L.EIi = buf + n;
	L.VarIi = buf + 2 * n;
	L.ZIi = buf + 3 * n;
	L.PIi = buf + 4 * n;
	L.p_sim = buf + 5 * n;
	L.quad = sv_calloc(n, sizeof(*L.quad));
	assert_int_equal(moran_local(f->x, f->w, 999, 7, &L, &diag), SV_OK);
	for (r = 0; r < 5; r++) {
		size_t c = tu_csv_col(&f->local, cols[r]);

		for (i = 0; i < n; i++)
			check(buf[r * n + i], tu_num(f->local.cell[i + 1][c]),
			    cols[r], i + 1);
	}
	/* Islands: NaN z and p, no quadrant, no pseudo p. */
	for (i = 0; i < n; i++) {
		int island = f->w->off[i + 1] == f->w->off[i];

		assert_int_equal(island, isnan(L.ZIi[i]));
		assert_int_equal(island, L.quad[i] == MORAN_QUAD_NONE);
		assert_int_equal(island, isnan(L.p_sim[i]));
		if (!island) {
			assert_true(L.p_sim[i] >= 1.0 / 1000 &&
			    L.p_sim[i] <= 0.5 + 1e-12);
			/* Pseudo and normal p agree roughly. */
			if (L.PIi[i] < 0.001)
				assert_true(L.p_sim[i] < 0.02);
		}
	}
	/* Same seed, same answer; the result is thread-count independent. */
	again = sv_calloc(n, sizeof(double));
	memcpy(again, L.p_sim, n * sizeof(double));
	assert_int_equal(moran_local(f->x, f->w, 999, 7, &L, &diag), SV_OK);
	assert_memory_equal(again, L.p_sim, n * sizeof(double));
	free(again);
	free(buf);
	free(L.quad);
}

static void
test_gistar(void **state)
{
	struct fixture *f = *state;
	struct weights *wb;
	struct sv_diag diag;
	size_t n = f->k.n, i, c = tu_csv_col(&f->local, "Gistar_z");
	double *z = sv_calloc(n, sizeof(double));
	double *p = sv_calloc(n, sizeof(double));

	assert_int_equal(weights_contiguity(f->k.areas, n, 1,
	    WEIGHTS_SNAP_DEFAULT, &wb, &diag), SV_OK);
	weights_include_self(wb);
	assert_int_equal(getisord_local(f->x, wb, z, p, &diag), SV_OK);
	for (i = 0; i < n; i++)
		check(z[i], tu_num(f->local.cell[i + 1][c]), "Gistar_z", i + 1);
	for (i = 0; i < n; i++)
		assert_true(p[i] > 0 && p[i] <= 1);
	weights_free(wb);
	free(z);
	free(p);
}

/* Gi (without self) by hand on a path 0-1-2-3 with binary weights. */
static void
test_gi_hand(void **state)
{
	static const double xy[] = { 0,0, 1,0, 2,0, 3,0 };
	static const double x[] = { 1, 2, 4, 8 };
	struct weights *w;
	struct sv_diag diag;
	double z[4];
	size_t i;

	(void)state;
	assert_int_equal(weights_distance_band(xy, 4, 1.0, 0, &w, &diag),
	    SV_OK);
	assert_int_equal(getisord_local(x, w, z, NULL, &diag), SV_OK);
	for (i = 0; i < 4; i++) {
		/* Direct from the definition, other units only. */
		double sum = 0, sum2 = 0, lag = 0, Wi = 0, xb, s2, v;
		size_t j, k;

		for (j = 0; j < 4; j++)
			if (j != i) {
				sum += x[j];
				sum2 += x[j] * x[j];
			}
		xb = sum / 3;
		s2 = sum2 / 3 - xb * xb;
		for (k = w->off[i]; k < w->off[i + 1]; k++) {
			lag += x[w->nbr[k]];
			Wi += 1;
		}
		v = s2 * ((3 * Wi - Wi * Wi) / 2);
		assert_true(fabs(z[i] - (lag - Wi * xb) / sqrt(v)) < 1e-12);
	}
	weights_free(w);
}

static void
test_bh(void **state)
{
	double p[] = { 0.01, 0.04, 0.03, 0.2, NAN, 0.04, 0.9, 0.001 };
	static const double want[] = { 0.035, 0.056, 0.056,
	    0.2333333333333333648, NAN, 0.056, 0.9, 0.007 };
	size_t i;

	(void)state;
	stats_fdr_bh(p, 8, p);
	for (i = 0; i < 8; i++)
		assert_true(tu_close(p[i], want[i], 1e-15, 0));
	assert_true(fabs(stats_norm_p2(1.959963984540054) - 0.05) < 1e-15);
	assert_true(isnan(stats_norm_p2(NAN)));
}

static void
test_bad(void **state)
{
	struct fixture *f = *state;
	size_t n = f->k.n;
	double *x = sv_calloc(n, sizeof(double));
	struct moran_global g;
	struct moran_local L;
	struct sv_diag diag;
	double buf[5 * 3];
	enum moran_quad q[3];

	(void)state;
	/* All values equal. */
	assert_int_equal(moran_global(x, f->w, 0, 1, &g, &diag),
	    SV_ERR_INVALID);
	assert_non_null(strstr(diag.message, "equal"));
	assert_int_equal(getisord_local(x, f->w, x, NULL, &diag),
	    SV_ERR_INVALID);
	/* NaN names the unit. */
	memcpy(x, f->x, n * sizeof(double));
	x[17] = NAN;
	assert_int_equal(moran_global(x, f->w, 0, 1, &g, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(diag.line, 18);
	free(x);
	/* Three units. */
	{
		static const double xy[] = { 0,0, 1,0, 2,0 };
		static const double v[] = { 1, 2, 5 };
		struct weights *w;

		assert_int_equal(weights_distance_band(xy, 3, 1.0, 0, &w,
		    &diag), SV_OK);
		assert_int_equal(moran_global(v, w, 0, 1, &g, &diag),
		    SV_ERR_INVALID);
		L.Ii = buf;
		L.EIi = buf + 3;
		L.VarIi = buf + 6;
		L.ZIi = buf + 9;
		L.PIi = buf + 12;
		L.p_sim = NULL;
		L.quad = q;
		assert_int_equal(moran_local(v, w, 99, 1, &L, &diag), SV_OK);
		weights_include_self(w);
		assert_int_equal(moran_local(v, w, 0, 1, &L, &diag),
		    SV_ERR_INVALID);
		weights_free(w);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_global),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_gistar),
		cmocka_unit_test(test_gi_hand),
		cmocka_unit_test(test_bh),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
