/*
 * The libmicrohttpd glue. One struct http_conn per request, created by the
 * URI-log callback (which sees the raw request-target, so our own parser,
 * not libmicrohttpd's, decides what the path and query are) and freed by
 * the completion callback together with the request arena, after one
 * key=value log line. A request goes through: route, authorize, query
 * check, media type and length checks (all before any body is read), then
 * the body is collected under its cap, decoded, and the handler runs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/log.h"
#include "http.h"

/* Discarding a too-large upload stops (connection dropped) after this. */
#define DISCARD_MAX	(4 * HTTP_BODY_MAX)

/* Content-Security-Policy is built per server (http_csp, csp.c). */
static const char *const security_headers[][2] = {
	{ "X-Frame-Options", "DENY" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(self)" },
};

struct worker_slot {
	void	(*free)(void *);
	void	*worker;
};

struct http_server {
	struct MHD_Daemon		*d;
	struct http_server_config	 cfg;
	char				*web_dir;
	char				 csp[HTTP_CSP_MAX];
	pthread_key_t			 key;
	unsigned			 port;
	char				 url[96];
	uint32_t			 idseed;
	atomic_uint_fast64_t		 nextid;
};

enum conn_stage {
	STAGE_NEW,
	STAGE_BODY,
	STAGE_DONE,
};

struct http_conn {
	struct http_server	*srv;
	struct MHD_Connection	*mc;
	struct http_request	 req;
	struct http_response	 resp;
	enum conn_stage		 stage;
	struct sv_buf		 body;
	int			 too_large;
	size_t			 discarded;
	struct timespec		 start;
	int			 status;
	uint64_t		 bytes;
	int			 static_fd;
	uint64_t		 static_size;
	char			*allow;
};

static double
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

static void
worker_destroy(void *p)
{
	struct worker_slot *s = p;

	if (s->free != NULL && s->worker != NULL)
		s->free(s->worker);
	free(s);
}

/* This thread's worker context, created on first use; NULL on failure. */
static void *
worker_get(struct http_server *srv)
{
	struct worker_slot *s = pthread_getspecific(srv->key);

	if (s != NULL)
		return s->worker;
	if (srv->cfg.worker_new == NULL)
		return NULL;
	s = sv_calloc(1, sizeof(*s));
	s->free = srv->cfg.worker_free;
	s->worker = srv->cfg.worker_new(srv->cfg.cls);
	if (s->worker == NULL) {
		free(s);
		return NULL;
	}
	pthread_setspecific(srv->key, s);
	return s->worker;
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
	struct http_server *srv = cls;
	struct http_conn *c = sv_calloc(1, sizeof(*c));
	const union MHD_ConnectionInfo *ci;
	uint64_t n;

	c->srv = srv;
	c->mc = mc;
	c->static_fd = -1;
	clock_gettime(CLOCK_MONOTONIC, &c->start);
	c->req.arena = sv_arena_new();
	c->req.conn = c;
	c->req.target = sv_arena_strndup(c->req.arena, uri,
	    strnlen(uri, HTTP_TARGET_MAX + 1));
	n = atomic_fetch_add(&srv->nextid, 1);
	snprintf(c->req.id, sizeof(c->req.id), "%08x%08x", srv->idseed,
	    (unsigned)(n & 0xffffffffu));
	ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
			    &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			    c->req.addr, sizeof(c->req.addr));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
			    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			    c->req.addr, sizeof(c->req.addr));
	}
	if (c->req.addr[0] == '\0')
		snprintf(c->req.addr, sizeof(c->req.addr), "unknown");
	sv_buf_init(&c->resp.body, 0);
	sv_buf_init(&c->body, HTTP_BODY_MAX + 1);
	return c;
}

/* Writes s into out with anything unsafe in a log value %-escaped. */
static void
log_safe(char *out, size_t outlen, const char *s)
{
	size_t o = 0;

	for (; s != NULL && *s != '\0' && o + 4 < outlen; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch <= 0x20 || ch >= 0x7f || ch == '"' || ch == '=' ||
		    ch == '%') {
			snprintf(out + o, outlen - o, "%%%02X", ch);
			o += 3;
		} else
			out[o++] = (char)ch;
	}
	out[o] = '\0';
}

