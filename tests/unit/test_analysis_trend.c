/*
 * Trends against base R numbers in tests/data/analysis/
 * trend_reference.json (make_trend_reference.R): poisson.test rate
 * ratios, Mann-Kendall via cor.test(kendall), top 5 % share and Gini.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "analysis/trend.h"
#include "test_analysis_util.h"

static json_t *
reference(void)
{
	char path[512];
	json_error_t jerr;
	json_t *j = json_load_file(tu_src_path("tests/data/analysis/"
	    "trend_reference.json", path, sizeof(path)), 0, &jerr);

	assert_non_null(j);
	return j;
}

static double
num(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	if (json_is_string(v))
		return strcmp(json_string_value(v), "Inf") == 0 ? INFINITY :
		    NAN;
	return json_number_value(v);
}

static double *
array(json_t *a, size_t *n)
{
	double *x;
	size_t i;

	*n = json_array_size(a);
	x = sv_calloc(*n ? *n : 1, sizeof(double));
	for (i = 0; i < *n; i++)
		x[i] = json_number_value(json_array_get(a, i));
	return x;
}

static void
test_rate_ratio(void **state)
{
	json_t *ref = reference(), *v;
	struct trend_rate r;
	struct sv_diag diag;
	size_t i;

	(void)state;
	json_array_foreach(json_object_get(ref, "rate_ratio"), i, v) {
		assert_int_equal(trend_rate_ratio(num(v, "c1"), num(v, "t1"),
		    num(v, "c0"), num(v, "t0"), &r, &diag), SV_OK);
		if (!tu_close(r.ratio, num(v, "ratio"), 1e-12, 0) &&
		    !(isinf(r.ratio) && isinf(num(v, "ratio"))))
			fail_msg("case %zu ratio %g", i, r.ratio);
		if (!tu_close(r.p, num(v, "p"), 1e-9, 1e-300))
			fail_msg("case %zu p %.17g vs %.17g", i, r.p,
			    num(v, "p"));
	}
	assert_int_equal(trend_rate_ratio(-1, 1, 1, 1, &r, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(trend_rate_ratio(1.5, 1, 1, 1, &r, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(trend_rate_ratio(1, 0, 1, 1, &r, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(trend_rate_ratio(0, 1, 0, 1, &r, &diag), SV_OK);
	assert_true(isnan(r.ratio) && r.p == 1);
	json_decref(ref);
}

static void
test_mann_kendall(void **state)
{
	json_t *ref = reference(), *v;
	struct trend_mk mk;
	struct sv_diag diag;
	size_t i, n;
	double *x;

	(void)state;
	json_array_foreach(json_object_get(ref, "mann_kendall"), i, v) {
		x = array(json_object_get(v, "x"), &n);
		assert_int_equal(trend_mann_kendall(x, n, &mk, &diag), SV_OK);
		assert_true(mk.S == num(v, "S"));
		if (!tu_close(mk.z, num(v, "z"), 1e-12, 1e-15) ||
		    !tu_close(mk.p, num(v, "p"), 1e-9, 0) ||
		    !tu_close(mk.tau, num(v, "tau"), 1e-12, 1e-15))
			fail_msg("series %zu: z %.17g p %.17g tau %.17g", i,
			    mk.z, mk.p, mk.tau);
		free(x);
	}
	{
		double two[] = { 1, 2 }, flat[] = { 3, 3, 3, 3 };

		assert_int_equal(trend_mann_kendall(two, 2, &mk, &diag),
		    SV_ERR_INVALID);
		assert_int_equal(trend_mann_kendall(flat, 4, &mk, &diag),
		    SV_OK);
		assert_true(mk.S == 0 && isnan(mk.z));
	}
	json_decref(ref);
}

static void
test_concentration(void **state)
{
	json_t *ref = reference(), *v;
	struct trend_conc c;
	struct sv_diag diag;
	size_t i, n;
	double *x;

	(void)state;
	json_array_foreach(json_object_get(ref, "concentration"), i, v) {
		x = array(json_object_get(v, "x"), &n);
		assert_int_equal(trend_concentration(x, n, &c, &diag), SV_OK);
		assert_true(tu_close(c.top5_share, num(v, "top5_share"),
		    1e-12, 1e-15));
		assert_true(tu_close(c.gini, num(v, "gini"), 1e-12, 1e-15));
		free(x);
	}
	{
		double z[] = { 0, 0 }, neg[] = { 1, -1 };

		assert_int_equal(trend_concentration(z, 2, &c, &diag),
		    SV_ERR_INVALID);
		assert_int_equal(trend_concentration(neg, 2, &c, &diag),
		    SV_ERR_INVALID);
		assert_int_equal(trend_concentration(z, 0, &c, &diag),
		    SV_ERR_INVALID);
	}
	json_decref(ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate_ratio),
		cmocka_unit_test(test_mann_kendall),
		cmocka_unit_test(test_concentration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
