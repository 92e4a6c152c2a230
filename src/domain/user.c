/*
 * Users: validation (e-mail, role, password length), argon2id hashing,
 * rights (admins manage their organisation's subtree) and persistence.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/dom.h"
#include "domain/organisation.h"
#include "domain/user.h"
#include "store/store.h"

static void
fill(struct sv_arena *a, struct sv_stmt *st, struct sv_user *u)
{
	enum sv_role r = SV_ROLE_LASARE;

	u->id = stmt_int(st, 0);
	u->email = dom_col(a, st, 1);
	u->display_name = dom_col(a, st, 2);
	u->alias = dom_col(a, st, 3);
	u->organisation = dom_col(a, st, 4);
	u->org_id = stmt_int(st, 5);
	role_parse(stmt_text(st, 6), &r, "role", NULL);
	u->role = r;
	u->active = (int)stmt_int(st, 7);
}

/* 1 if the actor may manage users of organisation org. */
static int
may_manage(struct sv_store *s, const struct sv_actor *a, int64_t org)
{
	if (a->system)
		return 1;
	return a->role == SV_ROLE_ADMIN && org_is_within(s, org, a->org_id);
}

static int
email_valid(const char *e)
{
	const char *at = strchr(e, '@');
	const char *p;

	if (at == NULL || at == e || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' ||
	    e[strlen(e) - 1] == '.')
		return 0;
	for (p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == ',' || *p == ';' || *p == '"')
			return 0;
	return 1;
}

enum sv_err
user_password_valid(const char *pw, const char *field, struct sv_diag *d)
{
	size_t pl = pw != NULL ? strlen(pw) : 0;

	if (pl < SV_PASSWORD_MIN || pl > SV_PASSWORD_MAX)
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "the password must be %d to %d characters",
		    SV_PASSWORD_MIN, SV_PASSWORD_MAX);
	return SV_OK;
}

static enum sv_err
validate(struct sv_store *s, const struct sv_user_input *in, int creating,
    int64_t *org, enum sv_role *role, struct sv_diag *d)
{
	struct sv_arena *a;
	struct sv_org o;
	enum sv_err e;

	if ((e = dom_text(in->email, "email", 254, 1, d)) != SV_OK)
		return e;
	if (!email_valid(in->email))
		return sv_diag_set(d, SV_ERR_INVALID, "email",
		    "not an e-mail address");
	if ((e = role_parse(in->role, role, "role", d)) != SV_OK ||
	    (e = dom_text(in->display_name, "display_name", 200, 0, d)) !=
	    SV_OK || (e = dom_text(in->alias, "alias", 200, 0, d)) != SV_OK)
		return e;
	if ((creating || in->password != NULL) &&
	    (e = user_password_valid(in->password, "password", d)) != SV_OK)
		return e;
	if (in->organisation == NULL || *in->organisation == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, "organisation",
		    "organisation is required");
	a = sv_arena_new();
	e = org_get(s, in->organisation, a, &o, d);
	sv_arena_free(a);
	if (e == SV_ERR_NOTFOUND)
		return sv_diag_set(d, SV_ERR_INVALID, "organisation",
		    "no organisation with code '%s'", in->organisation);
	if (e == SV_OK)
		*org = o.id;
	return e;
}

/* The user as stored, for the audit trail: never the password hash. */
static void
user_audit_obj(const struct sv_user *u, int password_changed,
    struct audit_obj *j)
{
	audit_obj_begin(j);
	audit_obj_str(j, "email", u->email);
	audit_obj_str(j, "display_name", u->display_name);
	audit_obj_str(j, "alias", u->alias);
	audit_obj_str(j, "organisation", u->organisation);
	audit_obj_str(j, "role", (unsigned)u->role < SV_ROLE__MAX ?
	    sv_role_names[u->role] : NULL);
	audit_obj_bool(j, "active", u->active);
	if (password_changed)
		audit_obj_bool(j, "password_changed", 1);
	audit_obj_end(j);
}

/* Audits a change of user id, reading the user back after the write. */
static enum sv_err
user_audit(struct sv_store *s, const struct sv_actor *a, const char *action,
    int64_t id, const struct sv_user *before, int password_changed)
{
	struct sv_arena *ar = sv_arena_new();
	struct audit_obj jb, ja;
	struct sv_actor sys;
	struct sv_user now;
	char eid[24];
	enum sv_err e;

	actor_system(&sys);
	if ((e = user_get(s, &sys, id, ar, &now, NULL)) != SV_OK) {
		sv_arena_free(ar);
		return e;
	}
	if (before != NULL)
		user_audit_obj(before, 0, &jb);
	user_audit_obj(&now, password_changed, &ja);
	snprintf(eid, sizeof(eid), "%" PRId64, id);
	e = audit_change(s, a, action, "user", eid,
	    before != NULL ? jb.b.data : NULL, ja.b.data);
	if (before != NULL)
		audit_obj_free(&jb);
	audit_obj_free(&ja);
	sv_arena_free(ar);
	return e;
}

