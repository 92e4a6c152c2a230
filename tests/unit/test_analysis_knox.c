/*
 * Knox / near-repeat: the observed tables of the two Chicago data sets
 * equal the recount in nearrepeat/knox_reference_results.json exactly
 * (the Near Repeat Calculator's left-closed bands, Manhattan distance),
 * the Monte Carlo part is seeded and sane, and the 2x2 Knox test on
 * Burkitt's lymphoma data matches R surveillance::knox.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "analysis/knox.h"
#include "test_analysis_util.h"

/* Days since 1970-01-01 of a YYYY-MM-DD date (H. Hinnant's algorithm). */
static double
days_from_civil(const char *s)
{
	long y = strtol(s, NULL, 10), m = strtol(s + 5, NULL, 10);
	long d = strtol(s + 8, NULL, 10), era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (double)(era * 146097 + doe - 719468);
}

static json_t *
reference(void)
{
	char path[512];
	json_error_t jerr;
	json_t *j = json_load_file(tu_path("nearrepeat/"
	    "knox_reference_results.json", path, sizeof(path)), 0, &jerr);

	assert_non_null(j);
	return j;
}

static void
load_steenbeek(const char *file, double **xy, double **t, size_t *n)
{
	struct tu_csv c;
	char path[512];
	size_t i;

	/* No header: X, Y, date. */
	tu_csv_read(tu_path(file, path, sizeof(path)), &c);
	*n = c.nrows;
	*xy = sv_calloc(2 * *n, sizeof(double));
	*t = sv_calloc(*n, sizeof(double));
	for (i = 0; i < *n; i++) {
		(*xy)[2 * i] = tu_num(c.cell[i][0]);
		(*xy)[2 * i + 1] = tu_num(c.cell[i][1]);
		(*t)[i] = days_from_civil(c.cell[i][2]);
	}
	tu_csv_free(&c);
}

static void
check_table(const char *file, const char *key, const double *sb, size_t ns,
    const double *tb, size_t nt, unsigned long perms)
{
	json_t *ref = reference(), *counts;
	struct knox_params kp;
	struct knox_table kt, again;
	struct sv_diag diag;
	double *xy, *t, total = 0;
	size_t n, r, c;

	load_steenbeek(file, &xy, &t, &n);
	assert_int_equal(n, json_integer_value(json_object_get(
	    json_object_get(ref, key), "n")));
	memset(&kp, 0, sizeof(kp));
	kp.space_breaks = sb;
	kp.nspace = ns;
	kp.time_breaks = tb;
	kp.ntime = nt;
	kp.metric = KNOX_MANHATTAN;
	kp.permutations = perms;
	kp.seed = 1;
	assert_int_equal(knox_table(xy, t, n, &kp, &kt, &diag), SV_OK);
	counts = json_object_get(json_object_get(json_object_get(ref, key),
	    "manhattan_leftclosed"), "counts");
	assert_int_equal(json_array_size(counts), kt.rows);
	for (r = 0; r < kt.rows; r++)
		for (c = 0; c < kt.cols; c++) {
			double want = (double)json_integer_value(
			    json_array_get(json_array_get(counts, r), c));

			if (kt.observed[r * kt.cols + c] != want)
				fail_msg("%s cell %zu,%zu: %.0f vs %.0f", key,
				    r, c, kt.observed[r * kt.cols + c], want);
			total += want;
		}
	assert_true(total == kt.npairs);
	/* Expectations add up to the same margins; p in (0, 1]. */
	for (c = 0; c < kt.cols; c++) {
		double so = 0, se = 0;

		for (r = 0; r < kt.rows; r++) {
			so += kt.observed[r * kt.cols + c];
			se += kt.expected[r * kt.cols + c];
			assert_true(kt.p[r * kt.cols + c] > 0 &&
			    kt.p[r * kt.cols + c] <= 1);
		}
		assert_true(fabs(so - se) < 1e-6 * so + 1e-9);
	}
	/* Seeded: the same again. */
	assert_int_equal(knox_table(xy, t, n, &kp, &again, &diag), SV_OK);
	assert_memory_equal(kt.expected, again.expected,
	    kt.rows * kt.cols * sizeof(double));
	knox_table_free(&again);
	knox_table_free(&kt);
	free(xy);
	free(t);
	json_decref(ref);
}

static void
test_be_month1(void **state)
{
	static const double sb[] = { 1, 100, 200, 300 };
	static const double tb[] = { 7, 14, 21 };

	(void)state;
	check_table("nearrepeat/steenbeek_chicago_be_month1.csv",
	    "chicago_be_month1", sb, 4, tb, 3, 19);
}

