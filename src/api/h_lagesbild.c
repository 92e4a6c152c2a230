/*
 * GET /lagesbild: the situational picture of one area for one period,
 * computed by the lägesbild engine (src/lagesbild); its tuning parameters
 * come from the query string under the names lagesbild_param_set knows.
 */
#include <string.h>

#include "api_int.h"
#include "lagesbild/lagesbild.h"

enum sv_err
h_lagesbild(struct http_request *req, struct http_response *resp)
{
	struct lb_params p;
	struct sv_diag d;
	json_t *out = NULL;
	size_t i;
	enum sv_err e;

	memset(&p, 0, sizeof(p));
	sv_diag_clear(&d);
	p.area = http_query_get(req, "area");
	p.layer = http_query_get(req, "layer");
	p.period = http_query_get(req, "period");
	p.child_layer = http_query_get(req, "child_layer");
	if (p.area == NULL)
		return http_bad_request(req, "area", "required");
	if (p.period == NULL)
		return http_bad_request(req, "period", "required, e.g. 2026-W47");
	for (i = 0; i < req->nquery; i++) {
		const char *name = req->query[i].name;

		if (strcmp(name, "area") == 0 || strcmp(name, "layer") == 0 ||
		    strcmp(name, "period") == 0 ||
		    strcmp(name, "child_layer") == 0)
			continue;
		if (lagesbild_param_set(&p, name, req->query[i].value, &d) !=
		    SV_OK)
			return http_bad_request(req, name, "%s", d.message);
	}
	if ((e = lagesbild_build(api_store(req), api_actor(req), &p, &out,
	    &d)) != SV_OK) {
		/* A bad period or layer is a bad query parameter. */
		if (e == SV_ERR_INVALID)
			req->malformed = 1;
		return api_fail(req, e, &d);
	}
	return http_reply_json(resp, 200, out);
}
