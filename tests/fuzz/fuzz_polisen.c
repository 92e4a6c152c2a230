/*
 * Fuzz harness: the polisen.se events reader (src/io/polisen.c) and the
 * category mapping. Any input gives either events that are each complete
 * (every string set, a GPS position in range) or marked with an error
 * naming the field, or a document error with a message; never a crash.
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "io/polisen.h"

static void
check_event(const struct polisen_event *ev, size_t i)
{
	if (ev->index != i)
		__builtin_trap();
	if (ev->error != NULL) {
		if (ev->error_field == NULL)
			__builtin_trap();
		return;
	}
	if (ev->datetime == NULL || ev->name == NULL || ev->summary == NULL ||
	    ev->url == NULL || ev->type == NULL || ev->location == NULL ||
	    ev->place == NULL)
		__builtin_trap();
	if (ev->has_gps && (!isfinite(ev->lat) || !isfinite(ev->lon) ||
	    ev->lat < -90 || ev->lat > 90 || ev->lon < -180 || ev->lon > 180))
		__builtin_trap();
	if (polisen_category(ev->type) == NULL)
		__builtin_trap();
	(void)polisen_is_summary(ev->type);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct polisen_doc *doc = NULL;
	struct sv_diag d;
	size_t i;

	if (polisen_parse((const char *)data, size, &doc, &d) == SV_OK) {
		for (i = 0; i < doc->nevents; i++)
			check_event(&doc->events[i], i);
		polisen_free(doc);
	} else if (doc != NULL || d.message[0] == '\0')
		__builtin_trap();
	return 0;
}
