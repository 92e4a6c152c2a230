/*
 * Fuzz harness: the incident CSV reader (src/io/incident_csv.c, libcsv in
 * strict mode) fed through a memory stream. Every row handed out has a
 * line number after the header's and after the previous row's (LF, CRLF
 * and a bare CR each end a line), and fields within the cap, or an
 * error; a failed read has a message; never a crash.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "io/incident_csv.h"

struct seen {
	long	last_line;
};

static int
on_row(const struct icsv_row *r, void *arg)
{
	struct seen *s = arg;
	int c;

	if (r->line < 2 || r->line <= s->last_line)
		__builtin_trap();
	s->last_line = r->line;
	if (r->error != NULL)
		return 0;
	for (c = 0; c < ICSV__MAX; c++)
		if (r->v[c] != NULL && strlen(r->v[c]) > ICSV_FIELD_MAX)
			__builtin_trap();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { 0 };
	struct sv_diag d;
	FILE *fp;

	if (size == 0)
		return 0;	/* fmemopen refuses an empty buffer */
	if ((fp = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	sv_diag_clear(&d);
	if (icsv_read(fp, on_row, &s, &d) != SV_OK && d.message[0] == '\0')
		__builtin_trap();
	fclose(fp);
	return 0;
}
