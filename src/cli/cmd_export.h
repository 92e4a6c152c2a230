/*
 * The exporter behind `samverkan export incidents`, callable by other
 * commands. The CSV is the layout of io/incident_csv.h; the GeoJSON a
 * FeatureCollection of Points in WGS84 (lon, lat) whose properties are the
 * same columns (x and y included, lat and lon in the geometry). Both carry
 * every stored field, so export -> import into a fresh database -> export
 * gives the same bytes.
 */
#ifndef SV_CMD_EXPORT_H
#define SV_CMD_EXPORT_H

#include <stdio.h>

#include "core/err.h"

struct sv_store;
struct sv_incident_filter;

enum export_format {
	EXPORT_CSV,
	EXPORT_GEOJSON,
	EXPORT__MAX
};
extern const char *const export_format_names[EXPORT__MAX];

/*
 * Writes the incidents matching f (as the system actor; all statuses when
 * f->status is SV_STATUS_FILTER_ALL) in (observed_from, id) order to fp.
 * *n (may be NULL) receives the count. Errors: those of incident_foreach
 * (SV_ERR_INVALID for an unknown area, category or organisation), SV_ERR_IO.
 */
enum sv_err	export_incidents(struct sv_store *, enum export_format,
		    const struct sv_incident_filter *f, FILE *fp, long *n,
		    struct sv_diag *);

#endif
