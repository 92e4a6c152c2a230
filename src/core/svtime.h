/*
 * Time: instants are int64 seconds since the Unix epoch (UTC). Civil time
 * is Europe/Stockholm (CET/CEST with the EU rule: summer time from the last
 * Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC), which
 * we compute ourselves so no global TZ state is touched. Weeks are ISO 8601
 * weeks. Periods are half-open [from, to).
 */
#ifndef SV_TIME_H
#define SV_TIME_H

#include <stdint.h>

#include "err.h"

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t	sv_days_from_civil(int y, int m, int d);
void	sv_civil_from_days(int64_t days, int *y, int *m, int *d);

/* Offset of Europe/Stockholm from UTC at instant t, in seconds. */
int	sv_stockholm_offset(int64_t t);
/* Instant of a Stockholm wall-clock time (first one if ambiguous). */
int64_t	sv_stockholm_instant(int y, int mo, int d, int h, int mi, int s);

struct sv_civil {
	int	year, month, day, hour, minute, second;
	int	weekday;	/* ISO: 1 = Monday ... 7 = Sunday */
	int	offset;		/* seconds east of UTC */
};
void	sv_stockholm_civil(int64_t t, struct sv_civil *);

/*
 * Parses ISO 8601 / RFC 3339: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]"
 * (space accepted for T), optional "Z" or "+HH:MM"/"-HH:MM"/"+HHMM". A time
 * without an offset is Stockholm local time. Errors name `field` in diag.
 */
enum sv_err	sv_time_parse(const char *s, int64_t *out, const char *field,
		    struct sv_diag *);
/* Formats t as Stockholm local time with offset, "2026-11-22T07:33:00+01:00". */
void		sv_time_format(int64_t t, char out[32]);
/* Formats t as UTC, "2026-11-22T06:33:00Z". */
void		sv_time_format_utc(int64_t t, char out[32]);

/* ISO week of Stockholm local date of t. */
void	sv_iso_week(int64_t t, int *iso_year, int *week);
/* Weeks in an ISO year (52 or 53). */
int	sv_iso_weeks_in_year(int iso_year);

enum sv_period_kind {
	SV_PERIOD_WEEK,		/* 2026-W47 */
	SV_PERIOD_MONTH,	/* 2026-11 */
	SV_PERIOD_TERTIAL,	/* 2026-T3 */
	SV_PERIOD_QUARTER,	/* 2026-Q4 */
	SV_PERIOD_YEAR,		/* 2026 */
	SV_PERIOD_RANGE,	/* 2026-01-01/2026-03-01 (to exclusive) */
	SV_PERIOD__MAX
};

struct sv_period {
	enum sv_period_kind	kind;
	int64_t			from, to;	/* [from, to) instants */
	char			label[48];	/* canonical text */
};

enum sv_err	sv_period_parse(const char *s, struct sv_period *,
		    const char *field, struct sv_diag *);
/* The period of the same kind just before p (same length for ranges). */
void		sv_period_previous(const struct sv_period *p, struct sv_period *out);
/* The same period one year earlier (ISO week of the previous ISO year). */
void		sv_period_year_before(const struct sv_period *p, struct sv_period *out);
/* The period of kind k that contains instant t. */
void		sv_period_containing(enum sv_period_kind k, int64_t t,
		    struct sv_period *out);

#endif
