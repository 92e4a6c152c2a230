/*
 * Kernel density against spatstat 3.0-3 (kde_reference: chicago, sigma
 * 100): at the points (Gaussian, quartic, leave-one-out), the 40x40
 * Gaussian pixel image, the single-point kernel profiles; the binned and
 * exact grid methods against each other; bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "analysis/kde.h"
#include "test_analysis_util.h"

struct chicago {
	struct tu_csv	 csv;
	double		*xy;
	size_t		 n;
};

static void
chicago_load(struct chicago *c)
{
	char path[512];
	size_t i, cx, cy;

	tu_csv_read(tu_path("kde_reference/chicago_points_kde_at_points.csv",
	    path, sizeof(path)), &c->csv);
	c->n = c->csv.nrows - 1;
	c->xy = sv_calloc(2 * c->n, sizeof(double));
	cx = tu_csv_col(&c->csv, "x");
	cy = tu_csv_col(&c->csv, "y");
	for (i = 0; i < c->n; i++) {
		c->xy[2 * i] = tu_num(c->csv.cell[i + 1][cx]);
		c->xy[2 * i + 1] = tu_num(c->csv.cell[i + 1][cy]);
	}
}

static void
test_at_points(void **state)
{
	struct chicago c;
	struct sv_diag diag;
	double *d;
	size_t i, col;

	(void)state;
	chicago_load(&c);
	assert_int_equal(c.n, 116);
	d = sv_calloc(c.n, sizeof(double));
	assert_int_equal(kde_at(c.xy, c.n, c.xy, c.n, KDE_GAUSSIAN, 100, 0, d,
	    &diag), SV_OK);
	col = tu_csv_col(&c.csv, "dens_gauss_sigma100");
	for (i = 0; i < c.n; i++)
		assert_true(tu_close(d[i], tu_num(c.csv.cell[i + 1][col]),
		    1e-12, 0));
	assert_int_equal(kde_at(c.xy, c.n, c.xy, c.n, KDE_QUARTIC, 100, 0, d,
	    &diag), SV_OK);
	col = tu_csv_col(&c.csv, "dens_quartic_sigma100");
	for (i = 0; i < c.n; i++)
		assert_true(tu_close(d[i], tu_num(c.csv.cell[i + 1][col]),
		    1e-12, 0));
	assert_int_equal(kde_at(c.xy, c.n, c.xy, c.n, KDE_GAUSSIAN, 100, 1, d,
	    &diag), SV_OK);
	col = tu_csv_col(&c.csv, "dens_gauss_sigma100_leaveoneout");
	for (i = 0; i < c.n; i++)
		assert_true(tu_close(d[i], tu_num(c.csv.cell[i + 1][col]),
		    1e-12, 0));
	free(d);
	free(c.xy);
	tu_csv_free(&c.csv);
}

static void
test_grid(void **state)
{
	struct chicago c;
	struct tu_csv ref;
	struct kde_grid g;
	struct sv_diag diag;
	json_t *sum;
	json_error_t jerr;
	char path[512];
	double *d, *e, mx = 0, total = 0;
	size_t i, j, outside, cx, cy, cv;

	(void)state;
	chicago_load(&c);
	sum = json_load_file(tu_path("kde_reference/"
	    "chicago_kde_summary_spatstat.json", path, sizeof(path)), 0, &jerr);
	assert_non_null(sum);
	g.x0 = json_real_value(json_array_get(json_object_get(sum,
	    "window_xrange"), 0));
	g.y0 = json_real_value(json_array_get(json_object_get(sum,
	    "window_yrange"), 0));
	g.dx = (json_real_value(json_array_get(json_object_get(sum,
	    "window_xrange"), 1)) - g.x0) / 40;
	g.dy = (json_real_value(json_array_get(json_object_get(sum,
	    "window_yrange"), 1)) - g.y0) / 40;
	g.nx = g.ny = 40;
	d = sv_calloc(1600, sizeof(double));
	e = sv_calloc(1600, sizeof(double));
	assert_int_equal(kde_grid(c.xy, c.n, &g, KDE_GAUSSIAN, 100,
	    KDE_GRID_BINNED, d, &outside, &diag), SV_OK);
	assert_int_equal(outside, 0);
	tu_csv_read(tu_path("kde_reference/"
	    "chicago_kde_gauss_sigma100_grid40x40.csv", path, sizeof(path)),
	    &ref);
	assert_int_equal(ref.nrows, 1601);
	cx = tu_csv_col(&ref, "x");
	cy = tu_csv_col(&ref, "y");
	cv = tu_csv_col(&ref, "value");
	for (i = 1; i < ref.nrows; i++)
		mx = fmax(mx, tu_num(ref.cell[i][cv]));
	for (i = 1; i < ref.nrows; i++) {
		double x = tu_num(ref.cell[i][cx]), y = tu_num(ref.cell[i][cy]);
		size_t pi = (size_t)floor((x - g.x0) / g.dx);
		size_t pj = (size_t)floor((y - g.y0) / g.dy);
		double got = d[pj * 40 + pi], want = tu_num(ref.cell[i][cv]);

		/* spatstat's FFT leaves ~1e-14 of the maximum as noise. */
		if (!tu_close(got, want, 1e-9, 1e-12 * mx))
			fail_msg("cell %zu,%zu: %.17g vs %.17g", pi, pj, got,
			    want);
	}
	for (i = 0; i < 1600; i++)
		total += d[i];
	assert_true(tu_close(total * g.dx * g.dy, json_real_value(
	    json_object_get(sum, "grid_sum_times_pixel_area")), 1e-10, 0));
	/* Exact at centres differs from binned by a few percent here. */
	assert_int_equal(kde_grid(c.xy, c.n, &g, KDE_GAUSSIAN, 100,
	    KDE_GRID_EXACT, e, NULL, &diag), SV_OK);
	for (j = 0; j < 1600; j++)
		assert_true(fabs(e[j] - d[j]) < 0.05 * mx);
	/* Quartic binned == exact when points sit on pixel centres. */
	for (i = 0; i < c.n; i++) {
		c.xy[2 * i] = g.x0 + (floor((c.xy[2 * i] - g.x0) / g.dx) +
		    0.5) * g.dx;
		c.xy[2 * i + 1] = g.y0 + (floor((c.xy[2 * i + 1] - g.y0) /
		    g.dy) + 0.5) * g.dy;
		if (c.xy[2 * i] > g.x0 + 40 * g.dx)
			c.xy[2 * i] -= g.dx;
		if (c.xy[2 * i + 1] > g.y0 + 40 * g.dy)
			c.xy[2 * i + 1] -= g.dy;
	}
	assert_int_equal(kde_grid(c.xy, c.n, &g, KDE_QUARTIC, 60,
	    KDE_GRID_BINNED, d, NULL, &diag), SV_OK);
	assert_int_equal(kde_grid(c.xy, c.n, &g, KDE_QUARTIC, 60,
	    KDE_GRID_EXACT, e, NULL, &diag), SV_OK);
	mx = 0;
	for (j = 0; j < 1600; j++)
		mx = fmax(mx, e[j]);
	for (j = 0; j < 1600; j++)
		assert_true(fabs(e[j] - d[j]) <= 1e-12 * mx);
	/* And the Gaussian the same way. */
	assert_int_equal(kde_grid(c.xy, c.n, &g, KDE_GAUSSIAN, 60,
	    KDE_GRID_BINNED, d, NULL, &diag), SV_OK);
	assert_int_equal(kde_grid(c.xy, c.n, &g, KDE_GAUSSIAN, 60,
	    KDE_GRID_EXACT, e, NULL, &diag), SV_OK);
	for (j = 0; j < 1600; j++)
		assert_true(fabs(e[j] - d[j]) <= 1e-12 * mx);
	free(d);
	free(e);
	json_decref(sum);
	tu_csv_free(&ref);
	free(c.xy);
	tu_csv_free(&c.csv);
}

