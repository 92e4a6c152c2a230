/*
 * /incidents and /stats/counts: filters from the query string, keyset
 * pages (JSON or GeoJSON), create one or several (all or none), read,
 * change (PATCH merges onto the stored incident), withdraw, and counts.
 * Who may see free text and change what is the domain's decision.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "core/svtime.h"
#include "domain/area.h"
#include "domain/incident.h"
#include "store/store.h"

#define BATCH_MAX	1000

/* Index of s in names[0..n), or -1. */
static int
name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* "minlon,minlat,maxlon,maxlat" into out; 0 on success. */
static int
parse_bbox(const char *s, double out[4])
{
	char *end;
	int i;

	for (i = 0; i < 4; i++) {
		out[i] = strtod(s, &end);
		if (end == s || (i < 3 && *end != ',') || (i == 3 && *end))
			return -1;
		s = end + 1;
	}
	if (!(out[0] < out[2] && out[1] < out[3]) || out[0] < -180 ||
	    out[2] > 180 || out[1] < -90 || out[3] > 90)
		return -1;
	return 0;
}

/* The filters of docs/api.md from the query string (400 when bad). */
static enum sv_err
read_filter(struct http_request *req, struct sv_incident_filter *f)
{
	const char *v;
	struct sv_diag d;
	char *end;
	long lim;
	int i;

	incident_filter_init(f);
	sv_diag_clear(&d);
	if ((v = http_query_get(req, "from")) != NULL) {
		if (sv_time_parse(v, &f->from, "from", &d) != SV_OK)
			return http_bad_request(req, "from", "%s", d.message);
		f->has_from = 1;
	}
	if ((v = http_query_get(req, "to")) != NULL) {
		if (sv_time_parse(v, &f->to, "to", &d) != SV_OK)
			return http_bad_request(req, "to", "%s", d.message);
		f->has_to = 1;
	}
	f->area = http_query_get(req, "area");
	f->layer = http_query_get(req, "layer");
	f->category = http_query_get(req, "category");
	f->org = http_query_get(req, "org");
	f->source = http_query_get(req, "source");
	if ((v = http_query_get(req, "bbox")) != NULL) {
		if (parse_bbox(v, f->bbox) != 0)
			return http_bad_request(req, "bbox", "expected "
			    "minlon,minlat,maxlon,maxlat in WGS84");
		f->has_bbox = 1;
	}
	if ((v = http_query_get(req, "status")) != NULL) {
		if ((i = name_index(sv_status_filter_names,
		    SV_STATUS_FILTER__MAX, v)) < 0)
			return http_bad_request(req, "status",
			    "expected active, withdrawn or all");
		f->status = (enum sv_status_filter)i;
	}
	if ((v = http_query_get(req, "limit")) != NULL) {
		lim = strtol(v, &end, 10);
		if (*end != '\0' || lim < 1 || lim > SV_LIMIT_MAX)
			return http_bad_request(req, "limit",
			    "expected 1..%d", SV_LIMIT_MAX);
		f->limit = (size_t)lim;
	}
	f->cursor = http_query_get(req, "cursor");
	return SV_OK;
}

/* Query-string errors from the domain (unknown area code, bad cursor). */
static enum sv_err
filter_fail(struct http_request *req, enum sv_err e, struct sv_diag *d)
{
	if (e == SV_ERR_INVALID)
		req->malformed = 1;
	return api_fail(req, e, d);
}

enum sv_err
h_incident_list(struct http_request *req, struct http_response *resp)
{
	struct sv_incident_filter f;
	struct sv_incident *items;
	const char *format = http_query_get(req, "format");
	char *next = NULL;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	int geojson;
	enum sv_err e;

	if ((e = read_filter(req, &f)) != SV_OK)
		return e;
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "geojson") != 0)
		return http_bad_request(req, "format",
		    "expected json or geojson");
	geojson = format != NULL && strcmp(format, "geojson") == 0;
	sv_diag_clear(&d);
	if ((e = incident_query(api_store(req), api_actor(req), &f,
	    req->arena, &items, &n, &next, &d)) != SV_OK)
		return filter_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, geojson ?
		    api_incident_feature(&items[i]) :
		    api_incident_json(&items[i]));
	if (geojson) {
		e = http_reply_json(resp, 200, json_pack("{s:s, s:o, s:o}",
		    "type", "FeatureCollection", "features", arr,
		    "next_cursor", api_jstr(next)));
		resp->content_type = "application/geo+json";
		return e;
	}
	return http_reply_json(resp, 200, json_pack("{s:o, s:o}", "items",
	    arr, "next_cursor", api_jstr(next)));
}

