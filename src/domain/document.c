/*
 * Documents: the lifecycle utkast -> beslutad -> arkiverad with versions,
 * rights from the owning organisation and the sharing rules of kind
 * "document", decisions resolved through the collaboration records, and
 * one audit event per change. The triggers of 0007_documents.sql hold
 * the same rules below this module.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/collab.h"
#include "domain/document.h"
#include "domain/dom.h"
#include "domain/organisation.h"
#include "domain/sharing.h"
#include "store/store.h"

const char *const sv_doc_status_names[SV_DOC_STATUS__MAX] = {
	"utkast", "beslutad", "arkiverad",
};
const char *const sv_doc_kind_names[SV_DOC_KIND__MAX] = {
	"overenskommelse", "handlingsplan", "uppfoljning", "protokoll", "fil",
};
const char *const sv_doc_kind_labels[SV_DOC_KIND__MAX] = {
	"Samverkansöverenskommelse", "Åtgärdsplan", "Uppföljningsrapport",
	"Protokoll", "Fil",
};

/* Media types accepted for uploads, with the bytes they must start with. */
static const struct {
	const char	*type;
	const char	*magic;
	size_t		 mlen;
} media[] = {
	{ "application/pdf", "%PDF-", 5 },
	{ "image/jpeg", "\xff\xd8\xff", 3 },
	{ "image/png", "\x89PNG\r\n\x1a\n", 8 },
	{ "application/vnd.oasis.opendocument.text", "PK\x03\x04", 4 },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document", "PK\x03\x04", 4 },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "PK\x03\x04", 4 },
	{ "text/plain", NULL, 0 },
};

int
document_kind_rendered(enum sv_doc_kind k)
{
	return k != SV_DOC_FIL;
}

int
document_kind_parse(const char *s)
{
	return dom_lookup(sv_doc_kind_names, SV_DOC_KIND__MAX, s);
}

/* The file's bytes fit its media type; its name is a plain name. */
static enum sv_err
check_content(const struct sv_document_input *in, struct sv_diag *d)
{
	const char *p;
	size_t i;
	enum sv_err e;

	if (in->len > SV_DOC_MAX)
		return sv_diag_set(d, SV_ERR_TOOLARGE, "content", "a document "
		    "may be at most %zu bytes", SV_DOC_MAX);
	if (in->len == 0)
		return sv_diag_set(d, SV_ERR_INVALID, "content",
		    "the file is empty");
	if ((e = dom_text(in->file_name, "file_name", 200, 1, d)) != SV_OK)
		return e;
	for (p = in->file_name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\' || *p == '\n' || *p == '\r' ||
		    *p == '"')
			return sv_diag_set(d, SV_ERR_INVALID, "file_name",
			    "file_name must be a plain file name");
	if (in->file_name[0] == '.')
		return sv_diag_set(d, SV_ERR_INVALID, "file_name",
		    "file_name must not start with '.'");
	for (i = 0; i < sizeof(media) / sizeof(media[0]); i++)
		if (in->media_type != NULL &&
		    strcmp(in->media_type, media[i].type) == 0)
			break;
	if (i == sizeof(media) / sizeof(media[0]))
		return sv_diag_set(d, SV_ERR_INVALID, "media_type", "media_type "
		    "must be application/pdf, image/jpeg, image/png, text/plain, "
		    "an OpenDocument text or an Office Open XML document");
	if (media[i].magic != NULL && (in->len < media[i].mlen ||
	    memcmp(in->content, media[i].magic, media[i].mlen) != 0))
		return sv_diag_set(d, SV_ERR_INVALID, "content",
		    "the file is not %s", media[i].type);
	if (media[i].magic == NULL && (memchr(in->content, '\0', in->len) !=
	    NULL))
		return sv_diag_set(d, SV_ERR_INVALID, "content",
		    "a text/plain file must not contain NUL bytes");
	return SV_OK;
}

/* May the actor change documents of organisation org_id? */
static enum sv_err
may_change(struct sv_store *s, const struct sv_actor *a, int64_t org_id,
    struct sv_diag *d)
{
	if (a->system)
		return SV_OK;
	if (!actor_has_role(a, SV_ROLE_SAMORDNARE) ||
	    !org_is_within(s, org_id, a->org_id))
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "", "only coordinators "
		    "of the owning organisation change its documents");
	return SV_OK;
}

