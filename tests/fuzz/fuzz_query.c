/*
 * Fuzz harness: the query-string parser (caps, percent-decoding, repeated
 * names) and the per-route parameter check, on the incident filters.
 */
#include <string.h>

#include "api/api_int.h"
#include "fuzz.h"
#include "http/http.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sv_arena *a = sv_arena_new();
	struct http_request req;
	struct sv_diag d;
	char *q;
	size_t i;

	q = sv_arena_strndup(a, (const char *)data, size);
	memset(&req, 0, sizeof(req));
	req.arena = a;
	sv_diag_clear(&d);
	if (http_query_parse(q, a, &req.query, &req.nquery, &d) == SV_OK) {
		for (i = 0; i < req.nquery; i++) {
			/* Decoded values hold no NUL and respect the caps. */
			if (strlen(req.query[i].name) > HTTP_QUERY_MAX_KEY ||
			    strlen(req.query[i].value) > HTTP_QUERY_MAX_VALUE)
				__builtin_trap();
		}
		if (req.nquery > HTTP_QUERY_MAX_PARAMS)
			__builtin_trap();
		http_query_check(&req, q_incident_list);
		http_query_check(&req, q_lagesbild);
	}
	/* The decoder on its own, with and without '+' as space. */
	http_pct_decode(a, (const char *)data, strnlen((const char *)data,
	    size), 0);
	http_pct_decode(a, q, strlen(q), 1);
	sv_arena_free(a);
	return 0;
}
