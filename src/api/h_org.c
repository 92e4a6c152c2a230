/*
 * /organisations: list, create, read, change (PATCH merges onto the
 * stored organisation), delete.
 */
#include <string.h>

#include "api_int.h"
#include "domain/organisation.h"
#include "store/store.h"

enum sv_err
h_org_list(struct http_request *req, struct http_response *resp)
{
	struct sv_org *items;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = org_list(api_store(req), req->arena, &items, &n, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_org_json(&items[i]));
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

/* Reads the org fields present in obj over in (NULL members clear). */
static void
merge(const json_t *obj, struct sv_org_input *in)
{
	if (api_has(obj, "code"))
		in->code = api_str(obj, "code");
	if (api_has(obj, "name"))
		in->name = api_str(obj, "name");
	if (api_has(obj, "kind"))
		in->kind = api_str(obj, "kind");
	if (api_has(obj, "org_number"))
		in->org_number = api_str(obj, "org_number");
	if (api_has(obj, "parent"))
		in->parent = api_str(obj, "parent");
}

static enum sv_err
reply_org(struct http_request *req, struct http_response *resp,
    const char *code, int status)
{
	struct sv_org o;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = org_get(api_store(req), code, req->arena, &o, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, status, api_org_json(&o));
}

enum sv_err
h_org_create(struct http_request *req, struct http_response *resp)
{
	struct sv_org_input in;
	struct sv_diag d;
	enum sv_err e;

	memset(&in, 0, sizeof(in));
	merge(req->json, &in);
	sv_diag_clear(&d);
	if ((e = org_create(api_store(req), api_actor(req), &in, NULL, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return reply_org(req, resp, in.code, 201);
}

enum sv_err
h_org_get(struct http_request *req, struct http_response *resp)
{
	return reply_org(req, resp, http_param_get(req, "code"), 200);
}

enum sv_err
h_org_patch(struct http_request *req, struct http_response *resp)
{
	const char *code = http_param_get(req, "code");
	struct sv_org_input in;
	struct sv_org o;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = org_get(api_store(req), code, req->arena, &o, &d)) != SV_OK)
		return api_fail(req, e, &d);
	in.code = o.code;
	in.name = o.name;
	in.kind = sv_org_kind_names[o.kind];
	in.org_number = o.org_number;
	in.parent = o.parent;
	merge(req->json, &in);
	if ((e = org_update(api_store(req), api_actor(req), code, &in, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return reply_org(req, resp, in.code, 200);
}

enum sv_err
h_org_delete(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = org_delete(api_store(req), api_actor(req),
	    http_param_get(req, "code"), &d)) != SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}
