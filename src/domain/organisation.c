/*
 * Organisations: validation (code, name, kind, Luhn-checked org number,
 * parent without cycles), rights and persistence through the store.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/dom.h"
#include "domain/organisation.h"
#include "store/store.h"

const char *const sv_org_kind_names[SV_ORG__MAX] = {
	"kommun", "forvaltning", "stadsdelsforvaltning", "lokalpolisomrade",
	"polisomrade", "polisregion", "bostadsbolag", "raddningstjanst",
	"vaktbolag", "region", "civilsamhalle", "naringsliv", "ovrig",
};

/* Luhn over a string of digits (the last one is the check digit). */
static int
luhn_ok(const char *digits, size_t n)
{
	size_t i;
	int sum = 0, v;

	for (i = 0; i < n; i++) {
		v = digits[n - 1 - i] - '0';
		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

int
org_number_valid(const char *s)
{
	char dig[11];
	size_t n = 0, i;

	if (s == NULL)
		return 0;
	for (i = 0; s[i]; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (n == 10)
				return 0;
			dig[n++] = s[i];
		} else if (!(s[i] == '-' && n == 6))
			return 0;
	}
	if (n != 10)
		return 0;
	dig[10] = '\0';
	return luhn_ok(dig, 10);
}

static void
fill(struct sv_arena *a, struct sv_stmt *st, struct sv_org *o)
{
	int k;

	o->id = stmt_int(st, 0);
	o->code = dom_col(a, st, 1);
	o->name = dom_col(a, st, 2);
	k = dom_lookup(sv_org_kind_names, SV_ORG__MAX, stmt_text(st, 3));
	o->kind = k < 0 ? SV_ORG_OVRIG : (enum sv_org_kind)k;
	o->org_number = dom_col(a, st, 4);
	o->parent_id = stmt_isnull(st, 5) ? 0 : stmt_int(st, 5);
	o->parent = dom_col(a, st, 6);
}

static enum sv_err
get_one(struct sv_store *s, struct sv_stmt *st, struct sv_arena *a,
    struct sv_org *out, struct sv_diag *d)
{
	enum sv_err e;
	int row;

	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "organisation",
		    "no such organisation");
	fill(a, st, out);
	stmt_reset(st);
	(void)s;
	return SV_OK;
}

enum sv_err
org_get(struct sv_store *s, const char *code, struct sv_arena *a,
    struct sv_org *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_ORG_GET_CODE);

	stmt_bind_text(st, 1, code);
	return get_one(s, st, a, out, d);
}

enum sv_err
org_get_by_id(struct sv_store *s, int64_t id, struct sv_arena *a,
    struct sv_org *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_ORG_GET_ID);

	stmt_bind_int(st, 1, id);
	return get_one(s, st, a, out, d);
}

enum sv_err
org_list(struct sv_store *s, struct sv_arena *a, struct sv_org **items,
    size_t *n, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_ORG_LIST);
	struct sv_org *v = NULL, *nv;
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
			cap = cap ? cap * 2 : 16;
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

int
org_is_within(struct sv_store *s, int64_t id, int64_t ancestor)
{
	struct sv_stmt *st = store_stmt(s, SQL_ORG_WITHIN);
	int row, r = 0;

	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, ancestor);
	if (stmt_step(st, &row, NULL) == SV_OK && row)
		r = stmt_int(st, 0) > 0;
	stmt_reset(st);
	return r;
}

static enum sv_err
validate(struct sv_store *s, const struct sv_org_input *in, int64_t *parent,
    struct sv_diag *d)
{
	struct sv_arena *a;
	struct sv_org p;
	enum sv_err e;

	*parent = 0;
	if ((e = dom_code(in->code, "code", 32, d)) != SV_OK ||
	    (e = dom_text(in->name, "name", 200, 1, d)) != SV_OK)
		return e;
	if (dom_lookup(sv_org_kind_names, SV_ORG__MAX, in->kind) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "kind",
		    "kind must be one of kommun, forvaltning, "
		    "stadsdelsforvaltning, lokalpolisomrade, polisomrade, "
		    "polisregion, bostadsbolag, raddningstjanst, vaktbolag, "
		    "region, civilsamhalle, naringsliv, ovrig");
	if (in->org_number != NULL && *in->org_number != '\0' &&
	    !org_number_valid(in->org_number))
		return sv_diag_set(d, SV_ERR_INVALID, "org_number",
		    "not a valid organisation number (NNNNNN-NNNN with a "
		    "correct check digit)");
	if (in->parent != NULL && *in->parent != '\0') {
		a = sv_arena_new();
		e = org_get(s, in->parent, a, &p, d);
		sv_arena_free(a);
		if (e == SV_ERR_NOTFOUND)
			return sv_diag_set(d, SV_ERR_INVALID, "parent",
			    "no organisation with code '%s'", in->parent);
		if (e != SV_OK)
			return e;
		*parent = p.id;
	}
	return SV_OK;
}

static int
may_manage(struct sv_store *s, const struct sv_actor *a, int64_t org)
{
	if (a->system)
		return 1;
	return a->role == SV_ROLE_ADMIN && org_is_within(s, org, a->org_id);
}

static const char *
canon_orgnr(const char *s, char out[12])
{
	size_t n = 0;

	if (s == NULL || *s == '\0')
		return NULL;
	for (; *s && n < 11; s++) {
		if (isdigit((unsigned char)*s))
			out[n++] = *s;
		if (n == 6)
			out[n++] = '-';
	}
	out[n] = '\0';
	return out;
}

