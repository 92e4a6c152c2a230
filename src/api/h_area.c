/*
 * /areas: list (JSON or a GeoJSON FeatureCollection), create from a
 * GeoJSON geometry, import a FeatureCollection as one layer (all or
 * none), read with geometry, change, delete. Geometry arrives in WGS84 or
 * EPSG:3006 and is handed to the domain as EPSG:3006 WKB (geo/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "domain/area.h"
#include "geo/geo.h"
#include "io/geojson.h"
#include "store/store.h"

static void
geojson_release(void *p)
{
	geojson_free(p);
}

/*
 * The WKB (EPSG:3006, arena-owned) of a Polygon or MultiPolygon feature.
 * field names the feature in errors ("geometry", "features[3]").
 */
static enum sv_err
feature_wkb(struct http_request *req, enum geojson_crs crs,
    const struct geojson_feature *f, const char *field,
    const unsigned char **wkb, size_t *len)
{
	struct sv_polygon *polys;
	struct sv_ring *rings;
	unsigned char *w = NULL;
	double bbox[4];
	struct sv_diag d;
	size_t i, j;
	enum sv_err e;

	if (f->type != GEOJSON_POLYGON && f->type != GEOJSON_MULTIPOLYGON)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
		    "expected a Polygon or MultiPolygon, not a %s",
		    geojson_type_names[f->type]);
	polys = sv_arena_alloc(req->arena, sizeof(*polys) *
	    (f->npolygons ? f->npolygons : 1));
	for (i = 0; i < f->npolygons; i++) {
		rings = sv_arena_alloc(req->arena, sizeof(*rings) *
		    (f->polygons[i].nrings ? f->polygons[i].nrings : 1));
		for (j = 0; j < f->polygons[i].nrings; j++) {
			rings[j].xy = f->polygons[i].rings[j].xy;
			rings[j].npoints = f->polygons[i].rings[j].npoints;
		}
		polys[i].rings = rings;
		polys[i].nrings = f->polygons[i].nrings;
	}
	sv_diag_clear(&d);
	e = geo_wkb_from_polygons(store_geo(api_store(req)), polys,
	    f->npolygons, crs == GEOJSON_CRS_SWEREF ? SV_CRS_SWEREF :
	    SV_CRS_WGS84, &w, len, bbox, &d);
	if (e != SV_OK) {
		snprintf(req->diag.field, sizeof(req->diag.field), "%s", field);
		snprintf(req->diag.message, sizeof(req->diag.message), "%s",
		    d.message[0] ? d.message : "invalid geometry");
		return e;
	}
	sv_arena_defer(req->arena, free, w);
	*wkb = w;
	return SV_OK;
}

/* The "geometry" member of the body (with the body's "crs") as WKB. */
static enum sv_err
body_wkb(struct http_request *req, const unsigned char **wkb, size_t *len)
{
	const json_t *g = json_object_get(req->json, "geometry");
	const char *crs = api_str(req->json, "crs");
	struct geojson *gj = NULL;
	struct sv_diag d;
	json_t *copy;
	char *text;
	enum sv_err e;

	copy = json_deep_copy(g);
	if (crs != NULL)
		json_object_set_new(copy, "crs", json_string(crs));
	text = json_dumps(copy, JSON_COMPACT);
	json_decref(copy);
	if (text == NULL)
		return SV_ERR_INTERNAL;
	sv_diag_clear(&d);
	e = geojson_parse(text, strlen(text), &gj, &d);
	free(text);
	if (e != SV_OK) {
		api_join(req->diag.field, sizeof(req->diag.field), "geometry",
		    d.field[0] ? "." : "", d.field);
		snprintf(req->diag.message, sizeof(req->diag.message), "%s",
		    d.message);
		return e == SV_ERR_TOOLARGE ? e : SV_ERR_INVALID;
	}
	sv_arena_defer(req->arena, geojson_release, gj);
	if (gj->nfeatures != 1)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "geometry",
		    "expected one geometry");
	return feature_wkb(req, gj->crs, &gj->features[0], "geometry", wkb,
	    len);
}

