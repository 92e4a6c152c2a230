/*
 * Incident photos: POST /incidents/{id}/photos takes a JSON body
 * {"media_type": "image/jpeg" | "image/png", "data": base64}, strips the
 * metadata and stores the photo (domain/photo.h); GET lists them and
 * /photos/{id} serves one picture, only to readers who see the incident
 * at sharing level full.
 */
#include <inttypes.h>
#include <string.h>

#include <sodium.h>

#include "api_int.h"
#include "domain/photo.h"

enum sv_err
api_base64(struct http_request *req, const char *key, const void **out,
    size_t *len)
{
	const char *s = api_str(req->json, key);
	unsigned char *bin;
	size_t n;

	*out = NULL;
	*len = 0;
	if (s == NULL)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, key, "required");
	n = strlen(s);
	bin = sv_arena_alloc(req->arena, n / 4 * 3 + 3);
	if (sodium_base642bin(bin, n / 4 * 3 + 3, s, n, "\r\n", len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, key,
		    "%s is not valid base64", key);
	*out = bin;
	return SV_OK;
}

/* A photo's description with the address of its picture. */
static json_t *
photo_json(struct http_request *req, const struct sv_photo *p)
{
	return json_pack("{s:I, s:I, s:s, s:I, s:I, s:I, s:s, s:o, s:s}",
	    "id", (json_int_t)p->id, "incident_id", (json_int_t)p->incident_id,
	    "media_type", p->media_type, "width", (json_int_t)p->width,
	    "height", (json_int_t)p->height, "bytes", (json_int_t)p->bytes,
	    "sha256", p->sha256, "created_at", api_jtime(p->created_at),
	    "href", sv_arena_printf(req->arena, "%s/photos/%" PRId64,
	    API_PREFIX, p->id));
}

enum sv_err
h_photo_create(struct http_request *req, struct http_response *resp)
{
	struct sv_photo p;
	struct sv_diag d;
	const void *bin;
	int64_t id;
	size_t len;
	json_t *o;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK ||
	    (e = api_base64(req, "data", &bin, &len)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = photo_add(api_store(req), api_actor(req), id,
	    api_str(req->json, "media_type"), bin, len, req->arena, &p, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	o = photo_json(req, &p);
	json_object_set_new(o, "metadata_removed",
	    json_integer((json_int_t)p.removed));
	return http_reply_json(resp, 201, o);
}

enum sv_err
h_photo_list(struct http_request *req, struct http_response *resp)
{
	struct sv_photo *v;
	struct sv_diag d;
	int64_t id;
	size_t n, i;
	json_t *arr;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = photo_list(api_store(req), api_actor(req), id, req->arena, &v,
	    &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, photo_json(req, &v[i]));
	return http_reply_json(resp, 200, json_pack("{s:o}", "items", arr));
}

enum sv_err
h_photo_get(struct http_request *req, struct http_response *resp)
{
	struct sv_photo p;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = photo_get(api_store(req), api_actor(req), id, req->arena, &p,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	sv_buf_reset(&resp->body);
	if ((e = sv_buf_add(&resp->body, p.data, p.len)) != SV_OK)
		return e;
	resp->status = 200;
	resp->content_type = p.media_type;
	/* Personal data: not kept in shared caches or the browser's. */
	http_add_header(resp, "Cache-Control", "private, no-store");
	http_add_header(resp, "Content-Disposition", sv_arena_printf(
	    req->arena, "inline; filename=\"foto-%" PRId64 ".%s\"", id,
	    strcmp(p.media_type, "image/png") == 0 ? "png" : "jpg"));
	return SV_OK;
}

enum sv_err
h_photo_delete(struct http_request *req, struct http_response *resp)
{
	enum sv_err e;

	if ((e = api_id_call(req, photo_delete, NULL)) != SV_OK)
		return e;
	http_reply_empty(resp, 204);
	return SV_OK;
}
