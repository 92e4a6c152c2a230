/*
 * A user's own account: the sessions they have open (listed by a short
 * handle, revoked one by one or all but the current one) and changing
 * their own password with the current one. A handle is the first 16 hex
 * digits of the stored SHA-256 of the session id: it names the session
 * without being able to act as it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/mem.h"
#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/dom.h"
#include "domain/user.h"
#include "store/store.h"

#define HANDLE_LEN	(SV_SESSION_HANDLE - 1)

/* The stored hash of a cookie value, "" when there is none. */
static void
cookie_hash(const char *cookie, char out[65])
{
	out[0] = '\0';
	if (cookie != NULL && strlen(cookie) == 64)
		dom_sha256_hex(cookie, 64, out);
}

static int
handle_valid(const char *h)
{
	size_t i;

	if (h == NULL || strlen(h) != HANDLE_LEN)
		return 0;
	for (i = 0; i < HANDLE_LEN; i++)
		if (!((h[i] >= '0' && h[i] <= '9') ||
		    (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return 1;
}

enum sv_err
auth_session_list(struct sv_store *s, const struct sv_actor *a,
    const char *current, struct sv_arena *ar, struct sv_session_info **out,
    size_t *n, struct sv_diag *d)
{
	struct sv_session_info *v = NULL, *nv;
	struct sv_stmt *st;
	char cur[65];
	const char *h;
	size_t len = 0, cap = 0;
	enum sv_err e;
	int row;

	*out = NULL;
	*n = 0;
	cookie_hash(current, cur);
	st = store_stmt(s, SQL_SESSION_LIST_OWN);
	stmt_bind_int(st, 1, a->user_id);
	stmt_bind_int(st, 2, dom_now());
	while ((e = stmt_step(st, &row, d)) == SV_OK && row) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			nv = sv_arena_alloc(ar, cap * sizeof(*nv));
			if (len > 0)
				memcpy(nv, v, len * sizeof(*nv));
			v = nv;
		}
		h = stmt_text(st, 0);
		memset(&v[len], 0, sizeof(v[len]));
		snprintf(v[len].handle, sizeof(v[len].handle), "%.*s",
		    HANDLE_LEN, h != NULL ? h : "");
		v[len].created_at = stmt_int(st, 1);
		v[len].expires_at = stmt_int(st, 2);
		/* The expiry slides on use, at most once a minute. */
		v[len].last_seen_at = v[len].expires_at - SV_SESSION_TTL;
		if (v[len].last_seen_at < v[len].created_at)
			v[len].last_seen_at = v[len].created_at;
		v[len].user_agent = stmt_isnull(st, 3) ? NULL :
		    sv_arena_strdup(ar, stmt_text(st, 3));
		v[len].address = stmt_isnull(st, 4) ? NULL :
		    sv_arena_strdup(ar, stmt_text(st, 4));
		v[len].current = h != NULL && cur[0] != '\0' &&
		    strcmp(h, cur) == 0;
		len++;
	}
	stmt_reset(st);
	if (e != SV_OK)
		return e;
	*out = v;
	*n = len;
	return SV_OK;
}

enum sv_err
auth_session_revoke_own(struct sv_store *s, const struct sv_actor *a,
    const char *handle, struct sv_diag *d)
{
	struct sv_stmt *st;
	char eid[24];
	enum sv_err e;

	if (!handle_valid(handle))
		return sv_diag_set(d, SV_ERR_NOTFOUND, "id", "no such session");
	if ((e = store_begin(s)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_SESSION_REVOKE_OWN);
	stmt_bind_int(st, 1, a->user_id);
	stmt_bind_text(st, 2, handle);
	stmt_bind_int(st, 3, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	/* Another user's session is as unknown as one that never was. */
	if (store_changes(s) == 0) {
		e = sv_diag_set(d, SV_ERR_NOTFOUND, "id", "no such session");
		goto fail;
	}
	snprintf(eid, sizeof(eid), "%" PRId64, a->user_id);
	if ((e = audit_append(s, a, "revoke", "session", eid, handle)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

/* Revokes the user's sessions but `keep` (a stored hash or ""). */
static enum sv_err
revoke_others(struct sv_store *s, int64_t user_id, const char *keep,
    int64_t *count, struct sv_diag *d)
{
	struct sv_stmt *st;
	enum sv_err e;

	st = store_stmt(s, SQL_SESSION_REVOKE_OTHERS);
	stmt_bind_int(st, 1, user_id);
	stmt_bind_text(st, 2, keep);
	if ((e = stmt_exec(st, d)) != SV_OK)
		return e;
	*count = store_changes(s);
	return SV_OK;
}

enum sv_err
auth_session_revoke_others(struct sv_store *s, const struct sv_actor *a,
    const char *current, int64_t *count, struct sv_diag *d)
{
	struct audit_obj j;
	char keep[65], eid[24];
	enum sv_err e;

	*count = 0;
	cookie_hash(current, keep);
	if ((e = store_begin(s)) != SV_OK)
		return e;
	snprintf(eid, sizeof(eid), "%" PRId64, a->user_id);
	audit_obj_begin(&j);
	if ((e = revoke_others(s, a->user_id, keep, count, d)) == SV_OK) {
		audit_obj_int(&j, "sessions_revoked", *count);
		e = audit_change(s, a, "revoke_others", "session", eid, NULL,
		    audit_obj_end(&j));
	}
	audit_obj_free(&j);
	if (e != SV_OK || (e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		*count = 0;
	}
	return e;
}

/* The user's stored password hash into hash ("" if none). */
static enum sv_err
stored_hash(struct sv_store *s, const struct sv_actor *a, char *hash,
    size_t hashlen, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct sv_user u;
	enum sv_err e;
	int row;

	hash[0] = '\0';
	if ((e = user_get(s, a, a->user_id, ar, &u, d)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_USER_AUTH);
	stmt_bind_text(st, 1, u.email);
	if ((e = stmt_step(st, &row, d)) == SV_OK && row)
		snprintf(hash, hashlen, "%s", stmt_text(st, 3));
	stmt_reset(st);
out:
	sv_arena_free(ar);
	return e;
}

/* Sets the new hash and revokes the other sessions, in one transaction. */
static enum sv_err
store_new_password(struct sv_store *s, const struct sv_actor *a,
    const char *keep, const char *code, const char *newhash, int *wrong,
    struct sv_diag *d)
{
	struct sv_stmt *st;
	struct audit_obj j;
	char eid[24], msg[SV_DIAG_MSG];
	int64_t count = 0;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		return e;
	/* The code is used up in the same transaction as the change. */
	if ((e = auth_totp_check(s, a->user_id, code, d)) != SV_OK) {
		store_rollback(s);
		if (e != SV_ERR_TOTP)
			return e;
		*wrong = 1;
		snprintf(msg, sizeof(msg), "%s", d != NULL ? d->message : "");
		return sv_diag_set(d, SV_ERR_INVALID, "code", "%s", msg);
	}
	st = store_stmt(s, SQL_USER_SET_PASSWORD);
	stmt_bind_int(st, 1, a->user_id);
	stmt_bind_text(st, 2, newhash);
	stmt_bind_int(st, 3, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = revoke_others(s, a->user_id, keep, &count, d)) != SV_OK) {
		store_rollback(s);
		return e;
	}
	snprintf(eid, sizeof(eid), "%" PRId64, a->user_id);
	/* That it changed and what it ended; never a password or hash. */
	audit_obj_begin(&j);
	audit_obj_bool(&j, "password_changed", 1);
	audit_obj_int(&j, "sessions_revoked", count);
	e = audit_change(s, a, "password_change", "user", eid, NULL,
	    audit_obj_end(&j));
	audit_obj_free(&j);
	if (e != SV_OK || (e = store_commit(s)) != SV_OK)
		store_rollback(s);
	return e;
}

enum sv_err
auth_password_change(struct sv_store *s, const struct sv_actor *a,
    const char *current, const char *password, const char *new_password,
    const char *code, int *wrong, struct sv_diag *d)
{
	char hash[crypto_pwhash_STRBYTES], newhash[crypto_pwhash_STRBYTES];
	char keep[65];
	enum sv_err e;

	*wrong = 0;
	hash[0] = newhash[0] = '\0';
	if (password == NULL || strlen(password) > SV_PASSWORD_MAX)
		return sv_diag_set(d, SV_ERR_INVALID, "password",
		    "wrong password");
	if ((e = user_password_valid(new_password, "new_password", d)) !=
	    SV_OK)
		return e;
	if ((e = stored_hash(s, a, hash, sizeof(hash), d)) != SV_OK)
		goto out;
	if (!auth_password_check(hash, password)) {
		*wrong = 1;
		e = sv_diag_set(d, SV_ERR_INVALID, "password",
		    "wrong password");
		goto out;
	}
	if (strcmp(password, new_password) == 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "new_password",
		    "the new password must differ from the current one");
		goto out;
	}
	if ((e = auth_password_hash(new_password, newhash,
	    sizeof(newhash))) != SV_OK) {
		e = sv_diag_set(d, e, "new_password",
		    "cannot hash the password");
		goto out;
	}
	cookie_hash(current, keep);
	e = store_new_password(s, a, keep, code, newhash, wrong, d);
out:
	sodium_memzero(hash, sizeof(hash));
	sodium_memzero(newhash, sizeof(newhash));
	return e;
}
