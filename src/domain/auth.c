/*
 * Authentication: argon2id passwords, sessions and API tokens. Secrets
 * are 32 random bytes shown once as hex; the database holds only their
 * SHA-256, so a stolen database does not yield working sessions.
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

#define SV_USER_AGENT_MAX	200	/* bytes of User-Agent kept */

static int
sodium_ready(void)
{
	return sodium_init() >= 0;
}

enum sv_err
auth_password_hash(const char *pw, char *out, size_t outlen)
{
	if (!sodium_ready() || outlen < crypto_pwhash_STRBYTES)
		return SV_ERR_INTERNAL;
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return SV_ERR_INTERNAL;
	return SV_OK;
}

int
auth_password_check(const char *hash, const char *pw)
{
	if (!sodium_ready() || hash == NULL || pw == NULL)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static void
new_secret(char out[SV_SECRET_HEX])
{
	unsigned char b[32];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, SV_SECRET_HEX, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

static void
secret_hash(const char *secret, char out[65])
{
	dom_sha256_hex(secret, strlen(secret), out);
}

static void
actor_from(struct sv_stmt *st, int c, struct sv_actor *a)
{
	enum sv_role r = SV_ROLE_LASARE;

	memset(a, 0, sizeof(*a));
	a->user_id = stmt_int(st, c);
	a->org_id = stmt_int(st, c + 1);
	role_parse(stmt_text(st, c + 2), &r, "role", NULL);
	a->role = r;
}

/*
 * The user agent as stored: printable ASCII only (a header may carry any
 * bytes; PostgreSQL text must be UTF-8), cut to SV_USER_AGENT_MAX.
 */
static void
user_agent_clean(const char *ua, char *out, size_t outlen)
{
	size_t i;

	for (i = 0; ua != NULL && ua[i] != '\0' && i + 1 < outlen; i++)
		out[i] = ua[i] >= 0x20 && ua[i] <= 0x7e ? ua[i] : '?';
	out[i] = '\0';
}

static void
bind_client(struct sv_stmt *st, const struct sv_session_client *c)
{
	char ua[SV_USER_AGENT_MAX + 1];

	if (c != NULL && c->user_agent != NULL && c->user_agent[0] != '\0') {
		user_agent_clean(c->user_agent, ua, sizeof(ua));
		stmt_bind_text(st, 6, ua);
	} else
		stmt_bind_null(st, 6);
	if (c != NULL && c->address != NULL && c->address[0] != '\0')
		stmt_bind_text(st, 7, c->address);
	else
		stmt_bind_null(st, 7);
}

enum sv_err
auth_login(struct sv_store *s, const char *email, const char *password,
    const char *totp, const struct sv_session_client *client,
    struct sv_session *out, struct sv_diag *d)
{
	char dummy[crypto_pwhash_STRBYTES];
	struct sv_stmt *st;
	char hash[crypto_pwhash_STRBYTES], h[65];
	struct sv_actor a;
	int64_t now = dom_now();
	enum sv_err e;
	int row, ok, active = 0;

	memset(out, 0, sizeof(*out));
	if (!sodium_ready())
		return SV_ERR_INTERNAL;
	if (email == NULL || password == NULL ||
	    strlen(password) > SV_PASSWORD_MAX)
		return sv_diag_set(d, SV_ERR_UNAUTH, "",
		    "wrong e-mail or password");
	st = store_stmt(s, SQL_USER_AUTH);
	stmt_bind_text(st, 1, email);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	hash[0] = '\0';
	if (row) {
		actor_from(st, 0, &a);
		snprintf(hash, sizeof(hash), "%s", stmt_text(st, 3));
		active = (int)stmt_int(st, 4);
	}
	stmt_reset(st);
	if (hash[0] == '\0') {
		/* Hashing costs what a check costs: the answer for an
		 * unknown e-mail takes as long as for a wrong password. */
		auth_password_hash(password, dummy, sizeof(dummy));
		return sv_diag_set(d, SV_ERR_UNAUTH, "",
		    "wrong e-mail or password");
	}
	ok = auth_password_check(hash, password);
	if (!ok || !active)
		return sv_diag_set(d, SV_ERR_UNAUTH, "",
		    "wrong e-mail or password");
	new_secret(out->id);
	new_secret(out->csrf);
	out->expires_at = now + SV_SESSION_TTL;
	out->actor = a;
	secret_hash(out->id, h);
	if ((e = store_begin(s)) != SV_OK)
		return e;
	/* The second factor is used up in the session's transaction. */
	if ((e = auth_totp_check(s, a.user_id, totp, d)) != SV_OK) {
		store_rollback(s);
		memset(out, 0, sizeof(*out));
		return e;
	}
	st = store_stmt(s, SQL_SESSION_INSERT);
	stmt_bind_text(st, 1, h);
	stmt_bind_int(st, 2, a.user_id);
	stmt_bind_text(st, 3, out->csrf);
	stmt_bind_int(st, 4, now);
	stmt_bind_int(st, 5, out->expires_at);
	bind_client(st, client);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit_append(s, &a, "login", "session", NULL, NULL)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		memset(out, 0, sizeof(*out));
		return e;
	}
	return SV_OK;
}

static int
hex64(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

enum sv_err
auth_session_lookup(struct sv_store *s, const char *id,
    struct sv_session *out, struct sv_diag *d)
{
	struct sv_stmt *st;
	char h[65];
	int64_t now = dom_now(), sid;
	enum sv_err e;
	int row;

	memset(out, 0, sizeof(*out));
	if (!hex64(id))
		return sv_diag_set(d, SV_ERR_UNAUTH, "", "not logged in");
	secret_hash(id, h);
	st = store_stmt(s, SQL_SESSION_LOOKUP);
	stmt_bind_text(st, 1, h);
	stmt_bind_int(st, 2, now);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_UNAUTH, "",
		    "the session has ended; log in again");
	sid = stmt_int(st, 0);
	snprintf(out->csrf, sizeof(out->csrf), "%s", stmt_text(st, 1));
	out->expires_at = stmt_int(st, 2);
	actor_from(st, 3, &out->actor);
	snprintf(out->id, sizeof(out->id), "%s", id);
	stmt_reset(st);
	/*
	 * Slide the expiry at most once a minute: a write per request would
	 * turn every read into a write transaction (see the token below).
	 */
	if (out->expires_at - now < SV_SESSION_TTL - SV_TOUCH_INTERVAL) {
		out->expires_at = now + SV_SESSION_TTL;
		st = store_stmt(s, SQL_SESSION_TOUCH);
		stmt_bind_int(st, 1, sid);
		stmt_bind_int(st, 2, out->expires_at);
		(void)stmt_exec(st, NULL);
	}
	return SV_OK;
}

enum sv_err
auth_session_revoke(struct sv_store *s, const char *id, struct sv_diag *d)
{
	struct sv_stmt *st;
	char h[65];

	if (!hex64(id))
		return SV_OK;
	secret_hash(id, h);
	st = store_stmt(s, SQL_SESSION_REVOKE);
	stmt_bind_text(st, 1, h);
	return stmt_exec(st, d);
}

enum sv_err
auth_token_create(struct sv_store *s, const struct sv_actor *a,
    const char *email, char out[SV_SECRET_HEX], struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct sv_user u;
	struct audit_obj j;
	char h[65], eid[24];
	enum sv_err e;

	out[0] = '\0';
	if (!sodium_ready()) {
		e = SV_ERR_INTERNAL;
		goto out;
	}
	if ((e = user_get_by_email(s, email, ar, &u, d)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			sv_diag_set(d, e, "user", "no user with e-mail '%s'",
			    email);
		goto out;
	}
	if (!a->system && a->user_id != u.id && !(a->role == SV_ROLE_ADMIN &&
	    org_is_within(s, u.org_id, a->org_id))) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "user",
		    "you may create tokens only for yourself");
		goto out;
	}
	if (!u.active) {
		e = sv_diag_set(d, SV_ERR_INVALID, "user",
		    "the user is not active");
		goto out;
	}
	new_secret(out);
	secret_hash(out, h);
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_TOKEN_INSERT);
	stmt_bind_int(st, 1, u.id);
	stmt_bind_text(st, 2, h);
	stmt_bind_int(st, 3, dom_now());
	snprintf(eid, sizeof(eid), "%" PRId64, u.id);
	/* who the token is for; never the token or its hash */
	audit_obj_begin(&j);
	audit_obj_int(&j, "user_id", u.id);
	audit_obj_str(&j, "email", u.email);
	if ((e = stmt_exec(st, d)) == SV_OK)
		e = audit_change(s, a, "create", "api_token", eid, NULL,
		    audit_obj_end(&j));
	audit_obj_free(&j);
	if (e != SV_OK || (e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		out[0] = '\0';
	}
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
auth_token_lookup(struct sv_store *s, const char *token, struct sv_actor *out,
    struct sv_diag *d)
{
	struct sv_stmt *st;
	char h[65];
	int64_t tid, now = dom_now();
	enum sv_err e;
	int row, stale;

	memset(out, 0, sizeof(*out));
	if (!hex64(token))
		return sv_diag_set(d, SV_ERR_UNAUTH, "", "unknown token");
	secret_hash(token, h);
	st = store_stmt(s, SQL_TOKEN_LOOKUP);
	stmt_bind_text(st, 1, h);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_UNAUTH, "", "unknown token");
	tid = stmt_int(st, 0);
	actor_from(st, 1, out);
	stale = stmt_isnull(st, 4) || now - stmt_int(st, 4) >= SV_TOUCH_INTERVAL;
	stmt_reset(st);
	/*
	 * Stamp the last use at most once a minute: a write per request made
	 * every read a write transaction, and clients of one token queued for
	 * its row (PostgreSQL) or the write lock (SQLite). A minute is fine
	 * enough for "when was this token last used".
	 */
	if (stale) {
		st = store_stmt(s, SQL_TOKEN_TOUCH);
		stmt_bind_int(st, 1, tid);
		stmt_bind_int(st, 2, now);
		(void)stmt_exec(st, NULL);
	}
	return SV_OK;
}
