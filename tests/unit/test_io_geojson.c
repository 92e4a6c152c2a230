/*
 * GeoJSON reader: the real boundary files in ../shared/data/boundaries,
 * the accepted shapes of a document, and malformed input with the
 * feature number and reason in the diagnostic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/geojson.h"

static const char *
shared(const char *rel, char *buf, size_t len)
{
	const char *d = getenv("SV_SHARED_DATA");

	snprintf(buf, len, "%s/%s", d ? d : "../shared/data", rel);
	return buf;
}

static struct geojson *
parse_ok(const char *s)
{
	struct geojson *gj = NULL;
	struct sv_diag diag;

	if (geojson_parse(s, strlen(s), &gj, &diag) != SV_OK)
		print_error("unexpected error: %s: %s\n", diag.field,
		    diag.message);
	assert_non_null(gj);
	return gj;
}

static void
test_kommuner(void **state)
{
	struct geojson *gj;
	struct sv_diag diag;
	char path[512];
	size_t i, nmulti = 0, nrings = 0;

	(void)state;
	assert_int_equal(geojson_read_file(shared(
	    "boundaries/se_kommuner_scb_sweref99tm.geojson", path,
	    sizeof(path)), &gj, &diag), SV_OK);
	assert_int_equal(gj->crs, GEOJSON_CRS_SWEREF);
	assert_int_equal(gj->nfeatures, 290);
	assert_string_equal(json_string_value(json_object_get(
	    gj->features[0].properties, "kn_kod")), "0114");
	for (i = 0; i < gj->nfeatures; i++) {
		const struct geojson_feature *f = &gj->features[i];
		size_t j;

		assert_true(f->type == GEOJSON_POLYGON ||
		    f->type == GEOJSON_MULTIPOLYGON);
		if (f->type == GEOJSON_MULTIPOLYGON)
			nmulti++;
		assert_true(f->bbox[0] > 200000 && f->bbox[2] < 1000000);
		assert_true(f->bbox[1] > 6100000 && f->bbox[3] < 7700000);
		for (j = 0; j < f->npolygons; j++)
			nrings += f->polygons[j].nrings;
	}
	assert_true(nmulti > 0);
	assert_true(nrings >= 290);
	geojson_free(gj);

	assert_int_equal(geojson_read_file(shared(
	    "boundaries/se_kommuner_scb_wgs84.geojson", path, sizeof(path)),
	    &gj, &diag), SV_OK);
	assert_int_equal(gj->crs, GEOJSON_CRS_WGS84);
	assert_int_equal(gj->nfeatures, 290);
	assert_true(gj->features[0].bbox[0] > 17.0 &&
	    gj->features[0].bbox[2] < 18.5);
	geojson_free(gj);
}

static void
test_all_boundaries(void **state)
{
	static const char *files[] = {
		"boundaries/malmo_delomraden_sweref99tm.geojson",
		"boundaries/se_lan_scb_sweref99tm.geojson",
		"boundaries/se_lan_scb_wgs84.geojson",
		"boundaries/se_polisregioner_derived_sweref99tm.geojson",
		"boundaries/se_polisregioner_derived_wgs84.geojson",
		"boundaries/stockholm_basomraden_sweref99tm.geojson",
		"boundaries/stockholm_stadsdelar117_kth_wgs84.geojson",
		"boundaries/stockholm_stadsdelar117_kth_wgs84_simplified.geojson",
	};
	static const size_t counts[] = { 136, 21, 21, 7, 7, 419, 117, 117 };
	struct geojson *gj;
	struct sv_diag diag;
	char path[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		enum sv_err rc = geojson_read_file(shared(files[i], path,
		    sizeof(path)), &gj, &diag);

		if (rc != SV_OK)
			print_error("%s: %s: %s\n", files[i], diag.field,
			    diag.message);
		assert_int_equal(rc, SV_OK);
		assert_int_equal(gj->nfeatures, counts[i]);
		geojson_free(gj);
	}
}

static void
test_shapes(void **state)
{
	struct geojson *gj;

	(void)state;
	gj = parse_ok("{\"type\":\"Point\",\"coordinates\":[18.07,59.33]}");
	assert_int_equal(gj->crs, GEOJSON_CRS_DEFAULT);
	assert_int_equal(gj->nfeatures, 1);
	assert_int_equal(gj->features[0].type, GEOJSON_POINT);
	assert_int_equal(gj->features[0].npoints, 1);
	assert_true(gj->features[0].points[0] == 18.07);
	assert_true(gj->features[0].points[1] == 59.33);
	assert_null(gj->features[0].properties);
	geojson_free(gj);

	gj = parse_ok("{\"type\":\"Feature\",\"id\":7,\"crs\":\"EPSG:3006\","
	    "\"properties\":{\"v\":3},\"geometry\":{\"type\":\"MultiPoint\","
	    "\"coordinates\":[[674000,6580000,12],[675000,6581000]]}}");
	assert_int_equal(gj->crs, GEOJSON_CRS_SWEREF);
	assert_int_equal(gj->features[0].type, GEOJSON_MULTIPOINT);
	assert_int_equal(gj->features[0].npoints, 2);
	assert_true(gj->features[0].points[3] == 6581000);
	assert_int_equal(json_integer_value(gj->features[0].id), 7);
	assert_int_equal(json_integer_value(json_object_get(
	    gj->features[0].properties, "v")), 3);
	assert_true(gj->features[0].bbox[0] == 674000);
	assert_true(gj->features[0].bbox[3] == 6581000);
	geojson_free(gj);

	gj = parse_ok("{\"type\":\"FeatureCollection\",\"features\":[{"
	    "\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":"
	    "\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]],"
	    "[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]]}}]}");
	assert_int_equal(gj->features[0].type, GEOJSON_POLYGON);
	assert_int_equal(gj->features[0].npolygons, 1);
	assert_int_equal(gj->features[0].polygons[0].nrings, 2);
	assert_int_equal(gj->features[0].polygons[0].rings[1].npoints, 4);
	assert_true(gj->features[0].polygons[0].rings[1].xy[2] == 0.2);
	geojson_free(gj);

	gj = parse_ok("{\"type\":\"FeatureCollection\",\"features\":[]}");
	assert_int_equal(gj->nfeatures, 0);
	geojson_free(gj);
	geojson_free(NULL);
}

struct bad_case {
	const char	*json;
	enum sv_err	 err;
	long		 line;
	const char	*field;
	const char	*needle;
};

#define FC(f) "{\"type\":\"FeatureCollection\",\"features\":[" f "]}"
#define PT "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" \
	"{\"type\":\"Point\",\"coordinates\":[1,2]}}"

static const struct bad_case bad[] = {
	{ "", SV_ERR_INVALID, 1, "json", "line" },
	{ "{\"type\":\"Point\",", SV_ERR_INVALID, 1, "json", "line" },
	{ "[1,2]", SV_ERR_INVALID, 0, "", "object" },
	{ "{\"coordinates\":[1,2]}", SV_ERR_INVALID, 0, "type", "type" },
	{ "{\"type\":\"Point\",\"type\":\"Point\",\"coordinates\":[1,2]}",
	    SV_ERR_INVALID, 1, "json", "duplicate" },
	{ FC(PT "," "{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
	    "{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}}"),
	    SV_ERR_INVALID, 2, "features[1].geometry.type", "LineString" },
	{ FC(PT "," PT "," "{\"type\":\"Feature\",\"geometry\":null}"),
	    SV_ERR_INVALID, 3, "features[2].geometry", "null" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
	    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}}"),
	    SV_ERR_INVALID, 1, "features[0].geometry.coordinates",
	    "not closed" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
	    "\"coordinates\":[[[0,0],[1,0],[0,0]]]}}"),
	    SV_ERR_INVALID, 1, "features[0].geometry.coordinates",
	    "at least 4" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
	    "\"coordinates\":[1,2,3,4]}}"), SV_ERR_INVALID, 1,
	    "features[0].geometry.coordinates", "2 or 3" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
	    "\"coordinates\":[\"1\",2]}}"), SV_ERR_INVALID, 1,
	    "features[0].geometry.coordinates", "not a number" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
	    "\"coordinates\":[674000,6580000]}}"), SV_ERR_INVALID, 1,
	    "features[0].geometry.coordinates", "EPSG:3006" },
	{ "{\"type\":\"Point\",\"crs\":\"EPSG:3021\",\"coordinates\":[1,2]}",
	    SV_ERR_INVALID, 0, "crs", "unsupported crs" },
	{ "{\"type\":\"Point\",\"crs\":{\"type\":\"link\"},\"coordinates\":"
	    "[1,2]}", SV_ERR_INVALID, 0, "crs.type", "named" },
	{ FC("{\"type\":\"Feature\",\"properties\":[1],\"geometry\":"
	    "{\"type\":\"Point\",\"coordinates\":[1,2]}}"), SV_ERR_INVALID, 1,
	    "features[0].properties", "object" },
	{ FC("{\"type\":\"Feature\",\"id\":[1],\"geometry\":"
	    "{\"type\":\"Point\",\"coordinates\":[1,2]}}"), SV_ERR_INVALID, 1,
	    "features[0].id", "string or" },
	{ FC("{\"type\":\"Featur\",\"geometry\":null}"), SV_ERR_INVALID, 1,
	    "features[0].type", "Feature" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\","
	    "\"coordinates\":[]}}"), SV_ERR_INVALID, 1,
	    "features[0].geometry.coordinates", "empty" },
	{ FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Circle\","
	    "\"coordinates\":[1,2]}}"), SV_ERR_INVALID, 1,
	    "features[0].geometry.type", "unknown" },
	{ "{\"type\":\"FeatureCollection\",\"features\":{}}", SV_ERR_INVALID,
	    0, "features", "array" },
	{ "{\"type\":\"Point\",\"coordinates\":[1e999,2]}", SV_ERR_INVALID,
	    1, "json", "" },
};

static void
test_bad(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct geojson *gj = (struct geojson *)1;
		struct sv_diag diag;
		enum sv_err rc;

		rc = geojson_parse(bad[i].json, strlen(bad[i].json), &gj,
		    &diag);
		if (rc != bad[i].err || diag.line != bad[i].line ||
		    strcmp(diag.field, bad[i].field) != 0 ||
		    strstr(diag.message, bad[i].needle) == NULL)
			print_error("case %zu: rc %d line %ld field '%s' "
			    "message '%s'\n", i, rc, diag.line, diag.field,
			    diag.message);
		assert_int_equal(rc, bad[i].err);
		assert_int_equal(diag.line, bad[i].line);
		assert_string_equal(diag.field, bad[i].field);
		assert_non_null(strstr(diag.message, bad[i].needle));
		assert_null(gj);
	}
}

static void
test_limits(void **state)
{
	struct geojson *gj;
	struct sv_diag diag;

	(void)state;
	/* The cap is checked before the buffer is read. */
	assert_int_equal(geojson_parse("{}", GEOJSON_MAX_BYTES + 1, &gj,
	    &diag), SV_ERR_TOOLARGE);
	assert_null(gj);
	assert_int_equal(geojson_read_file("/nonexistent/x.geojson", &gj,
	    &diag), SV_ERR_IO);
	assert_int_equal(geojson_read_file("/", &gj, &diag), SV_ERR_IO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kommuner),
		cmocka_unit_test(test_all_boundaries),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
