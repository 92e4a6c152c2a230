/*
 * /documents: the document lifecycle (domain/document.h) over HTTP. A
 * rendered kind is made from its source record here (render/doc_source.h)
 * and handed to the domain as bytes; an uploaded file arrives as base64
 * in the JSON body. Decide, archive and new version are POSTs on the
 * document, so each step is one audited request.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "domain/document.h"
#include "render/doc_source.h"

static json_t *
jint_or_null(int64_t v)
{
	return v ? json_integer((json_int_t)v) : json_null();
}

static json_t *
document_json(struct http_request *req, const struct sv_document *x)
{
	return json_pack("{s:I, s:I, s:I, s:b, s:s, s:s, s:s, s:s, s:o, s:o, "
	    "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:I, s:s, s:o, s:o, "
	    "s:o}",
	    "id", (json_int_t)x->id, "series_id", (json_int_t)x->series_id,
	    "version", (json_int_t)x->version, "latest", x->latest,
	    "organisation", x->organisation,
	    "kind", sv_doc_kind_names[x->kind], "title", x->title,
	    "status", sv_doc_status_names[x->status],
	    "agreement_id", jint_or_null(x->agreement_id),
	    "source_id", jint_or_null(x->source_id),
	    "diarienummer", api_jstr(x->diarienummer),
	    "decision_id", jint_or_null(x->decision_id),
	    "decision_ref", api_jstr(x->decision_ref),
	    "decision_text", api_jstr(x->decision_text),
	    "decided_on", api_jstr(x->decided_on),
	    "decided_at", x->decided_at ? api_jtime(x->decided_at) :
	    json_null(),
	    "archived_at", x->archived_at ? api_jtime(x->archived_at) :
	    json_null(),
	    "media_type", x->media_type, "file_name", x->file_name,
	    "bytes", (json_int_t)x->bytes, "sha256", x->sha256,
	    "created_at", api_jtime(x->created_at),
	    "updated_at", api_jtime(x->updated_at),
	    "href", x->may_read_file ? json_string(sv_arena_printf(req->arena,
	    "%s/documents/%" PRId64 "/file", API_PREFIX, x->id)) :
	    json_null());
}

/* Replies with document id as it is now (status st). */
static enum sv_err
reply_document(struct http_request *req, struct http_response *resp,
    int64_t id, int st)
{
	struct sv_document x;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = document_get(api_store(req), api_actor(req), id, 0,
	    req->arena, &x, &d)) != SV_OK)
		return api_fail(req, e, &d);
	if (st == 201)
		http_add_header(resp, "Location", sv_arena_printf(req->arena,
		    "%s/documents/%" PRId64, API_PREFIX, id));
	return http_reply_json(resp, st, document_json(req, &x));
}

/* An integer member, 0 when absent or null. */
static int64_t
jint(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/*
 * The content of in: an upload in the body ("content", "file_name",
 * "media_type") or, for a rendered kind when render is set, the PDF of
 * its source. *src gets what rendering found (title, agreement).
 */
static enum sv_err
body_content(struct http_request *req, enum sv_doc_kind kind,
    int64_t source_id, int render, struct sv_document_input *in,
    struct doc_source *src)
{
	struct sv_buf pdf;
	struct sv_diag d;
	enum sv_err e;

	memset(src, 0, sizeof(*src));
	if (api_has(req->json, "content")) {
		if (document_kind_rendered(kind))
			return sv_diag_set(&req->diag, SV_ERR_INVALID,
			    "content", "a %s is rendered from its source, "
			    "not uploaded", sv_doc_kind_names[kind]);
		if ((e = api_base64(req, "content", &in->content, &in->len)) !=
		    SV_OK)
			return e;
		in->has_content = 1;
		in->file_name = api_str(req->json, "file_name");
		in->media_type = api_str(req->json, "media_type");
		return SV_OK;
	}
	if (!render || !document_kind_rendered(kind))
		return SV_OK;
	if (source_id <= 0)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "source_id",
		    "source_id is required for a %s", sv_doc_kind_names[kind]);
	sv_buf_init(&pdf, SV_DOC_MAX + 1);
	sv_diag_clear(&d);
	e = doc_source_render(api_store(req), api_actor(req), kind, source_id,
	    0, req->arena, &pdf, src, &d);
	if (e == SV_OK) {
		in->content = sv_arena_alloc(req->arena, pdf.len + 1);
		memcpy((void *)(uintptr_t)in->content, pdf.data, pdf.len);
		in->len = pdf.len;
		in->has_content = 1;
		in->file_name = src->file_name;
		in->media_type = "application/pdf";
	}
	sv_buf_free(&pdf);
	return e == SV_OK ? SV_OK : api_fail(req, e, &d);
}