enum sv_err
h_area_list(struct http_request *req, struct http_response *resp)
{
	struct sv_area_filter f;
	struct sv_area *items;
	const char *format = http_query_get(req, "format");
	struct sv_diag d;
	enum sv_layer layer;
	json_t *arr, *feat, *g;
	size_t n, i;
	int geojson;
	enum sv_err e;

	memset(&f, 0, sizeof(f));
	f.layer = http_query_get(req, "layer");
	f.parent = http_query_get(req, "parent");
	f.q = http_query_get(req, "q");
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "geojson") != 0)
		return http_bad_request(req, "format",
		    "expected json or geojson");
	geojson = format != NULL && strcmp(format, "geojson") == 0;
	sv_diag_clear(&d);
	if (f.layer != NULL && layer_parse(f.layer, &layer, "layer", &d) !=
	    SV_OK)
		return http_bad_request(req, "layer", "%s", d.message);
	f.with_geom = geojson;
	if ((e = area_list(api_store(req), &f, req->arena, &items, &n, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (!geojson) {
			json_array_append_new(arr, api_area_json(req,
			    &items[i], 0));
			continue;
		}
		g = api_area_geometry(req, &items[i]);
		feat = json_pack("{s:s, s:I, s:o, s:o}", "type", "Feature",
		    "id", (json_int_t)items[i].id, "geometry",
		    g ? g : json_null(), "properties",
		    api_area_json(req, &items[i], 0));
		json_array_append_new(arr, feat);
	}
	if (geojson) {
		e = http_reply_json(resp, 200, json_pack("{s:s, s:o}", "type",
		    "FeatureCollection", "features", arr));
		resp->content_type = "application/geo+json";
		return e;
	}
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

static enum sv_err
reply_area(struct http_request *req, struct http_response *resp,
    int64_t id, int status)
{
	struct sv_area a;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = area_get(api_store(req), id, 1, req->arena, &a, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, status, api_area_json(req, &a, 1));
}

static void
merge(const json_t *obj, struct sv_area_input *in)
{
	if (api_has(obj, "layer"))
		in->layer = api_str(obj, "layer");
	if (api_has(obj, "code"))
		in->code = api_str(obj, "code");
	if (api_has(obj, "name"))
		in->name = api_str(obj, "name");
	if (api_has(obj, "parent")) {
		in->parent_code = api_str(obj, "parent");
		if (in->parent_code == NULL)
			in->parent_layer = NULL;
	}
	if (api_has(obj, "parent_layer"))
		in->parent_layer = api_str(obj, "parent_layer");
}

enum sv_err
h_area_create(struct http_request *req, struct http_response *resp)
{
	struct sv_area_input in;
	struct sv_diag d;
	int64_t id = 0;
	enum sv_err e;

	memset(&in, 0, sizeof(in));
	merge(req->json, &in);
	if ((e = body_wkb(req, &in.wkb, &in.wkb_len)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = area_create(api_store(req), api_actor(req), &in, &id, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return reply_area(req, resp, id, 201);
}

enum sv_err
h_area_get(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	return reply_area(req, resp, id, 200);
}

enum sv_err
h_area_patch(struct http_request *req, struct http_response *resp)
{
	struct sv_area_input in;
	struct sv_area a;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = area_get(api_store(req), id, 1, req->arena, &a, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	in.layer = a.layer;
	in.code = a.code;
	in.name = a.name;
	in.parent_layer = a.parent_layer;
	in.parent_code = a.parent_code;
	in.wkb = a.wkb;
	in.wkb_len = a.wkb_len;
	merge(req->json, &in);
	if (api_has(req->json, "geometry") &&
	    (e = body_wkb(req, &in.wkb, &in.wkb_len)) != SV_OK)
		return e;
	if ((e = area_update(api_store(req), api_actor(req), id, &in, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return reply_area(req, resp, id, 200);
}

enum sv_err
h_area_delete(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = area_delete(api_store(req), api_actor(req), id, &d)) != SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}

/* A feature property as text (strings as they are, integers printed). */
static const char *
prop_text(struct http_request *req, const json_t *props, const char *key)
{
	const json_t *v = json_object_get(props, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return sv_arena_printf(req->arena, "%lld",
		    (long long)json_integer_value(v));
	return NULL;
}

/* Imports every feature or none; see docs/api.md. */
static enum sv_err
import_features(struct http_request *req, const struct geojson *gj,
    const char *layer, const char *code_field, const char *name_field,
    int64_t counts[3])
{
	const struct geojson_feature *f;
	struct sv_area_input in;
	struct sv_diag d;
	char field[48];
	int changed;
	size_t i;
	enum sv_err e;

	for (i = 0; i < gj->nfeatures; i++) {
		f = &gj->features[i];
		snprintf(field, sizeof(field), "features[%zu]", i);
		memset(&in, 0, sizeof(in));
		in.layer = layer;
		in.code = prop_text(req, f->properties, code_field);
		in.name = prop_text(req, f->properties, name_field);
		if (in.code == NULL)
			return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
			    "no property '%s' (string or integer)",
			    code_field);
		if (in.name == NULL)
			return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
			    "no property '%s' (string or integer)",
			    name_field);
		if ((e = feature_wkb(req, gj->crs, f, field, &in.wkb,
		    &in.wkb_len)) != SV_OK)
			return e;
		sv_diag_clear(&d);
		if ((e = area_upsert(api_store(req), api_actor(req), &in,
		    &changed, &d)) != SV_OK) {
			api_join(req->diag.field, sizeof(req->diag.field),
			    field, ".", d.field[0] ? d.field : "area");
			snprintf(req->diag.message, sizeof(req->diag.message),
			    "%s", d.message[0] ? d.message : sv_strerror(e));
			return e;
		}
		if (changed >= 0 && changed <= 2)
			counts[changed]++;
	}
	return SV_OK;
}

enum sv_err
h_area_import(struct http_request *req, struct http_response *resp)
{
	const char *layer = http_query_get(req, "layer");
	const char *code_field = http_query_get(req, "code_field");
	const char *name_field = http_query_get(req, "name_field");
	struct sv_store *s = api_store(req);
	struct geojson *gj = NULL;
	struct sv_diag d;
	enum sv_layer l;
	int64_t counts[3] = { 0, 0, 0 }, assigned = 0;
	enum sv_err e;

	sv_diag_clear(&d);
	if (layer == NULL)
		return http_bad_request(req, "layer", "required");
	if (layer_parse(layer, &l, "layer", &d) != SV_OK)
		return http_bad_request(req, "layer", "%s", d.message);
	if (code_field == NULL)
		code_field = "code";
	if (name_field == NULL)
		name_field = "name";
	if ((e = geojson_parse(req->body, req->body_len, &gj, &d)) != SV_OK) {
		if (strcmp(d.field, "json") == 0)
			req->malformed = 1;
		return api_fail(req, e == SV_ERR_TOOLARGE ? e : SV_ERR_INVALID,
		    &d);
	}
	sv_arena_defer(req->arena, geojson_release, gj);
	if ((e = store_begin(s)) != SV_OK)
		return api_fail(req, e, NULL);
	if ((e = import_features(req, gj, layer, code_field, name_field,
	    counts)) != SV_OK) {
		store_rollback(s);
		return e;
	}
	/* Incidents get their area of the layer in the same transaction. */
	if ((e = area_import_audit(s, api_actor(req), layer,
	    (int64_t)gj->nfeatures, counts[1], counts[2], counts[0])) !=
	    SV_OK || (e = area_reassign_layer(s, layer, &assigned, &d)) !=
	    SV_OK ||
	    (e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		return api_fail(req, e, &d);
	}
	return http_reply_json(resp, 200, json_pack("{s:s, s:I, s:I, s:I, "
	    "s:I, s:I, s:I}", "layer", layer,
	    "read", (json_int_t)gj->nfeatures,
	    "added", (json_int_t)counts[1], "updated", (json_int_t)counts[2],
	    "unchanged", (json_int_t)counts[0], "rejected", (json_int_t)0,
	    "incidents_assigned", (json_int_t)assigned));
}
