/*
 * The JSON API under /api/v1: the route table (api/routes.def, data), the
 * hooks the HTTP layer calls (per-thread worker with its own store
 * connection, authorization by session cookie or bearer token with the
 * route's least role and CSRF), and the OpenAPI document generated from
 * the table. Handlers are thin: decode and check input, call the domain,
 * encode the result.
 */
#ifndef SV_API_H
#define SV_API_H

#include <stddef.h>

#include <jansson.h>

#include "http/http.h"

#define API_PREFIX	"/api/v1"

struct api_config {
	const char	*db;		/* store url, opened once per thread */
	int		 secure_cookies; /* add Secure to the session cookie */
};

/* The route table, in the order of api/routes.def. */
extern const struct http_route	api_routes[];
extern const size_t		api_nroutes;

/*
 * Sets up process-wide state (configuration copy, login limiter) before
 * the server starts; api_shutdown releases it after the server stopped.
 * cfg is copied.
 */
void		api_init(const struct api_config *cfg);
void		api_shutdown(void);

/* The http_server_config hooks; cls is unused (pass NULL). */
void		*api_worker_new(void *cls);
void		 api_worker_free(void *worker);
enum sv_err	 api_authorize(void *cls, struct http_request *,
		    const struct http_route *);

/*
 * The OpenAPI 3.0 document of the route table: a new reference owned by
 * the caller.
 */
json_t		*api_openapi(void);

#endif
