/*
 * /session: log in (password and, when switched on, a TOTP code;
 * rate-limited per account and per address with back-off), who am I (with
 * the CSRF token), log out, the user's own TOTP second factor (enrol,
 * confirm, switch off), their own sessions (list, log out one or all
 * others) and changing their own password.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "api_int.h"
#include "core/log.h"
#include "domain/organisation.h"
#include "domain/totp.h"
#include "domain/user.h"
#include "http/limiter.h"
#include "store/store.h"

/*
 * Per account: five free failures, then 2, 4, 8, ... seconds, at most 15
 * minutes. Per address: twenty (an office behind one NAT address has
 * many users), then the same back-off. Failures older than the window
 * are forgotten.
 */
#define ACCOUNT_FREE	5
#define ADDRESS_FREE	20
#define LOGIN_BASE	2
#define LOGIN_MAX	900
#define LOGIN_WINDOW	900

static struct http_limiter *account_limiter, *address_limiter;

void
api_session_init(void)
{
	if (account_limiter == NULL)
		account_limiter = http_limiter_new(ACCOUNT_FREE, LOGIN_BASE,
		    LOGIN_MAX, LOGIN_WINDOW, 8192);
	if (address_limiter == NULL)
		address_limiter = http_limiter_new(ADDRESS_FREE, LOGIN_BASE,
		    LOGIN_MAX, LOGIN_WINDOW, 8192);
}

void
api_session_shutdown(void)
{
	http_limiter_free(account_limiter);
	http_limiter_free(address_limiter);
	account_limiter = address_limiter = NULL;
}

