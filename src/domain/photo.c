/*
 * Incident photos: rights from the incident and the sharing rules,
 * metadata stripped by io/image_meta before anything is stored, one
 * audit event per change (without the picture).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "domain/audit.h"
#include "domain/dom.h"
#include "domain/incident.h"
#include "domain/photo.h"
#include "domain/sharing.h"
#include "io/image_meta.h"
#include "store/store.h"

/*
 * The incident as the actor sees it; photos need level full unless the
 * actor's organisation owns it.
 */
static enum sv_err
visible_incident(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_arena *ar, struct sv_incident *inc, struct sv_diag *d)
{
	enum sv_err e;

	if ((e = incident_get(s, a, id, ar, inc, d)) != SV_OK)
		return e;
	if (sharing_level(s, a, inc->org_id, SV_SHARE_INCIDENT) <
	    SV_SHARE_FULL)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "", "photos of "
		    "another organisation's incidents are shared only at "
		    "level full");
	return SV_OK;
}

/* As incidents: the owning organisation's coordinators and admins, or
 * the reporter who filed it. */
static enum sv_err
may_change(const struct sv_actor *a, const struct sv_incident *inc,
    struct sv_diag *d)
{
	if (a->system)
		return SV_OK;
	if (!actor_has_role(a, SV_ROLE_RAPPORTOR) || a->org_id != inc->org_id)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "", "only the "
		    "reporting organisation may change an incident's photos");
	if (a->role == SV_ROLE_RAPPORTOR && inc->created_by != a->user_id)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "a reporter may change only their own incidents");
	return SV_OK;
}

static void
fill(struct sv_arena *ar, struct sv_stmt *st, struct sv_photo *p,
    int with_data)
{
	const void *b;
	void *copy;
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	p->id = stmt_int(st, 0);
	p->incident_id = stmt_int(st, 1);
	p->media_type = dom_col(ar, st, 2);
	p->width = stmt_int(st, 3);
	p->height = stmt_int(st, 4);
	p->bytes = stmt_int(st, 5);
	p->sha256 = dom_col(ar, st, 6);
	p->created_at = stmt_int(st, 7);
	if (with_data && (b = stmt_blob(st, 8, &n)) != NULL) {
		copy = sv_arena_alloc(ar, n ? n : 1);
		memcpy(copy, b, n);
		p->data = copy;
		p->len = n;
	}
}

static enum sv_err
count_photos(struct sv_store *s, int64_t incident_id, int64_t *n,
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_PHOTO_COUNT);
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, incident_id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	*n = row ? stmt_int(st, 0) : 0;
	stmt_reset(st);
	return SV_OK;
}

enum sv_err
photo_add(struct sv_store *s, const struct sv_actor *a, int64_t incident_id,
    const char *media_type, const void *p, size_t len, struct sv_arena *ar,
    struct sv_photo *out, struct sv_diag *d)
{
	struct sv_incident inc;
	struct image_info info;
	struct sv_stmt *st;
	struct sv_buf clean;
	char eid[24], hex[65];
	struct audit_obj j;
	int64_t n;
	enum sv_err e;
	int row;