static void
on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_conn *c = *con_cls;
	char path[256];

	(void)cls;
	(void)mc;
	if (c == NULL)
		return;
	log_safe(path, sizeof(path), c->req.path ? c->req.path :
	    c->req.target);
	sv_log(SV_LOG_INFO, "event=request id=%s addr=%s method=%s path=%s "
	    "status=%d bytes=%llu ms=%.1f user=%s end=%s", c->req.id,
	    c->req.addr, (unsigned)c->req.method < HTTP_METHOD__MAX ?
	    http_method_names[c->req.method] : "other", path, c->status,
	    (unsigned long long)c->bytes, elapsed_ms(&c->start),
	    c->req.log_user ? c->req.log_user : "-",
	    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "ok" :
	    toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timeout" :
	    toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ? "client_abort" :
	    toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? "shutdown" :
	    "error");
	if (c->static_fd >= 0)
		close(c->static_fd);
	sv_buf_free(&c->resp.body);
	sv_buf_free(&c->body);
	sv_arena_free(c->req.arena);
	free(c);
	*con_cls = NULL;
}

static enum MHD_Result
queue(struct http_conn *c)
{
	struct MHD_Response *r;
	struct http_response *resp = &c->resp;
	char *data;
	size_t i;
	int k, status = resp->status ? resp->status : 204;
	enum MHD_Result ret;

	if (c->static_fd >= 0) {
		r = MHD_create_response_from_fd64(c->static_size, c->static_fd);
		if (r != NULL)
			c->static_fd = -1;	/* the response closes it */
		c->bytes = c->static_size;
	} else if (status == 204 || status == 304 || resp->body.len == 0) {
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
	} else {
		/* Length first: sv_buf_steal resets the buffer. */
		c->bytes = resp->body.len;
		data = sv_buf_steal(&resp->body);
		r = MHD_create_response_from_buffer(c->bytes, data,
		    MHD_RESPMEM_MUST_FREE);
	}
	if (r == NULL)
		return MHD_NO;
	for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]);
	    i++)
		MHD_add_response_header(r, security_headers[i][0],
		    security_headers[i][1]);
	MHD_add_response_header(r, "Content-Security-Policy",
	    c->srv->csp);
	MHD_add_response_header(r, "X-Request-Id", c->req.id);
	if (status != 204 && status != 304 && (c->bytes > 0 ||
	    resp->content_type != NULL))
		MHD_add_response_header(r, "Content-Type",
		    resp->content_type ? resp->content_type :
		    "application/json");
	for (k = 0; k < resp->nheaders; k++)
		MHD_add_response_header(r, resp->headers[k].name,
		    resp->headers[k].value);
	if (MHD_get_response_header(r, "Cache-Control") == NULL)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if (c->allow != NULL)
		MHD_add_response_header(r, "Allow", c->allow);
	if (status == 401)
		MHD_add_response_header(r, "WWW-Authenticate",
		    "Bearer realm=\"samverkan\"");
	c->status = status;
	ret = MHD_queue_response(c->mc, (unsigned)status, r);
	MHD_destroy_response(r);
	c->stage = STAGE_DONE;
	return ret;
}

static enum MHD_Result
queue_error(struct http_conn *c, enum sv_err e)
{
	http_reply_error(&c->resp, e, c->req.malformed, &c->req.diag);
	return queue(c);
}

static int
path_is_api(const struct http_server *srv, const char *path)
{
	const char *p = srv->cfg.api_prefix;

	return p != NULL && strncmp(path, p, strlen(p)) == 0;
}

