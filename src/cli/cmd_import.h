/*
 * The importers behind `samverkan import`, callable by other commands
 * (demo --data) on an open, migrated store. Each import runs in one
 * transaction and is idempotent: incidents are keyed by (source,
 * external id), areas by (layer, code); a row whose content is unchanged
 * is left alone, a changed one is updated.
 *
 * Policy for bad rows: every rejected row is reported (to opts->report,
 * with file, line or JSON index, field and reason). By default the good
 * rows are committed; with strict set nothing is committed when any row
 * was rejected (the function then returns SV_ERR_INVALID).
 */
#ifndef SV_CMD_IMPORT_H
#define SV_CMD_IMPORT_H

#include <stdio.h>

#include "core/err.h"

struct sv_store;

enum import_format {
	IMPORT_POLISEN,		/* polisen.se events JSON */
	IMPORT_CSV,		/* io/incident_csv.h layout */
	IMPORT_GEOJSON,		/* Point features, properties as the CSV */
	IMPORT__MAX
};
extern const char *const import_format_names[IMPORT__MAX];

struct import_summary {
	long	read, added, updated, unchanged, rejected;
	long	reassigned;	/* areas: incidents given an area again */
};

struct import_opts {
	const char	*org;		/* organisation of rows without one;
					 * polisen: default "polisen", created
					 * if missing */
	const char	*source;	/* csv/geojson rows without a source;
					 * NULL = "csv" */
	int		 strict;	/* any bad row: commit nothing */
	int		 progress;	/* progress line on stderr */
	FILE		*report;	/* rejected rows; NULL = stderr */
};

/*
 * Imports the incidents of the file at path. Returns SV_OK when the
 * import ran to the end (rows may have been rejected: see sum->rejected);
 * SV_ERR_INVALID when strict and rows were rejected (nothing committed);
 * file-level errors (unreadable file, bad header, CSV syntax, a database
 * failure) roll everything back and are returned with diag set.
 */
enum sv_err	import_incidents(struct sv_store *, enum import_format,
		    const char *path, const struct import_opts *,
		    struct import_summary *, struct sv_diag *);

struct import_area_opts {
	const char	*layer;
	const char	*code_field;
	const char	*name_field;
	const char	*parent_layer;	/* may be NULL */
	const char	*parent_field;	/* may be NULL */
	int		 strict;
	int		 progress;
	FILE		*report;	/* NULL = stderr */
};

/*
 * Imports the polygons of a GeoJSON file (EPSG:3006 or WGS84, from its
 * crs member) as areas of one layer, then gives every incident located by
 * a point the area of that layer again (sum->reassigned). Errors as
 * import_incidents.
 */
enum sv_err	import_areas(struct sv_store *, const char *path,
		    const struct import_area_opts *, struct import_summary *,
		    struct sv_diag *);

/* Prints the summary line "read N, added N, ..." to fp. */
void		import_print_summary(FILE *fp, const struct import_summary *);

#endif
