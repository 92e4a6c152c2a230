/*
 * Strict GeoJSON reader: jansson parses the document (duplicate keys
 * rejected), then each geometry is checked and copied into plain double
 * arrays held by one arena. Properties and ids stay jansson values owned
 * by the document, which the collection keeps until geojson_free.
 */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "geojson.h"

const char *const geojson_crs_names[GEOJSON_CRS__MAX] = {
	[GEOJSON_CRS_DEFAULT] = "default",
	[GEOJSON_CRS_WGS84] = "wgs84",
	[GEOJSON_CRS_SWEREF] = "sweref99tm",
};

const char *const geojson_type_names[GEOJSON_TYPE__MAX] = {
	[GEOJSON_POINT] = "Point",
	[GEOJSON_MULTIPOINT] = "MultiPoint",
	[GEOJSON_POLYGON] = "Polygon",
	[GEOJSON_MULTIPOLYGON] = "MultiPolygon",
};

/* Where we are, for error messages. */
struct gj_ctx {
	struct geojson	*gj;
	struct sv_diag	*diag;
	long		 feature;	/* 1-based; 0 outside features */
	char		 where[40];	/* "features[3]." or "" */
};

static enum sv_err
gj_fail(struct gj_ctx *c, const char *member, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum sv_err
gj_fail(struct gj_ctx *c, const char *member, const char *fmt, ...)
{
	char field[SV_DIAG_FIELD], msg[SV_DIAG_MSG];
	va_list ap;

	snprintf(field, sizeof(field), "%s%s", c->where, member);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->feature > 0)
		sv_diag_set(c->diag, SV_ERR_INVALID, field, "feature %ld: %s",
		    c->feature, msg);
	else
		sv_diag_set(c->diag, SV_ERR_INVALID, field, "%s", msg);
	if (c->diag != NULL)
		c->diag->line = c->feature;
	return SV_ERR_INVALID;
}

static void
bbox_add(double bbox[4], double x, double y)
{
	if (x < bbox[0])
		bbox[0] = x;
	if (y < bbox[1])
		bbox[1] = y;
	if (x > bbox[2])
		bbox[2] = x;
	if (y > bbox[3])
		bbox[3] = y;
}

/* One position [x, y] or [x, y, z] into xy[0..1]. */
static enum sv_err
gj_position(struct gj_ctx *c, json_t *pos, double *xy, const char *what)
{
	size_t n, i;

	if (!json_is_array(pos))
		return gj_fail(c, "geometry.coordinates",
		    "%s: a position must be an array of numbers", what);
	n = json_array_size(pos);
	if (n != 2 && n != 3)
		return gj_fail(c, "geometry.coordinates",
		    "%s: a position has 2 or 3 numbers, not %zu", what, n);
	for (i = 0; i < n; i++) {
		json_t *v = json_array_get(pos, i);
		double d;

		if (!json_is_number(v))
			return gj_fail(c, "geometry.coordinates",
			    "%s: coordinate %zu is not a number", what, i + 1);
		d = json_number_value(v);
		if (!isfinite(d))
			return gj_fail(c, "geometry.coordinates",
			    "%s: coordinate %zu is not finite", what, i + 1);
		if (i < 2)
			xy[i] = d;
	}
	if (c->gj->crs != GEOJSON_CRS_SWEREF &&
	    (xy[0] < -180 || xy[0] > 180 || xy[1] < -90 || xy[1] > 90))
		return gj_fail(c, "geometry.coordinates",
		    "%s: (%g, %g) is not a WGS84 lon,lat position; for "
		    "SWEREF 99 TM add \"crs\": \"EPSG:3006\"", what, xy[0],
		    xy[1]);
	return SV_OK;
}

/* An array of positions into a new xy array of n pairs. */
static enum sv_err
gj_positions(struct gj_ctx *c, json_t *arr, double **xy, size_t *n,
    const char *what)
{
	size_t i;
	char w[128];
	enum sv_err rc;

	if (!json_is_array(arr))
		return gj_fail(c, "geometry.coordinates",
		    "%s must be an array of positions", what);
	*n = json_array_size(arr);
	*xy = sv_arena_alloc(c->gj->arena, (*n ? *n : 1) * 2 * sizeof(double));
	for (i = 0; i < *n; i++) {
		snprintf(w, sizeof(w), "%s, position %zu", what, i + 1);
		rc = gj_position(c, json_array_get(arr, i), *xy + 2 * i, w);
		if (rc != SV_OK)
			return rc;
	}
	return SV_OK;
}

