/*
 * Points from a CSV file (RFC 4180: comma separated, double-quoted
 * fields, "" inside quotes, CRLF or LF, a header row) for the analysis
 * commands. Columns are found by header name:
 * - coordinates: x and y (metres, SWEREF 99 TM) or lat and lon (WGS84;
 *   also latitude/longitude); the names can be given;
 * - time (optional): YYYY-MM-DD gives whole days since 1970-01-01,
 *   an ISO 8601 date-time (sv_time_parse: Stockholm time unless an offset
 *   is given) gives fractional days, a plain number is taken as days;
 * - category (optional): keep only rows whose category equals a value;
 * - id (optional): kept as text; duplicate ids are an error.
 * Every error names the file line (diag line) and the column (field).
 * Blank lines are skipped. The file is capped at POINTCSV_MAX_BYTES.
 */
#ifndef SV_IO_POINTCSV_H
#define SV_IO_POINTCSV_H

#include <stddef.h>

#include "core/err.h"

#define POINTCSV_MAX_BYTES	((size_t)1024 * 1024 * 1024)
#define POINTCSV_MAX_FIELDS	256

struct pointcsv_spec {
	const char	*x_field, *y_field;	/* NULL: "x", "y" */
	const char	*lat_field, *lon_field;	/* NULL: "lat", "lon" */
	const char	*time_field;		/* NULL: no time */
	int		 time_required;		/* error if no time column */
	const char	*category_field;	/* NULL: no filter */
	const char	*category;		/* value to keep */
	const char	*id_field;		/* NULL: no ids */
};

struct pointcsv {
	size_t	  n;
	int	  latlon;	/* 1: xy holds lon,lat (WGS84) */
	double	 *xy;		/* n interleaved pairs */
	double	 *t;		/* n times in days, or NULL */
	long	 *line;		/* file line of each point */
	char	**id;		/* n ids, or NULL */
	size_t	  skipped;	/* rows left out by the category filter */
};

/*
 * Reads path (or standard input for "-"). *out is new (pointcsv_free).
 * Errors: SV_ERR_IO, SV_ERR_TOOLARGE, SV_ERR_INVALID (empty file, no
 * header, missing column, bad number or time, duplicate id, ragged row),
 * with diag line and field set.
 */
enum sv_err	pointcsv_read_file(const char *path,
		    const struct pointcsv_spec *spec, struct pointcsv **out,
		    struct sv_diag *diag);
/* Parses a buffer as pointcsv_read_file. */
enum sv_err	pointcsv_parse(const char *buf, size_t len,
		    const struct pointcsv_spec *spec, struct pointcsv **out,
		    struct sv_diag *diag);
/* Frees; NULL is a no-op. */
void		pointcsv_free(struct pointcsv *);

#endif
