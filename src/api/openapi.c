/*
 * The OpenAPI 3.0 document, generated from the route table and the field
 * and query specs, so the document and the server cannot disagree. Served
 * at /api/v1/openapi.json.
 */
#include <string.h>

#include "api_int.h"
#include "sv_config.h"

/* operationIds, parallel to api_routes. */
static const char *const op_ids[] = {
#define API_ROUTE(m, path, fn, role, body, fields, query, max, sum, tag) #fn,
#include "routes.def"
#undef API_ROUTE
};

/* POST routes that answer 200 rather than 201 (nothing is created). */
static const char *const post_200[] = {
	"h_session_create", "h_area_import", "h_sharing_put",
	"h_document_decide", "h_document_archive", NULL,
};

/*
 * Success responses that are not (only) JSON: the media types the
 * handler answers with. A route ending in .html or .pdf is a rendering
 * (text/html or application/pdf) whatever its handler.
 */
static const struct {
	const char	*op;
	const char	*types[8];
} media[] = {
	{ "h_photo_get", { "image/jpeg", "image/png" } },
	{ "h_document_file", { "application/pdf", "text/plain",
	    "image/jpeg", "image/png", "application/vnd.oasis.opendocument.text",
	    "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" } },
	/* the media type given when the attachment was stored */
	{ "h_co_attachment_file", { "application/octet-stream" } },
	{ "h_co_ical", { "text/calendar" } },
	/* format=geojson */
	{ "h_incident_list", { "application/json", "application/geo+json" } },
	{ "h_area_list", { "application/json", "application/geo+json" } },
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The schema of a body of media type t. */
static json_t *
media_schema(const char *t)
{
	if (strcmp(t, "application/json") == 0 ||
	    strcmp(t, "application/geo+json") == 0)
		return json_pack("{s:s}", "type", "object");
	if (strncmp(t, "text/", 5) == 0)
		return json_pack("{s:s}", "type", "string");
	return json_pack("{s:s, s:s}", "type", "string", "format", "binary");
}

/* The content object of route i's success response. */
static json_t *
success_content(const struct http_route *rt, size_t i)
{
	const char *one[2] = { "application/json", NULL };
	const char *const *types = one;
	json_t *c = json_object();
	size_t k;

	if (ends_with(rt->pattern, ".html"))
		one[0] = "text/html";
	else if (ends_with(rt->pattern, ".pdf"))
		one[0] = "application/pdf";
	else
		for (k = 0; k < sizeof(media) / sizeof(media[0]); k++)
			if (strcmp(media[k].op, op_ids[i]) == 0)
				types = media[k].types;
	for (k = 0; k < 8 && types[k] != NULL; k++)
		json_object_set_new(c, types[k], json_pack("{s:o}", "schema",
		    media_schema(types[k])));
	return c;
}

static const char *
role_name(int role)
{
	if (role == HTTP_ROLE_PUBLIC)
		return "none";
	if (role >= 0 && role < SV_ROLE__MAX)
		return sv_role_names[role];
	return "?";
}

static json_t *
type_schema(enum http_jtype t)
{
	if (t == HTTP_J_ANY)
		return json_object();
	return json_pack("{s:s}", "type", http_jtype_names[t]);
}

static json_t *
fields_schema(const struct http_field *f)
{
	json_t *props = json_object(), *req = json_array(), *s, *o;

	for (; f != NULL && f->name != NULL; f++) {
		s = type_schema(f->type);
		json_object_set_new(s, "description", json_string(f->doc));
		if (f->flags & HTTP_F_NULLABLE)
			json_object_set_new(s, "nullable", json_true());
		json_object_set_new(props, f->name, s);
		if (f->flags & HTTP_F_REQUIRED)
			json_array_append_new(req, json_string(f->name));
	}
	o = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props,
	    "additionalProperties", 0);
	if (json_array_size(req) > 0)
		json_object_set_new(o, "required", req);
	else
		json_decref(req);
	return o;
}

static json_t *
parameters(const struct http_route *rt)
{
	json_t *arr = json_array();
	const struct http_qparam *q;
	const char *p, *e;
	char name[64];
	size_t n;

	for (p = strchr(rt->pattern, '{'); p != NULL; p = strchr(e, '{')) {
		if ((e = strchr(p, '}')) == NULL)
			break;
		n = (size_t)(e - p - 1);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, p + 1, n);
		name[n] = '\0';
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b, s:o}",
		    "name", name, "in", "path", "required", 1, "schema",
		    type_schema(strcmp(name, "id") == 0 ? HTTP_J_INTEGER :
		    HTTP_J_STRING)));
	}
	for (q = rt->query; q != NULL && q->name != NULL; q++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o}",
		    "name", q->name, "in", "query", "description", q->doc,
		    "schema", type_schema(q->type)));
	return arr;
}

