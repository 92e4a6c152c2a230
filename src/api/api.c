/*
 * The API's route table and the hooks the HTTP layer calls: the worker of
 * each server thread (its own store connection), and authorization: a
 * bearer token or the session cookie names the actor, cookie requests that
 * change state must carry the session's CSRF token, and the actor must
 * hold the route's least role. Default deny: a route without a role
 * (HTTP_ROLE_PUBLIC) is the only way past without credentials.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "api_int.h"
#include "core/log.h"
#include "core/svtime.h"
#include "domain/actor.h"
#include "store/store.h"

const struct http_route api_routes[] = {
#define API_ROUTE(m, path, fn, role, body, fields, query, max, sum, tag) \
	{ m, API_PREFIX path, fn, role, body, fields, query, max, sum, tag },
#include "routes.def"
#undef API_ROUTE
};
const size_t api_nroutes = sizeof(api_routes) / sizeof(api_routes[0]);

struct api_config api_cfg;

void
api_init(const struct api_config *cfg)
{
	api_cfg = *cfg;
	/* jansson seeds its hash function lazily; do it before threads. */
	json_object_seed(0);
	api_session_init();
}

void
api_shutdown(void)
{
	api_session_shutdown();
	memset(&api_cfg, 0, sizeof(api_cfg));
}

void *
api_worker_new(void *cls)
{
	struct api_worker *w;
	struct sv_store *s;
	struct sv_diag d;
	enum sv_err e;

	(void)cls;
	sv_diag_clear(&d);
	if ((e = store_open(api_cfg.db, &s, &d)) != SV_OK) {
		sv_log(SV_LOG_ERROR, "event=store_open err=%s", sv_errcode(e));
		return NULL;
	}
	w = sv_calloc(1, sizeof(*w));
	w->store = s;
	return w;
}

void
api_worker_free(void *p)
{
	struct api_worker *w = p;

	if (w == NULL)
		return;
	store_close(w->store);
	free(w);
}

struct sv_store *
api_store(const struct http_request *req)
{
	return ((struct api_worker *)req->worker)->store;
}

struct api_auth *
api_auth_of(const struct http_request *req)
{
	return req->auth;
}

const struct sv_actor *
api_actor(const struct http_request *req)
{
	struct api_auth *au = req->auth;

	return au != NULL ? &au->actor : NULL;
}

enum sv_err
api_fail(struct http_request *req, enum sv_err e, const struct sv_diag *d)
{
	if (d != NULL && &req->diag != d)
		req->diag = *d;
	if (e == SV_ERR_DB || e == SV_ERR_INTERNAL || e == SV_ERR_IO)
		sv_log(SV_LOG_ERROR, "event=api_error id=%s err=%s msg=\"%s\"",
		    req->id, sv_errcode(e), d != NULL ? d->message : "");
	return e;
}

/* Looks the credentials up; SV_ERR_UNAUTH when there are none or bad. */
static enum sv_err
identify(struct http_request *req, struct api_auth *au, struct sv_diag *d)
{
	struct sv_session s;
	const char *h, *cookie;
	enum sv_err e;

	if ((h = http_header(req, "Authorization")) != NULL) {
		if ((h = http_bearer(h)) == NULL)
			return sv_diag_set(d, SV_ERR_UNAUTH, "Authorization",
			    "expected Authorization: Bearer TOKEN");
		return auth_token_lookup(api_store(req), h, &au->actor, d);
	}
	if ((cookie = http_cookie(req, "sv_session")) == NULL)
		return sv_diag_set(d, SV_ERR_UNAUTH, "", "login required");
	if ((e = auth_session_lookup(api_store(req), cookie, &s, d)) != SV_OK)
		return e;
	au->actor = s.actor;
	au->by_cookie = 1;
	snprintf(au->session, sizeof(au->session), "%s", s.id);
	snprintf(au->csrf, sizeof(au->csrf), "%s", s.csrf);
	sodium_memzero(&s, sizeof(s));
	return SV_OK;
}

