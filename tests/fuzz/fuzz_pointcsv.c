/*
 * Fuzz harness: the point CSV reader (src/io/pointcsv.c) with a time,
 * an id and a category column. Any input gives points with finite
 * coordinates or an error with a message; never a crash.
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "io/pointcsv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pointcsv_spec sp;
	struct pointcsv *pc = NULL;
	struct sv_diag d;
	size_t i;

	memset(&sp, 0, sizeof(sp));
	sp.time_field = "date";
	sp.id_field = "id";
	sp.category_field = "kategori";
	sp.category = "klotter";
	if (pointcsv_parse((const char *)data, size, &sp, &pc, &d) == SV_OK) {
		for (i = 0; i < pc->n; i++)
			if (!isfinite(pc->xy[2 * i]) ||
			    !isfinite(pc->xy[2 * i + 1]) || pc->line[i] < 2)
				__builtin_trap();
		pointcsv_free(pc);
	} else if (pc != NULL || d.message[0] == '\0')
		__builtin_trap();
	return 0;
}