/* "§ 4, Styrgrupp, 2026-03-02" and the meeting's date of a decision. */
static enum sv_err
decision_text(struct sv_store *s, int64_t id, struct sv_arena *ar,
    const char **text, char date[11], int64_t *agreement_id,
    struct sv_diag *d)
{
	struct co_rec *dec, *mt, *body;
	enum sv_err e;

	if ((e = co_get(s, CO_DECISION, id, ar, &dec, d)) != SV_OK)
		return e;
	if ((e = co_get(s, CO_MEETING, dec->parent_id, ar, &mt, d)) != SV_OK ||
	    (e = co_get(s, CO_BODY, mt->parent_id, ar, &body, d)) != SV_OK)
		return e;
	co_date_of(co_rec_val(mt, "starts_at")->i, date);
	*agreement_id = dec->agreement_id;
	*text = sv_arena_printf(ar, "§ %" PRId64 ", %s, %s",
	    co_rec_val(dec, "paragraph")->i, co_rec_val(body, "name")->s, date);
	return SV_OK;
}

static const char *
col(struct sv_arena *ar, struct sv_stmt *st, int c)
{
	return dom_col(ar, st, c);
}

static int64_t
col_int(struct sv_stmt *st, int c)
{
	return stmt_isnull(st, c) ? 0 : stmt_int(st, c);
}

static void
fill(struct sv_arena *ar, struct sv_stmt *st, struct sv_document *x,
    int with_content)
{
	const void *b;
	void *copy;
	size_t n = 0;
	int k;

	memset(x, 0, sizeof(*x));
	x->id = stmt_int(st, 0);
	x->series_id = stmt_int(st, 1);
	x->version = stmt_int(st, 2);
	x->latest = (int)stmt_int(st, 3);
	x->organisation = col(ar, st, 4);
	x->org_id = stmt_int(st, 5);
	k = document_kind_parse(stmt_text(st, 6));
	x->kind = k < 0 ? SV_DOC_FIL : (enum sv_doc_kind)k;
	x->title = col(ar, st, 7);
	k = dom_lookup(sv_doc_status_names, SV_DOC_STATUS__MAX,
	    stmt_text(st, 8));
	x->status = k < 0 ? SV_DOC_UTKAST : (enum sv_doc_status)k;
	x->agreement_id = col_int(st, 9);
	x->source_id = col_int(st, 10);
	x->diarienummer = col(ar, st, 11);
	x->decision_id = col_int(st, 12);
	x->decision_ref = col(ar, st, 13);
	x->decided_on = col(ar, st, 14);
	x->decided_at = col_int(st, 15);
	x->archived_at = col_int(st, 16);
	x->media_type = col(ar, st, 17);
	x->file_name = col(ar, st, 18);
	x->bytes = stmt_int(st, 19);
	x->sha256 = col(ar, st, 20);
	x->created_at = stmt_int(st, 21);
	x->updated_at = stmt_int(st, 22);
	if (with_content && (b = stmt_blob(st, 23, &n)) != NULL) {
		copy = sv_arena_alloc(ar, n ? n : 1);
		memcpy(copy, b, n);
		x->content = copy;
		x->len = n;
	}
}

/* The row as stored, rights aside. */
static enum sv_err
load(struct sv_store *s, int64_t id, int with_content, struct sv_arena *ar,
    struct sv_document *x, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_DOC_GET);
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, with_content);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such document");
	fill(ar, st, x, with_content);
	stmt_reset(st);
	return SV_OK;
}

/* Sharing: not visible below no_text; the file only at full. */
static int
visible(struct sv_store *s, const struct sv_actor *a, struct sv_document *x)
{
	enum sv_share_level lv = sharing_level(s, a, x->org_id,
	    SV_SHARE_DOCUMENT);

	x->may_read_file = lv >= SV_SHARE_FULL;
	return lv >= SV_SHARE_NO_TEXT;
}

static void
resolve_decision(struct sv_store *s, struct sv_arena *ar,
    struct sv_document *x)
{
	struct sv_diag d;
	int64_t agr;
	char date[11];

	if (x->decision_id != 0 && decision_text(s, x->decision_id, ar,
	    &x->decision_text, date, &agr, &d) != SV_OK)
		x->decision_text = NULL;
	if (x->decision_text == NULL && x->decision_ref != NULL)
		x->decision_text = x->decision_ref;
}

