/*
 * Fuzz harness: the request headers the product reads itself
 * (src/http/headers.c and http_is_json_type): the Authorization bearer
 * token, the CSRF token comparison, Content-Type with parameters and
 * If-None-Match. The input is up to four lines: Authorization,
 * X-CSRF-Token, Content-Type, If-None-Match. Each result is checked
 * against what the header says, not only for crashes.
 */
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "fuzz.h"
#include "http/http.h"

/* A session's CSRF token and a static file's entity tag. */
static const char csrf[] =
    "5f1c0a7e9b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e";
static const char etag[] = "\"1f3a-65b0c2d4\"";

static void
check_bearer(const char *h)
{
	const char *b = http_bearer(h), *p;

	if (b == NULL) {
		if (strncasecmp(h, "Bearer ", 7) == 0)
			__builtin_trap();
		return;
	}
	/* the token is what follows the scheme and its spaces */
	if (strncasecmp(h, "Bearer ", 7) != 0 || b < h + 7 ||
	    b > h + strlen(h) || *b == ' ')
		__builtin_trap();
	for (p = h + 7; p < b; p++)
		if (*p != ' ')
			__builtin_trap();
}

static void
check_csrf(const char *t)
{
	if (http_token_equal(t, csrf) != (strcmp(t, csrf) == 0) ||
	    !http_token_equal(t, t) || http_token_equal(NULL, t) ||
	    http_token_equal(t, NULL))
		__builtin_trap();
}

/* The reference: type (case-insensitive), then spaces, then ; or end. */
static int
is_type(const char *ct, const char *type)
{
	size_t n = strlen(type);

	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, type, n) != 0)
		return 0;
	for (ct += n; *ct == ' ' || *ct == '\t'; ct++)
		;
	return *ct == '\0' || *ct == ';';
}

static void
check_content_type(const char *ct)
{
	int j = http_is_json_type(ct, 0), g = http_is_json_type(ct, 1);

	if (j != is_type(ct, "application/json") ||
	    g != (j || is_type(ct, "application/geo+json")))
		__builtin_trap();
}

static void
check_etag(struct sv_arena *a, const char *inm)
{
	int m = http_etag_matches(inm, etag);

	/* a match names the tag or is "*" */
	if (m && strstr(inm, etag + 1) == NULL && strchr(inm, '*') == NULL)
		__builtin_trap();
	/* a list without quotes of its own matches once the tag is added */
	if (strchr(inm, '"') == NULL && !http_etag_matches(
	    sv_arena_printf(a, "%s, %s", inm, etag), etag))
		__builtin_trap();
	if (!http_etag_matches(etag, etag) || !http_etag_matches(
	    sv_arena_printf(a, "W/%s", etag), etag) ||
	    http_etag_matches(NULL, etag))
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sv_arena *a = sv_arena_new();
	char *s = sv_arena_strndup(a, (const char *)data, size), *f[4], *nl;
	int i;

	/* one header value per line; missing lines are empty */
	for (i = 0; i < 4; i++) {
		f[i] = s;
		if ((nl = strchr(s, '\n')) != NULL) {
			*nl = '\0';
			s = nl + 1;
		} else {
			s += strlen(s);
		}
	}
	check_bearer(f[0]);
	check_csrf(f[1]);
	check_content_type(f[2]);
	check_etag(a, f[3]);
	sv_arena_free(a);
	return 0;
}
