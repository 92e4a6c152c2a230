/*
 * The TOTP second factor of a user: enrolment (a new secret, off until a
 * code confirms it), the login check with replay protection (the step of
 * the last accepted code is stored and a code must be of a later step),
 * switching off by the user (password and code) or by an admin. The
 * secret is never returned after enrolment and never written to the
 * audit trail. It is stored sealed with the server key
 * (domain/server_key.h) bound to its user; a secret stored in the clear
 * by an older version (base32, no "sv1:" prefix) is still read, and
 * auth_totp_seal_legacy seals every such secret (migrate and serve run
 * it at start). A sealed secret that does not open -- another key file,
 * or an altered value -- fails closed: the login is refused and the
 * cause logged.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "domain/audit.h"
#include "domain/auth.h"
#include "domain/dom.h"
#include "core/log.h"
#include "core/mem.h"
#include "domain/organisation.h"
#include "domain/server_key.h"
#include "domain/totp.h"
#include "domain/user.h"
#include "store/store.h"

struct totp_row {
	int		found, enabled;
	int64_t		last_step;
	uint8_t		key[40];
	int		keylen;
};

/* The associated data that binds a sealed secret to its user. */
static void
secret_ad(int64_t user_id, char ad[40])
{
	snprintf(ad, 40, "user_totp:%" PRId64, user_id);
}

/*
 * The stored secret text into r->key: sealed, or base32 from before
 * sealing. A sealed one that does not open is an error, never "no
 * second factor".
 */
static enum sv_err
secret_read(int64_t user_id, const char *text, struct totp_row *r,
    struct sv_diag *d)
{
	char ad[40];
	size_t n;
	enum sv_err e;

	if (!server_key_is_sealed(text)) {
		r->keylen = totp_base32_decode(text, r->key, sizeof(r->key));
		return SV_OK;
	}
	secret_ad(user_id, ad);
	if ((e = server_key_open(text, ad, r->key, sizeof(r->key), &n, d)) !=
	    SV_OK) {
		sv_log(SV_LOG_ERROR, "event=totp_secret_unreadable user=%"
		    PRId64 " key_file=%s reason=\"%s\"", user_id,
		    server_key_path()[0] ? server_key_path() : "-",
		    d != NULL ? d->message : "");
		return sv_diag_set(d, SV_ERR_INTERNAL, "totp", "the second "
		    "factor cannot be checked: its secret does not open with "
		    "the server key (see the server log)");
	}
	r->keylen = (int)n;
	return SV_OK;
}

/* The user's row; with_secret also opens the secret (needs the key). */
static enum sv_err
row_get(struct sv_store *s, int64_t user_id, struct totp_row *r,
    int with_secret, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_TOTP_GET);
	char text[160];
	enum sv_err e = SV_OK;
	int row;

	memset(r, 0, sizeof(*r));
	stmt_bind_int(st, 1, user_id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return SV_OK;
	snprintf(text, sizeof(text), "%s", stmt_text(st, 0) ?
	    stmt_text(st, 0) : "");
	r->found = 1;
	r->enabled = (int)stmt_int(st, 1);
	r->last_step = stmt_int(st, 2);
	stmt_reset(st);
	if (with_secret) {
		e = secret_read(user_id, text, r, d);
		if (e == SV_OK && r->keylen <= 0)
			r->found = r->enabled = 0;	/* unusable: none */
	}
	sodium_memzero(text, sizeof(text));
	return e;
}

static void
row_wipe(struct totp_row *r)
{
	sodium_memzero(r, sizeof(*r));
}

/* The step a code matches, marked used; SV_ERR_TOTP if none or replayed. */
static enum sv_err
use_code(struct sv_store *s, int64_t user_id, const struct totp_row *r,
    const char *code, int64_t *step, struct sv_diag *d)
{
	struct sv_stmt *st;
	enum sv_err e;

	if (code == NULL || *code == '\0')
		return sv_diag_set(d, SV_ERR_TOTP, "totp",
		    "a code from the authenticator app is needed");
	*step = totp_verify(r->key, (size_t)r->keylen, code,
	    totp_step(dom_now()), r->last_step);
	if (*step < 0)
		return sv_diag_set(d, SV_ERR_TOTP, "totp",
		    "wrong code, or a code that was already used");
	/* Conditional update: of two logins racing with one code, one wins. */
	st = store_stmt(s, SQL_TOTP_USE);
	stmt_bind_int(st, 1, user_id);
	stmt_bind_int(st, 2, *step);
	if ((e = stmt_exec(st, d)) != SV_OK)
		return e;
	if (store_changes(s) != 1)
		return sv_diag_set(d, SV_ERR_TOTP, "totp",
		    "wrong code, or a code that was already used");
	return SV_OK;
}

enum sv_err
auth_totp_check(struct sv_store *s, int64_t user_id, const char *code,
    struct sv_diag *d)
{
	struct totp_row r;
	int64_t step;
	enum sv_err e;

