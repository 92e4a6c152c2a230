/*
 * Internal to the API layer: the per-thread worker, the request's
 * authentication, field specs, handler prototypes (from routes.def) and
 * small helpers shared by the handler files.
 */
#ifndef SV_API_INT_H
#define SV_API_INT_H

#include <stdint.h>

#include <jansson.h>

#include "api/api.h"
#include "domain/actor.h"
#include "domain/auth.h"
#include "http/http.h"

/* Cap on a GeoJSON import body (the kommun boundaries are ~1.3 MB). */
#define API_IMPORT_MAX	((size_t)32 * 1024 * 1024)

struct sv_store;

struct api_worker {
	struct sv_store	*store;
};

/* What api_authorize found; req->auth points here (arena). */
struct api_auth {
	struct sv_actor	 actor;
	int		 by_cookie;	/* session cookie (else bearer token) */
	char		 session[SV_SECRET_HEX];
	char		 csrf[SV_SECRET_HEX];
	char		 user[24];	/* user id for the log line */
};

extern struct api_config api_cfg;

/* Field and query specs (api/specs.c). */
extern const struct http_field f_session_password[];
extern const struct http_field f_session[], f_org_create[], f_org_patch[],
    f_user_create[], f_user_patch[], f_area_create[], f_area_patch[],
    f_category_create[], f_category_patch[], f_incident[],
    f_incident_patch[];
/* TOTP second factor routes (api/specs.c, api/h_session.c). */
extern const struct http_field f_totp_confirm[], f_totp_disable[];
/* Trust routes (api/specs.c, api/h_trust.c). */
extern const struct http_field f_sharing[], f_trust_patch[];
extern const struct http_qparam q_sharing[];
/* Photos and documents (api/h_photo.c, api/h_document.c): a base64 body
 * of at most 5 MiB (domain/photo.h) fits this cap. */
extern const struct http_field f_photo[], f_document_create[],
    f_document_patch[], f_document_decide[], f_document_version[];
extern const struct http_qparam q_document_list[];
#define API_DOCUMENT_BODY_MAX	((size_t)14 * 1024 * 1024)
#define API_PHOTO_BODY_MAX	((size_t)7 * 1024 * 1024)
/*
 * The base64 string member key of the body decoded into *out (arena).
 * Errors: SV_ERR_INVALID naming key (missing or not base64).
 */
enum sv_err	api_base64(struct http_request *, const char *key,
		    const void **out, size_t *len);
extern const struct http_qparam q_area_list[], q_area_import[],
    q_incident_list[], q_stats_counts[], q_lagesbild[];

#define API_ROUTE(m, path, fn, role, body, fields, query, max, sum, tag) \
	enum sv_err fn(struct http_request *, struct http_response *);
#include "routes.def"
#undef API_ROUTE

/*
 * The request body schema of a collaboration route, built from the
 * entity's field table (api/collab_api.c); NULL for other routes.
 */
json_t		*api_co_body_schema(const struct http_route *);

/* The login limiter of h_session.c, set up by api_init. */
void		api_session_init(void);
void		api_session_shutdown(void);

/* The store of this thread's worker. */
struct sv_store	*api_store(const struct http_request *);
/* The acting user; NULL on public routes without credentials. */
const struct sv_actor *api_actor(const struct http_request *);
struct api_auth	*api_auth_of(const struct http_request *);

/*
 * Copies domain diagnostics into the request and returns e, for
 * `return api_fail(req, e, &d)`.
 */
enum sv_err	api_fail(struct http_request *, enum sv_err e,
		    const struct sv_diag *);

/* out = a sep b, cut to outlen (for diag fields like "items[2].lat"). */
void		api_join(char *out, size_t outlen, const char *a,
		    const char *sep, const char *b);

/* Path parameter name as a positive id; SV_ERR_NOTFOUND otherwise. */
enum sv_err	api_param_id(struct http_request *, const char *name,
		    int64_t *out);

/*
 * The thin handler's step "parse the path id, call the domain, map its
 * error": fn(store, actor, id, diag) on path parameter "id"; *id (may be
 * NULL) gets the id. Returns SV_OK or the error already set on req.
 */
enum sv_err	api_id_call(struct http_request *,
		    enum sv_err (*fn)(struct sv_store *,
		    const struct sv_actor *, int64_t, struct sv_diag *),
		    int64_t *id);

/* String member of obj, NULL if absent or null (types are checked). */
const char	*api_str(const json_t *obj, const char *key);
/* 1 if obj has key (null included). */
int		api_has(const json_t *obj, const char *key);
/* A JSON string or null for NULL. */
json_t		*api_jstr(const char *s);
/* Stockholm time with offset as a JSON string. */
json_t		*api_jtime(int64_t t);
/*
 * Parses a GeoJSON text (from geo_wkb_to_geojson) held in buf into a
 * JSON value; NULL on failure.
 */
json_t		*api_jraw(const char *text);

/*
 * Reads an ISO 8601 string member into *out (field = key); SV_ERR_INVALID
 * with diag when it does not parse.
 */
enum sv_err	api_time(struct http_request *, const json_t *obj,
		    const char *key, const char *field, int64_t *out);

/* Encoders (api/encode.c): new references. */
struct sv_org;
struct sv_user;
struct sv_category;
struct sv_area;
struct sv_incident;
json_t		*api_org_json(const struct sv_org *);
json_t		*api_user_json(const struct sv_user *);
json_t		*api_category_json(const struct sv_category *);
/* with_geom: add "geometry" (WGS84) from a->wkb. */
json_t		*api_area_json(struct http_request *, const struct sv_area *,
		    int with_geom);
/* The WGS84 GeoJSON geometry of a->wkb, or NULL. */
json_t		*api_area_geometry(struct http_request *,
		    const struct sv_area *);
json_t		*api_incident_json(const struct sv_incident *);
/* A GeoJSON Feature with the incident as properties. */
json_t		*api_incident_feature(const struct sv_incident *);

#endif
