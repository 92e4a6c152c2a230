/*
 * Fuzz harness: the strict JSON body decoder (duplicate keys refused) and
 * the field-spec check of every body the API accepts, batches included.
 */
#include <string.h>

#include "api/api_int.h"
#include "fuzz.h"
#include "http/http.h"

static const struct http_field *const specs[] = {
	f_session, f_org_create, f_org_patch, f_user_create, f_user_patch,
	f_area_create, f_area_patch, f_category_create, f_category_patch,
	f_incident, f_incident_patch,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sv_arena *a = sv_arena_new();
	struct sv_diag d;
	json_t *v = NULL, *items;
	size_t i, k;
	int malformed = 0;

	sv_diag_clear(&d);
	if (http_json_decode((const char *)data, size, a, &v, &malformed,
	    &d) == SV_OK) {
		if (v == NULL)
			__builtin_trap();
		for (k = 0; k < sizeof(specs) / sizeof(specs[0]); k++)
			http_json_check(v, specs[k], NULL, &malformed, &d);
		items = json_object_get(v, "items");
		for (i = 0; i < json_array_size(items) && i < 64; i++)
			http_json_check(json_array_get(items, i), f_incident,
			    "items[0]", &malformed, &d);
	} else if (!malformed && size > 0)
		__builtin_trap();
	sv_arena_free(a);
	return 0;
}
