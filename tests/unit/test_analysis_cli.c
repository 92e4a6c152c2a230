/*
 * samverkan analyze, end to end: the real binary ($SV_SAMVERKAN) on real
 * files. Moran, local Moran and Gi* on Malmö's delområden against spdep
 * (tests/data/analysis/make_malmo_reference.R), the Knox table of the
 * Chicago burglaries against the recount in ../shared/data/nearrepeat,
 * DBSCAN against scikit-learn, and bad input: clear errors naming the
 * file, line or feature, exit status 1 or 2, never a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "test_analysis_util.h"

static char tmpdir[256];

/* Runs "samverkan analyze ARGS" with stderr to a file; exit status. */
static int
run(const char *args, char *err, size_t errlen)
{
	const char *bin = getenv("SV_SAMVERKAN");
	char cmd[8192], path[512];
	FILE *fp;
	size_t n;
	int st;

	assert_non_null(bin);
	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	snprintf(cmd, sizeof(cmd), "cd %s && '%s' analyze %s >/dev/null 2>'%s'",
	    getenv("SV_SOURCE_ROOT") ? getenv("SV_SOURCE_ROOT") : ".", bin,
	    args, path);
	st = system(cmd);
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(err, 1, errlen - 1, fp);
	err[n] = '\0';
	fclose(fp);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
check_num(const char *got, const char *want, const char *what, size_t row)
{
	if (!tu_close(tu_num(got), tu_num(want), 1e-9, 1e-14))
		fail_msg("%s row %zu: %s vs %s", what, row, got, want);
}

#define MALMO	"../shared/data/boundaries/malmo_delomraden_sweref99tm.geojson"

static void
test_malmo(void **state)
{
	struct tu_csv got, ref, mor;
	char err[4096], args[2048], out[512], path[512];
	size_t r;

	(void)state;
	snprintf(out, sizeof(out), "%s/moran.csv", tmpdir);
	snprintf(args, sizeof(args), "moran --areas %s --id-field do_kod "
	    "--value-field area --transform log --weights queen "
	    "--permutations 99 --seed 3 --out %s", MALMO, out);
	assert_int_equal(run(args, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "moran: n=136"));
	tu_csv_read(out, &got);
	tu_csv_read(tu_src_path("tests/data/analysis/malmo_log_area_moran.csv",
	    path, sizeof(path)), &mor);
	check_num(got.cell[1][tu_csv_col(&got, "I")], mor.cell[0][0], "I", 0);
	check_num(got.cell[1][tu_csv_col(&got, "var_randomisation")],
	    mor.cell[0][1], "var", 0);
	check_num(got.cell[1][tu_csv_col(&got, "z_randomisation")],
	    mor.cell[0][2], "z", 0);
	assert_string_equal(got.cell[1][tu_csv_col(&got, "links")],
	    mor.cell[0][3]);
	assert_true(tu_num(got.cell[1][tu_csv_col(&got, "p_sim")]) == 0.01);
	tu_csv_free(&got);
	tu_csv_free(&mor);

	tu_csv_read(tu_src_path("tests/data/analysis/malmo_log_area_spdep.csv",
	    path, sizeof(path)), &ref);
	snprintf(out, sizeof(out), "%s/local.csv", tmpdir);
	snprintf(args, sizeof(args), "localmoran --areas %s --id-field do_kod "
	    "--value-field area --transform log --out %s", MALMO, out);
	assert_int_equal(run(args, err, sizeof(err)), 0);
	tu_csv_read(out, &got);
	assert_int_equal(got.nrows, ref.nrows);
	for (r = 1; r < ref.nrows; r++) {
		assert_string_equal(got.cell[r][0], ref.cell[r][0]);
		check_num(got.cell[r][tu_csv_col(&got, "Ii")],
		    ref.cell[r][tu_csv_col(&ref, "Ii")], "Ii", r);
		check_num(got.cell[r][tu_csv_col(&got, "Z_Ii")],
		    ref.cell[r][tu_csv_col(&ref, "Z_Ii")], "Z_Ii", r);
	}
	tu_csv_free(&got);
	snprintf(out, sizeof(out), "%s/gistar.csv", tmpdir);
	snprintf(args, sizeof(args), "gistar --areas %s --id-field do_kod "
	    "--value-field area --transform log --weights queen --out %s",
	    MALMO, out);
	assert_int_equal(run(args, err, sizeof(err)), 0);
	tu_csv_read(out, &got);
	for (r = 1; r < ref.nrows; r++)
		check_num(got.cell[r][tu_csv_col(&got, "Gi_star_z")],
		    ref.cell[r][tu_csv_col(&ref, "Gi_star_z")], "Gi*", r);
	tu_csv_free(&got);
	tu_csv_free(&ref);

	/* GeoJSON output keeps the polygons and carries the statistics. */
	snprintf(out, sizeof(out), "%s/local.geojson", tmpdir);
	snprintf(args, sizeof(args), "localmoran --areas %s --id-field do_kod "
	    "--value-field area --transform log --format geojson --out %s",
	    MALMO, out);
	assert_int_equal(run(args, err, sizeof(err)), 0);
	{
		json_error_t jerr;
		json_t *fc = json_load_file(out, 0, &jerr), *f;

		assert_non_null(fc);
		assert_int_equal(json_array_size(json_object_get(fc,
		    "features")), 136);
		f = json_array_get(json_object_get(fc, "features"), 0);
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(f, "geometry"), "type")), "Polygon");
		assert_non_null(json_object_get(json_object_get(f,
		    "properties"), "Z_Ii"));
		json_decref(fc);
	}
}

