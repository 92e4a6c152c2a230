/*
 * The Content-Security-Policy header. It is fixed except for img-src,
 * which also allows the origin of the optional map tile server, so a
 * configured tile URL works without opening images to every origin. The
 * origin is taken from the tile URL template strictly (scheme, host and
 * port only, from a small alphabet) so configuration cannot smuggle other
 * directives into the header.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http.h"

#define CSP_HEAD	"default-src 'self'; script-src 'self'; " \
			"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
#define CSP_TAIL	"; connect-src 'self'; font-src 'self'; " \
			"object-src 'none'; base-uri 'none'; form-action 'self'; " \
			"frame-ancestors 'none'"

/* A DNS label character or the dot between labels. */
static int
host_char(int c)
{
	return isalnum(c) || c == '-' || c == '.';
}

int
http_tile_origin(const char *url, char *out, size_t size)
{
	const char *scheme, *host, *end, *p;
	char *q;
	int wildcard = 0, n;

	if (strncasecmp(url, "https://", 8) == 0) {
		scheme = "https";
		host = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		scheme = "http";
		host = url + 7;
	} else {
		return -1;
	}
	/* Leaflet's subdomain placeholder: any subdomain of the rest. */
	if (strncmp(host, "{s}.", 4) == 0) {
		wildcard = 1;
		host += 4;
	}
	end = host + strcspn(host, "/?#");
	if (end == host || *host == '.' || *host == ':')
		return -1;
	for (p = host; p < end && *p != ':'; p++)
		if (!host_char((unsigned char)*p))
			return -1;
	if (p < end) {		/* ":port", 1-5 digits */
		if (end - p < 2 || end - p > 6)
			return -1;
		for (p++; p < end; p++)
			if (!isdigit((unsigned char)*p))
				return -1;
	}
	n = snprintf(out, size, "%s://%s%.*s", scheme, wildcard ? "*." : "",
	    (int)(end - host), host);
	if (n < 0 || (size_t)n >= size)
		return -1;
	for (q = out; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	return 0;
}

int
http_csp(const char *img_origin, char *out, size_t size)
{
	int n;

	n = snprintf(out, size, "%s%s%s%s", CSP_HEAD,
	    img_origin != NULL ? " " : "", img_origin != NULL ? img_origin : "",
	    CSP_TAIL);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