/* A number member as double; 0 if absent. */
static double
num(const json_t *obj, const char *key)
{
	return json_number_value(json_object_get(obj, key));
}

/*
 * Fills the location of in from obj when obj names one: lat+lon, x+y or
 * area (+layer), exactly one of them. *given says whether obj had any.
 */
static enum sv_err
read_location(struct http_request *req, const json_t *obj,
    const char *prefix, struct sv_incident_input *in, int *given)
{
	int ll = api_has(obj, "lat") || api_has(obj, "lon");
	int xy = api_has(obj, "x") || api_has(obj, "y");
	int ar = api_has(obj, "area");
	char field[SV_DIAG_FIELD];
	const char *miss;

	*given = ll || xy || ar || api_has(obj, "layer");
	if (!*given)
		return SV_OK;
	if (ll + xy + ar != 1) {
		snprintf(field, sizeof(field), "%s%s", prefix,
		    ll ? "lat" : xy ? "x" : "area");
		return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
		    "give exactly one of lat+lon, x+y or area");
	}
	miss = ll && !api_has(obj, "lat") ? "lat" :
	    ll && !api_has(obj, "lon") ? "lon" :
	    xy && !api_has(obj, "x") ? "x" :
	    xy && !api_has(obj, "y") ? "y" : NULL;
	if (miss != NULL) {
		snprintf(field, sizeof(field), "%s%s", prefix, miss);
		return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
		    "required");
	}
	in->area_code = NULL;
	in->area_layer = NULL;
	if (ll) {
		in->locate = SV_LOCATE_WGS84;
		in->a = num(obj, "lat");
		in->b = num(obj, "lon");
	} else if (xy) {
		in->locate = SV_LOCATE_SWEREF;
		in->a = num(obj, "x");
		in->b = num(obj, "y");
	} else {
		in->locate = SV_LOCATE_AREA;
		in->area_code = api_str(obj, "area");
		in->area_layer = api_str(obj, "layer");
	}
	return SV_OK;
}

/* Merges the members of obj onto in; prefix names the item in errors. */
static enum sv_err
read_incident(struct http_request *req, const json_t *obj,
    const char *prefix, struct sv_incident_input *in)
{
	char field[SV_DIAG_FIELD];
	const char *v;
	const json_t *j;
	int given, i;
	enum sv_err e;

	if (api_has(obj, "category"))
		in->category = api_str(obj, "category");
	if ((v = api_str(obj, "observed_from")) != NULL) {
		snprintf(field, sizeof(field), "%sobserved_from", prefix);
		if ((e = sv_time_parse(v, &in->observed_from, field,
		    &req->diag)) != SV_OK)
			return e;
	}
	if (api_has(obj, "observed_to")) {
		in->has_observed_to = 0;
		if ((v = api_str(obj, "observed_to")) != NULL) {
			snprintf(field, sizeof(field), "%sobserved_to", prefix);
			if ((e = sv_time_parse(v, &in->observed_to, field,
			    &req->diag)) != SV_OK)
				return e;
			in->has_observed_to = 1;
		}
	}
	if ((e = read_location(req, obj, prefix, in, &given)) != SV_OK)
		return e;
	/* Out-of-range integers become 0 or MAX + 1: the domain refuses. */
	if ((j = json_object_get(obj, "severity")) != NULL) {
		json_int_t sv = json_integer_value(j);

		in->severity = sv < 1 || sv > 3 ? 0 : (int)sv;
	}
	if ((j = json_object_get(obj, "people_count")) != NULL) {
		json_int_t p = json_integer_value(j);

		if (!json_is_null(j) && p < 0) {
			snprintf(field, sizeof(field), "%speople_count",
			    prefix);
			return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
			    "must be 0-%d", SV_PEOPLE_MAX);
		}
		in->people_count = json_is_null(j) ? -1 :
		    p > SV_PEOPLE_MAX ? SV_PEOPLE_MAX + 1 : (int)p;
	}
	if ((v = api_str(obj, "certainty")) != NULL) {
		if ((i = name_index(sv_certainty_names, SV_CERTAINTY__MAX,
		    v)) < 0) {
			snprintf(field, sizeof(field), "%scertainty", prefix);
			return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
			    "expected observed or suspected");
		}
		in->certainty = (enum sv_certainty)i;
	}
	if (api_has(obj, "description"))
		in->description = api_str(obj, "description");
	return SV_OK;
}

