/*
 * The collaboration routes (issue 5). One set of generic handlers serves
 * every entity of domain/collab.h: the entity is read off the route's
 * pattern ("/agreements/{id}/bodies" lists and creates bodies,
 * "/bodies/{id}" reads, changes and deletes one), and JSON is decoded
 * and encoded by the entity's field table: strings for text, dates,
 * instants (ISO 8601), enumerations, organisation and category codes;
 * integers for counts and ids; numbers; booleans; base64 for files.
 * Unknown keys are refused (400), wrong types are invalid (422).
 *
 * Besides: the whole agreement as one tree, the due list, a body's
 * meetings as iCalendar, the published medborgarlöften (public), the CSV
 * import of indicator values and an attachment's file.
 */
#include <inttypes.h>
#include <string.h>

#include <sodium.h>

#include "api_int.h"
#include "domain/agreement.h"
#include "domain/collab.h"
#include "domain/dialogue.h"
#include "domain/due.h"
#include "domain/indicator.h"
#include "domain/meeting.h"
#include "domain/plan.h"
#include "render/collab_doc.h"
#include "store/store.h"

/* The entity of a route pattern: the last literal segment (or the one
 * before a trailing {id}). */
static enum co_entity
pattern_entity(const char *p, int item)
{
	const char *end, *start;
	char seg[64];

	end = p + strlen(p);
	if (item && end - p > 5 && strcmp(end - 5, "/{id}") == 0)
		end -= 5;
	for (start = end; start > p && start[-1] != '/'; start--)
		;
	if ((size_t)(end - start) >= sizeof(seg))
		return CO__MAX;
	memcpy(seg, start, (size_t)(end - start));
	seg[end - start] = '\0';
	return co_entity_by_path(seg);
}

static enum co_entity
route_entity(const struct http_request *req, int item)
{
	return pattern_entity(req->route->pattern, item);
}

/* JSON key of a child list: the path with '_' for '-'. */
static const char *
child_key(struct sv_arena *a, const struct co_desc *d)
{
	char *k = sv_arena_strdup(a, d->path), *p;

	for (p = k; *p; p++)
		if (*p == '-')
			*p = '_';
	return k;
}

static json_t *
enc_val(const struct co_field *f, const struct co_val *v,
    struct sv_arena *a)
{
	size_t n;
	char *b64;

	if (!v->set || v->null)
		return json_null();
	switch (f->type) {
	case CO_T_INSTANT:
		return api_jtime(v->i);
	case CO_T_INT:
	case CO_T_REF:
	case CO_T_AREA:
		return json_integer(v->i);
	case CO_T_NUM:
		return json_real(v->d);
	case CO_T_BOOL:
		return json_boolean(v->i);
	case CO_T_BLOB:
		n = sodium_base64_encoded_len(v->len,
		    sodium_base64_VARIANT_ORIGINAL);
		b64 = sv_arena_alloc(a, n);
		sodium_bin2base64(b64, n, (const unsigned char *)v->s, v->len,
		    sodium_base64_VARIANT_ORIGINAL);
		return json_string(b64);
	default:
		return api_jstr(v->s);
	}
}

/* The record as a JSON object, with what the program derives. */
static json_t *
enc_rec(struct http_request *req, const struct co_rec *r)
{
	const struct co_desc *d = co_desc(r->ent);
	struct sv_adoption ad;
	struct sv_diag diag;
	int64_t score, max;
	json_t *o = json_object();
	char key[48];
	int i;

	json_object_set_new(o, "id", json_integer(r->id));
	if (r->agreement_id != 0 && r->ent != CO_AGREEMENT &&
	    r->ent != CO_DIALOGUE)
		json_object_set_new(o, "agreement_id",
		    json_integer(r->agreement_id));
	if (d->parent != CO__MAX && d->parent != CO_AGREEMENT) {
		snprintf(key, sizeof(key), "%s_id",
		    co_entity_names[d->parent]);
		json_object_set_new(o, key, json_integer(r->parent_id));
	}
	for (i = 0; i < d->nfields; i++)
		if (r->v[i].set)
			json_object_set_new(o, d->fields[i].name,
			    enc_val(&d->fields[i], &r->v[i], req->arena));
	sv_diag_clear(&diag);
	if (r->ent == CO_ATTACHMENT &&
	    attachment_adoption(api_store(req), r->id, req->arena, &ad,
	    &diag) == SV_OK) {
		json_object_set_new(o, "status", json_string(ad.decision_id ?
		    "antagen" : "utkast"));
		json_object_set_new(o, "adopted_by", ad.decision_id == 0 ?
		    json_null() : json_pack("{s:I, s:I, s:I, s:o, s:s}",
		    "decision_id", (json_int_t)ad.decision_id, "paragraph",
		    (json_int_t)ad.paragraph, "meeting_id",
		    (json_int_t)ad.meeting_id, "decided_at",
		    api_jtime(ad.decided_at), "body", ad.body ? ad.body : ""));
	}
	if (r->ent == CO_PROBLEM && problem_impact(api_store(req), r->id,
	    &score, &max, &diag) == SV_OK) {
		json_object_set_new(o, "impact_score", json_integer(score));
		json_object_set_new(o, "impact_max", json_integer(max));
	}
	return o;
}