static json_t *
request_body(const struct http_route *rt)
{
	json_t *schema;
	const char *type = "application/json";

	switch (rt->body) {
	case HTTP_BODY_FIELDS:
		schema = fields_schema(rt->fields);
		break;
	case HTTP_BODY_JSON:
		if ((schema = api_co_body_schema(rt)) != NULL)
			break;
		/* One object of `fields`, or {"items":[...]} of them. */
		schema = json_pack("{s:[o, {s:s, s:{s:{s:s, s:o, s:i, s:i}},"
		    " s:[s], s:b}]}", "oneOf", fields_schema(rt->fields),
		    "type", "object", "properties", "items", "type", "array",
		    "items", fields_schema(rt->fields), "minItems", 1,
		    "maxItems", 1000, "required", "items",
		    "additionalProperties", 0);
		break;
	case HTTP_BODY_RAW:
		type = "application/geo+json";
		schema = json_pack("{s:s, s:s}", "type", "object",
		    "description", "GeoJSON FeatureCollection (RFC 7946, or "
		    "EPSG:3006 with a crs member)");
		break;
	case HTTP_BODY_NONE:
	case HTTP_BODY__MAX:
	default:
		return NULL;
	}
	return json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", type,
	    "schema", schema);
}

static int
success_status(const struct http_route *rt, size_t i)
{
	size_t k;

	switch (rt->method) {
	case HTTP_POST:
		for (k = 0; post_200[k] != NULL; k++)
			if (strcmp(post_200[k], op_ids[i]) == 0)
				return 200;
		return 201;
	case HTTP_DELETE:
		return 204;
	default:
		return 200;
	}
}

static void
add_error(json_t *responses, const char *status)
{
	json_object_set_new(responses, status, json_pack("{s:s}", "$ref",
	    "#/components/responses/Error"));
}

static json_t *
operation(const struct http_route *rt, size_t i)
{
	json_t *op, *responses = json_object(), *body;
	char st[8];
	int ok = success_status(rt, i);

	snprintf(st, sizeof(st), "%d", ok);
	json_object_set_new(responses, st, ok == 204 ?
	    json_pack("{s:s}", "description", "done") :
	    json_pack("{s:s, s:o}", "description", "success", "content",
	    success_content(rt, i)));
	add_error(responses, "400");
	if (rt->role != HTTP_ROLE_PUBLIC) {
		add_error(responses, "401");
		add_error(responses, "403");
	}
	if (strchr(rt->pattern, '{') != NULL)
		add_error(responses, "404");
	if (rt->body != HTTP_BODY_NONE) {
		add_error(responses, "413");
		add_error(responses, "415");
		add_error(responses, "422");
	}
	if (rt->method == HTTP_POST || rt->method == HTTP_PATCH ||
	    rt->method == HTTP_DELETE)
		add_error(responses, "409");
	if (strcmp(op_ids[i], "h_session_create") == 0)
		add_error(responses, "429");
	op = json_pack("{s:s, s:s, s:[s], s:s, s:o, s:o}",
	    "operationId", op_ids[i], "summary", rt->summary, "tags", rt->tag,
	    "x-role", role_name(rt->role), "parameters", parameters(rt),
	    "responses", responses);
	if (rt->role == HTTP_ROLE_PUBLIC)
		json_object_set_new(op, "security", json_array());
	if ((body = request_body(rt)) != NULL)
		json_object_set_new(op, "requestBody", body);
	return op;
}

static json_t *
components(void)
{
	json_t *err, *body;

	err = json_pack("{s:s, s:[s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s, s:b}}}",
	    "type", "object", "required", "code", "message", "field",
	    "properties", "code", "type", "string", "message", "type",
	    "string", "field", "type", "string", "nullable", 1);
	body = json_pack("{s:s, s:[s], s:{s:o}}", "type", "object",
	    "required", "error", "properties", "error", err);
	return json_pack("{s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}, s:{s:o},"
	    " s:{s:{s:s, s:{s:{s:{s:s}}}}}}",
	    "securitySchemes",
	    "cookie", "type", "apiKey", "in", "cookie", "name", "sv_session",
	    "bearer", "type", "http", "scheme", "bearer",
	    "schemas", "ErrorBody", body,
	    "responses", "Error", "description",
	    "{\"error\":{\"code\",\"message\",\"field\"}}",
	    "content", "application/json", "schema", "$ref",
	    "#/components/schemas/ErrorBody");
}

json_t *
api_openapi(void)
{
	json_t *doc, *paths = json_object(), *item;
	const char *rel, *m;
	char lower[16];
	size_t i, k;

	for (i = 0; i < api_nroutes; i++) {
		rel = api_routes[i].pattern + strlen(API_PREFIX);
		if ((item = json_object_get(paths, rel)) == NULL) {
			item = json_object();
			json_object_set_new(paths, rel, item);
		}
		m = http_method_names[api_routes[i].method];
		for (k = 0; m[k] != '\0' && k + 1 < sizeof(lower); k++)
			lower[k] = (char)(m[k] - 'A' + 'a');
		lower[k] = '\0';
		json_object_set_new(item, lower, operation(&api_routes[i], i));
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o,"
	    " s:[{s:[]}, {s:[]}]}",
	    "openapi", "3.0.3",
	    "info", "title", "samverkan JSON API", "version", SV_VERSION,
	    "description", "Crime-prevention collaboration: organisations, "
	    "users, areas, categories, incidents and counts. See docs/api.md.",
	    "servers", "url", API_PREFIX,
	    "paths", paths,
	    "security", "cookie", "bearer");
	json_object_set_new(doc, "components", components());
	return doc;
}

enum sv_err
h_openapi(struct http_request *req, struct http_response *resp)
{
	json_t *doc = api_openapi();

	(void)req;
	if (doc == NULL)
		return SV_ERR_INTERNAL;
	http_add_header(resp, "Cache-Control", "no-cache");
	return http_reply_json(resp, 200, doc);
}