enum sv_err
document_get(struct sv_store *s, const struct sv_actor *a, int64_t id,
    int with_content, struct sv_arena *ar, struct sv_document *out,
    struct sv_diag *d)
{
	enum sv_err e;

	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK ||
	    (e = load(s, id, 0, ar, out, d)) != SV_OK)
		return e;
	if (!visible(s, a, out))
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such document");
	if (with_content) {
		if (!out->may_read_file)
			return sv_diag_set(d, SV_ERR_FORBIDDEN, "", "the file "
			    "of another organisation's document is shared "
			    "only at level full");
		if ((e = load(s, id, 1, ar, out, d)) != SV_OK)
			return e;
		out->may_read_file = 1;
	}
	resolve_decision(s, ar, out);
	return SV_OK;
}

static enum sv_err
check_date_filter(const char *v, const char *field, struct sv_diag *d)
{
	if (v != NULL && !co_date_valid(v))
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "%s must be a date YYYY-MM-DD", field);
	return SV_OK;
}

enum sv_err
document_list(struct sv_store *s, const struct sv_actor *a,
    const struct sv_document_filter *f, struct sv_arena *ar,
    struct sv_document **out, size_t *n, struct sv_diag *d)
{
	struct sv_document *v = NULL, *nv;
	struct sv_stmt *st;
	struct sv_org o;
	size_t cap = 0, i;
	int64_t org = 0;
	enum sv_err e;
	int row;

	*out = NULL;
	*n = 0;
	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK ||
	    (e = check_date_filter(f->from, "from", d)) != SV_OK ||
	    (e = check_date_filter(f->to, "to", d)) != SV_OK)
		return e;
	if (f->status != NULL && strcmp(f->status, "decided") != 0 &&
	    dom_lookup(sv_doc_status_names, SV_DOC_STATUS__MAX, f->status) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "status", "status must be "
		    "utkast, beslutad, arkiverad or decided");
	if (f->kind != NULL && document_kind_parse(f->kind) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "kind", "unknown kind");
	if (f->organisation != NULL) {
		if ((e = org_get(s, f->organisation, ar, &o, d)) != SV_OK)
			return e == SV_ERR_NOTFOUND ? sv_diag_set(d,
			    SV_ERR_INVALID, "org", "no organisation '%s'",
			    f->organisation) : e;
		org = o.id;
	}
	st = store_stmt(s, SQL_DOC_LIST);
	stmt_bind_int(st, 2, 0);
	stmt_bind_int(st, 3, org);
	stmt_bind_text(st, 4, f->status ? f->status : "");
	stmt_bind_text(st, 5, f->kind ? f->kind : "");
	stmt_bind_int(st, 6, f->agreement_id);
	stmt_bind_text(st, 7, f->from ? f->from : "");
	stmt_bind_text(st, 8, f->to ? f->to : "");
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			nv = sv_arena_alloc(ar, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		fill(ar, st, &v[*n], 0);
		(*n)++;
	}
	/* Sharing per owner, after the statement is done with. */
	for (i = 0; i < *n; ) {
		if (!visible(s, a, &v[i])) {
			memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof(*v));
			(*n)--;
			continue;
		}
		resolve_decision(s, ar, &v[i]);
		i++;
	}
	*out = v;
	return SV_OK;
}

/* The document as stored, for the audit trail (metadata, never bytes). */
static const char *
doc_obj(const struct sv_document *x, struct audit_obj *j)
{
	audit_obj_begin(j);
	audit_obj_int(j, "id", x->id);
	audit_obj_int(j, "series_id", x->series_id);
	audit_obj_int(j, "version", x->version);
	audit_obj_str(j, "organisation", x->organisation);
	audit_obj_str(j, "kind", sv_doc_kind_names[x->kind]);
	audit_obj_str(j, "title", x->title);
	audit_obj_str(j, "status", sv_doc_status_names[x->status]);
	if (x->agreement_id)
		audit_obj_int(j, "agreement_id", x->agreement_id);
	else
		audit_obj_null(j, "agreement_id");
	if (x->source_id)
		audit_obj_int(j, "source_id", x->source_id);
	else
		audit_obj_null(j, "source_id");
	audit_obj_str(j, "diarienummer", x->diarienummer);
	if (x->decision_id)
		audit_obj_int(j, "decision_id", x->decision_id);
	else
		audit_obj_null(j, "decision_id");
	audit_obj_str(j, "decision_ref", x->decision_ref);
	audit_obj_str(j, "decided_on", x->decided_on);
	audit_obj_str(j, "media_type", x->media_type);
	audit_obj_str(j, "file_name", x->file_name);
	audit_obj_int(j, "bytes", x->bytes);
	audit_obj_str(j, "sha256", x->sha256);
	return audit_obj_end(j);
}

