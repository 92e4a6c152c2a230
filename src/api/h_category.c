/*
 * /categories: the tree (flat, parents first), create, read, change,
 * delete (the domain deactivates a category that incidents use).
 */
#include <string.h>

#include "api_int.h"
#include "domain/category.h"
#include "store/store.h"

enum sv_err
h_category_list(struct http_request *req, struct http_response *resp)
{
	struct sv_category *items;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = category_list(api_store(req), req->arena, &items, &n, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_category_json(&items[i]));
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

static void
merge(const json_t *obj, struct sv_category_input *in)
{
	const json_t *v;

	if (api_has(obj, "code"))
		in->code = api_str(obj, "code");
	if (api_has(obj, "name"))
		in->name = api_str(obj, "name");
	if (api_has(obj, "parent"))
		in->parent = api_str(obj, "parent");
	if ((v = json_object_get(obj, "est")) != NULL)
		in->est = json_is_true(v);
	if ((v = json_object_get(obj, "active")) != NULL)
		in->active = json_is_true(v);
}

static enum sv_err
reply_category(struct http_request *req, struct http_response *resp,
    const char *code, int status)
{
	struct sv_category c;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = category_get(api_store(req), code, req->arena, &c, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, status, api_category_json(&c));
}

enum sv_err
h_category_create(struct http_request *req, struct http_response *resp)
{
	struct sv_category_input in;
	struct sv_diag d;
	enum sv_err e;

	memset(&in, 0, sizeof(in));
	in.active = 1;
	merge(req->json, &in);
	sv_diag_clear(&d);
	if ((e = category_create(api_store(req), api_actor(req), &in, NULL,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_category(req, resp, in.code, 201);
}

enum sv_err
h_category_get(struct http_request *req, struct http_response *resp)
{
	return reply_category(req, resp, http_param_get(req, "code"), 200);
}

enum sv_err
h_category_patch(struct http_request *req, struct http_response *resp)
{
	const char *code = http_param_get(req, "code");
	struct sv_category_input in;
	struct sv_category c;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = category_get(api_store(req), code, req->arena, &c, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	in.code = c.code;
	in.name = c.name;
	in.parent = c.parent;
	in.est = c.est;
	in.active = c.active;
	merge(req->json, &in);
	if ((e = category_update(api_store(req), api_actor(req), code, &in,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_category(req, resp, in.code, 200);
}

enum sv_err
h_category_delete(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = category_delete(api_store(req), api_actor(req),
	    http_param_get(req, "code"), &d)) != SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}
