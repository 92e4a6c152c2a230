/*
 * Fuzz harness: the strict GeoJSON reader (src/io/geojson.c). Any input
 * must give either a collection whose arrays are consistent or an error
 * with a message; never a crash.
 */
#include <string.h>

#include "fuzz.h"
#include "io/geojson.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct geojson *gj = NULL;
	struct sv_diag d;
	size_t i, p, r;

	if (geojson_parse((const char *)data, size, &gj, &d) == SV_OK) {
		for (i = 0; i < gj->nfeatures; i++) {
			const struct geojson_feature *f = &gj->features[i];

			if (f->bbox[0] > f->bbox[2] || f->bbox[1] > f->bbox[3])
				__builtin_trap();
			for (p = 0; p < f->npolygons; p++)
				for (r = 0; r < f->polygons[p].nrings; r++)
					if (f->polygons[p].rings[r].npoints < 4)
						__builtin_trap();
		}
		geojson_free(gj);
	} else if (gj != NULL || d.message[0] == '\0')
		__builtin_trap();
	return 0;
}
