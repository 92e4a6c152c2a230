/*
 * The request headers the product reads itself (see http.h): the bearer
 * token of Authorization, the CSRF token compared in constant time, and
 * If-None-Match against a static file's entity tag. Pure functions of
 * their strings, so tests/fuzz/fuzz_headers.c drives them directly.
 * (Content-Type is http_is_json_type in json.c; the header block and
 * cookies are split by libmicrohttpd.)
 */
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "http/http.h"

const char *
http_bearer(const char *authorization)
{
	const char *h = authorization;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return h;
}

int
http_token_equal(const char *given, const char *expected)
{
	size_t n;

	if (given == NULL || expected == NULL)
		return 0;
	n = strlen(expected);
	/* the length is no secret: every token of a kind has the same */
	return strlen(given) == n && sodium_memcmp(given, expected, n) == 0;
}

/* The next entity tag of list at *p, as [*tag, *tag + *len); 0 at end. */
static int
next_tag(const char **p, const char **tag, size_t *len)
{
	const char *s = *p, *e;

	while (*s == ' ' || *s == '\t' || *s == ',')
		s++;
	if (*s == '\0')
		return 0;
	if (strncmp(s, "W/", 2) == 0)	/* weak comparison (RFC 7232) */
		s += 2;
	if (*s == '"') {
		e = strchr(s + 1, '"');
		e = e != NULL ? e + 1 : s + strlen(s);
	} else {
		e = s;
		while (*e != '\0' && *e != ',' && *e != ' ' && *e != '\t')
			e++;
	}
	*tag = s;
	*len = (size_t)(e - s);
	/* skip to the separator */
	while (*e != '\0' && *e != ',')
		e++;
	*p = e;
	return 1;
}

int
http_etag_matches(const char *if_none_match, const char *etag)
{
	const char *p = if_none_match, *tag, *want;
	size_t len, n;

	if (p == NULL || etag == NULL)
		return 0;
	want = strncmp(etag, "W/", 2) == 0 ? etag + 2 : etag;
	n = strlen(want);
	while (next_tag(&p, &tag, &len)) {
		if (len == 1 && *tag == '*')
			return 1;
		if (len == n && n > 0 && memcmp(tag, want, n) == 0)
			return 1;
	}
	return 0;
}