enum sv_err
api_authorize(void *cls, struct http_request *req,
    const struct http_route *rt)
{
	struct api_auth *au = sv_arena_alloc(req->arena, sizeof(*au));
	const char *tok;
	struct sv_diag d;
	enum sv_err e;

	(void)cls;
	sv_diag_clear(&d);
	e = identify(req, au, &d);
	if (e == SV_OK) {
		req->auth = au;
		snprintf(au->user, sizeof(au->user), "%lld",
		    (long long)au->actor.user_id);
		req->log_user = au->user;
	}
	if (rt->role == HTTP_ROLE_PUBLIC)
		return SV_OK;
	if (e != SV_OK) {
		if (e != SV_ERR_DB && e != SV_ERR_INTERNAL)
			e = SV_ERR_UNAUTH;
		return api_fail(req, e, &d);
	}
	if (au->by_cookie && req->method != HTTP_GET &&
	    req->method != HTTP_HEAD) {
		tok = http_header(req, "X-CSRF-Token");
		if (!http_token_equal(tok, au->csrf))
			return sv_diag_set(&req->diag, SV_ERR_FORBIDDEN,
			    "X-CSRF-Token", "missing or wrong CSRF token");
	}
	if (rt->role < 0 || rt->role >= SV_ROLE__MAX ||
	    !actor_has_role(&au->actor, (enum sv_role)rt->role))
		return sv_diag_set(&req->diag, SV_ERR_FORBIDDEN, "",
		    "needs role %s", rt->role >= 0 && rt->role < SV_ROLE__MAX ?
		    sv_role_names[rt->role] : "?");
	return SV_OK;
}

enum sv_err
api_param_id(struct http_request *req, const char *name, int64_t *out)
{
	const char *s = http_param_get(req, name);
	int64_t v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 18)
		goto bad;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			goto bad;
		v = v * 10 + (*s - '0');
	}
	if (v <= 0)
		goto bad;
	*out = v;
	return SV_OK;
bad:
	return sv_diag_set(&req->diag, SV_ERR_NOTFOUND, name, "no such id");
}

enum sv_err
api_id_call(struct http_request *req, enum sv_err (*fn)(struct sv_store *,
    const struct sv_actor *, int64_t, struct sv_diag *), int64_t *id)
{
	struct sv_diag d;
	int64_t v;
	enum sv_err e;

	if ((e = api_param_id(req, "id", &v)) != SV_OK)
		return e;
	if (id != NULL)
		*id = v;
	sv_diag_clear(&d);
	if ((e = fn(api_store(req), api_actor(req), v, &d)) != SV_OK)
		return api_fail(req, e, &d);
	return SV_OK;
}

const char *
api_str(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int
api_has(const json_t *obj, const char *key)
{
	return json_object_get(obj, key) != NULL;
}

json_t *
api_jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
api_jtime(int64_t t)
{
	char buf[32];

	sv_time_format(t, buf);
	return json_string(buf);
}

json_t *
api_jraw(const char *text)
{
	return json_loads(text, 0, NULL);
}

enum sv_err
api_time(struct http_request *req, const json_t *obj, const char *key,
    const char *field, int64_t *out)
{
	const char *s = api_str(obj, key);

	if (s == NULL)
		return sv_diag_set(&req->diag, SV_ERR_INVALID, field,
		    "required");
	return sv_time_parse(s, out, field, &req->diag);
}

void
api_join(char *out, size_t outlen, const char *a, const char *sep,
    const char *b)
{
	const char *parts[3] = { a, sep, b };
	size_t o = 0, n, i;

	if (outlen == 0)
		return;
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL)
			continue;
		n = strlen(parts[i]);
		if (n > outlen - 1 - o)
			n = outlen - 1 - o;
		memcpy(out + o, parts[i], n);
		o += n;
	}
	out[o] = '\0';
}
