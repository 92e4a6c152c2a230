/*
 * The incident CSV layout (RFC 4180: comma-separated, fields with a comma,
 * a double quote, CR or LF quoted with "" for a quote, CRLF or LF line
 * ends, UTF-8) with a header line naming the columns. The columns, in the
 * order export writes them:
 *
 *   external_id   the incident's id in the source system (required on
 *                 import; "id" is accepted as its header name)
 *   source        the system it comes from ("polisen", "est", ...)
 *   organisation  reporting organisation's code
 *   category      category code ("skadegorelse.klotter")
 *   observed_from ISO 8601 ("2026-11-20T21:30:00+01:00"; no offset =
 *                 Stockholm local time)
 *   observed_to   the same, or empty
 *   lat, lon      WGS84 degrees
 *   x, y          SWEREF 99 TM (EPSG:3006) metres
 *   area_layer, area  the area the incident was located by, when it has
 *                 no point of its own (a layer name and an area code)
 *   severity      1, 2 or 3
 *   people_count  0-10000, empty if unknown
 *   certainty     observed or suspected
 *   status        active or withdrawn
 *   description   free text (no personal data)
 *
 * Columns may come in any order and any may be left out; unknown columns
 * are an error. This module only reads and writes text; what the values
 * mean is checked by the importer and the domain. libcsv does the
 * parsing (strict mode); lines are counted here so every row is reported
 * with the line it starts on.
 */
#ifndef SV_IO_INCIDENT_CSV_H
#define SV_IO_INCIDENT_CSV_H

#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"

enum icsv_col {
	ICSV_EXTERNAL_ID,
	ICSV_SOURCE,
	ICSV_ORGANISATION,
	ICSV_CATEGORY,
	ICSV_OBSERVED_FROM,
	ICSV_OBSERVED_TO,
	ICSV_LAT,
	ICSV_LON,
	ICSV_X,
	ICSV_Y,
	ICSV_AREA_LAYER,
	ICSV_AREA,
	ICSV_SEVERITY,
	ICSV_PEOPLE_COUNT,
	ICSV_CERTAINTY,
	ICSV_STATUS,
	ICSV_DESCRIPTION,
	ICSV__MAX
};
extern const char *const icsv_col_names[ICSV__MAX];

/* Longest field accepted (a description is at most 4000 bytes). */
#define ICSV_FIELD_MAX	16384

/*
 * One data row. v[c] is the text of column c ("" if empty), or NULL when
 * the file has no such column. line is the line the row starts on (the
 * header is line 1). error is set (and v unusable) when the row has a
 * different number of fields than the header.
 */
struct icsv_row {
	const char	*v[ICSV__MAX];
	long		 line;
	const char	*error;
};

/*
 * Reads the CSV from fp: the header, then fn(row, arg) for every data row
 * (blank lines are skipped); fn returns nonzero to stop early. The row and
 * its strings are valid during the call only. Errors (diag.line set):
 * SV_ERR_INVALID for a bad header (missing, duplicate or unknown columns)
 * or CSV syntax (an unterminated quote, a quote inside an unquoted field),
 * SV_ERR_TOOLARGE for a field over ICSV_FIELD_MAX, SV_ERR_IO.
 */
enum sv_err	icsv_read(FILE *fp, int (*fn)(const struct icsv_row *, void *),
		    void *arg, struct sv_diag *);

/* Appends the header line (every column, in enum order, CRLF-free: LF). */
void		icsv_write_header(struct sv_buf *);
/* Appends one row; v[c] NULL is written as an empty field. */
void		icsv_write_row(struct sv_buf *, const char *const v[ICSV__MAX]);

#endif