/* Serves a static file for GET/HEAD of a path no route claims. */
static enum sv_err
serve_static(struct http_conn *c)
{
	struct http_request *req = &c->req;
	const char *type, *inm;
	char *etag;
	uint64_t size;
	int64_t mtime;
	int fd;

	if (http_static_open(c->srv->web_dir, req->path, req->arena, &fd,
	    &size, &mtime, &type) != SV_OK)
		return sv_diag_set(&req->diag, SV_ERR_NOTFOUND, "",
		    "no such page");
	etag = sv_arena_printf(req->arena, "\"%llx-%llx\"",
	    (unsigned long long)size, (unsigned long long)mtime);
	http_add_header(&c->resp, "ETag", etag);
	/* Revalidate each time: the files carry no version in their name. */
	http_add_header(&c->resp, "Cache-Control", "no-cache");
	inm = http_header(req, "If-None-Match");
	if (http_etag_matches(inm, etag)) {
		close(fd);
		http_reply_empty(&c->resp, 304);
		return SV_OK;
	}
	c->static_fd = fd;
	c->static_size = size;
	c->resp.status = 200;
	c->resp.content_type = type;
	return SV_OK;
}

/*
 * Everything decided before the body: route, authorization, query,
 * media type and declared length. SV_OK to go on reading the body.
 * *done is set when a response (a static file) is already prepared.
 */
static enum sv_err
prepare(struct http_conn *c, const char *method, int *done)
{
	struct http_request *req = &c->req;
	const struct http_route *rt;
	const char *q, *cl, *ct;
	char allow[96];
	size_t max;
	unsigned mask;
	int m, idx, nh;
	enum sv_err e;

	*done = 0;
	m = http_method_parse(method);
	req->method = m < 0 ? HTTP_OPTIONS : (enum http_method)m;
	if (strlen(req->target) > HTTP_TARGET_MAX)
		return sv_diag_set(&req->diag, SV_ERR_TOOLARGE, "",
		    "request target too long");
	if ((q = strchr(req->target, '?')) != NULL)
		req->path = sv_arena_strndup(req->arena, req->target,
		    (size_t)(q - req->target));
	else
		req->path = req->target;
	nh = MHD_get_connection_values(c->mc, MHD_HEADER_KIND, NULL, NULL);
	if (nh > HTTP_HEADERS_MAX)
		return sv_diag_set(&req->diag, SV_ERR_TOOLARGE, "headers",
		    "more than %d headers", HTTP_HEADERS_MAX);
	idx = http_route_match(c->srv->cfg.routes, c->srv->cfg.nroutes,
	    req->method, req->path, req->arena, &req->params, &req->nparams,
	    &mask);
	if (idx == -1 && c->srv->web_dir != NULL &&
	    !path_is_api(c->srv, req->path)) {
		if (m != HTTP_GET && m != HTTP_HEAD) {
			c->allow = "GET, HEAD";
			return sv_diag_set(&req->diag, SV_ERR_METHOD, "",
			    "method not allowed");
		}
		*done = 1;
		return serve_static(c);
	}
	if (idx == -1)
		return sv_diag_set(&req->diag, SV_ERR_NOTFOUND, "",
		    "no such resource");
	if (idx == -2 || m < 0) {
		http_allow_format(mask, allow, sizeof(allow));
		c->allow = sv_arena_strdup(req->arena, allow);
		return sv_diag_set(&req->diag, SV_ERR_METHOD, "",
		    "method not allowed");
	}
	rt = req->route = &c->srv->cfg.routes[idx];
	req->worker = worker_get(c->srv);
	if (req->worker == NULL && c->srv->cfg.worker_new != NULL)
		return sv_diag_set(&req->diag, SV_ERR_INTERNAL, "",
		    "no worker context");
	if (c->srv->cfg.authorize != NULL &&
	    (e = c->srv->cfg.authorize(c->srv->cfg.cls, req, rt)) != SV_OK)
		return e;
	if ((e = http_query_parse(q ? q + 1 : NULL, req->arena, &req->query,
	    &req->nquery, &req->diag)) != SV_OK) {
		req->malformed = 1;
		return e;
	}
	if ((e = http_query_check(req, rt->query)) != SV_OK)
		return e;
	if (rt->body == HTTP_BODY_NONE)
		return SV_OK;
	ct = http_header(req, "Content-Type");
	if (!http_is_json_type(ct, rt->body == HTTP_BODY_RAW))
		return sv_diag_set(&req->diag, SV_ERR_MEDIA, "",
		    "expected Content-Type: application/json");
	max = rt->body_max ? rt->body_max : HTTP_BODY_MAX;
	cl = http_header(req, "Content-Length");
	if (cl != NULL && (strlen(cl) > 12 || strtoull(cl, NULL, 10) > max))
		return sv_diag_set(&req->diag, SV_ERR_TOOLARGE, "",
		    "body over %zu bytes", max);
	/* The buffer's cap is the route's limit (one byte more is refused). */
	c->body.cap = max + 1;
	return SV_OK;
}