/*
 * Audits a change of document id: before is the record as it was (NULL
 * for a create), after is read back here (none after a delete).
 */
static enum sv_err
audit(struct sv_store *s, const struct sv_actor *a, const char *action,
    int64_t id, const struct sv_document *before, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct audit_obj jb, ja;
	struct sv_document x;
	const char *b = NULL, *af = NULL;
	char eid[24];
	enum sv_err e;

	memset(&jb, 0, sizeof(jb));
	memset(&ja, 0, sizeof(ja));
	if (strcmp(action, "delete") != 0) {
		if ((e = load(s, id, 0, ar, &x, d)) != SV_OK)
			goto out;
		af = doc_obj(&x, &ja);
	}
	if (before != NULL)
		b = doc_obj(before, &jb);
	snprintf(eid, sizeof(eid), "%" PRId64, id);
	e = audit_change(s, a, action, "document", eid, b, af);
out:
	if (before != NULL)
		audit_obj_free(&jb);
	if (af != NULL)
		audit_obj_free(&ja);
	sv_arena_free(ar);
	return e;
}

/* Inserts a draft; series 0 starts a new series. */
static enum sv_err
insert(struct sv_store *s, const struct sv_actor *a, int64_t series,
    int64_t version, int64_t org, enum sv_doc_kind kind, const char *title,
    int64_t agreement_id, int64_t source_id, const char *diarienummer,
    const struct sv_document_input *c, int64_t *id, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_DOC_INSERT);
	char hex[65];
	enum sv_err e;
	int row;

	dom_sha256_hex(c->content, c->len, hex);
	if (series)
		stmt_bind_int(st, 1, series);
	stmt_bind_int(st, 2, version);
	stmt_bind_int(st, 3, org);
	stmt_bind_text(st, 4, sv_doc_kind_names[kind]);
	stmt_bind_text(st, 5, title);
	if (agreement_id)
		stmt_bind_int(st, 6, agreement_id);
	if (source_id)
		stmt_bind_int(st, 7, source_id);
	stmt_bind_text(st, 8, diarienummer);
	stmt_bind_text(st, 9, c->media_type);
	stmt_bind_text(st, 10, c->file_name);
	stmt_bind_blob(st, 11, c->content, c->len);
	stmt_bind_int(st, 12, (int64_t)c->len);
	stmt_bind_text(st, 13, hex);
	if (a->user_id)
		stmt_bind_int(st, 14, a->user_id);
	stmt_bind_int(st, 15, dom_now());
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	*id = row ? stmt_int(st, 0) : 0;
	stmt_reset(st);
	return audit(s, a, "create", *id, NULL, d);
}

static enum sv_err
check_fields(const struct sv_document_input *in, int create,
    struct sv_diag *d)
{
	enum sv_err e;

	if ((e = dom_text(in->title, "title", 300, create, d)) != SV_OK ||
	    (e = dom_text(in->diarienummer, "diarienummer", 60, 0, d)) !=
	    SV_OK)
		return e;
	if (in->title != NULL && in->title[0] == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, "title",
		    "title is required");
	if (in->has_content && (e = check_content(in, d)) != SV_OK)
		return e;
	return SV_OK;
}