	/* the secret is opened only when the factor is on */
	if ((e = row_get(s, user_id, &r, 0, d)) != SV_OK || (r.enabled &&
	    (e = row_get(s, user_id, &r, 1, d)) != SV_OK))
		return e;
	e = r.enabled ? use_code(s, user_id, &r, code, &step, d) : SV_OK;
	row_wipe(&r);
	return e;
}

enum sv_err
auth_totp_enabled(struct sv_store *s, int64_t user_id, int *on,
    struct sv_diag *d)
{
	struct totp_row r;
	enum sv_err e;

	*on = 0;
	if ((e = row_get(s, user_id, &r, 0, d)) == SV_OK)
		*on = r.enabled;
	row_wipe(&r);
	return e;
}

static enum sv_err
audit_user(struct sv_store *s, const struct sv_actor *a, const char *action,
    int64_t user_id, const char *before, const char *after)
{
	char eid[24], detail[96];

	snprintf(eid, sizeof(eid), "%" PRId64, user_id);
	snprintf(detail, sizeof(detail),
	    "{\"before\":{\"totp\":\"%s\"},\"after\":{\"totp\":\"%s\"}}",
	    before, after);
	return audit_append(s, a, action, "user_totp", eid, detail);
}

static const char *
state_name(const struct totp_row *r)
{
	return !r->found ? "off" : r->enabled ? "on" : "enrolling";
}

/* Percent-encodes s for the label of an otpauth URI. */
static const char *
uri_escape(struct sv_arena *ar, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = sv_arena_alloc(ar, 3 * strlen(s) + 1), *o = out;
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
		    c == '@') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

enum sv_err
auth_totp_enrol(struct sv_store *s, const struct sv_actor *a,
    struct sv_arena *ar, const char **secret, const char **uri,
    struct sv_diag *d)
{
	uint8_t key[TOTP_KEY_BYTES];
	char b32[TOTP_BASE32_MAX], ad[40], sealed[160];
	struct totp_row r;
	struct sv_user u;
	struct sv_stmt *st;
	enum sv_err e;

	*secret = *uri = NULL;
	if (a->system || a->user_id == 0)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "only a user can enrol a second factor");
	if ((e = user_get(s, a, a->user_id, ar, &u, d)) != SV_OK)
		return e;
	if ((e = row_get(s, a->user_id, &r, 0, d)) != SV_OK)
		return e;
	if (r.enabled) {
		row_wipe(&r);
		return sv_diag_set(d, SV_ERR_CONFLICT, "totp",
		    "the second factor is already on; switch it off first");
	}
	if (sodium_init() < 0)
		return SV_ERR_INTERNAL;
	randombytes_buf(key, sizeof(key));
	totp_base32_encode(key, sizeof(key), b32, sizeof(b32));
	secret_ad(a->user_id, ad);
	e = server_key_seal(key, sizeof(key), ad, sealed, sizeof(sealed), d);
	sodium_memzero(key, sizeof(key));
	if (e != SV_OK || (e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_TOTP_PUT);
	stmt_bind_int(st, 1, a->user_id);
	stmt_bind_text(st, 2, sealed);
	stmt_bind_int(st, 3, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit_user(s, a, "enrol", a->user_id, state_name(&r),
	    "enrolling")) != SV_OK || (e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		goto out;
	}
	*secret = sv_arena_printf(ar, "%s", b32);
	*uri = sv_arena_printf(ar, "otpauth://totp/samverkan:%s?secret=%s"
	    "&issuer=samverkan&algorithm=SHA1&digits=%d&period=%d",
	    uri_escape(ar, u.email), b32, TOTP_DIGITS, TOTP_PERIOD);
out:
	sodium_memzero(b32, sizeof(b32));
	row_wipe(&r);
	return e;
}

enum sv_err
auth_totp_confirm(struct sv_store *s, const struct sv_actor *a,
    const char *code, struct sv_diag *d)
{
	struct totp_row r;
	struct sv_stmt *st;
	int64_t step;
	enum sv_err e;

	if ((e = row_get(s, a->user_id, &r, 1, d)) != SV_OK)
		return e;
	if (!r.found || r.enabled) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "totp", r.enabled ?
		    "the second factor is already on" :
		    "enrol first (POST /api/v1/session/totp)");
		goto out;
	}
	step = totp_verify(r.key, (size_t)r.keylen, code,
	    totp_step(dom_now()), 0);
	if (step < 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "code",
		    "wrong code; check the phone's clock and try the next one");
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_TOTP_ENABLE);
	stmt_bind_int(st, 1, a->user_id);
	stmt_bind_int(st, 2, step);
	stmt_bind_int(st, 3, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	if (store_changes(s) != 1) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "totp",
		    "the second factor is already on");
		goto fail;
	}
	if ((e = audit_user(s, a, "enable", a->user_id, "enrolling", "on")) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	goto out;
fail:
	store_rollback(s);
out:
	row_wipe(&r);
	return e;
}