static enum sv_err
gj_polygon(struct gj_ctx *c, json_t *coords, struct geojson_polygon *p,
    size_t polyno)
{
	size_t r;
	char what[64];
	enum sv_err rc;

	if (!json_is_array(coords) || json_array_size(coords) == 0) {
		return gj_fail(c, "geometry.coordinates",
		    "polygon %zu must be a non-empty array of rings", polyno);
	}
	p->nrings = json_array_size(coords);
	p->rings = sv_arena_alloc(c->gj->arena,
	    p->nrings * sizeof(*p->rings));
	for (r = 0; r < p->nrings; r++) {
		struct geojson_ring *ring = &p->rings[r];
		size_t last;

		snprintf(what, sizeof(what), "polygon %zu ring %zu", polyno,
		    r + 1);
		rc = gj_positions(c, json_array_get(coords, r), &ring->xy,
		    &ring->npoints, what);
		if (rc != SV_OK)
			return rc;
		if (ring->npoints < 4)
			return gj_fail(c, "geometry.coordinates",
			    "%s has %zu positions; a linear ring needs at "
			    "least 4", what, ring->npoints);
		last = 2 * (ring->npoints - 1);
		if (ring->xy[0] != ring->xy[last] ||
		    ring->xy[1] != ring->xy[last + 1])
			return gj_fail(c, "geometry.coordinates",
			    "%s is not closed (last position differs from "
			    "the first)", what);
	}
	return SV_OK;
}

static enum sv_err
gj_geometry(struct gj_ctx *c, json_t *g, struct geojson_feature *f)
{
	const char *type;
	json_t *coords;
	size_t i, j, k;
	enum sv_err rc;

	if (g == NULL || json_is_null(g))
		return gj_fail(c, "geometry", "the geometry is null or "
		    "missing");
	if (!json_is_object(g))
		return gj_fail(c, "geometry", "the geometry must be an "
		    "object");
	type = json_string_value(json_object_get(g, "type"));
	if (type == NULL)
		return gj_fail(c, "geometry.type", "the geometry has no "
		    "\"type\" string");
	for (i = 0; i < GEOJSON_TYPE__MAX; i++)
		if (strcmp(type, geojson_type_names[i]) == 0)
			break;
	if (i == GEOJSON_TYPE__MAX) {
		if (strcmp(type, "LineString") == 0 ||
		    strcmp(type, "MultiLineString") == 0 ||
		    strcmp(type, "GeometryCollection") == 0)
			return gj_fail(c, "geometry.type", "%s geometries "
			    "are not supported (use Point, MultiPoint, "
			    "Polygon or MultiPolygon)", type);
		return gj_fail(c, "geometry.type", "unknown geometry type "
		    "\"%.40s\"", type);
	}
	f->type = (enum geojson_type)i;
	coords = json_object_get(g, "coordinates");
	if (coords == NULL)
		return gj_fail(c, "geometry.coordinates", "the %s has no "
		    "\"coordinates\"", type);
	switch (f->type) {
	case GEOJSON_POINT:
		f->npoints = 1;
		f->points = sv_arena_alloc(c->gj->arena, 2 * sizeof(double));
		rc = gj_position(c, coords, f->points, "point");
		break;
	case GEOJSON_MULTIPOINT:
		rc = gj_positions(c, coords, &f->points, &f->npoints,
		    "multipoint");
		break;
	case GEOJSON_POLYGON:
		f->npolygons = 1;
		f->polygons = sv_arena_alloc(c->gj->arena,
		    sizeof(*f->polygons));
		rc = gj_polygon(c, coords, f->polygons, 1);
		break;
	case GEOJSON_MULTIPOLYGON:
		if (!json_is_array(coords))
			return gj_fail(c, "geometry.coordinates", "a "
			    "MultiPolygon's coordinates must be an array");
		f->npolygons = json_array_size(coords);
		f->polygons = sv_arena_alloc(c->gj->arena,
		    (f->npolygons ? f->npolygons : 1) * sizeof(*f->polygons));
		rc = SV_OK;
		for (j = 0; j < f->npolygons && rc == SV_OK; j++)
			rc = gj_polygon(c, json_array_get(coords, j),
			    &f->polygons[j], j + 1);
		break;
	default:
		rc = SV_ERR_INTERNAL;
		break;
	}
	if (rc != SV_OK)
		return rc;
	if (f->npoints == 0 && f->npolygons == 0)
		return gj_fail(c, "geometry.coordinates", "the %s is empty",
		    type);
	f->bbox[0] = f->bbox[1] = INFINITY;
	f->bbox[2] = f->bbox[3] = -INFINITY;
	for (i = 0; i < f->npoints; i++)
		bbox_add(f->bbox, f->points[2 * i], f->points[2 * i + 1]);
	for (i = 0; i < f->npolygons; i++)
		for (j = 0; j < f->polygons[i].nrings; j++) {
			const struct geojson_ring *ring =
			    &f->polygons[i].rings[j];

			for (k = 0; k < ring->npoints; k++)
				bbox_add(f->bbox, ring->xy[2 * k],
				    ring->xy[2 * k + 1]);
		}
	return SV_OK;
}