/* The body is complete: decode it and run the handler. */
static enum sv_err
run(struct http_conn *c)
{
	struct http_request *req = &c->req;
	const struct http_route *rt = req->route;
	enum sv_err e;

	if (c->too_large)
		return sv_diag_set(&req->diag, SV_ERR_TOOLARGE, "",
		    "body over %zu bytes", c->body.cap - 1);
	req->body = c->body.data ? c->body.data : "";
	req->body_len = c->body.len;
	if (rt->body == HTTP_BODY_FIELDS || rt->body == HTTP_BODY_JSON) {
		if ((e = http_json_decode(req->body, req->body_len, req->arena,
		    &req->json, &req->malformed, &req->diag)) != SV_OK)
			return e;
		if (rt->body == HTTP_BODY_FIELDS && (e = http_json_check(
		    req->json, rt->fields, NULL, &req->malformed,
		    &req->diag)) != SV_OK)
			return e;
	}
	return rt->handler(req, &c->resp);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *mc, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct http_conn *c = *con_cls;
	enum sv_err e;
	int done;

	(void)version;
	if (c == NULL)
		*con_cls = c = on_uri(cls, url, mc);
	switch (c->stage) {
	case STAGE_NEW:
		c->stage = STAGE_BODY;
		e = prepare(c, method, &done);
		if (e != SV_OK)
			return queue_error(c, e);
		if (done)
			return queue(c);
		return MHD_YES;
	case STAGE_BODY:
		if (*upload_data_size > 0) {
			if (elapsed_ms(&c->start) > HTTP_REQUEST_SECONDS * 1e3)
				return MHD_NO;
			if (!c->too_large && sv_buf_add(&c->body, upload_data,
			    *upload_data_size) != SV_OK) {
				c->too_large = 1;
				sv_buf_free(&c->body);
			}
			if (c->too_large) {
				c->discarded += *upload_data_size;
				if (c->discarded > DISCARD_MAX)
					return MHD_NO;
			}
			*upload_data_size = 0;
			return MHD_YES;
		}
		e = run(c);
		if (e != SV_OK)
			return queue_error(c, e);
		return queue(c);
	case STAGE_DONE:
		break;
	}
	*upload_data_size = 0;
	return MHD_YES;
}

const char *
http_header(const struct http_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn->mc, MHD_HEADER_KIND, name);
}

const char *
http_cookie(const struct http_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn->mc, MHD_COOKIE_KIND, name);
}

static void	mhd_log(void *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512], safe[600];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_safe(safe, sizeof(safe), msg);
	sv_log(SV_LOG_WARN, "event=http_error msg=%s", safe);
}