static void
test_knox(void **state)
{
	struct tu_csv got;
	json_t *ref, *counts;
	json_error_t jerr;
	char err[4096], args[2048], out[512], in[512], path[512], line[256];
	FILE *src, *dst;
	size_t r, c;

	(void)state;
	/* The calculator's file has no header: add one. */
	snprintf(in, sizeof(in), "%s/be.csv", tmpdir);
	src = fopen(tu_path("nearrepeat/steenbeek_chicago_be_month1.csv", path,
	    sizeof(path)), "r");
	dst = fopen(in, "w");
	assert_non_null(src);
	assert_non_null(dst);
	fputs("x,y,date\n", dst);
	while (fgets(line, sizeof(line), src) != NULL)
		fputs(line, dst);
	fclose(src);
	fclose(dst);
	snprintf(out, sizeof(out), "%s/knox.csv", tmpdir);
	snprintf(args, sizeof(args), "knox --points %s --distance manhattan "
	    "--space-bands 100,200,300 --time-bands 7,14,21 --permutations 19 "
	    "--seed 1 --out %s", in, out);
	assert_int_equal(run(args, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "knox: 970 events"));
	tu_csv_read(out, &got);
	ref = json_load_file(tu_path("nearrepeat/knox_reference_results.json",
	    path, sizeof(path)), 0, &jerr);
	assert_non_null(ref);
	counts = json_object_get(json_object_get(json_object_get(ref,
	    "chicago_be_month1"), "manhattan_leftclosed"), "counts");
	assert_int_equal(got.nrows, 1 + 5 * 4);
	assert_string_equal(got.cell[1][0], "[0,1)");
	assert_string_equal(got.cell[6][0], "[1,100)");
	assert_string_equal(got.cell[20][1], "[21,Inf)");
	for (r = 0; r < 5; r++)
		for (c = 0; c < 4; c++)
			assert_true(tu_num(got.cell[1 + r * 4 + c][2]) ==
			    (double)json_integer_value(json_array_get(
			    json_array_get(counts, r), c)));
	json_decref(ref);
	tu_csv_free(&got);
}

static void
test_dbscan(void **state)
{
	struct tu_csv got, ref;
	char err[4096], args[2048], out[512], path[512];
	size_t r;

	(void)state;
	snprintf(out, sizeof(out), "%s/db.csv", tmpdir);
	snprintf(args, sizeof(args), "dbscan --points "
	    "tests/data/analysis/dbscan_blobs.csv --eps 0.35 --min-points 8 "
	    "--out %s", out);
	assert_int_equal(run(args, err, sizeof(err)), 0);
	tu_csv_read(out, &got);
	tu_csv_read(tu_src_path("tests/data/analysis/dbscan_blobs.csv", path,
	    sizeof(path)), &ref);
	assert_int_equal(got.nrows, ref.nrows);
	for (r = 1; r < ref.nrows; r++) {
		assert_string_equal(got.cell[r][tu_csv_col(&got, "cluster")],
		    ref.cell[r][tu_csv_col(&ref, "label")]);
		assert_string_equal(got.cell[r][tu_csv_col(&got, "core")],
		    ref.cell[r][tu_csv_col(&ref, "core")]);
	}
	tu_csv_free(&got);
	tu_csv_free(&ref);
}