enum sv_err
h_document_create(struct http_request *req, struct http_response *resp)
{
	struct sv_document_input in;
	struct doc_source src;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;
	int k;

	memset(&in, 0, sizeof(in));
	in.kind = api_str(req->json, "kind");
	if ((k = document_kind_parse(in.kind)) < 0)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "kind", "kind "
		    "must be overenskommelse, handlingsplan, uppfoljning, "
		    "protokoll or fil");
	in.organisation = api_str(req->json, "organisation");
	in.title = api_str(req->json, "title");
	in.diarienummer = api_str(req->json, "diarienummer");
	in.agreement_id = jint(req->json, "agreement_id");
	in.source_id = jint(req->json, "source_id");
	if (api_has(req->json, "source_id") && k == SV_DOC_FIL)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "source_id",
		    "a file has no source record");
	if ((e = body_content(req, (enum sv_doc_kind)k, in.source_id, 1, &in,
	    &src)) != SV_OK)
		return e;
	if (document_kind_rendered((enum sv_doc_kind)k)) {
		if (in.agreement_id != 0 && in.agreement_id !=
		    src.agreement_id)
			return sv_diag_set(&req->diag, SV_ERR_INVALID,
			    "agreement_id", "the source belongs to agreement "
			    "%" PRId64, src.agreement_id);
		in.agreement_id = src.agreement_id;
		if (in.title == NULL)
			in.title = src.title;
	}
	sv_diag_clear(&d);
	if ((e = document_create(api_store(req), api_actor(req), &in, &id,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_document(req, resp, id, 201);
}

enum sv_err
h_document_list(struct http_request *req, struct http_response *resp)
{
	struct sv_document_filter f;
	struct sv_document *v;
	struct sv_diag d;
	const char *agr = http_query_get(req, "agreement");
	size_t n, i;
	json_t *arr;
	enum sv_err e;

	memset(&f, 0, sizeof(f));
	f.organisation = http_query_get(req, "org");
	f.status = http_query_get(req, "status");
	f.kind = http_query_get(req, "kind");
	f.from = http_query_get(req, "from");
	f.to = http_query_get(req, "to");
	if (agr != NULL)
		f.agreement_id = strtoll(agr, NULL, 10);
	sv_diag_clear(&d);
	if ((e = document_list(api_store(req), api_actor(req), &f, req->arena,
	    &v, &n, &d)) != SV_OK) {
		if (e == SV_ERR_INVALID)
			req->malformed = 1;
		return api_fail(req, e, &d);
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, document_json(req, &v[i]));
	return http_reply_json(resp, 200, json_pack("{s:o}", "items", arr));
}

enum sv_err
h_document_get(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	return reply_document(req, resp, id, 200);
}

enum sv_err
h_document_file(struct http_request *req, struct http_response *resp)
{
	struct sv_document x;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = document_get(api_store(req), api_actor(req), id, 1,
	    req->arena, &x, &d)) != SV_OK)
		return api_fail(req, e, &d);
	sv_buf_reset(&resp->body);
	if ((e = sv_buf_add(&resp->body, x.content, x.len)) != SV_OK)
		return e;
	resp->status = 200;
	resp->content_type = x.media_type;
	http_add_header(resp, "Content-Disposition", sv_arena_printf(
	    req->arena, "attachment; filename=\"%s\"", x.file_name));
	http_add_header(resp, "ETag", sv_arena_printf(req->arena, "\"%s\"",
	    x.sha256));
	return SV_OK;
}

/* The current document for PATCH and new versions. */
static enum sv_err
current(struct http_request *req, int64_t id, struct sv_document *x)
{
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = document_get(api_store(req), api_actor(req), id, 0,
	    req->arena, x, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return SV_OK;
}

/* title, diarienummer and content of a PATCH or a new version. */
static enum sv_err
change_input(struct http_request *req, const struct sv_document *x,
    int render, struct sv_document_input *in)
{
	struct doc_source src;

	memset(in, 0, sizeof(*in));
	in->title = api_str(req->json, "title");
	in->diarienummer = api_str(req->json, "diarienummer");
	in->clear_diarienummer = api_has(req->json, "diarienummer") &&
	    in->diarienummer == NULL;
	if (!api_has(req->json, "content") && (api_has(req->json,
	    "file_name") || api_has(req->json, "media_type")))
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "content",
		    "file_name and media_type come with content");
	return body_content(req, x->kind, x->source_id, render, in, &src);
}

enum sv_err
h_document_patch(struct http_request *req, struct http_response *resp)
{
	struct sv_document_input in;
	struct sv_document x;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK ||
	    (e = current(req, id, &x)) != SV_OK ||
	    (e = change_input(req, &x, json_is_true(json_object_get(req->json,
	    "refresh")), &in)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = document_update(api_store(req), api_actor(req), id, &in,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_document(req, resp, id, 200);
}

enum sv_err
h_document_delete(struct http_request *req, struct http_response *resp)
{
	enum sv_err e;

	if ((e = api_id_call(req, document_delete, NULL)) != SV_OK)
		return e;
	http_reply_empty(resp, 204);
	return SV_OK;
}

enum sv_err
h_document_decide(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = document_decide(api_store(req), api_actor(req), id,
	    jint(req->json, "decision_id"), api_str(req->json, "decision_ref"),
	    api_str(req->json, "decided_on"), &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_document(req, resp, id, 200);
}

enum sv_err
h_document_archive(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	enum sv_err e;

	if ((e = api_id_call(req, document_archive, &id)) != SV_OK)
		return e;
	return reply_document(req, resp, id, 200);
}

enum sv_err
h_document_version(struct http_request *req, struct http_response *resp)
{
	struct sv_document_input in;
	struct sv_document x;
	struct sv_diag d;
	int64_t id, nid;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK ||
	    (e = current(req, id, &x)) != SV_OK ||
	    (e = change_input(req, &x, 1, &in)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = document_new_version(api_store(req), api_actor(req), id, &in,
	    &nid, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_document(req, resp, nid, 201);
}
