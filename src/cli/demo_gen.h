/*
 * The demo generator: fills an empty, migrated database with a plausible
 * Swedish town (Västerås kommun, code 1980, drawn around SWEREF 99 TM
 * x 587000, y 6611000): a kommun polygon, twelve stadsdelar and a dozen
 * named places, the partner organisations of a collaboration, one user per
 * role with known demo passwords, and a year of EST incidents with
 * realistic categories, hotspots, near repeats and a weekly and daily
 * rhythm (evenings, weekends, school holidays). Everything goes through the
 * domain layer (never SQL). The same seed and end day give the same
 * database.
 */
#ifndef SV_DEMO_GEN_H
#define SV_DEMO_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct sv_store;

/* The demo accounts (all share DEMO_PASSWORD). */
struct demo_user {
	const char	*email;
	const char	*display_name;
	const char	*org;		/* organisation code */
	const char	*role;		/* lasare, rapportor, samordnare, admin */
};
extern const struct demo_user	demo_users[];
extern const size_t		demo_nusers;
#define DEMO_PASSWORD		"demo-samverkan"
#define DEMO_KOMMUN_CODE	"1980"
#define DEMO_SEED_DEFAULT	1980

struct demo_options {
	uint64_t	seed;
	/*
	 * The instant the year of incidents ends (exclusive); incidents
	 * are generated for the 365 Stockholm days before the day of end
	 * and for the part of that day before end.
	 */
	int64_t		end;
	int		days;		/* 0 = 365 */
	double		rate;		/* incidents per day scale, 0 = 1 */
};

struct demo_summary {
	size_t	organisations;
	size_t	users;
	size_t	areas;
	size_t	incidents;
};

/*
 * Generates the demo into s, which must be migrated and hold no demo data
 * yet (a second run fails with SV_ERR_CONFLICT on the first organisation).
 * Runs in one transaction: all or nothing. *sum (may be NULL) receives the
 * counts. Errors: those of the domain functions, with diag.
 */
enum sv_err	demo_generate(struct sv_store *s, const struct demo_options *,
		    struct demo_summary *sum, struct sv_diag *);

#endif
