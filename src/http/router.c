/*
 * Path routing against the route table, percent-decoding, and the query
 * string parser. Pure functions on strings and an arena (no sockets), so
 * the fuzz harnesses and unit tests call them directly.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

const char *const http_method_names[HTTP_METHOD__MAX] = {
	[HTTP_GET] = "GET",
	[HTTP_HEAD] = "HEAD",
	[HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",
	[HTTP_PATCH] = "PATCH",
	[HTTP_DELETE] = "DELETE",
	[HTTP_OPTIONS] = "OPTIONS",
};

const char *const http_jtype_names[HTTP_J__MAX] = {
	[HTTP_J_STRING] = "string",
	[HTTP_J_INTEGER] = "integer",
	[HTTP_J_NUMBER] = "number",
	[HTTP_J_BOOLEAN] = "boolean",
	[HTTP_J_OBJECT] = "object",
	[HTTP_J_ARRAY] = "array",
	[HTTP_J_ANY] = "any",
};

int
http_method_parse(const char *s)
{
	int i;

	for (i = 0; i < HTTP_METHOD__MAX; i++)
		if (strcmp(s, http_method_names[i]) == 0)
			return i;
	return -1;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
http_pct_decode(struct sv_arena *a, const char *in, size_t len, int plus)
{
	char *out = sv_arena_alloc(a, len + 1);
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == '\0')
			return NULL;
		if (c == '%') {
			if (len - i < 3)
				return NULL;
			hi = hexval((unsigned char)in[i + 1]);
			lo = hexval((unsigned char)in[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus)
			out[o++] = ' ';
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

/*
 * Splits a raw path into at most HTTP_PATH_MAX_SEGMENTS segments (start
 * pointers and lengths, still encoded). Returns the count or -1 if the
 * path does not start with '/' or has too many segments. "/" has none.
 */
static int
split_path(const char *path, const char **seg, size_t *len)
{
	const char *p, *e;
	int n = 0;

	if (path == NULL || path[0] != '/')
		return -1;
	if (path[1] == '\0')
		return 0;
	for (p = path + 1;; p = e + 1) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (n == HTTP_PATH_MAX_SEGMENTS)
			return -1;
		seg[n] = p;
		len[n] = (size_t)(e - p);
		n++;
		if (*e == '\0')
			break;
	}
	return n;
}

/*
 * Matches one pattern against split segments; fills params (arena) when
 * it matches and params is not NULL. Returns 1 on a match.
 */
static int
match_pattern(const char *pattern, const char *const *seg,
    const size_t *len, int nseg, struct sv_arena *a,
    struct http_param *params, size_t *nparams)
{
	const char *p = pattern, *e;
	size_t plen, np = 0;
	int i = 0;
	char *v;

	if (*p != '/')
		return 0;
	p++;
	if (*p == '\0')
		return nseg == 0;
	for (;; p = e + 1) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		plen = (size_t)(e - p);
		if (i >= nseg)
			return 0;
		if (plen >= 2 && p[0] == '{' && p[plen - 1] == '}') {
			if (len[i] == 0)
				return 0;
			if (params != NULL) {
				v = http_pct_decode(a, seg[i], len[i], 0);
				if (v == NULL || strchr(v, '/') != NULL)
					return 0;
				params[np].name = sv_arena_strndup(a, p + 1,
				    plen - 2);
				params[np].value = v;
				np++;
			}
		} else if (plen != len[i] || memcmp(p, seg[i], plen) != 0)
			return 0;
		i++;
		if (*e == '\0')
			break;
	}
	if (i != nseg)
		return 0;
	if (nparams != NULL)
		*nparams = np;
	return 1;
}

/* Number of literal (non-{param}) segments of a pattern. */
static int
literal_segments(const char *pattern)
{
	const char *p;
	int n = 0;

	for (p = pattern; *p != '\0'; p++)
		if (*p == '/' && p[1] != '{' && p[1] != '\0')
			n++;
	return n;
}

int
http_route_match(const struct http_route *routes, size_t n,
    enum http_method m, const char *path, struct sv_arena *a,
    struct http_param **params, size_t *nparams, unsigned *allow)
{
	const char *seg[HTTP_PATH_MAX_SEGMENTS];
	size_t len[HTTP_PATH_MAX_SEGMENTS], i;
	struct http_param *pp;
	enum http_method want = m == HTTP_HEAD ? HTTP_GET : m;
	int nseg, best = -1, lit;
	unsigned mask = 0;

	*params = NULL;
	*nparams = 0;
	*allow = 0;
	if ((nseg = split_path(path, seg, len)) < 0)
		return -1;
	/*
	 * Literal segments win over {params}: "/areas/import" is not
	 * "/areas/{id}". Only the most specific matching patterns count.
	 */
	for (i = 0; i < n; i++)
		if (match_pattern(routes[i].pattern, seg, len, nseg, NULL, NULL,
		    NULL) && (lit = literal_segments(routes[i].pattern)) > best)
			best = lit;
	if (best < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (literal_segments(routes[i].pattern) != best ||
		    !match_pattern(routes[i].pattern, seg, len, nseg, NULL,
		    NULL, NULL))
			continue;
		if (routes[i].method == want) {
			pp = sv_arena_alloc(a, sizeof(*pp) *
			    HTTP_PATH_MAX_SEGMENTS);
			/* Decoding can still fail (bad escape in a param). */
			if (!match_pattern(routes[i].pattern, seg, len, nseg,
			    a, pp, nparams))
				return -1;
			*params = pp;
			return (int)i;
		}
		mask |= 1u << routes[i].method;
		if (routes[i].method == HTTP_GET)
			mask |= 1u << HTTP_HEAD;
	}
	*allow = mask;
	return mask ? -2 : -1;
}