enum sv_err
document_create(struct sv_store *s, const struct sv_actor *a,
    const struct sv_document_input *in, int64_t *id, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct co_rec *agr;
	struct sv_org o;
	int64_t org;
	enum sv_err e;
	int k;

	*id = 0;
	if ((k = document_kind_parse(in->kind)) < 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "kind", "kind must be "
		    "overenskommelse, handlingsplan, uppfoljning, protokoll "
		    "or fil");
		goto out;
	}
	if ((e = check_fields(in, 1, d)) != SV_OK)
		goto out;
	if (!in->has_content) {
		e = sv_diag_set(d, SV_ERR_INVALID, k == SV_DOC_FIL ? "content" :
		    "source_id", k == SV_DOC_FIL ? "content is required" :
		    "source_id is required");
		goto out;
	}
	if (in->organisation != NULL) {
		if ((e = org_get(s, in->organisation, ar, &o, d)) != SV_OK) {
			if (e == SV_ERR_NOTFOUND)
				e = sv_diag_set(d, SV_ERR_INVALID,
				    "organisation", "no organisation '%s'",
				    in->organisation);
			goto out;
		}
		org = o.id;
	} else if ((org = a->org_id) == 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "organisation",
		    "organisation is required");
		goto out;
	}
	if ((e = may_change(s, a, org, d)) != SV_OK)
		goto out;
	if (in->agreement_id != 0 && (e = co_get(s, CO_AGREEMENT,
	    in->agreement_id, ar, &agr, d)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			e = sv_diag_set(d, SV_ERR_INVALID, "agreement_id",
			    "no agreement %" PRId64, in->agreement_id);
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = insert(s, a, 0, 1, org, (enum sv_doc_kind)k, in->title,
	    in->agreement_id, in->source_id, in->diarienummer, in, id, d)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

/* The document for a change: exists, the actor may change it. */
static enum sv_err
for_change(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_arena *ar, struct sv_document *x, struct sv_diag *d)
{
	enum sv_err e;

	if ((e = load(s, id, 0, ar, x, d)) != SV_OK)
		return e;
	if (!a->system && !visible(s, a, x))
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such document");
	return may_change(s, a, x->org_id, d);
}

static enum sv_err
not_draft(const struct sv_document *x, struct sv_diag *d)
{
	return sv_diag_set(d, SV_ERR_CONFLICT, "status", "the document is %s: "
	    "%s", sv_doc_status_names[x->status], x->status ==
	    SV_DOC_ARKIVERAD ? "an archived document is final" :
	    "a decided document changes only by a new version");
}

enum sv_err
document_update(struct sv_store *s, const struct sv_actor *a, int64_t id,
    const struct sv_document_input *in, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_document x;
	struct sv_stmt *st;
	char hex[65];
	enum sv_err e;

	if ((e = check_fields(in, 0, d)) != SV_OK ||
	    (e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = for_change(s, a, id, ar, &x, d)) != SV_OK)
		goto fail;
	if (x.status != SV_DOC_UTKAST) {
		e = not_draft(&x, d);
		goto fail;
	}
	if (!in->has_content && (e = load(s, id, 1, ar, &x, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_DOC_UPDATE_DRAFT);
	stmt_bind_int(st, 1, id);
	stmt_bind_text(st, 2, in->title ? in->title : x.title);
	stmt_bind_text(st, 3, in->clear_diarienummer ? NULL :
	    in->diarienummer ? in->diarienummer : x.diarienummer);
	stmt_bind_text(st, 4, in->has_content ? in->media_type : x.media_type);
	stmt_bind_text(st, 5, in->has_content ? in->file_name : x.file_name);
	if (in->has_content) {
		stmt_bind_blob(st, 6, in->content, in->len);
		stmt_bind_int(st, 7, (int64_t)in->len);
		dom_sha256_hex(in->content, in->len, hex);
	} else {
		stmt_bind_blob(st, 6, x.content, x.len);
		stmt_bind_int(st, 7, (int64_t)x.len);
		dom_sha256_hex(x.content, x.len, hex);
	}
	stmt_bind_text(st, 8, hex);
	stmt_bind_int(st, 9, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit(s, a, "update", id, &x, d)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

/* SHA-256 of the stored bytes, computed when the document is frozen. */
static enum sv_err
content_hash(struct sv_store *s, int64_t id, char hex[65], int64_t *bytes,
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_DOC_CONTENT);
	const void *b;
	size_t n = 0;
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such document");
	b = stmt_blob(st, 0, &n);
	dom_sha256_hex(b ? b : "", n, hex);
	*bytes = (int64_t)n;
	stmt_reset(st);
	return SV_OK;
}

enum sv_err
document_decide(struct sv_store *s, const struct sv_actor *a, int64_t id,
    int64_t decision_id, const char *decision_ref, const char *decided_on,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_document x;
	struct sv_stmt *st;
	const char *text = NULL;
	char date[11], hex[65];
	int64_t agr = 0, bytes;
	enum sv_err e;

	if ((decision_id != 0) == (decision_ref != NULL)) {
		e = sv_diag_set(d, SV_ERR_INVALID, "decision_id", "give either "
		    "decision_id (a decision of the collaboration) or "
		    "decision_ref (one taken elsewhere)");
		goto out;
	}
	if ((e = dom_text(decision_ref, "decision_ref", 200, 0, d)) != SV_OK)
		goto out;
	if (decided_on != NULL && !co_date_valid(decided_on)) {
		e = sv_diag_set(d, SV_ERR_INVALID, "decided_on",
		    "decided_on must be a date YYYY-MM-DD");
		goto out;
	}
	if (decision_ref != NULL && decided_on == NULL) {
		e = sv_diag_set(d, SV_ERR_INVALID, "decided_on", "decided_on "
		    "is required with decision_ref");
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = for_change(s, a, id, ar, &x, d)) != SV_OK)
		goto fail;
	if (x.status != SV_DOC_UTKAST) {
		e = not_draft(&x, d);
		goto fail;
	}
	if (decision_id != 0) {
		if ((e = decision_text(s, decision_id, ar, &text, date, &agr,
		    d)) != SV_OK) {
			if (e == SV_ERR_NOTFOUND)
				e = sv_diag_set(d, SV_ERR_INVALID,
				    "decision_id", "no decision %" PRId64,
				    decision_id);
			goto fail;
		}
		if (x.agreement_id != 0 && agr != x.agreement_id) {
			e = sv_diag_set(d, SV_ERR_INVALID, "decision_id",
			    "decision %" PRId64 " belongs to another agreement",
			    decision_id);
			goto fail;
		}
		if (decided_on == NULL)
			decided_on = date;
	}
	if ((e = content_hash(s, id, hex, &bytes, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_DOC_DECIDE);
	stmt_bind_int(st, 1, id);
	if (decision_id != 0)
		stmt_bind_int(st, 2, decision_id);
	stmt_bind_text(st, 3, decision_ref);
	stmt_bind_text(st, 4, decided_on);
	stmt_bind_int(st, 5, dom_now());
	if (a->user_id)
		stmt_bind_int(st, 6, a->user_id);
	stmt_bind_text(st, 7, hex);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit(s, a, "decide", id, &x, d)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
document_archive(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_document x;
	struct sv_stmt *st;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = for_change(s, a, id, ar, &x, d)) != SV_OK)
		goto fail;
	if (x.status != SV_DOC_BESLUTAD) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "status", x.status ==
		    SV_DOC_UTKAST ? "a draft is decided before it is archived"
		    : "the document is already archived");
		goto fail;
	}
	st = store_stmt(s, SQL_DOC_ARCHIVE);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit(s, a, "archive", id, &x, d)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
document_new_version(struct sv_store *s, const struct sv_actor *a,
    int64_t id, const struct sv_document_input *in, int64_t *new_id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_document_input c;
	struct sv_document x;
	struct sv_stmt *st;
	int64_t maxv = 0, drafts = 0;
	enum sv_err e;
	int row;

	*new_id = 0;
	if ((e = check_fields(in, 0, d)) != SV_OK ||
	    (e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = for_change(s, a, id, ar, &x, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_DOC_SERIES);
	stmt_bind_int(st, 1, x.series_id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		goto fail;
	if (row) {
		maxv = stmt_int(st, 0);
		drafts = col_int(st, 1);
	}
	stmt_reset(st);
	if (x.status != SV_DOC_BESLUTAD || x.version != maxv || drafts > 0) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "status", x.status ==
		    SV_DOC_UTKAST ? "a draft changes as it is; decide it first" :
		    x.status == SV_DOC_ARKIVERAD ? "an archived document is "
		    "final" : x.version != maxv ? "a newer version exists" :
		    "the series already has a draft");
		goto fail;
	}
	c = *in;
	if (!c.has_content) {
		if ((e = load(s, id, 1, ar, &x, d)) != SV_OK)
			goto fail;
		c.content = x.content;
		c.len = x.len;
		c.media_type = x.media_type;
		c.file_name = x.file_name;
		c.has_content = 1;
	}
	if ((e = insert(s, a, x.series_id, maxv + 1, x.org_id, x.kind,
	    in->title ? in->title : x.title, x.agreement_id, x.source_id,
	    in->clear_diarienummer ? NULL : in->diarienummer ?
	    in->diarienummer : x.diarienummer, &c, new_id, d)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
document_delete(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_document x;
	struct sv_stmt *st;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = for_change(s, a, id, ar, &x, d)) != SV_OK)
		goto fail;
	if (x.status != SV_DOC_UTKAST) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "status", "only a draft may "
		    "be deleted; the document is %s",
		    sv_doc_status_names[x.status]);
		goto fail;
	}
	st = store_stmt(s, SQL_DOC_DELETE);
	stmt_bind_int(st, 1, id);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit(s, a, "delete", id, &x, d)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}