enum sv_err
http_listen_parse(const char *s, struct sockaddr_storage *ss, size_t *sslen,
    struct sv_diag *d)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;
	const char *colon, *host;
	char h[64];
	size_t hl;
	long port;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if (s == NULL || (colon = strrchr(s, ':')) == NULL)
		return sv_diag_set(d, SV_ERR_INVALID, "listen",
		    "expected HOST:PORT, e.g. 127.0.0.1:8080");
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || port < 0 || port > 65535)
		return sv_diag_set(d, SV_ERR_INVALID, "listen",
		    "bad port in '%s'", s);
	host = s;
	hl = (size_t)(colon - s);
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
		host++;
		hl -= 2;
	}
	if (hl >= sizeof(h))
		return sv_diag_set(d, SV_ERR_INVALID, "listen",
		    "bad host in '%s'", s);
	memcpy(h, host, hl);
	h[hl] = '\0';
	if (hl == 0 || strcmp(h, "*") == 0) {
		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_ANY);
		s4->sin_port = htons((uint16_t)port);
		*sslen = sizeof(*s4);
	} else if (inet_pton(AF_INET, h, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		*sslen = sizeof(*s4);
	} else if (inet_pton(AF_INET6, h, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*sslen = sizeof(*s6);
	} else if (strcmp(h, "localhost") == 0) {
		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		s4->sin_port = htons((uint16_t)port);
		*sslen = sizeof(*s4);
	} else
		return sv_diag_set(d, SV_ERR_INVALID, "listen",
		    "host must be a numeric address or localhost: '%s'", s);
	return SV_OK;
}

enum sv_err
http_server_start(const struct http_server_config *cfg,
    struct http_server **out, struct sv_diag *d)
{
	struct http_server *srv;
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *di;
	char host[64];
	size_t sslen;
	unsigned flags;
	enum sv_err e;

	*out = NULL;
	if ((e = http_listen_parse(cfg->listen, &ss, &sslen, d)) != SV_OK)
		return e;
	/* One source expression: nothing that could end or add one. */
	if (cfg->img_origin != NULL && strpbrk(cfg->img_origin,
	    " \t\r\n;,'\"") != NULL)
		return sv_diag_set(d, SV_ERR_INVALID, "tile_url",
		    "bad image origin %s", cfg->img_origin);
	srv = sv_calloc(1, sizeof(*srv));
	srv->cfg = *cfg;
	if (http_csp(cfg->img_origin, srv->csp, sizeof(srv->csp)) != 0) {
		free(srv);
		return sv_diag_set(d, SV_ERR_INVALID, "tile_url",
		    "image origin too long");
	}
	if (cfg->web_dir != NULL) {
		if (access(cfg->web_dir, R_OK | X_OK) != 0) {
			free(srv);
			return sv_diag_set(d, SV_ERR_INVALID, "web",
			    "cannot read web directory %s", cfg->web_dir);
		}
		srv->web_dir = sv_strdup(cfg->web_dir);
	}
	if (getrandom(&srv->idseed, sizeof(srv->idseed), 0) !=
	    (ssize_t)sizeof(srv->idseed))
		srv->idseed = (uint32_t)time(NULL) ^ (uint32_t)getpid();
	atomic_init(&srv->nextid, 1);
	pthread_key_create(&srv->key, worker_destroy);
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)(cfg->threads ? cfg->threads : 4),
	    MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)(cfg->max_connections ? cfg->max_connections : 512),
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)(cfg->timeout ? cfg->timeout : 30),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    MHD_OPTION_END);
	if (srv->d == NULL) {
		int err = errno;	/* of the failed bind or listen */

		pthread_key_delete(srv->key);
		free(srv->web_dir);
		free(srv);
		return sv_diag_set(d, SV_ERR_IO, "listen",
		    "cannot listen on %s: %s", cfg->listen, strerror(err));
	}
	di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di != NULL ? di->port : 0;
	if (ss.ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)&ss)->sin6_addr,
		    host, sizeof(host));
		snprintf(srv->url, sizeof(srv->url), "http://[%s]:%u", host,
		    srv->port);
	} else {
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)&ss)->sin_addr,
		    host, sizeof(host));
		snprintf(srv->url, sizeof(srv->url), "http://%s:%u",
		    strcmp(host, "0.0.0.0") == 0 ? "127.0.0.1" : host,
		    srv->port);
	}
	*out = srv;
	return SV_OK;
}

unsigned
http_server_port(const struct http_server *srv)
{
	return srv->port;
}

const char *
http_server_url(const struct http_server *srv)
{
	return srv->url;
}

void
http_server_stop(struct http_server *srv)
{
	if (srv == NULL)
		return;
	/* Joins the pool threads; their worker contexts are freed on exit. */
	MHD_stop_daemon(srv->d);
	pthread_key_delete(srv->key);
	free(srv->web_dir);
	free(srv);
}