enum sv_err
user_create(struct sv_store *s, const struct sv_actor *a,
    const struct sv_user_input *in, int64_t *id, struct sv_diag *d)
{
	char hash[crypto_pwhash_STRBYTES];
	struct sv_stmt *st;
	enum sv_role role;
	int64_t org = 0, uid;
	enum sv_err e;
	int row;

	if ((e = actor_require(a, SV_ROLE_ADMIN, d)) != SV_OK ||
	    (e = validate(s, in, 1, &org, &role, d)) != SV_OK)
		return e;
	if (!may_manage(s, a, org))
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "organisation",
		    "you may add users only to your own organisation and "
		    "those below it");
	if (!a->system && role > a->role)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "role",
		    "you may not give a role above your own");
	if ((e = auth_password_hash(in->password, hash, sizeof(hash))) != SV_OK)
		return sv_diag_set(d, e, "password", "cannot hash the password");
	if ((e = store_begin(s)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_USER_INSERT);
	stmt_bind_int(st, 1, org);
	stmt_bind_text(st, 2, in->email);
	stmt_bind_text(st, 3, in->display_name ? in->display_name : "");
	stmt_bind_text(st, 4, in->alias && *in->alias ? in->alias : NULL);
	stmt_bind_text(st, 5, sv_role_names[role]);
	stmt_bind_text(st, 6, hash);
	stmt_bind_int(st, 7, dom_now());
	if ((e = stmt_step(st, &row, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "email",
			    "a user with this e-mail address exists");
		goto fail;
	}
	uid = stmt_int(st, 0);
	stmt_reset(st);
	if ((e = user_audit(s, a, "create", uid, NULL, 0)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	if (id != NULL)
		*id = uid;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

static enum sv_err
get_row(struct sv_stmt *st, struct sv_arena *ar, struct sv_user *out,
    struct sv_diag *d)
{
	enum sv_err e;
	int row;

	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such user");
	fill(ar, st, out);
	stmt_reset(st);
	return SV_OK;
}

enum sv_err
user_get_by_email(struct sv_store *s, const char *email, struct sv_arena *ar,
    struct sv_user *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_USER_GET_EMAIL);

	stmt_bind_text(st, 1, email);
	return get_row(st, ar, out, d);
}

enum sv_err
user_get(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_arena *ar, struct sv_user *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_USER_GET);
	enum sv_err e;

	stmt_bind_int(st, 1, id);
	if ((e = get_row(st, ar, out, d)) != SV_OK)
		return e;
	if (a->system || a->user_id == id || may_manage(s, a, out->org_id))
		return SV_OK;
	/* Not revealing whether the id exists. */
	return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such user");
}

enum sv_err
user_list(struct sv_store *s, const struct sv_actor *a, struct sv_arena *ar,
    struct sv_user **items, size_t *n, struct sv_diag *d)
{
	struct sv_stmt *st;
	struct sv_user *v = NULL, *nv;
	size_t cap = 0;
	enum sv_err e;
	int row;

	*n = 0;
	*items = NULL;
	if ((e = actor_require(a, SV_ROLE_ADMIN, d)) != SV_OK)
		return e;
	if (a->system)
		st = store_stmt(s, SQL_USER_LIST_ALL);
	else {
		st = store_stmt(s, SQL_USER_LIST_UNDER);
		stmt_bind_int(st, 1, a->org_id);
	}
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = sv_arena_alloc(ar, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		fill(ar, st, &v[(*n)++]);
	}
	*items = v;
	return SV_OK;
}

enum sv_err
user_update(struct sv_store *s, const struct sv_actor *a, int64_t id,
    const struct sv_user_input *in, struct sv_diag *d)
{
	char hash[crypto_pwhash_STRBYTES];
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct sv_user cur;
	enum sv_role role;
	int64_t org = 0;
	enum sv_err e;

	if ((e = user_get(s, a, id, ar, &cur, d)) != SV_OK)
		goto out;
	if (!may_manage(s, a, cur.org_id)) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "only an admin may change users");
		goto out;
	}
	if ((e = validate(s, in, 0, &org, &role, d)) != SV_OK)
		goto out;
	if (!may_manage(s, a, org) || (!a->system && role > a->role)) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "role",
		    "you may not move the user there or give that role");
		goto out;
	}
	if (in->password != NULL && (e = auth_password_hash(in->password, hash,
	    sizeof(hash))) != SV_OK)
		goto out;
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_USER_UPDATE);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, org);
	stmt_bind_text(st, 3, in->email);
	stmt_bind_text(st, 4, in->display_name ? in->display_name : "");
	stmt_bind_text(st, 5, in->alias && *in->alias ? in->alias : NULL);
	stmt_bind_text(st, 6, sv_role_names[role]);
	stmt_bind_int(st, 7, in->active ? 1 : 0);
	stmt_bind_int(st, 8, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "email",
			    "a user with this e-mail address exists");
		goto fail;
	}
	if (in->password != NULL) {
		st = store_stmt(s, SQL_USER_SET_PASSWORD);
		stmt_bind_int(st, 1, id);
		stmt_bind_text(st, 2, hash);
		stmt_bind_int(st, 3, dom_now());
		if ((e = stmt_exec(st, d)) != SV_OK)
			goto fail;
	}
	if (!in->active || in->password != NULL) {
		st = store_stmt(s, SQL_SESSION_REVOKE_USER);
		stmt_bind_int(st, 1, id);
		if ((e = stmt_exec(st, d)) != SV_OK)
			goto fail;
	}
	if ((e = user_audit(s, a, "update", id, &cur, in->password != NULL)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
user_delete(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct sv_user cur;
	enum sv_err e;

	if ((e = user_get(s, a, id, ar, &cur, d)) != SV_OK)
		goto out;
	if (!may_manage(s, a, cur.org_id)) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "only an admin may remove users");
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_USER_DEACTIVATE);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_SESSION_REVOKE_USER);
	stmt_bind_int(st, 1, id);
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_TOKEN_REVOKE_USER);
	stmt_bind_int(st, 1, id);
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	if ((e = user_audit(s, a, "delete", id, &cur, 0)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}
