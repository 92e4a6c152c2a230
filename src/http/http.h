/*
 * The HTTP layer: a libmicrohttpd server driven by a route table, knowing
 * no domain and no SQL. A route names a method, a path pattern with
 * {params}, a handler, the least role (an int the layer above interprets
 * through the authorize hook; HTTP_ROLE_PUBLIC for none), the JSON body
 * fields it accepts and the query parameters it allows. The layer does
 * everything generic: request ids, one log line per request, a per-request
 * arena, limits (body 1 MiB, query parameter count and length, headers,
 * connections, time), strict JSON body decoding, 404/405 with Allow, the
 * error body, security headers on every response and static files.
 *
 * Handlers return an enum sv_err. SV_OK means the handler filled the
 * response; anything else becomes the error body
 * {"error":{"code","message","field"}} built from req->diag, with the one
 * mapping from enum sv_err to HTTP status in http_status_of().
 *
 * Threads: handlers run on the server's pool threads; each thread has its
 * own worker context (created by the worker_new hook on first use, freed
 * when the thread ends), so a handler may use req->worker without locks.
 */
#ifndef SV_HTTP_H
#define SV_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP_OPTIONS,
	HTTP_METHOD__MAX
};
extern const char *const http_method_names[HTTP_METHOD__MAX];
/* The method named by s (case-sensitive, as RFC 9110 says), or -1. */
int		http_method_parse(const char *s);

/* Limits; a request over any of them is refused before work is done. */
#define HTTP_BODY_MAX		((size_t)1024 * 1024)	/* unless a route says */
#define HTTP_TARGET_MAX		8192	/* request-target bytes */
#define HTTP_QUERY_MAX_PARAMS	64
#define HTTP_QUERY_MAX_KEY	64
#define HTTP_QUERY_MAX_VALUE	2048
#define HTTP_PATH_MAX_SEGMENTS	32
#define HTTP_HEADERS_MAX	64
#define HTTP_REQUEST_SECONDS	60	/* whole request, upload included */

/* JSON value types of body fields and query parameters. */
enum http_jtype {
	HTTP_J_STRING,
	HTTP_J_INTEGER,
	HTTP_J_NUMBER,		/* integer or real */
	HTTP_J_BOOLEAN,
	HTTP_J_OBJECT,
	HTTP_J_ARRAY,
	HTTP_J_ANY,
	HTTP_J__MAX
};
extern const char *const http_jtype_names[HTTP_J__MAX];

#define HTTP_F_REQUIRED	0x1
#define HTTP_F_NULLABLE	0x2

/* One accepted key of a JSON object body; arrays end with a NULL name. */
struct http_field {
	const char	*name;
	enum http_jtype	 type;
	unsigned	 flags;
	const char	*doc;
};

/* One accepted query parameter; arrays end with a NULL name. */
struct http_qparam {
	const char	*name;
	enum http_jtype	 type;		/* string, integer or number */
	const char	*doc;
};

enum http_body_kind {
	HTTP_BODY_NONE,		/* no body expected (one sent is ignored) */
	HTTP_BODY_FIELDS,	/* a JSON object checked against `fields` */
	HTTP_BODY_JSON,		/* any JSON value; the handler validates it */
	HTTP_BODY_RAW,		/* JSON or GeoJSON bytes the handler parses */
	HTTP_BODY__MAX
};

#define HTTP_ROLE_PUBLIC	(-1)

struct http_request;
struct http_response;

typedef enum sv_err (*http_handler)(struct http_request *,
		    struct http_response *);

struct http_route {
	enum http_method		 method;
	const char			*pattern;	/* "/api/v1/areas/{id}" */
	http_handler			 handler;
	int				 role;		/* HTTP_ROLE_PUBLIC or >= 0 */
	enum http_body_kind		 body;
	const struct http_field		*fields;	/* HTTP_BODY_FIELDS */
	const struct http_qparam	*query;		/* NULL = none allowed */
	size_t				 body_max;	/* 0 = HTTP_BODY_MAX */
	const char			*summary;
	const char			*tag;
};

/* A name and a (percent-decoded) value, both NUL-terminated. */
struct http_param {
	const char	*name;
	const char	*value;
};

struct http_conn;