/* Domain errors of item i get the item's prefix in the field. */
static enum sv_err
item_fail(struct http_request *req, enum sv_err e, const char *prefix,
    const struct sv_diag *d)
{
	if (d->field[0] != '\0')
		api_join(req->diag.field, sizeof(req->diag.field), prefix, "",
		    d->field);
	else	/* "items[2]." without the dot, or "" */
		api_join(req->diag.field, sizeof(req->diag.field), "", "",
		    prefix);
	if (*prefix && req->diag.field[strlen(req->diag.field) - 1] == '.')
		req->diag.field[strlen(req->diag.field) - 1] = '\0';
	snprintf(req->diag.message, sizeof(req->diag.message), "%s",
	    d->message);
	return api_fail(req, e, &req->diag);
}

/*
 * Validates and creates one item; *id receives its id. idx is the index
 * in a batch, or -1 for a single incident (errors then name bare fields).
 */
static enum sv_err
create_one(struct http_request *req, const json_t *obj, long idx,
    int64_t *id)
{
	struct sv_incident_input in;
	struct sv_diag d;
	char item[24] = "", prefix[24] = "", field[SV_DIAG_FIELD];
	enum sv_err e;

	if (idx >= 0) {
		snprintf(item, sizeof(item), "items[%ld]", idx);
		snprintf(prefix, sizeof(prefix), "items[%ld].", idx);
	}
	if ((e = http_json_check(obj, f_incident, idx >= 0 ? item : NULL,
	    &req->malformed, &req->diag)) != SV_OK)
		return e;
	incident_input_init(&in);
	if ((e = read_incident(req, obj, prefix, &in)) != SV_OK)
		return e;
	if (in.locate == SV_LOCATE_NONE) {
		snprintf(field, sizeof(field), "%slat", prefix);
		return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
		    "a point (lat+lon or x+y) or an area is required");
	}
	sv_diag_clear(&d);
	if ((e = incident_create(api_store(req), api_actor(req), &in, id,
	    &d)) != SV_OK)
		return item_fail(req, e, prefix, &d);
	return SV_OK;
}

static json_t *
get_json(struct http_request *req, int64_t id, enum sv_err *err)
{
	struct sv_incident inc;
	struct sv_diag d;

	sv_diag_clear(&d);
	if ((*err = incident_get(api_store(req), api_actor(req), id,
	    req->arena, &inc, &d)) != SV_OK) {
		api_fail(req, *err, &d);
		return NULL;
	}
	return api_incident_json(&inc);
}

enum sv_err
h_incident_create(struct http_request *req, struct http_response *resp)
{
	struct sv_store *s = api_store(req);
	const json_t *items = json_object_get(req->json, "items");
	json_t *out, *one;
	int64_t *ids, id;
	size_t i, n;
	enum sv_err e;

	if (!json_is_object(req->json))
		return http_bad_request(req, "", "expected a JSON object");
	if (items == NULL) {
		if ((e = create_one(req, req->json, -1, &id)) != SV_OK)
			return e;
		if ((one = get_json(req, id, &e)) == NULL)
			return e;
		http_add_header(resp, "Location", sv_arena_printf(req->arena,
		    API_PREFIX "/incidents/%lld", (long long)id));
		return http_reply_json(resp, 201, one);
	}
	if (json_object_size(req->json) != 1)
		return http_bad_request(req, "items",
		    "a batch has only the member \"items\"");
	if (!json_is_array(items))
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "items",
		    "expected an array");
	n = json_array_size(items);
	if (n == 0 || n > BATCH_MAX)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "items",
		    "expected 1..%d incidents", BATCH_MAX);
	ids = sv_arena_alloc(req->arena, n * sizeof(*ids));
	if ((e = store_begin(s)) != SV_OK)
		return api_fail(req, e, NULL);
	for (i = 0; i < n; i++) {
		e = create_one(req, json_array_get(items, i), (long)i, &ids[i]);
		if (e != SV_OK) {
			store_rollback(s);
			return e;
		}
	}
	if ((e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		return api_fail(req, e, NULL);
	}
	out = json_array();
	for (i = 0; i < n; i++) {
		if ((one = get_json(req, ids[i], &e)) == NULL) {
			json_decref(out);
			return e;
		}
		json_array_append_new(out, one);
	}
	return http_reply_json(resp, 201, json_pack("{s:o}", "items", out));
}