/* Decodes a JSON object into r by the field table. */
static enum sv_err
dec_rec(struct http_request *req, const json_t *obj, struct co_rec *r)
{
	const struct co_desc *d = co_desc(r->ent);
	const struct co_field *f;
	struct co_val *v;
	const char *k, *s;
	json_t *jv;
	size_t len, blen;
	unsigned char *bin;
	int i;

	if (!json_is_object(obj))
		return http_bad_request(req, "", "the body must be an object");
	json_object_foreach((json_t *)(uintptr_t)obj, k, jv) {
		if ((i = co_field_index(d, k)) < 0)
			return http_bad_request(req, k, "unknown field %s", k);
		f = &d->fields[i];
		v = &r->v[i];
		v->set = 1;
		if (json_is_null(jv)) {
			v->null = 1;
			continue;
		}
		switch (f->type) {
		case CO_T_INT:
		case CO_T_REF:
		case CO_T_AREA:
			if (!json_is_integer(jv))
				return sv_diag_set(&req->diag, SV_ERR_INVALID,
				    k, "%s must be an integer", k);
			v->i = json_integer_value(jv);
			break;
		case CO_T_NUM:
			if (!json_is_number(jv))
				return sv_diag_set(&req->diag, SV_ERR_INVALID,
				    k, "%s must be a number", k);
			v->d = json_number_value(jv);
			break;
		case CO_T_BOOL:
			if (!json_is_boolean(jv))
				return sv_diag_set(&req->diag, SV_ERR_INVALID,
				    k, "%s must be true or false", k);
			v->i = json_is_true(jv);
			break;
		case CO_T_BLOB:
			if (!json_is_string(jv))
				return sv_diag_set(&req->diag, SV_ERR_INVALID,
				    k, "%s must be base64 text", k);
			s = json_string_value(jv);
			len = strlen(s);
			bin = sv_arena_alloc(req->arena, len + 1);
			if (sodium_base642bin(bin, len + 1, s, len, NULL, &blen,
			    NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
				return sv_diag_set(&req->diag, SV_ERR_INVALID,
				    k, "%s is not valid base64", k);
			v->s = (const char *)bin;
			v->len = blen;
			break;
		default:
			if (!json_is_string(jv))
				return sv_diag_set(&req->diag, SV_ERR_INVALID,
				    k, "%s must be a string", k);
			v->s = json_string_value(jv);
			break;
		}
	}
	return SV_OK;
}

/*
 * The record as the actor may see it, or NULL: dialogue notes follow the
 * sharing rules of their organisation (domain/dialogue.h); withheld
 * free text is null and flagged "text_withheld".
 */
static json_t *
enc_shared(struct http_request *req, struct co_rec *r)
{
	enum sv_share_level l;
	json_t *o;

	if (r->ent != CO_DIALOGUE)
		return enc_rec(req, r);
	l = dialogue_share_level(api_store(req), api_actor(req), r);
	if (l < SV_SHARE_NO_TEXT)
		return NULL;
	if (l == SV_SHARE_FULL)
		return enc_rec(req, r);
	dialogue_withhold_text(r);
	o = enc_rec(req, r);
	json_object_set_new(o, "text_withheld", json_true());
	return o;
}

static enum sv_err
reply_one(struct http_request *req, struct http_response *resp,
    enum co_entity e, int64_t id, int status)
{
	struct co_rec *r;
	struct sv_diag d;
	json_t *o;
	enum sv_err err;

	sv_diag_clear(&d);
	if ((err = co_get(api_store(req), e, id, req->arena, &r, &d)) != SV_OK)
		return api_fail(req, err, &d);
	if ((o = enc_shared(req, r)) == NULL)
		return sv_diag_set(&req->diag, SV_ERR_NOTFOUND,
		    co_entity_names[e], "no such %s", co_entity_names[e]);
	return http_reply_json(resp, status, o);
}

enum sv_err
h_co_list(struct http_request *req, struct http_response *resp)
{
	enum co_entity e = route_entity(req, 0);
	struct co_rec **items, *p;
	struct sv_diag d;
	int64_t parent = 0;
	json_t *arr, *o;
	size_t n, i;
	enum sv_err err;

	if (e == CO__MAX)
		return SV_ERR_INTERNAL;
	sv_diag_clear(&d);
	if (co_desc(e)->parent != CO__MAX) {
		if ((err = api_param_id(req, "id", &parent)) != SV_OK)
			return err;
		if ((err = co_get(api_store(req), co_desc(e)->parent, parent,
		    req->arena, &p, &d)) != SV_OK)
			return api_fail(req, err, &d);
	}
	if ((err = co_list(api_store(req), e, parent, 0, req->arena, &items,
	    &n, &d)) != SV_OK)
		return api_fail(req, err, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		if ((o = enc_shared(req, items[i])) != NULL)
			json_array_append_new(arr, o);
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

enum sv_err
h_co_create(struct http_request *req, struct http_response *resp)
{
	enum co_entity e = route_entity(req, 0);
	struct co_rec *r;
	struct sv_diag d;
	int64_t parent = 0, id;
	enum sv_err err;

	if (e == CO__MAX)
		return SV_ERR_INTERNAL;
	if (co_desc(e)->parent != CO__MAX &&
	    (err = api_param_id(req, "id", &parent)) != SV_OK)
		return err;
	r = co_rec_new(req->arena, e);
	if ((err = dec_rec(req, req->json, r)) != SV_OK)
		return err;
	sv_diag_clear(&d);
	if ((err = co_create(api_store(req), api_actor(req), parent, r, &id,
	    &d)) != SV_OK)
		return api_fail(req, err, &d);
	return reply_one(req, resp, e, id, 201);
}

enum sv_err
h_co_get(struct http_request *req, struct http_response *resp)
{
	enum co_entity e = route_entity(req, 1);
	int64_t id;
	enum sv_err err;

	if (e == CO__MAX)
		return SV_ERR_INTERNAL;
	if ((err = api_param_id(req, "id", &id)) != SV_OK)
		return err;
	return reply_one(req, resp, e, id, 200);
}

enum sv_err
h_co_patch(struct http_request *req, struct http_response *resp)
{
	enum co_entity e = route_entity(req, 1);
	struct co_rec *r;
	struct sv_diag d;
	int64_t id;
	enum sv_err err;

	if (e == CO__MAX)
		return SV_ERR_INTERNAL;
	if ((err = api_param_id(req, "id", &id)) != SV_OK)
		return err;
	r = co_rec_new(req->arena, e);
	if ((err = dec_rec(req, req->json, r)) != SV_OK)
		return err;
	sv_diag_clear(&d);
	if ((err = co_update(api_store(req), api_actor(req), id, r, &d)) !=
	    SV_OK)
		return api_fail(req, err, &d);
	return reply_one(req, resp, e, id, 200);
}

enum sv_err
h_co_delete(struct http_request *req, struct http_response *resp)
{
	enum co_entity e = route_entity(req, 1);
	struct sv_diag d;
	int64_t id;
	enum sv_err err;

	if (e == CO__MAX)
		return SV_ERR_INTERNAL;
	if ((err = api_param_id(req, "id", &id)) != SV_OK)
		return err;
	sv_diag_clear(&d);
	if ((err = co_delete(api_store(req), api_actor(req), e, id, &d)) !=
	    SV_OK)
		return api_fail(req, err, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}

/* The record with its children, recursively (files left out). */
static enum sv_err
tree(struct http_request *req, const struct co_rec *r, json_t **out,
    struct sv_diag *d)
{
	struct co_rec **items;
	json_t *o = enc_rec(req, r), *arr, *child;
	size_t n, i;
	enum sv_err e;
	int c;

	for (c = 0; c < CO__MAX; c++) {
		if (co_desc((enum co_entity)c)->parent != r->ent)
			continue;
		if ((e = co_list(api_store(req), (enum co_entity)c, r->id, 0,
		    req->arena, &items, &n, d)) != SV_OK)
			goto fail;
		arr = json_array();
		json_object_set_new(o, child_key(req->arena,
		    co_desc((enum co_entity)c)), arr);
		for (i = 0; i < n; i++) {
			if ((e = tree(req, items[i], &child, d)) != SV_OK)
				goto fail;
			json_array_append_new(arr, child);
		}
	}
	*out = o;
	return SV_OK;
fail:
	json_decref(o);
	return e;
}

enum sv_err
h_co_full(struct http_request *req, struct http_response *resp)
{
	struct co_rec *r;
	struct sv_diag d;
	json_t *o;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = co_get(api_store(req), CO_AGREEMENT, id, req->arena, &r,
	    &d)) != SV_OK || (e = tree(req, r, &o, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 200, o);
}

static enum sv_err
reply_due(struct http_request *req, struct http_response *resp,
    int64_t agreement)
{
	struct sv_due_item *v;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = due_list(api_store(req), 0, agreement,
	    req->arena, &v, &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:I, s:s, "
		    "s:I, s:o, s:o, s:o}", "kind", sv_due_kind_names[v[i].kind],
		    "label", sv_due_kind_labels[v[i].kind], "agreement_id",
		    (json_int_t)v[i].agreement_id, "entity",
		    co_entity_names[v[i].entity], "id", (json_int_t)v[i].id,
		    "title", api_jstr(v[i].title), "since",
		    api_jstr(v[i].since), "detail", api_jstr(v[i].detail)));
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

enum sv_err
h_co_due(struct http_request *req, struct http_response *resp)
{
	return reply_due(req, resp, 0);
}

enum sv_err
h_co_agreement_due(struct http_request *req, struct http_response *resp)
{
	struct co_rec *r;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = co_get(api_store(req), CO_AGREEMENT, id, req->arena, &r,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	return reply_due(req, resp, id);
}

enum sv_err
h_co_ical(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	int64_t id;
	enum sv_err e;
	const char *host = http_header(req, "Host");

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	sv_buf_reset(&resp->body);
	if ((e = meeting_ical(api_store(req), id, host, &resp->body, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	resp->status = 200;
	resp->content_type = "text/calendar; charset=utf-8";
	return SV_OK;
}

enum sv_err
h_co_public_promises(struct http_request *req, struct http_response *resp)
{
	struct sv_store *s = api_store(req);
	struct sv_stmt *st;
	struct co_rec *p, **t;
	struct sv_diag d;
	json_t *arr, *o, *ta;
	int64_t ids[1000];
	size_t n = 0, i, k, nt;
	enum sv_err e;
	int row;

	sv_diag_clear(&d);
	st = store_stmt(s, SQL_CO_PROMISE_PUBLISHED);
	while (n < 1000) {
		if ((e = stmt_step(st, &row, &d)) != SV_OK)
			return api_fail(req, e, &d);
		if (!row)
			break;
		ids[n++] = stmt_int(st, 0);
	}
	stmt_reset(st);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if ((e = co_get(s, CO_PROMISE, ids[i], req->arena, &p, &d)) !=
		    SV_OK || (e = co_list(s, CO_PROMISE_TARGET, p->id, 0,
		    req->arena, &t, &nt, &d)) != SV_OK) {
			json_decref(arr);
			return api_fail(req, e, &d);
		}
		o = enc_rec(req, p);
		ta = json_array();
		for (k = 0; k < nt; k++)
			json_array_append_new(ta, enc_rec(req, t[k]));
		json_object_set_new(o, "targets", ta);
		json_array_append_new(arr, o);
	}
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

enum sv_err
h_co_indicator_import(struct http_request *req, struct http_response *resp)
{
	const char *csv = api_str(req->json, "csv");
	struct sv_diag d;
	size_t n;
	enum sv_err e;
	const char *k;
	json_t *v;

	if (!json_is_object(req->json))
		return http_bad_request(req, "", "the body must be an object");
	json_object_foreach(req->json, k, v)
		if (strcmp(k, "csv") != 0)
			return http_bad_request(req, k, "unknown field %s", k);
	if (csv == NULL)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, "csv",
		    "csv is required (the CSV text)");
	sv_diag_clear(&d);
	if ((e = indicator_import_csv(api_store(req), api_actor(req), csv,
	    strlen(csv), &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 200, json_pack("{s:I}", "imported",
	    (json_int_t)n));
}

enum sv_err
h_co_attachment_file(struct http_request *req, struct http_response *resp)
{
	const struct co_val *f, *mt;
	struct co_rec *r;
	struct sv_diag d;
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = co_get(api_store(req), CO_ATTACHMENT, id, req->arena, &r,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	f = co_rec_val(r, "file");
	mt = co_rec_val(r, "media_type");
	if (f->null)
		return sv_diag_set(&req->diag, SV_ERR_NOTFOUND, "file",
		    "attachment %" PRId64 " has no file", id);
	sv_buf_reset(&resp->body);
	if ((e = sv_buf_add(&resp->body, f->s, f->len)) != SV_OK)
		return e;
	resp->status = 200;
	resp->content_type = mt->null ? "application/octet-stream" :
	    sv_arena_strdup(req->arena, mt->s);
	http_add_header(resp, "Content-Disposition", sv_arena_printf(
	    req->arena, "attachment; filename=\"bilaga-%" PRId64 "\"", id));
	return SV_OK;
}

/* Documents: the route's path says which (agreement, plan, follow-up)
 * and its suffix the format (.html or .pdf). */
static enum sv_err
reply_doc(struct http_request *req, struct http_response *resp,
    enum sv_err (*build)(struct sv_store *, const struct sv_actor *,
    int64_t, int64_t, struct sv_arena *, struct rdoc **, struct sv_diag *))
{
	const char *p = req->route->pattern;
	int pdf = strlen(p) > 4 && strcmp(p + strlen(p) - 4, ".pdf") == 0;
	struct rdoc *doc;
	struct sv_diag d;
	char version[13];
	int64_t id;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = build(api_store(req), api_actor(req), id, 0, req->arena,
	    &doc, &d)) != SV_OK)
		return api_fail(req, e, &d);
	sv_buf_reset(&resp->body);
	if ((e = pdf ? rdoc_pdf(doc, &resp->body) : rdoc_html(doc,
	    &resp->body)) != SV_OK)
		return sv_diag_set(&req->diag, e, "document",
		    "the document could not be rendered");
	resp->status = 200;
	resp->content_type = pdf ? "application/pdf" :
	    "text/html; charset=utf-8";
	/* the digest of the viewer's (filtered) blocks: equal for the
	 * HTML and the PDF made from them */
	rdoc_digest(doc, version);
	http_add_header(resp, "X-Document-Version", sv_arena_strdup(
	    req->arena, version));
	return SV_OK;
}

enum sv_err
h_co_doc_agreement(struct http_request *req, struct http_response *resp)
{
	return reply_doc(req, resp, collab_doc_agreement);
}

enum sv_err
h_co_doc_plan(struct http_request *req, struct http_response *resp)
{
	return reply_doc(req, resp, collab_doc_plan);
}

enum sv_err
h_co_doc_followup(struct http_request *req, struct http_response *resp)
{
	return reply_doc(req, resp, collab_doc_followup);
}

enum sv_err
h_co_area_indicators(struct http_request *req, struct http_response *resp)
{
	struct sv_indicator_value *v;
	struct sv_diag d;
	json_t *arr;
	int64_t id;
	size_t n, i;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &id)) != SV_OK)
		return e;
	sv_diag_clear(&d);
	if ((e = indicator_values_for_area(api_store(req), id, req->arena, &v,
	    &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:s, "
		    "s:f, s:o, s:o}", "indicator", v[i].code, "name",
		    v[i].name, "unit", api_jstr(v[i].unit), "period",
		    v[i].period, "value", v[i].value, "source",
		    api_jstr(v[i].source), "source_date",
		    api_jstr(v[i].source_date)));
	return http_reply_json(resp, 200, json_pack("{s:o, s:n}", "items",
	    arr, "next_cursor"));
}

/* OpenAPI */

/* The JSON Schema of one field, as dec_rec reads it. */
static json_t *
field_schema(const struct co_field *f)
{
	json_t *s = json_object(), *names;
	int i;

	switch (f->type) {
	case CO_T_INT:
	case CO_T_REF:
	case CO_T_AREA:
		json_object_set_new(s, "type", json_string("integer"));
		if (f->type == CO_T_INT) {
			json_object_set_new(s, "minimum", json_integer(f->min));
			json_object_set_new(s, "maximum", json_integer(f->max));
		} else
			json_object_set_new(s, "minimum", json_integer(1));
		break;
	case CO_T_NUM:
		json_object_set_new(s, "type", json_string("number"));
		json_object_set_new(s, "minimum", json_integer(f->min));
		json_object_set_new(s, "maximum", json_integer(f->max));
		break;
	case CO_T_BOOL:
		json_object_set_new(s, "type", json_string("boolean"));
		break;
	case CO_T_BLOB:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("byte"));
		break;
	case CO_T_DATE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date"));
		break;
	case CO_T_INSTANT:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("date-time"));
		break;
	case CO_T_ENUM:
		json_object_set_new(s, "type", json_string("string"));
		names = json_array();
		for (i = 0; i < f->nnames; i++)
			json_array_append_new(names, json_string(f->names[i]));
		json_object_set_new(s, "enum", names);
		break;
	default:
		json_object_set_new(s, "type", json_string("string"));
		if (f->type == CO_T_TEXT)
			json_object_set_new(s, "maxLength",
			    json_integer(f->max));
		break;
	}
	/* What a form needs beyond JSON Schema: the value's kind (an
	 * organisation code, an area id, a record of another entity). */
	json_object_set_new(s, "x-type", json_string(co_type_names[f->type]));
	if (f->type == CO_T_REF)
		json_object_set_new(s, "x-ref", json_string(
		    co_desc(f->ref)->path));
	if (f->dflt != NULL)
		json_object_set_new(s, "x-default", json_string(f->dflt));
	json_object_set_new(s, "description", json_string(f->doc));
	if (!(f->flags & CO_REQ))
		json_object_set_new(s, "nullable", json_true());
	return s;
}

/* The object schema of entity e's input; create: list the required. */
static json_t *
entity_schema(enum co_entity e, int create)
{
	const struct co_desc *d = co_desc(e);
	json_t *props = json_object(), *req = json_array(), *o;
	int i;

	for (i = 0; i < d->nfields; i++) {
		if (d->fields[i].flags & CO_RO)
			continue;
		json_object_set_new(props, d->fields[i].name,
		    field_schema(&d->fields[i]));
		if (create && (d->fields[i].flags & CO_REQ))
			json_array_append_new(req,
			    json_string(d->fields[i].name));
	}
	o = json_pack("{s:s, s:s, s:o, s:b}", "type", "object", "description",
	    d->doc, "properties", props, "additionalProperties", 0);
	if (json_array_size(req) > 0)
		json_object_set_new(o, "required", req);
	else
		json_decref(req);
	return o;
}

json_t *
api_co_body_schema(const struct http_route *rt)
{
	enum co_entity e;

	if (rt->handler == h_co_indicator_import)
		return json_pack("{s:s, s:{s:{s:s, s:s}}, s:[s], s:b}", "type",
		    "object", "properties", "csv", "type", "string",
		    "description", "CSV text: indicator, area_layer, "
		    "area_code, period, value[, source, source_date]",
		    "required", "csv", "additionalProperties", 0);
	if (rt->handler != h_co_create && rt->handler != h_co_patch)
		return NULL;
	e = pattern_entity(rt->pattern, rt->handler == h_co_patch);
	if (e == CO__MAX || co_desc(e)->readonly)
		return NULL;
	return entity_schema(e, rt->handler == h_co_create);
}
