/*
 * Categories: a tree of codes with Swedish names. Validation, rights
 * (samordnare and up change the tree) and persistence.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/category.h"
#include "domain/dom.h"
#include "store/store.h"

static void
fill(struct sv_arena *a, struct sv_stmt *st, struct sv_category *c)
{
	c->id = stmt_int(st, 0);
	c->code = dom_col(a, st, 1);
	c->name = dom_col(a, st, 2);
	c->parent = dom_col(a, st, 3);
	c->est = (int)stmt_int(st, 4);
	c->active = (int)stmt_int(st, 5);
}

enum sv_err
category_get(struct sv_store *s, const char *code, struct sv_arena *a,
    struct sv_category *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_CAT_GET);
	enum sv_err e;
	int row;

	stmt_bind_text(st, 1, code);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "category",
		    "no category '%s'", code ? code : "");
	fill(a, st, out);
	stmt_reset(st);
	return SV_OK;
}

enum sv_err
category_list(struct sv_store *s, struct sv_arena *a,
    struct sv_category **items, size_t *n, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_CAT_LIST);
	struct sv_category *v = NULL, *nv;
	size_t cap = 0;
	enum sv_err e;
	int row;

	*n = 0;
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			nv = sv_arena_alloc(a, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		fill(a, st, &v[(*n)++]);
	}
	*items = v;
	return SV_OK;
}

static enum sv_err
validate(struct sv_store *s, const struct sv_category_input *in,
    int64_t *parent, struct sv_diag *d)
{
	struct sv_arena *a;
	struct sv_category p;
	enum sv_err e;

	*parent = 0;
	if ((e = dom_code(in->code, "code", 64, d)) != SV_OK ||
	    (e = dom_text(in->name, "name", 200, 1, d)) != SV_OK)
		return e;
	if (in->parent != NULL && *in->parent != '\0') {
		a = sv_arena_new();
		e = category_get(s, in->parent, a, &p, d);
		sv_arena_free(a);
		if (e == SV_ERR_NOTFOUND)
			return sv_diag_set(d, SV_ERR_INVALID, "parent",
			    "no category '%s'", in->parent);
		if (e != SV_OK)
			return e;
		*parent = p.id;
	}
	return SV_OK;
}

static int
is_within(struct sv_store *s, int64_t id, int64_t ancestor)
{
	struct sv_stmt *st = store_stmt(s, SQL_CAT_WITHIN);
	int row, r = 0;

	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, ancestor);
	if (stmt_step(st, &row, NULL) == SV_OK && row)
		r = stmt_int(st, 0) > 0;
	stmt_reset(st);
	return r;
}

/* The category as stored, for the audit trail. */
static void
cat_audit_obj(const struct sv_category *c, struct audit_obj *j)
{
	audit_obj_begin(j);
	audit_obj_str(j, "code", c->code);
	audit_obj_str(j, "name", c->name);
	audit_obj_str(j, "parent", c->parent);
	audit_obj_bool(j, "est", c->est);
	audit_obj_bool(j, "active", c->active);
	audit_obj_end(j);
}

/*
 * Audits a change of a category (entity id: its code before the change),
 * reading it back by now_code after the write; now_code NULL when gone.
 */
static enum sv_err
cat_audit(struct sv_store *s, const struct sv_actor *a, const char *action,
    const char *eid, const struct sv_category *before, const char *now_code)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_category now;
	struct audit_obj jb, ja;
	enum sv_err e;

	if (now_code != NULL &&
	    (e = category_get(s, now_code, ar, &now, NULL)) != SV_OK) {
		sv_arena_free(ar);
		return e;
	}
	if (before != NULL)
		cat_audit_obj(before, &jb);
	if (now_code != NULL)
		cat_audit_obj(&now, &ja);
	e = audit_change(s, a, action, "category", eid,
	    before != NULL ? jb.b.data : NULL,
	    now_code != NULL ? ja.b.data : NULL);
	if (before != NULL)
		audit_obj_free(&jb);
	if (now_code != NULL)
		audit_obj_free(&ja);
	sv_arena_free(ar);
	return e;
}

enum sv_err
category_create(struct sv_store *s, const struct sv_actor *a,
    const struct sv_category_input *in, int64_t *id, struct sv_diag *d)
{
	struct sv_stmt *st;
	int64_t parent, nid;
	enum sv_err e;
	int row;

	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = validate(s, in, &parent, d)) != SV_OK)
		return e;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_CAT_INSERT);
	stmt_bind_text(st, 1, in->code);
	stmt_bind_text(st, 2, in->name);
	if (parent)
		stmt_bind_int(st, 3, parent);
	stmt_bind_int(st, 4, in->est ? 1 : 0);
	if ((e = stmt_step(st, &row, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "code", "category '%s' exists",
			    in->code);
		goto fail;
	}
	nid = stmt_int(st, 0);
	stmt_reset(st);
	if ((e = cat_audit(s, a, "create", in->code, NULL, in->code)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	if (id != NULL)
		*id = nid;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

enum sv_err
category_update(struct sv_store *s, const struct sv_actor *a,
    const char *code, const struct sv_category_input *in, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_category cur;
	struct sv_stmt *st;
	int64_t parent;
	enum sv_err e;

	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = category_get(s, code, ar, &cur, d)) != SV_OK ||
	    (e = validate(s, in, &parent, d)) != SV_OK)
		goto out;
	if (parent && is_within(s, parent, cur.id)) {
		e = sv_diag_set(d, SV_ERR_INVALID, "parent",
		    "the parent would make a cycle");
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_CAT_UPDATE);
	stmt_bind_int(st, 1, cur.id);
	stmt_bind_text(st, 2, in->code);
	stmt_bind_text(st, 3, in->name);
	if (parent)
		stmt_bind_int(st, 4, parent);
	stmt_bind_int(st, 5, in->est ? 1 : 0);
	stmt_bind_int(st, 6, in->active ? 1 : 0);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = cat_audit(s, a, "update", cur.code, &cur, in->code)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "code", "category '%s' exists",
			    in->code);
		store_rollback(s);
	}
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
category_delete(struct sv_store *s, const struct sv_actor *a,
    const char *code, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_category cur;
	struct sv_stmt *st;
	enum sv_err e;
	int row, used;

	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = category_get(s, code, ar, &cur, d)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_CAT_REFS);
	stmt_bind_int(st, 1, cur.id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		goto out;
	used = row && stmt_int(st, 0) > 0;
	stmt_reset(st);
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	/* In use: keep it for the record, but no longer offered. */
	st = store_stmt(s, used ? SQL_CAT_DEACTIVATE : SQL_CAT_DELETE);
	stmt_bind_int(st, 1, cur.id);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = cat_audit(s, a, used ? "deactivate" : "delete", cur.code,
	    &cur, used ? cur.code : NULL)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}