void
http_allow_format(unsigned allow, char *out, size_t outlen)
{
	size_t o = 0;
	int i, w;

	if (outlen == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < HTTP_METHOD__MAX; i++) {
		if (!(allow & (1u << i)))
			continue;
		w = snprintf(out + o, outlen - o, "%s%s", o ? ", " : "",
		    http_method_names[i]);
		if (w < 0 || (size_t)w >= outlen - o)
			return;
		o += (size_t)w;
	}
}

enum sv_err
http_query_parse(const char *q, struct sv_arena *a, struct http_param **out,
    size_t *n, struct sv_diag *d)
{
	struct http_param *pp;
	const char *p, *amp, *eq;
	size_t np = 0, i, klen, vlen;
	char *k, *v;

	*out = NULL;
	*n = 0;
	if (q == NULL || *q == '\0')
		return SV_OK;
	if (strlen(q) > HTTP_TARGET_MAX)
		return sv_diag_set(d, SV_ERR_TOOLARGE, "query",
		    "query string longer than %d bytes", HTTP_TARGET_MAX);
	pp = sv_arena_alloc(a, sizeof(*pp) * HTTP_QUERY_MAX_PARAMS);
	for (p = q;; p = amp + 1) {
		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		if (amp == p)
			goto next;	/* "a=1&&b=2" and a trailing '&' */
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq ? eq : amp) - p);
		vlen = eq ? (size_t)(amp - eq - 1) : 0;
		if (np == HTTP_QUERY_MAX_PARAMS)
			return sv_diag_set(d, SV_ERR_TOOLARGE, "query",
			    "more than %d query parameters",
			    HTTP_QUERY_MAX_PARAMS);
		if (klen == 0)
			return sv_diag_set(d, SV_ERR_INVALID, "query",
			    "query parameter without a name");
		if (klen > 3 * HTTP_QUERY_MAX_KEY ||
		    (k = http_pct_decode(a, p, klen, 1)) == NULL)
			return sv_diag_set(d, SV_ERR_INVALID, "query",
			    "bad query parameter name");
		if (strlen(k) > HTTP_QUERY_MAX_KEY)
			return sv_diag_set(d, SV_ERR_INVALID, "query",
			    "query parameter name too long");
		if (vlen > 3 * HTTP_QUERY_MAX_VALUE)
			return sv_diag_set(d, SV_ERR_INVALID, k,
			    "value too long");
		if ((v = http_pct_decode(a, eq ? eq + 1 : amp, vlen, 1)) ==
		    NULL)
			return sv_diag_set(d, SV_ERR_INVALID, k,
			    "bad percent-encoding");
		if (strlen(v) > HTTP_QUERY_MAX_VALUE)
			return sv_diag_set(d, SV_ERR_INVALID, k,
			    "value too long");
		for (i = 0; i < np; i++)
			if (strcmp(pp[i].name, k) == 0)
				return sv_diag_set(d, SV_ERR_INVALID, k,
				    "query parameter given twice");
		pp[np].name = k;
		pp[np].value = v;
		np++;
next:
		if (*amp == '\0')
			break;
	}
	*out = pp;
	*n = np;
	return SV_OK;
}

const char *
http_query_get(const struct http_request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nquery; i++)
		if (strcmp(r->query[i].name, name) == 0)
			return r->query[i].value;
	return NULL;
}

const char *
http_param_get(const struct http_request *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}

/* Whole-string integer or finite number check without allocation. */
static int
is_number(const char *s, int integer)
{
	const char *p = s;
	int digits = 0;

	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (integer)
		return digits > 0 && digits <= 18 && *p == '\0';
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (digits == 0 || digits > 40)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

enum sv_err
http_query_check(struct http_request *r, const struct http_qparam *spec)
{
	const struct http_qparam *s;
	size_t i;

	for (i = 0; i < r->nquery; i++) {
		for (s = spec; s != NULL && s->name != NULL; s++)
			if (strcmp(s->name, r->query[i].name) == 0)
				break;
		if (s == NULL || s->name == NULL)
			return http_bad_request(r, r->query[i].name,
			    "unknown query parameter");
		if ((s->type == HTTP_J_INTEGER || s->type == HTTP_J_NUMBER) &&
		    !is_number(r->query[i].value, s->type == HTTP_J_INTEGER))
			return http_bad_request(r, s->name, "expected %s",
			    s->type == HTTP_J_INTEGER ? "an integer" :
			    "a number");
	}
	return SV_OK;
}

enum sv_err
http_bad_request(struct http_request *r, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	r->malformed = 1;
	snprintf(r->diag.field, sizeof(r->diag.field), "%s",
	    field ? field : "");
	va_start(ap, fmt);
	vsnprintf(r->diag.message, sizeof(r->diag.message), fmt, ap);
	va_end(ap);
	return SV_ERR_INVALID;
}