	memset(out, 0, sizeof(*out));
	sv_buf_init(&clean, SV_PHOTO_MAX + 1);
	/* Rights and stripping first: no write lock while the bytes are
	 * read. */
	if ((e = incident_get(s, a, incident_id, ar, &inc, d)) != SV_OK ||
	    (e = may_change(a, &inc, d)) != SV_OK)
		goto out;
	if (len > SV_PHOTO_MAX) {
		e = sv_diag_set(d, SV_ERR_TOOLARGE, "photo", "a photo may be "
		    "at most %zu bytes", SV_PHOTO_MAX);
		goto out;
	}
	if ((e = image_strip(p, len, &clean, &info, "photo", d)) != SV_OK)
		goto out;
	if (media_type != NULL && strcmp(media_type,
	    image_type_names[info.type]) != 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "media_type", "the photo "
		    "is %s, not %s", image_type_names[info.type], media_type);
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = count_photos(s, incident_id, &n, d)) != SV_OK)
		goto fail;
	if (n >= SV_PHOTO_PER_INCIDENT) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "photo", "an incident "
		    "has at most %d photos", SV_PHOTO_PER_INCIDENT);
		goto fail;
	}
	dom_sha256_hex(clean.data, clean.len, hex);
	st = store_stmt(s, SQL_PHOTO_INSERT);
	stmt_bind_int(st, 1, incident_id);
	stmt_bind_text(st, 2, image_type_names[info.type]);
	stmt_bind_int(st, 3, info.width);
	stmt_bind_int(st, 4, info.height);
	stmt_bind_int(st, 5, (int64_t)clean.len);
	stmt_bind_text(st, 6, hex);
	stmt_bind_blob(st, 7, clean.data, clean.len);
	if (a->user_id)
		stmt_bind_int(st, 8, a->user_id);
	stmt_bind_int(st, 9, dom_now());
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		goto fail;
	out->id = row ? stmt_int(st, 0) : 0;
	stmt_reset(st);
	out->incident_id = incident_id;
	out->media_type = image_type_names[info.type];
	out->width = info.width;
	out->height = info.height;
	out->bytes = (int64_t)clean.len;
	out->sha256 = sv_arena_strdup(ar, hex);
	out->created_at = dom_now();
	out->removed = info.removed;
	snprintf(eid, sizeof(eid), "%" PRId64, out->id);
	audit_obj_begin(&j);
	audit_obj_int(&j, "incident", incident_id);
	audit_obj_str(&j, "media_type", out->media_type);
	audit_obj_int(&j, "bytes", (int64_t)clean.len);
	audit_obj_str(&j, "sha256", out->sha256);
	audit_obj_int(&j, "metadata_removed", (int64_t)info.removed);
	audit_obj_end(&j);
	e = audit_change(s, a, "create", "incident_photo", eid, NULL,
	    j.b.data);
	audit_obj_free(&j);
	if (e != SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_buf_free(&clean);
	return e;
}

enum sv_err
photo_list(struct sv_store *s, const struct sv_actor *a,
    int64_t incident_id, struct sv_arena *ar, struct sv_photo **out,
    size_t *n, struct sv_diag *d)
{
	struct sv_incident inc;
	struct sv_photo *v;
	struct sv_stmt *st;
	enum sv_err e;
	int row;

	*out = NULL;
	*n = 0;
	if ((e = visible_incident(s, a, incident_id, ar, &inc, d)) != SV_OK)
		return e;
	v = sv_arena_alloc(ar, SV_PHOTO_PER_INCIDENT * 2 * sizeof(*v));
	st = store_stmt(s, SQL_PHOTO_LIST);
	stmt_bind_int(st, 1, incident_id);
	stmt_bind_int(st, 2, 0);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n < SV_PHOTO_PER_INCIDENT * 2)
			fill(ar, st, &v[(*n)++], 0);
	}
	*out = v;
	return SV_OK;
}

/* The photo's row (with data or not) and its incident as visible. */
static enum sv_err
load(struct sv_store *s, const struct sv_actor *a, int64_t id,
    int with_data, struct sv_arena *ar, struct sv_photo *out,
    struct sv_incident *inc, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_PHOTO_GET);
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, with_data);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such photo");
	fill(ar, st, out, with_data);
	stmt_reset(st);
	if ((e = incident_get(s, a, out->incident_id, ar, inc, d)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			sv_diag_set(d, e, "", "no such photo");
		return e;
	}
	return SV_OK;
}

enum sv_err
photo_get(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_arena *ar, struct sv_photo *out, struct sv_diag *d)
{
	struct sv_incident inc;
	enum sv_err e;

	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK ||
	    (e = load(s, a, id, 1, ar, out, &inc, d)) != SV_OK)
		return e;
	if (sharing_level(s, a, inc.org_id, SV_SHARE_INCIDENT) <
	    SV_SHARE_FULL)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "", "photos of "
		    "another organisation's incidents are shared only at "
		    "level full");
	return SV_OK;
}

enum sv_err
photo_delete(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_incident inc;
	struct sv_photo p;
	struct sv_stmt *st;
	char eid[24];
	struct audit_obj j;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = load(s, a, id, 0, ar, &p, &inc, d)) != SV_OK ||
	    (e = may_change(a, &inc, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_PHOTO_DELETE);
	stmt_bind_int(st, 1, id);
	snprintf(eid, sizeof(eid), "%" PRId64, id);
	audit_obj_begin(&j);
	audit_obj_int(&j, "incident", p.incident_id);
	audit_obj_str(&j, "media_type", p.media_type);
	audit_obj_int(&j, "bytes", p.bytes);
	audit_obj_str(&j, "sha256", p.sha256);
	audit_obj_end(&j);
	if ((e = stmt_exec(st, d)) == SV_OK)
		e = audit_change(s, a, "delete", "incident_photo", eid,
		    j.b.data, NULL);
	audit_obj_free(&j);
	if (e != SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}