static void
test_profiles(void **state)
{
	static const char *qd[] = { "0", "50", "100", "200", "250", "282",
	    "283" };
	json_t *sum, *q, *gs;
	json_error_t jerr;
	char path[512];
	size_t i;

	(void)state;
	sum = json_load_file(tu_path("kde_reference/"
	    "chicago_kde_summary_spatstat.json", path, sizeof(path)), 0, &jerr);
	assert_non_null(sum);
	q = json_object_get(sum, "single_point_quartic_sigma100_at_distance");
	gs = json_object_get(sum, "single_point_gauss_sigma100_at_distance");
	for (i = 0; i < 7; i++) {
		double want = json_number_value(json_object_get(q, qd[i]));

		assert_true(tu_close(kde_kernel_value(KDE_QUARTIC, 100,
		    strtod(qd[i], NULL)), want, 1e-10, 0));
		if (i < 5)
			assert_true(tu_close(kde_kernel_value(KDE_GAUSSIAN,
			    100, strtod(qd[i], NULL)), json_number_value(
			    json_object_get(gs, qd[i])), 1e-12, 0));
	}
	json_decref(sum);
}

static void
test_bad(void **state)
{
	double xy[] = { 0, 0, 1, NAN }, out[2];
	struct kde_grid g = { 0, 0, 1, 1, 2, 1 };
	struct sv_diag diag;
	size_t outside;

	(void)state;
	assert_int_equal(kde_at(xy, 1, xy, 1, KDE_GAUSSIAN, 0, 0, out, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(kde_at(xy, 2, xy, 2, KDE_GAUSSIAN, 1, 0, out, &diag),
	    SV_ERR_INVALID);
	assert_int_equal(diag.line, 2);
	assert_int_equal(kde_at(xy, 1, xy + 2, 1, KDE_GAUSSIAN, 1, 1, out,
	    &diag), SV_ERR_INVALID);
	g.nx = 0;
	assert_int_equal(kde_grid(xy, 1, &g, KDE_QUARTIC, 1, KDE_GRID_BINNED,
	    out, NULL, &diag), SV_ERR_INVALID);
	g.nx = 2;
	g.dx = -1;
	assert_int_equal(kde_grid(xy, 1, &g, KDE_QUARTIC, 1, KDE_GRID_BINNED,
	    out, NULL, &diag), SV_ERR_INVALID);
	/* Empty input is a zero surface; a point outside is counted. */
	g.dx = 1;
	xy[0] = 5;
	assert_int_equal(kde_grid(xy, 1, &g, KDE_QUARTIC, 1, KDE_GRID_BINNED,
	    out, &outside, &diag), SV_OK);
	assert_int_equal(outside, 1);
	assert_true(out[0] == 0 && out[1] == 0);
	assert_int_equal(kde_grid(xy, 0, &g, KDE_GAUSSIAN, 1, KDE_GRID_BINNED,
	    out, &outside, &diag), SV_OK);
	assert_true(out[0] == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_at_points),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