static enum sv_err
gj_feature(struct gj_ctx *c, json_t *obj, struct geojson_feature *f)
{
	const char *type;
	json_t *props, *id;

	if (!json_is_object(obj))
		return gj_fail(c, "", "a feature must be an object");
	type = json_string_value(json_object_get(obj, "type"));
	if (type == NULL || strcmp(type, "Feature") != 0)
		return gj_fail(c, "type", "expected \"type\": \"Feature\"");
	props = json_object_get(obj, "properties");
	if (props != NULL && !json_is_null(props) && !json_is_object(props))
		return gj_fail(c, "properties", "properties must be an "
		    "object or null");
	f->properties = json_is_object(props) ? props : NULL;
	id = json_object_get(obj, "id");
	if (id != NULL && !json_is_string(id) && !json_is_number(id))
		return gj_fail(c, "id", "a feature id must be a string or "
		    "a number");
	f->id = id;
	f->geometry = json_object_get(obj, "geometry");
	return gj_geometry(c, f->geometry, f);
}

/* The legacy crs member: an object {type:name,properties:{name}} or a string. */
static enum sv_err
gj_crs(struct gj_ctx *c, json_t *crs)
{
	static const struct {
		const char		*name;
		enum geojson_crs	 crs;
	} known[] = {
		{ "EPSG:3006", GEOJSON_CRS_SWEREF },
		{ "urn:ogc:def:crs:EPSG::3006", GEOJSON_CRS_SWEREF },
		{ "urn:ogc:def:crs:EPSG:6.18:3:3006", GEOJSON_CRS_SWEREF },
		{ "EPSG:4326", GEOJSON_CRS_WGS84 },
		{ "urn:ogc:def:crs:EPSG::4326", GEOJSON_CRS_WGS84 },
		{ "urn:ogc:def:crs:OGC:1.3:CRS84", GEOJSON_CRS_WGS84 },
		{ "urn:ogc:def:crs:OGC::CRS84", GEOJSON_CRS_WGS84 },
		{ "OGC:CRS84", GEOJSON_CRS_WGS84 },
		{ "CRS84", GEOJSON_CRS_WGS84 },
	};
	const char *name = NULL;
	size_t i;

	if (crs == NULL || json_is_null(crs))
		return SV_OK;
	if (json_is_string(crs))
		name = json_string_value(crs);
	else if (json_is_object(crs)) {
		const char *t = json_string_value(json_object_get(crs, "type"));

		if (t == NULL || strcmp(t, "name") != 0)
			return gj_fail(c, "crs.type", "only named crs "
			    "members (\"type\": \"name\") are supported");
		name = json_string_value(json_object_get(
		    json_object_get(crs, "properties"), "name"));
	}
	if (name == NULL)
		return gj_fail(c, "crs", "crs must be a string or "
		    "{\"type\":\"name\",\"properties\":{\"name\":...}}");
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcasecmp(name, known[i].name) == 0) {
			c->gj->crs = known[i].crs;
			return SV_OK;
		}
	return gj_fail(c, "crs", "unsupported crs \"%.60s\" (use "
	    "EPSG:3006 or WGS84/CRS84)", name);
}