/* Deletes the row with an audit event, in one transaction. */
static enum sv_err
remove_totp(struct sv_store *s, const struct sv_actor *a, int64_t user_id,
    const struct totp_row *r, const char *code, struct sv_diag *d)
{
	struct sv_stmt *st;
	int64_t step;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		return e;
	if (code != NULL && (e = use_code(s, user_id, r, code, &step, d)) !=
	    SV_OK)
		goto fail;
	st = store_stmt(s, SQL_TOTP_DELETE);
	stmt_bind_int(st, 1, user_id);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit_user(s, a, "disable", user_id, state_name(r), "off")) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

enum sv_err
auth_totp_disable(struct sv_store *s, const struct sv_actor *a,
    const char *password, const char *code, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_stmt *st;
	struct totp_row r;
	struct sv_user u;
	char hash[crypto_pwhash_STRBYTES], msg[SV_DIAG_MSG];
	enum sv_err e;
	int row;

	memset(&r, 0, sizeof(r));
	hash[0] = '\0';
	if ((e = user_get(s, a, a->user_id, ar, &u, d)) != SV_OK)
		goto out;
	st = store_stmt(s, SQL_USER_AUTH);
	stmt_bind_text(st, 1, u.email);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		goto out;
	if (row)
		snprintf(hash, sizeof(hash), "%s", stmt_text(st, 3));
	stmt_reset(st);
	if (!auth_password_check(hash, password != NULL ? password : "")) {
		e = sv_diag_set(d, SV_ERR_INVALID, "password",
		    "wrong password");
		goto out;
	}
	if ((e = row_get(s, a->user_id, &r, 1, d)) != SV_OK)
		goto out;
	if (!r.found) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "totp",
		    "the second factor is not on");
		goto out;
	}
	/* A confirmed factor needs a code; an unconfirmed one does not. */
	e = remove_totp(s, a, a->user_id, &r, r.enabled ? code : NULL, d);
	if (e == SV_ERR_TOTP) {
		/* The session stays valid: a bad code here is bad input. */
		snprintf(msg, sizeof(msg), "%s", d != NULL ? d->message : "");
		e = sv_diag_set(d, SV_ERR_INVALID, "code", "%s", msg);
	}
out:
	row_wipe(&r);
	sodium_memzero(hash, sizeof(hash));
	sv_arena_free(ar);
	return e;
}

enum sv_err
auth_totp_reset(struct sv_store *s, const struct sv_actor *a,
    const char *email, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct totp_row r;
	struct sv_user u;
	enum sv_err e;

	memset(&r, 0, sizeof(r));
	if ((e = user_get_by_email(s, email, ar, &u, d)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			sv_diag_set(d, e, "email", "no user with e-mail '%s'",
			    email);
		goto out;
	}
	if (!a->system && !(a->role == SV_ROLE_ADMIN &&
	    org_is_within(s, u.org_id, a->org_id))) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "email",
		    "only an admin who manages the user may do this");
		goto out;
	}
	if ((e = row_get(s, u.id, &r, 0, d)) != SV_OK)
		goto out;
	if (!r.found) {
		e = sv_diag_set(d, SV_ERR_CONFLICT, "totp",
		    "the second factor is not on for '%s'", email);
		goto out;
	}
	e = remove_totp(s, a, u.id, &r, NULL, d);
out:
	row_wipe(&r);
	sv_arena_free(ar);
	return e;
}

enum sv_err
auth_totp_seal_legacy(struct sv_store *s, int *count, struct sv_diag *d)
{
	struct sv_stmt *st;
	struct totp_row r;
	int64_t *ids = NULL, uid;
	char ad[40], sealed[160];
	size_t n = 0, cap = 0, i;
	enum sv_err e;
	int row;

	*count = 0;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	/* the ids first: one statement at a time */
	st = store_stmt(s, SQL_TOTP_PLAIN_LIST);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			goto fail;
		if (!row)
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			ids = sv_reallocarray(ids, cap, sizeof(*ids));
		}
		ids[n++] = stmt_int(st, 0);
	}
	for (i = 0; i < n; i++) {
		uid = ids[i];
		if ((e = row_get(s, uid, &r, 1, d)) != SV_OK)
			goto fail;
		if (r.keylen <= 0) {
			row_wipe(&r);
			continue;	/* unusable; the login treats it as none */
		}
		secret_ad(uid, ad);
		e = server_key_seal(r.key, (size_t)r.keylen, ad, sealed,
		    sizeof(sealed), d);
		row_wipe(&r);
		if (e != SV_OK)
			goto fail;
		st = store_stmt(s, SQL_TOTP_RESEAL);
		stmt_bind_int(st, 1, uid);
		stmt_bind_text(st, 2, sealed);
		sodium_memzero(sealed, sizeof(sealed));
		if ((e = stmt_exec(st, d)) != SV_OK)
			goto fail;
		(*count)++;
	}
	free(ids);
	return store_commit(s);
fail:
	free(ids);
	*count = 0;
	store_rollback(s);
	return e;
}
