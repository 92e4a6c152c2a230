/*
 * Fuzz harness: the path router on the real API route table. The first
 * byte picks the method, the rest is the raw path. Checks the answer is
 * consistent: a match returns a route of that method (GET for HEAD) with
 * decoded parameters free of '/', and 405 always comes with an Allow set.
 */
#include <string.h>

#include "api/api.h"
#include "fuzz.h"
#include "http/http.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sv_arena *a;
	struct http_param *params;
	size_t nparams, i;
	enum http_method m;
	unsigned allow;
	char *path, buf[128];
	int idx;

	if (size < 1)
		return 0;
	a = sv_arena_new();
	m = (enum http_method)(data[0] % HTTP_METHOD__MAX);
	path = sv_arena_strndup(a, (const char *)data + 1, size - 1);
	idx = http_route_match(api_routes, api_nroutes, m, path, a, &params,
	    &nparams, &allow);
	if (idx >= 0) {
		if ((size_t)idx >= api_nroutes ||
		    api_routes[idx].method != (m == HTTP_HEAD ? HTTP_GET : m))
			__builtin_trap();
		for (i = 0; i < nparams; i++)
			if (params[i].value[0] == '\0' ||
			    strchr(params[i].value, '/') != NULL)
				__builtin_trap();
	} else if (idx == -2) {
		if (allow == 0)
			__builtin_trap();
		http_allow_format(allow, buf, sizeof(buf));
	} else if (idx != -1)
		__builtin_trap();
	sv_arena_free(a);
	return 0;
}
