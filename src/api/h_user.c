/*
 * /users: the users an admin manages (the domain decides who that is):
 * list, create, read, change, deactivate.
 */
#include <string.h>

#include "api_int.h"
#include "domain/user.h"
#include "store/store.h"

enum sv_err
h_user_list(struct http_request *req, struct http_response *resp)
{
	struct sv_user *items;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = user_list(api_store(req), api_actor(req), req->arena, &items,
	    &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, api_user_json(&items[i]));
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

static void
merge(const json_t *obj, struct sv_user_input *in)
{
	const json_t *v;

	if (api_has(obj, "email"))
		in->email = api_str(obj, "email");
	if (api_has(obj, "password"))
		in->password = api_str(obj, "password");
	if (api_has(obj, "organisation"))
		in->organisation = api_str(obj, "organisation");
	if (api_has(obj, "role"))
		in->role = api_str(obj, "role");
	if (api_has(obj, "display_name"))
		in->display_name = api_str(obj, "display_name");
	if (api_has(obj, "alias"))
		in->alias = api_str(obj, "alias");
	if ((v = json_object_get(obj, "active")) != NULL)
		in->active = json_is_true(v);
}

static enum sv_err
reply_user(struct http_request *req, struct http_response *resp,
    int64_t id, int status)
{
	struct sv_user u;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = user_get(api_store(req), api_actor(req), id, req->arena, &u,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, status, api_user_json(&u));
}

enum sv_err
h_user_create(struct http_request *req, struct http_response *resp)
{
	struct sv_user_input in;
	struct sv_diag d;
	int64_t id = 0;
	enum sv_err e;

	memset(&in, 0, sizeof(in));
	in.active = 1;
	merge(req->json, &in);
	sv_diag_clear(&d);
	if ((e = user_create(api_store(req), api_actor(req), &in, &id, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return reply_user(req, resp, id, 201);
}

enum sv_err
h_user_get(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	return reply_user(req, resp, id, 200);
}

enum sv_err
h_user_patch(struct http_request *req, struct http_response *resp)
{
	struct sv_user_input in;
	struct sv_user u;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = user_get(api_store(req), api_actor(req), id, req->arena, &u,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	memset(&in, 0, sizeof(in));
	in.email = u.email;
	in.organisation = u.organisation;
	in.role = sv_role_names[u.role];
	in.display_name = u.display_name;
	in.alias = u.alias;
	in.active = u.active;
	merge(req->json, &in);
	if ((e = user_update(api_store(req), api_actor(req), id, &in, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return reply_user(req, resp, id, 200);
}

enum sv_err
h_user_delete(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = user_delete(api_store(req), api_actor(req), id, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}