/* The organisation as it is stored, for the audit trail. */
static void
org_audit_obj(const struct sv_org *o, struct audit_obj *j)
{
	audit_obj_begin(j);
	audit_obj_str(j, "code", o->code);
	audit_obj_str(j, "name", o->name);
	audit_obj_str(j, "kind", (unsigned)o->kind < SV_ORG__MAX ?
	    sv_org_kind_names[o->kind] : NULL);
	audit_obj_str(j, "org_number", o->org_number);
	audit_obj_str(j, "parent", o->parent);
	audit_obj_end(j);
}

/* Audits a change of organisation id, reading it back after the write. */
static enum sv_err
org_audit(struct sv_store *s, const struct sv_actor *a, const char *action,
    int64_t id, const struct sv_org *before, int gone)
{
	struct sv_arena *ar = sv_arena_new();
	struct audit_obj jb, ja;
	struct sv_org now;
	char eid[24];
	enum sv_err e;

	audit_obj_begin(&jb);
	audit_obj_begin(&ja);
	if (before != NULL) {
		audit_obj_free(&jb);
		org_audit_obj(before, &jb);
	}
	if (!gone) {
		if ((e = org_get_by_id(s, id, ar, &now, NULL)) != SV_OK)
			goto out;
		audit_obj_free(&ja);
		org_audit_obj(&now, &ja);
	}
	snprintf(eid, sizeof(eid), "%" PRId64, id);
	e = audit_change(s, a, action, "organisation", eid,
	    before != NULL ? jb.b.data : NULL, gone ? NULL : ja.b.data);
out:
	audit_obj_free(&jb);
	audit_obj_free(&ja);
	sv_arena_free(ar);
	return e;
}

enum sv_err
org_create(struct sv_store *s, const struct sv_actor *a,
    const struct sv_org_input *in, int64_t *id, struct sv_diag *d)
{
	struct sv_stmt *st;
	char nr[12];
	int64_t parent, nid = 0;
	enum sv_err e;
	int row;

	if ((e = actor_require(a, SV_ROLE_ADMIN, d)) != SV_OK ||
	    (e = validate(s, in, &parent, d)) != SV_OK)
		return e;
	if ((e = store_begin(s)) != SV_OK)
		return sv_diag_set(d, e, "", "cannot begin a transaction");
	st = store_stmt(s, SQL_ORG_INSERT);
	stmt_bind_text(st, 1, in->code);
	stmt_bind_text(st, 2, in->name);
	stmt_bind_text(st, 3, in->kind);
	stmt_bind_text(st, 4, canon_orgnr(in->org_number, nr));
	if (parent)
		stmt_bind_int(st, 5, parent);
	stmt_bind_int(st, 6, dom_now());
	if ((e = stmt_step(st, &row, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "code",
			    "an organisation with code '%s' exists", in->code);
		goto fail;
	}
	nid = stmt_int(st, 0);
	stmt_reset(st);
	if ((e = org_audit(s, a, "create", nid, NULL, 0)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	if (id != NULL)
		*id = nid;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

enum sv_err
org_update(struct sv_store *s, const struct sv_actor *a, const char *code,
    const struct sv_org_input *in, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct sv_org cur;
	char nr[12];
	int64_t parent;
	enum sv_err e;

	if ((e = org_get(s, code, ar, &cur, d)) != SV_OK)
		goto out;
	if (!may_manage(s, a, cur.id)) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "only an admin of the organisation or above may change it");
		goto out;
	}
	if ((e = validate(s, in, &parent, d)) != SV_OK)
		goto out;
	if (parent && org_is_within(s, parent, cur.id)) {
		e = sv_diag_set(d, SV_ERR_INVALID, "parent",
		    "the parent would make a cycle");
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_ORG_UPDATE);
	stmt_bind_int(st, 1, cur.id);
	stmt_bind_text(st, 2, in->code);
	stmt_bind_text(st, 3, in->name);
	stmt_bind_text(st, 4, in->kind);
	stmt_bind_text(st, 5, canon_orgnr(in->org_number, nr));
	if (parent)
		stmt_bind_int(st, 6, parent);
	stmt_bind_int(st, 7, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = org_audit(s, a, "update", cur.id, &cur, 0)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "code",
			    "an organisation with code '%s' exists", in->code);
		store_rollback(s);
	}
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
org_delete(struct sv_store *s, const struct sv_actor *a, const char *code,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct sv_org cur;
	enum sv_err e;
	int row;

	if ((e = org_get(s, code, ar, &cur, d)) != SV_OK)
		goto out;
	if (!may_manage(s, a, cur.id)) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "only an admin of the organisation or above may delete it");
		goto out;
	}
	st = store_stmt(s, SQL_ORG_REFS);
	stmt_bind_int(st, 1, cur.id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		goto out;
	if (row && stmt_int(st, 0) > 0) {
		stmt_reset(st);
		e = sv_diag_set(d, SV_ERR_CONFLICT, "",
		    "the organisation still has users, incidents or "
		    "sub-organisations");
		goto out;
	}
	stmt_reset(st);
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_ORG_DELETE);
	stmt_bind_int(st, 1, cur.id);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = org_audit(s, a, "delete", cur.id, &cur, 1)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}