struct bad {
	const char	*content;	/* written to bad.csv; NULL: none */
	const char	*args;
	int		 status;
	const char	*needle;
};

static void
test_bad_input(void **state)
{
	static const struct bad cases[] = {
		{ "", "kde", 1, "empty" },
		{ "x,y\n", "kde", 1, "no points" },
		{ "x,y\n1,2\n", "gistar", 1, "at least 3" },
		{ "x,y\n1,2\n3,NaN\n", "dbscan", 1, "line 3" },
		{ "x,y\n1,2\n3\n", "dbscan", 1, "line 3" },
		{ "a,b\n1,2\n", "dbscan", 1, "coordinate" },
		{ "x,y,id\n1,2,a\n3,4,a\n", "dbscan --id-field id",
		    1, "duplicate id" },
		{ "x,y,date\n1,2,2026-02-30\n", "knox --space-bands 1 "
		    "--time-bands 1", 1, "line 2" },
		{ "x,y\n1,2\n", "knox --space-bands 1 --time-bands 1",
		    1, "no time column" },
		{ "x,y\n1,1\n2,2\n3,3\n", "kde --kernel box", 2,
		    "gaussian or quartic" },
		{ "x,y\n1,1\n", "dbscan --eps -1", 2, "" },
		{ "x,y\n1,1\n", "dbscan --bogus 1", 2, "bogus" },
		{ NULL, "moran --areas " MALMO " --id-field do_kod "
		    "--value-field nosuch", 1, "no property \"nosuch\"" },
		{ NULL, "moran --areas " MALMO " --id-field nosuch "
		    "--value-field area", 1, "feature 1" },
		{ NULL, "moran --areas " MALMO " --id-field delomrade "
		    "--value-field do_kod --weights knn", 1, "queen or rook" },
		{ NULL, "moran --areas /nonexistent.geojson --value-field v", 1,
		    "cannot open" },
		{ NULL, "frobnicate", 2, "unknown subcommand" },
		{ NULL, "moran --value-field v", 2, "--areas" },
	};
	char err[4096], args[2048], in[512];
	size_t i;

	(void)state;
	snprintf(in, sizeof(in), "%s/bad.csv", tmpdir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int st;

		if (cases[i].content != NULL) {
			FILE *f = fopen(in, "w");

			assert_non_null(f);
			fputs(cases[i].content, f);
			fclose(f);
		}
		/* Point cases read the file just written. */
		snprintf(args, sizeof(args), "%s%s%s", cases[i].args,
		    cases[i].content ? " --points " : "",
		    cases[i].content ? in : "");
		st = run(args, err, sizeof(err));
		if (st != cases[i].status || strstr(err, cases[i].needle) ==
		    NULL)
			fail_msg("case %zu (%s): status %d, stderr: %s", i,
			    args, st, err);
	}
	/* A zero-variance value is a clear error too. */
	{
		FILE *f;
		char gj[512];

		snprintf(gj, sizeof(gj), "%s/flat.geojson", tmpdir);
		f = fopen(gj, "w");
		assert_non_null(f);
		fputs("{\"type\":\"FeatureCollection\",\"crs\":\"EPSG:3006\","
		    "\"features\":[", f);
		for (i = 0; i < 5; i++)
			fprintf(f, "%s{\"type\":\"Feature\",\"properties\":"
			    "{\"k\":\"%zu\",\"v\":7},\"geometry\":{\"type\":"
			    "\"Polygon\",\"coordinates\":[[[%zu,0],[%zu,0],"
			    "[%zu,1],[%zu,1],[%zu,0]]]}}", i ? "," : "", i, i,
			    i + 1, i + 1, i, i);
		fputs("]}", f);
		fclose(f);
		snprintf(args, sizeof(args), "moran --areas %s --id-field k "
		    "--value-field v", gj);
		assert_int_equal(run(args, err, sizeof(err)), 1);
		assert_non_null(strstr(err, "equal"));
		assert_int_equal(run("--help", err, sizeof(err)), 0);
	}
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sv_analyze_XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malmo),
		cmocka_unit_test(test_knox),
		cmocka_unit_test(test_dbscan),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
