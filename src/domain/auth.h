/*
 * Authentication: password login creating sessions, sessions looked up by
 * their cookie value, and API tokens. Secrets (session ids, tokens) are 32
 * random bytes (randombytes_buf) shown once as 64 hex digits; only their
 * SHA-256 is stored. Passwords are argon2id (crypto_pwhash_str).
 */
#ifndef SV_AUTH_H
#define SV_AUTH_H

#include <stdint.h>

#include "core/err.h"
#include "domain/actor.h"

struct sv_arena;
struct sv_store;

#define SV_SECRET_HEX		65	/* 64 hex digits + NUL */
#define SV_SESSION_TTL		(8 * 3600)	/* sliding, seconds */
/* A session's expiry and a token's last use are written at most this often. */
#define SV_TOUCH_INTERVAL	60		/* seconds */

/* Hashes a password (argon2id, interactive limits) into out. */
enum sv_err	auth_password_hash(const char *password, char *out,
		    size_t outlen);
/* 1 if password matches hash. */
int		auth_password_check(const char *hash, const char *password);

struct sv_session {
	char		id[SV_SECRET_HEX];	/* the cookie value */
	char		csrf[SV_SECRET_HEX];
	int64_t		expires_at;
	struct sv_actor	actor;
};

/* Where a session was opened from, shown to its user; fields may be NULL. */
struct sv_session_client {
	const char	*user_agent;	/* stored cut to printable ASCII */
	const char	*address;
};

/*
 * Checks e-mail and password of an active user and, when the user has
 * switched TOTP on, the code `totp` (may be NULL), then creates a
 * session opened from client (may be NULL). Errors: SV_ERR_UNAUTH (wrong
 * e-mail or password; the same message for both), SV_ERR_TOTP (field
 * "totp": code missing, wrong or already used), SV_ERR_DB.
 */
enum sv_err	auth_login(struct sv_store *, const char *email,
		    const char *password, const char *totp,
		    const struct sv_session_client *client,
		    struct sv_session *out, struct sv_diag *);

/*
 * TOTP second factor (auth_totp.c, algorithm in totp.h). Enrolment makes
 * a new secret for the actor's own user, switched off until confirmed;
 * secret (base32) and uri (otpauth://) are written to the arena and are
 * never shown again. SV_ERR_CONFLICT if TOTP is already on.
 */
enum sv_err	auth_totp_enrol(struct sv_store *, const struct sv_actor *,
		    struct sv_arena *, const char **secret, const char **uri,
		    struct sv_diag *);
/* Switches TOTP on with a code of the enrolled secret. */
enum sv_err	auth_totp_confirm(struct sv_store *, const struct sv_actor *,
		    const char *code, struct sv_diag *);
/* Switches it off for the actor's own user: password and a code. */
enum sv_err	auth_totp_disable(struct sv_store *, const struct sv_actor *,
		    const char *password, const char *code, struct sv_diag *);
/*
 * Switches it off for the user with that e-mail without a code (admins
 * and the CLI, e.g. for a lost phone); the actor must manage the user.
 */
enum sv_err	auth_totp_reset(struct sv_store *, const struct sv_actor *,
		    const char *email, struct sv_diag *);
/* *on = 1 if the user has switched TOTP on. */
enum sv_err	auth_totp_enabled(struct sv_store *, int64_t user_id, int *on,
		    struct sv_diag *);
/*
 * Seals with the server key every TOTP secret still stored in the clear
 * (base32, from before sealing), in one transaction; *count gets how
 * many. Needs a loaded server key (domain/server_key.h). Errors:
 * SV_ERR_INTERNAL (no key), SV_ERR_DB.
 */
enum sv_err	auth_totp_seal_legacy(struct sv_store *, int *count,
		    struct sv_diag *);
/*
 * The login check: SV_OK when the user has no TOTP on or code is right
 * and not used before (the step is then marked used, in the caller's
 * transaction); SV_ERR_TOTP otherwise.
 */
enum sv_err	auth_totp_check(struct sv_store *, int64_t user_id,
		    const char *code, struct sv_diag *);
/*
 * Looks up a session by cookie value and extends it; fills out->actor and
 * out->csrf (out->id is a copy of id). SV_ERR_UNAUTH if unknown, expired,
 * revoked or the user is inactive.
 */
enum sv_err	auth_session_lookup(struct sv_store *, const char *id,
		    struct sv_session *out, struct sv_diag *);
/* Revokes a session (logout). Unknown ids are not an error. */
enum sv_err	auth_session_revoke(struct sv_store *, const char *id,
		    struct sv_diag *);

/*
 * The user's own sessions and password (auth_account.c). A session is
 * named by a handle: the first 16 hex digits of its stored SHA-256, which
 * cannot act as the session. `current` is the caller's cookie value, or
 * NULL for a bearer token (then no session is current or kept).
 */
#define SV_SESSION_HANDLE	17	/* 16 hex digits + NUL */
struct sv_session_info {
	char		handle[SV_SESSION_HANDLE];
	int64_t		created_at;
	int64_t		last_seen_at;	/* to the minute (expiry slides) */
	int64_t		expires_at;
	const char	*user_agent;	/* NULL if not recorded */
	const char	*address;	/* NULL if not recorded */
	int		current;
};
/* The actor's active sessions, newest first, in an arena array. */
enum sv_err	auth_session_list(struct sv_store *, const struct sv_actor *,
		    const char *current, struct sv_arena *,
		    struct sv_session_info **out, size_t *n, struct sv_diag *);
/* Revokes one of the actor's own active sessions; else SV_ERR_NOTFOUND. */
enum sv_err	auth_session_revoke_own(struct sv_store *,
		    const struct sv_actor *, const char *handle,
		    struct sv_diag *);
/* Revokes all the actor's sessions but the current; *count how many. */
enum sv_err	auth_session_revoke_others(struct sv_store *,
		    const struct sv_actor *, const char *current,
		    int64_t *count, struct sv_diag *);
/*
 * Changes the actor's own password: the current one (field "password"),
 * the new one under the user policy (field "new_password", not equal to
 * the current) and, when TOTP is on, a code (field "code"); every other
 * session of the user is revoked in the same transaction. *wrong = 1 when
 * the password or code was wrong (the caller counts it as a failed
 * login). Errors: SV_ERR_INVALID naming the field, SV_ERR_DB.
 */
enum sv_err	auth_password_change(struct sv_store *,
		    const struct sv_actor *, const char *current,
		    const char *password, const char *new_password,
		    const char *code, int *wrong, struct sv_diag *);

/*
 * Creates an API token for the user with that e-mail; the token (64 hex
 * digits) is written to out and never stored. The actor must be the
 * system, the user, or an admin who manages the user.
 */
enum sv_err	auth_token_create(struct sv_store *, const struct sv_actor *,
		    const char *email, char out[SV_SECRET_HEX],
		    struct sv_diag *);
/* The actor of a bearer token; SV_ERR_UNAUTH if unknown or revoked. */
enum sv_err	auth_token_lookup(struct sv_store *, const char *token,
		    struct sv_actor *out, struct sv_diag *);

#endif