static void
test_arson(void **state)
{
	static const double sb[] = { 1, 200, 400, 600 };
	static const double tb[] = { 1, 2, 3 };

	(void)state;
	check_table("nearrepeat/steenbeek_chicago_arson.csv", "chicago_arson",
	    sb, 4, tb, 3, 99);
}

static void
test_burkitt(void **state)
{
	json_t *ref = reference(), *res;
	struct tu_csv c;
	struct sv_diag diag;
	char path[512];
	double *xy, *t;
	size_t n, i, cx, cy, ct;

	(void)state;
	tu_csv_read(tu_path("nearrepeat/burkitt_uganda_1961_1975.csv", path,
	    sizeof(path)), &c);
	n = c.nrows - 1;
	assert_int_equal(n, 188);
	cx = tu_csv_col(&c, "X");
	cy = tu_csv_col(&c, "Y");
	ct = tu_csv_col(&c, "T");
	xy = sv_calloc(2 * n, sizeof(double));
	t = sv_calloc(n, sizeof(double));
	for (i = 0; i < n; i++) {
		xy[2 * i] = tu_num(c.cell[i + 1][cx]);
		xy[2 * i + 1] = tu_num(c.cell[i + 1][cy]);
		t[i] = tu_num(c.cell[i + 1][ct]);
	}
	res = json_object_get(json_object_get(ref, "burkitt"), "results");
	assert_int_equal(json_array_size(res), 12);
	for (i = 0; i < json_array_size(res); i++) {
		json_t *r = json_array_get(res, i), *tab;
		struct knox_2x2 k;
		double es = json_number_value(json_object_get(r, "eps_s"));
		double et = json_number_value(json_object_get(r, "eps_t"));
		size_t a, b;

		assert_int_equal(knox_test_2x2(xy, t, n, es, et,
		    KNOX_EUCLIDEAN, 999, 1, &k, &diag), SV_OK);
		assert_true(k.observed == json_number_value(json_object_get(r,
		    "close_pairs")));
		tab = json_object_get(r, "table");
		for (a = 0; a < 2; a++)
			for (b = 0; b < 2; b++)
				assert_true(k.table[a][b] == json_number_value(
				    json_array_get(json_array_get(tab, a), b)));
		assert_true(tu_close(k.expected, json_number_value(
		    json_object_get(r, "expected")), 1e-12, 0));
		if (!tu_close(k.p_poisson, json_number_value(json_object_get(r,
		    "poisson_p")), 1e-9, 0))
			fail_msg("eps %g/%g: poisson p %.17g vs %.17g", es, et,
			    k.p_poisson, json_number_value(json_object_get(r,
			    "poisson_p")));
		/* Monte Carlo: other RNG; within sampling error (4 sd). */
		assert_true(fabs(k.p_mc - json_number_value(json_object_get(r,
		    "mc_p_seed1_B999"))) < 0.07);
	}
	free(xy);
	free(t);
	tu_csv_free(&c);
	json_decref(ref);
}

static void
test_small_and_bad(void **state)
{
	/* Three events on a line: pairs at distance 0, 50, 50; times 0 1 9. */
	double xy[] = { 0, 0, 0, 0, 50, 0 }, t[] = { 0, 1, 9 };
	static const double sb[] = { 1, 100 }, tb[] = { 2 };
	static const double bad[] = { 100, 100 };
	struct knox_params kp = { sb, 2, tb, 1, KNOX_EUCLIDEAN, 0, 1 };
	struct knox_table kt;
	struct sv_diag diag;

	(void)state;
	assert_int_equal(knox_table(xy, t, 3, &kp, &kt, &diag), SV_OK);
	/* Rows [0,1) [1,100) [100,inf); cols [0,2) [2,inf). */
	assert_true(kt.observed[0] == 1 && kt.observed[1] == 0);
	assert_true(kt.observed[2] == 0 && kt.observed[3] == 2);
	assert_true(kt.observed[4] == 0 && kt.observed[5] == 0);
	assert_true(isnan(kt.ratio[0]));
	knox_table_free(&kt);
	/* A pair exactly at a limit goes to the upper band. */
	xy[4] = 100;
	assert_int_equal(knox_table(xy, t, 3, &kp, &kt, &diag), SV_OK);
	assert_true(kt.observed[5] == 2);
	knox_table_free(&kt);
	assert_int_equal(knox_table(xy, t, 1, &kp, &kt, &diag),
	    SV_ERR_INVALID);
	kp.space_breaks = bad;
	assert_int_equal(knox_table(xy, t, 3, &kp, &kt, &diag),
	    SV_ERR_INVALID);
	kp.space_breaks = sb;
	t[2] = NAN;
	assert_int_equal(knox_table(xy, t, 3, &kp, &kt, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(diag.line, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_be_month1),
		cmocka_unit_test(test_arson),
		cmocka_unit_test(test_burkitt),
		cmocka_unit_test(test_small_and_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