struct http_request {
	struct sv_arena			*arena;		/* freed after the response */
	enum http_method		 method;
	const char			*target;	/* raw request-target */
	const char			*path;		/* raw path, no query */
	const struct http_route		*route;
	struct http_param		*params;	/* path parameters */
	size_t				 nparams;
	struct http_param		*query;		/* decoded query */
	size_t				 nquery;
	const char			*body;		/* NUL-terminated */
	size_t				 body_len;
	json_t				*json;		/* decoded body (arena) */
	char				 id[20];	/* request id */
	char				 addr[64];	/* client address */
	void				*worker;	/* per-thread context */
	void				*auth;		/* set by authorize */
	const char			*log_user;	/* for the log line */
	int				 malformed;	/* 400 rather than 422 */
	struct sv_diag			 diag;
	struct http_conn		*conn;		/* private */
};

#define HTTP_RESPONSE_HEADERS	8

struct http_response {
	int		 status;		/* 0 = 200 */
	const char	*content_type;		/* NULL = application/json */
	struct sv_buf	 body;
	int		 nheaders;
	struct {
		const char	*name, *value;	/* arena or static */
	} headers[HTTP_RESPONSE_HEADERS];
};

/*
 * Hooks from the layer above. authorize decides whether the request may
 * run the route (it may set req->auth); it returns SV_OK, SV_ERR_UNAUTH or
 * SV_ERR_FORBIDDEN (or another error) with a message in req->diag.
 * worker_new creates the per-thread context (NULL on failure: requests on
 * that thread get 500); worker_free releases it.
 */
struct http_server_config {
	const char		*listen;	/* "127.0.0.1:8080", "[::1]:0" */
	unsigned		 threads;	/* pool size, 0 = 4 */
	unsigned		 max_connections;	/* 0 = 512 */
	unsigned		 max_per_ip;	/* 0 = unlimited */
	unsigned		 timeout;	/* idle seconds, 0 = 30 */
	const char		*web_dir;	/* NULL = no static files */
	const char		*img_origin;	/* also in CSP img-src, or NULL */
	const char		*api_prefix;	/* never served from web_dir */
	const struct http_route	*routes;
	size_t			 nroutes;
	enum sv_err		(*authorize)(void *cls, struct http_request *,
				    const struct http_route *);
	void			*(*worker_new)(void *cls);
	void			(*worker_free)(void *worker);
	void			*cls;
};

struct http_server;

/*
 * Starts listening and serving on background threads. On success *out is
 * owned by the caller (http_server_stop). Errors: SV_ERR_INVALID (bad
 * listen address or web dir), SV_ERR_IO (cannot bind), with diag.
 */
enum sv_err	http_server_start(const struct http_server_config *,
		    struct http_server **out, struct sv_diag *);
/* The port actually bound (useful with port 0). */
unsigned	http_server_port(const struct http_server *);
/* The base URL, "http://127.0.0.1:8080"; static storage of the server. */
const char	*http_server_url(const struct http_server *);
/* Stops accepting, finishes running requests, joins threads, frees. */
void		http_server_stop(struct http_server *);

/*
 * Splits a listen address "HOST:PORT" ("[v6]:PORT", ":PORT" for all
 * interfaces) into a socket address. Errors: SV_ERR_INVALID.
 */
struct sockaddr_storage;
enum sv_err	http_listen_parse(const char *s, struct sockaddr_storage *ss,
		    size_t *sslen, struct sv_diag *);

/*
 * Path routing. Matches the raw (still percent-encoded) path against the
 * patterns segment by segment; a {name} segment matches one non-empty
 * segment and its decoded value goes to *params (arena). HEAD matches GET
 * routes. Returns the index of the route, or -1 when no pattern matches
 * (404), or -2 when patterns match but not for this method (405); *allow
 * then receives a bit (1 << method) per allowed method. Errors in the path
 * (bad escapes, NUL, too many segments) count as no match.
 */
int		http_route_match(const struct http_route *routes, size_t n,
		    enum http_method, const char *path, struct sv_arena *,
		    struct http_param **params, size_t *nparams,
		    unsigned *allow);
/* Writes "GET, HEAD, POST" for an allow mask into out. */
void		http_allow_format(unsigned allow, char *out, size_t outlen);

/*
 * Percent-decodes in[0..len) into a NUL-terminated arena string; '+'
 * becomes a space when plus is set. Refuses bad escapes and %00 (and any
 * NUL byte). Returns NULL on error.
 */
char		*http_pct_decode(struct sv_arena *, const char *in, size_t len,
		    int plus);

/*
 * Parses a query string (without the '?'; may be NULL or empty) into
 * decoded name/value pairs in the arena, in order. Caps: parameter count,
 * name and value length. A name repeated is refused. Errors:
 * SV_ERR_INVALID (field = the parameter) or SV_ERR_TOOLARGE, with diag.
 */
