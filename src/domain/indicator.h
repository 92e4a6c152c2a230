/*
 * Indicators: survey and statistics figures (a safety survey's question,
 * a drug-habit survey, reported crime per 1000 inhabitants, a problem
 * index) identified by a code, and their values per area and period
 * (ISO week, month, tertial, quarter, year or date range; stored in the
 * canonical period label) with source and date. Values are imported
 * from CSV and shown beside the incidents in the lägesbild.
 */
#ifndef SV_INDICATOR_H
#define SV_INDICATOR_H

#include <stddef.h>

#include "domain/collab.h"

/*
 * Imports indicator values from CSV text (RFC 4180, header row required)
 * with the columns indicator, area_layer, area_code, period, value and
 * optionally source and source_date; a value for an existing (indicator,
 * area, period) replaces it. All rows or none: the first bad row stops
 * the import with its line in diag->line. *n receives the rows imported.
 * Errors: SV_ERR_INVALID, SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	indicator_import_csv(struct sv_store *, const struct sv_actor *,
		    const char *csv, size_t len, size_t *n, struct sv_diag *);

/* One indicator value of an area, for the lägesbild. */
struct sv_indicator_value {
	const char	*code, *name, *unit;	/* the indicator */
	const char	*period;		/* canonical period label */
	double		 value;
	const char	*source, *source_date;	/* may be NULL */
};

/*
 * Every indicator value of area area_id, ordered by indicator code and
 * period; array and strings in arena. Errors: SV_ERR_DB.
 */
enum sv_err	indicator_values_for_area(struct sv_store *, int64_t area_id,
		    struct sv_arena *, struct sv_indicator_value **items,
		    size_t *n, struct sv_diag *);

#endif