/* {"user","organisation","csrf_token"} of an actor. */
static enum sv_err
whoami(struct http_request *req, const struct sv_actor *a,
    const char *csrf, json_t **out)
{
	struct sv_user u;
	struct sv_org o;
	struct sv_diag d;
	enum sv_err e;

	int totp;

	sv_diag_clear(&d);
	if ((e = user_get(api_store(req), a, a->user_id, req->arena, &u,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	if ((e = org_get_by_id(api_store(req), a->org_id, req->arena, &o,
	    &d)) != SV_OK)
		return api_fail(req, e, &d);
	if ((e = auth_totp_enabled(api_store(req), a->user_id, &totp, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	*out = json_pack("{s:o, s:o, s:o, s:b}", "user", api_user_json(&u),
	    "organisation", api_org_json(&o), "csrf_token", api_jstr(csrf),
	    "totp", totp);
	return SV_OK;
}

static void
email_key(char *out, size_t outlen, const char *email)
{
	size_t i;

	snprintf(out, outlen, "e:");
	for (i = 2; i + 1 < outlen && *email != '\0'; i++, email++)
		out[i] = (char)tolower((unsigned char)*email);
	out[i] = '\0';
}

enum sv_err
h_session_create(struct http_request *req, struct http_response *resp)
{
	const char *email = api_str(req->json, "email");
	const char *pw = api_str(req->json, "password");
	const char *totp = api_str(req->json, "totp");
	char ekey[160], akey[80], *cookie, *retry;
	struct sv_session_client client;
	struct sv_session s;
	struct sv_diag d;
	json_t *body;
	int64_t now = (int64_t)time(NULL), wait, w2;
	enum sv_err e;

	if (account_limiter == NULL || address_limiter == NULL)
		return SV_ERR_INTERNAL;
	email_key(ekey, sizeof(ekey), email);
	snprintf(akey, sizeof(akey), "a:%s", req->addr);
	wait = http_limiter_wait(account_limiter, ekey, now);
	w2 = http_limiter_wait(address_limiter, akey, now);
	if (w2 > wait)
		wait = w2;
	if (wait > 0) {
		retry = sv_arena_printf(req->arena, "%lld", (long long)wait);
		http_add_header(resp, "Retry-After", retry);
		sv_log(SV_LOG_WARN, "event=login_limited id=%s addr=%s",
		    req->id, req->addr);
		return sv_diag_set(&req->diag, SV_ERR_RATELIMIT, "",
		    "too many failed logins; try again in %lld s",
		    (long long)wait);
	}
	sv_diag_clear(&d);
	client.user_agent = http_header(req, "User-Agent");
	client.address = req->addr;
	e = auth_login(api_store(req), email, pw, totp, &client, &s, &d);
	/* A missing or wrong second factor counts as a failed login too. */
	if (e == SV_ERR_UNAUTH || e == SV_ERR_TOTP) {
		http_limiter_fail(account_limiter, ekey, now);
		http_limiter_fail(address_limiter, akey, now);
		sv_log(SV_LOG_WARN, "event=login_failed id=%s addr=%s",
		    req->id, req->addr);
		return api_fail(req, e, &d);
	}
	if (e != SV_OK)
		return api_fail(req, e, &d);
	http_limiter_reset(account_limiter, ekey);
	if ((e = whoami(req, &s.actor, s.csrf, &body)) != SV_OK) {
		auth_session_revoke(api_store(req), s.id, NULL);
		sodium_memzero(&s, sizeof(s));
		return e;
	}
	cookie = sv_arena_printf(req->arena, "sv_session=%s; Path=/; "
	    "HttpOnly; SameSite=Strict; Max-Age=%d%s", s.id, SV_SESSION_TTL,
	    api_cfg.secure_cookies ? "; Secure" : "");
	http_add_header(resp, "Set-Cookie", cookie);
	sodium_memzero(&s, sizeof(s));
	return http_reply_json(resp, 200, body);
}

enum sv_err
h_session_get(struct http_request *req, struct http_response *resp)
{
	struct api_auth *au = api_auth_of(req);
	json_t *body;
	enum sv_err e;

	if ((e = whoami(req, &au->actor, au->by_cookie ? au->csrf : NULL,
	    &body)) != SV_OK)
		return e;
	return http_reply_json(resp, 200, body);
}

enum sv_err
h_session_delete(struct http_request *req, struct http_response *resp)
{
	struct api_auth *au = api_auth_of(req);
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if (au->by_cookie &&
	    (e = auth_session_revoke(api_store(req), au->session, &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	http_add_header(resp, "Set-Cookie", "sv_session=; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=0");
	http_reply_empty(resp, 204);
	return SV_OK;
}

enum sv_err
h_session_totp_create(struct http_request *req, struct http_response *resp)
{
	const char *secret, *uri;
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = auth_totp_enrol(api_store(req), api_actor(req), req->arena,
	    &secret, &uri, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 201, json_pack("{s:s, s:s, s:i, s:i}",
	    "secret", secret, "otpauth_uri", uri, "digits", TOTP_DIGITS,
	    "period", TOTP_PERIOD));
}

enum sv_err
h_session_totp_confirm(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = auth_totp_confirm(api_store(req), api_actor(req),
	    api_str(req->json, "code"), &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 200, json_pack("{s:b}", "totp", 1));
}

enum sv_err
h_session_totp_disable(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = auth_totp_disable(api_store(req), api_actor(req),
	    api_str(req->json, "password"), api_str(req->json, "code"), &d)) !=
	    SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 200, json_pack("{s:b}", "totp", 0));
}

/* The caller's cookie value, NULL for a bearer token. */
static const char *
own_cookie(struct http_request *req)
{
	struct api_auth *au = api_auth_of(req);

	return au->by_cookie ? au->session : NULL;
}

enum sv_err
h_session_list(struct http_request *req, struct http_response *resp)
{
	struct sv_session_info *v;
	struct sv_diag d;
	json_t *arr;
	size_t n, i;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = auth_session_list(api_store(req), api_actor(req),
	    own_cookie(req), req->arena, &v, &n, &d)) != SV_OK)
		return api_fail(req, e, &d);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o, "
		    "s:o, s:o, s:b}", "id", v[i].handle,
		    "created_at", api_jtime(v[i].created_at),
		    "last_seen_at", api_jtime(v[i].last_seen_at),
		    "expires_at", api_jtime(v[i].expires_at),
		    "user_agent", api_jstr(v[i].user_agent),
		    "address", api_jstr(v[i].address),
		    "current", v[i].current));
	return http_reply_json(resp, 200, json_pack("{s:o}", "sessions", arr));
}

enum sv_err
h_session_revoke_one(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = auth_session_revoke_own(api_store(req), api_actor(req),
	    http_param_get(req, "id"), &d)) != SV_OK)
		return api_fail(req, e, &d);
	http_reply_empty(resp, 204);
	return SV_OK;
}

enum sv_err
h_session_revoke_others(struct http_request *req, struct http_response *resp)
{
	struct sv_diag d;
	int64_t count;
	enum sv_err e;

	sv_diag_clear(&d);
	if ((e = auth_session_revoke_others(api_store(req), api_actor(req),
	    own_cookie(req), &count, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return http_reply_json(resp, 200, json_pack("{s:I}", "revoked",
	    (json_int_t)count));
}

/*
 * A wrong current password (or code) counts against the account and the
 * address as a failed login does, so a stolen session cannot be used to
 * guess the password faster than the login form allows.
 */
enum sv_err
h_session_password(struct http_request *req, struct http_response *resp)
{
	char ekey[160], akey[80], *retry;
	struct sv_user u;
	struct sv_diag d;
	int64_t now = (int64_t)time(NULL), wait, w2;
	enum sv_err e;
	int wrong = 0;

	if (account_limiter == NULL || address_limiter == NULL)
		return SV_ERR_INTERNAL;
	sv_diag_clear(&d);
	if ((e = user_get(api_store(req), api_actor(req),
	    api_actor(req)->user_id, req->arena, &u, &d)) != SV_OK)
		return api_fail(req, e, &d);
	email_key(ekey, sizeof(ekey), u.email);
	snprintf(akey, sizeof(akey), "a:%s", req->addr);
	wait = http_limiter_wait(account_limiter, ekey, now);
	w2 = http_limiter_wait(address_limiter, akey, now);
	if (w2 > wait)
		wait = w2;
	if (wait > 0) {
		retry = sv_arena_printf(req->arena, "%lld", (long long)wait);
		http_add_header(resp, "Retry-After", retry);
		sv_log(SV_LOG_WARN, "event=password_change_limited id=%s "
		    "addr=%s", req->id, req->addr);
		return sv_diag_set(&req->diag, SV_ERR_RATELIMIT, "",
		    "too many failed attempts; try again in %lld s",
		    (long long)wait);
	}
	e = auth_password_change(api_store(req), api_actor(req),
	    own_cookie(req), api_str(req->json, "password"),
	    api_str(req->json, "new_password"), api_str(req->json, "code"),
	    &wrong, &d);
	if (wrong) {
		http_limiter_fail(account_limiter, ekey, now);
		http_limiter_fail(address_limiter, akey, now);
		sv_log(SV_LOG_WARN, "event=password_change_failed id=%s "
		    "addr=%s", req->id, req->addr);
	}
	if (e != SV_OK)
		return api_fail(req, e, &d);
	http_limiter_reset(account_limiter, ekey);
	sv_log(SV_LOG_INFO, "event=password_changed id=%s", req->id);
	http_reply_empty(resp, 204);
	return SV_OK;
}
