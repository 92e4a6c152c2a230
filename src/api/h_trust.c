/*
 * /sharing and /settings/trust: the sharing rules between organisations
 * (who sees how much of whose data) and the trust settings (personal-data
 * mode, minimum count of aggregated figures, retention periods). Reading
 * is open to every signed-in user, since who may see what is not secret;
 * changing is for admins, and the domain checks which (domain/sharing.h,
 * domain/trust.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api_int.h"
#include "domain/sharing.h"
#include "domain/trust.h"

static json_t *
rule_json(const struct sv_share_rule *r)
{
	return json_pack("{s:s, s:o, s:s, s:s, s:o}", "owner", r->owner,
	    "reader", api_jstr(r->reader), "kind", sv_share_kind_names[r->kind],
	    "level", sv_share_level_names[r->level], "updated_at",
	    api_jtime(r->updated_at));
}

enum sv_err
h_sharing_list(struct http_request *req, struct http_response *resp)
{
	struct sv_share_rule *v;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = sharing_list(api_store(req), api_actor(req), req->arena, &v,
	    &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, rule_json(&v[i]));
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

enum sv_err
h_sharing_put(struct http_request *req, struct http_response *resp)
{
	const char *owner = api_str(req->json, "owner");
	const char *reader = api_str(req->json, "reader");
	const char *kind = api_str(req->json, "kind");
	const char *level = api_str(req->json, "level");
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = sharing_set(api_store(req), api_actor(req), owner, reader,
	    kind, level, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 200, json_pack("{s:s, s:o, s:s, s:s}",
	    "owner", owner, "reader", api_jstr(reader), "kind", kind,
	    "level", level));
}

enum sv_err
h_sharing_delete(struct http_request *req, struct http_response *resp)
{
	const char *owner = http_query_get(req, "owner");
	const char *reader = http_query_get(req, "reader");
	const char *kind = http_query_get(req, "kind");
	struct sv_diag d;
	enum sv_err e;

	if (owner == NULL)
		return http_bad_request(req, "owner", "required");
	if (kind == NULL)
		kind = "incident";
	sv_diag_clear(&d);
	if ((e = sharing_delete(api_store(req), api_actor(req), owner,
	    reader != NULL && *reader != '\0' ? reader : NULL, kind, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}

static enum sv_err
reply_settings(struct http_request *req, struct http_response *resp)
{
	struct sv_trust_value *v;
	struct sv_diag d;
	json_t *arr, *val;
	int64_t x;
	size_t n, i;
	enum sv_err e;
	char *end;

	sv_diag_clear(&d);
	if ((e = trust_list(api_store(req), api_actor(req), req->arena, &v,
	    &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++) {
		x = strtoll(v[i].value, &end, 10);
		val = *end == '\0' && end != v[i].value ?
		    json_integer((json_int_t)x) : json_string(v[i].value);
		json_array_append_new(arr, json_pack("{s:s, s:o, s:b, s:s}",
		    "name", v[i].name, "value", val, "default",
		    v[i].is_default, "doc", sv_trust_defs[i].doc));
	}
	return http_reply_json(resp, 200, json_pack("{s:o}", "items", arr));
}

enum sv_err
h_trust_get(struct http_request *req, struct http_response *resp)
{
	return reply_settings(req, resp);
}

enum sv_err
h_trust_patch(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	const char *key, *val;
	json_t *v;
	char num[32];
	enum sv_err e;

	sv_diag_clear(&d);
	json_object_foreach(req->json, key, v) {
		if (json_is_null(v))
			val = NULL;
		else if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
			val = num;
		} else
			val = json_string_value(v);
		if ((e = trust_set(api_store(req), api_actor(req), key, val,
		    &d)) != SV_OK)
			return api_fail(req, e, &d);
	}
	return reply_settings(req, resp);
}