enum sv_err
h_incident_get(struct http_request *req, struct http_response *resp)
{
	json_t *one;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	if ((one = get_json(req, id, &e)) == NULL)
		return e;
	return http_reply_json(resp, 200, one);
}

enum sv_err
h_incident_patch(struct http_request *req, struct http_response *resp)
{
	struct sv_incident_input in;
	struct sv_incident inc;
	struct sv_diag d;
	json_t *one;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = incident_get(api_store(req), api_actor(req), id, req->arena,
	    &inc, &d)) != SV_OK)
		return api_fail(req, e, &d);
	incident_to_input(&inc, &in);
	if ((e = read_incident(req, req->json, "", &in)) != SV_OK)
		return e;
	if ((e = incident_update(api_store(req), api_actor(req), id, &in,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	if ((one = get_json(req, id, &e)) == NULL)
		return e;
	return http_reply_json(resp, 200, one);
}

enum sv_err
h_incident_delete(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = incident_withdraw(api_store(req), api_actor(req), id, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}

enum sv_err
h_stats_counts(struct http_request *req, struct http_response *resp)
{
	struct sv_incident_filter f;
	struct sv_count *items;
	const char *g = http_query_get(req, "group");
	const char *gl = http_query_get(req, "group_layer");
	struct sv_diag d;
	enum sv_layer l;
	json_t *arr, *one;
	int64_t total = 0;
	size_t n, i;
	int gi;
	enum sv_err e;

	if ((e = read_filter(req, &f)) != SV_OK)
		return e;
	if (g == NULL)
		return http_bad_request(req, "group", "required: area, "
		    "category, week, day, hour or org");
	if ((gi = name_index(sv_count_group_names, SV_COUNT__MAX, g)) < 0)
		return http_bad_request(req, "group", "expected area, "
		    "category, week, day, hour or org");
	/*
	 * group_layer names the layer grouped by group=area, so layer can
	 * stay the layer of the area filter; without it layer does both,
	 * as before group_layer existed.
	 */
	if (gl != NULL) {
		if (gi != SV_COUNT_AREA)
			return http_bad_request(req, "group_layer",
			    "only with group=area");
		sv_diag_clear(&d);
		if (layer_parse(gl, &l, "group_layer", &d) != SV_OK)
			return http_bad_request(req, "group_layer", "%s",
			    d.message);
	}
	sv_diag_clear(&d);
	if ((e = incident_counts(api_store(req), api_actor(req), &f,
	    (enum sv_count_group)gi, gl != NULL ? gl : f.layer, req->arena,
	    &items, &n, &total, &d)) != SV_OK)
		return filter_fail(req, e, &d);
	arr = json_array();
	/* Small counts suppressed by sharing rules: null, flagged. */
	for (i = 0; i < n; i++) {
		one = json_pack("{s:s, s:o, s:o}",
		    "key", items[i].key ? items[i].key : "",
		    "label", api_jstr(items[i].label), "count",
		    items[i].suppressed ? json_null() :
		    json_integer((json_int_t)items[i].count));
		if (items[i].suppressed)
			json_object_set_new(one, "suppressed", json_true());
		json_array_append_new(arr, one);
	}
	return http_reply_json(resp, 200, json_pack("{s:s, s:o, s:o}",
	    "group", g, "items", arr, "total", total < 0 ? json_null() :
	    json_integer((json_int_t)total)));
}