enum sv_err
geojson_parse(const char *buf, size_t len, struct geojson **out,
    struct sv_diag *diag)
{
	struct geojson *gj = NULL;
	struct gj_ctx c;
	json_error_t jerr;
	json_t *root, *features;
	const char *type;
	size_t i;
	enum sv_err rc;

	*out = NULL;
	sv_diag_clear(diag);
	if (len > GEOJSON_MAX_BYTES)
		return sv_diag_set(diag, SV_ERR_TOOLARGE, "json", "the "
		    "document is %zu bytes; the limit is %zu", len,
		    GEOJSON_MAX_BYTES);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, "json", "line %d "
		    "column %d: %s", jerr.line, jerr.column, jerr.text);
		if (diag != NULL)
			diag->line = jerr.line;
		return rc;
	}
	gj = sv_calloc(1, sizeof(*gj));
	gj->root = root;
	gj->arena = sv_arena_new();
	memset(&c, 0, sizeof(c));
	c.gj = gj;
	c.diag = diag;
	if (!json_is_object(root)) {
		rc = gj_fail(&c, "", "a GeoJSON document must be an object");
		goto out;
	}
	if ((rc = gj_crs(&c, json_object_get(root, "crs"))) != SV_OK)
		goto out;
	type = json_string_value(json_object_get(root, "type"));
	if (type == NULL) {
		rc = gj_fail(&c, "type", "the document has no \"type\"");
		goto out;
	}
	if (strcmp(type, "FeatureCollection") == 0) {
		features = json_object_get(root, "features");
		if (!json_is_array(features)) {
			rc = gj_fail(&c, "features", "a FeatureCollection "
			    "needs a \"features\" array");
			goto out;
		}
		gj->nfeatures = json_array_size(features);
		gj->features = sv_arena_alloc(gj->arena,
		    (gj->nfeatures ? gj->nfeatures : 1) *
		    sizeof(*gj->features));
		for (i = 0; i < gj->nfeatures; i++) {
			c.feature = (long)i + 1;
			snprintf(c.where, sizeof(c.where), "features[%zu].",
			    i);
			rc = gj_feature(&c, json_array_get(features, i),
			    &gj->features[i]);
			if (rc != SV_OK)
				goto out;
		}
	} else {
		gj->nfeatures = 1;
		gj->features = sv_arena_alloc(gj->arena, sizeof(*gj->features));
		c.feature = 1;
		if (strcmp(type, "Feature") == 0)
			rc = gj_feature(&c, root, gj->features);
		else {
			gj->features->geometry = root;
			rc = gj_geometry(&c, root, gj->features);
		}
		if (rc != SV_OK)
			goto out;
	}
	rc = SV_OK;
out:
	if (rc != SV_OK) {
		geojson_free(gj);
		return rc;
	}
	*out = gj;
	return SV_OK;
}

enum sv_err
geojson_read_file(const char *path, struct geojson **out,
    struct sv_diag *diag)
{
	FILE *fp;
	struct stat st;
	char *buf = NULL;
	size_t len;
	enum sv_err rc;

	*out = NULL;
	sv_diag_clear(diag);
	if ((fp = fopen(path, "rb")) == NULL)
		return sv_diag_set(diag, SV_ERR_IO, path, "cannot open: %s",
		    strerror(errno));
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		rc = sv_diag_set(diag, SV_ERR_IO, path, "not a regular file");
		goto out;
	}
	if ((size_t)st.st_size > GEOJSON_MAX_BYTES) {
		rc = sv_diag_set(diag, SV_ERR_TOOLARGE, path, "the file is "
		    "%lld bytes; the limit is %zu", (long long)st.st_size,
		    GEOJSON_MAX_BYTES);
		goto out;
	}
	len = (size_t)st.st_size;
	buf = sv_malloc(len + 1);
	if (fread(buf, 1, len, fp) != len) {
		rc = sv_diag_set(diag, SV_ERR_IO, path, "read failed");
		goto out;
	}
	rc = geojson_parse(buf, len, out, diag);
out:
	free(buf);
	fclose(fp);
	return rc;
}

void
geojson_free(struct geojson *gj)
{
	if (gj == NULL)
		return;
	json_decref(gj->root);
	sv_arena_free(gj->arena);
	free(gj);
}