enum sv_err	http_query_parse(const char *q, struct sv_arena *,
		    struct http_param **out, size_t *n, struct sv_diag *);
/* The value of query parameter name, or NULL. */
const char	*http_query_get(const struct http_request *, const char *name);
/* The value of path parameter name, or NULL. */
const char	*http_param_get(const struct http_request *, const char *name);

/*
 * Checks query parameters against the route's spec: unknown names and
 * values that are not integers or numbers where the spec says so are
 * refused (400, field = the parameter).
 */
enum sv_err	http_query_check(struct http_request *,
		    const struct http_qparam *spec);

/*
 * Decodes a JSON body (len bytes, need not be NUL-terminated) with
 * duplicate keys refused. On success *out is a new reference the arena
 * releases. Errors: SV_ERR_INVALID with malformed set (syntax, duplicate
 * key; field is the key when known), SV_ERR_TOOLARGE.
 */
enum sv_err	http_json_decode(const char *body, size_t len,
		    struct sv_arena *, json_t **out, int *malformed,
		    struct sv_diag *);
/*
 * Checks a JSON object against a field spec: not an object, unknown keys
 * (malformed, 400), missing required fields and wrong types (422). field
 * names the key; prefix (may be NULL) is prepended ("items[2].severity").
 */
enum sv_err	http_json_check(const json_t *obj, const struct http_field *,
		    const char *prefix, int *malformed, struct sv_diag *);

/*
 * Content-Type of the request is application/json (parameters allowed);
 * with geo set, application/geo+json is accepted too.
 */
int		http_is_json_type(const char *content_type, int geo);

/*
 * Headers read by the product itself (headers.c). http_bearer: the token
 * of "Authorization: Bearer TOKEN" (scheme case-insensitive, spaces
 * before the token skipped), or NULL for no header or another scheme.
 * http_token_equal: given equals expected, compared in constant time (a
 * CSRF token); NULL is never equal. http_etag_matches: If-None-Match
 * names etag (a comma-separated list, "*", weak W/ tags compared
 * weakly, RFC 7232 3.2).
 */
const char	*http_bearer(const char *authorization);
int		http_token_equal(const char *given, const char *expected);
int		http_etag_matches(const char *if_none_match, const char *etag);

/* Request header or cookie value, or NULL. Valid during the request. */
const char	*http_header(const struct http_request *, const char *name);
const char	*http_cookie(const struct http_request *, const char *name);

/*
 * Marks the request malformed (400) and sets diag; returns
 * SV_ERR_INVALID for `return http_bad_request(...)`.
 */
enum sv_err	http_bad_request(struct http_request *, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * The one mapping from enum sv_err to HTTP status. malformed picks 400
 * over 422 for SV_ERR_INVALID.
 */
int		http_status_of(enum sv_err, int malformed);

/*
 * Response helpers. http_reply_json takes over the reference to v (may be
 * NULL for an empty object) and serialises it compactly. Header names and
 * values must live as long as the request (arena or static).
 */
enum sv_err	http_reply_json(struct http_response *, int status, json_t *v);
void		http_reply_empty(struct http_response *, int status);
void		http_add_header(struct http_response *, const char *name,
		    const char *value);
/* Writes the error body for e into resp (status from http_status_of). */
void		http_reply_error(struct http_response *, enum sv_err e,
		    int malformed, const struct sv_diag *);

/*
 * Static files. Maps a raw URL path to a file below dir: "/" and paths
 * ending in "/" get index.html; segments are decoded and must not be
 * empty, ".", "..", start with '.', or contain '/', '\\' or NUL; the
 * resolved file must lie below dir (symlinks included). On success *fd
 * is an open regular file (caller closes), *size its size, *mtime its
 * modification time and *type its content type (static). Errors:
 * SV_ERR_NOTFOUND.
 */
enum sv_err	http_static_open(const char *dir, const char *path,
		    struct sv_arena *, int *fd, uint64_t *size,
		    int64_t *mtime, const char **type);
/* Content type for a file name by its extension (static storage). */
const char	*http_content_type(const char *name);

/*
 * The origin of a map tile URL template, lower-cased, into out:
 * "https://tiles.example.se[:port]"; a leading "{s}." subdomain placeholder
 * becomes the wildcard "*." of the source expression. Returns -1 (out undefined) unless the
 * URL is http or https with a plain host name or address and port.
 */
int		http_tile_origin(const char *url, char *out, size_t size);
/* The Content-Security-Policy, with img_origin (may be NULL) in img-src. */
int		http_csp(const char *img_origin, char *out, size_t size);
#define HTTP_CSP_MAX	512

#endif
