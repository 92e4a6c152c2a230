/*
 * Inside the incident module: what incident.c (validation, the row
 * upsert) shares with incident_import.c (the import's bulk path and the
 * lookups it caches for the length of one import transaction).
 */
#ifndef SV_INCIDENT_IMPL_H
#define SV_INCIDENT_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "domain/area.h"
#include "domain/incident.h"

/* Everything resolved from an input, ready to write. */
struct inc_resolved {
	int64_t			org_id;
	int64_t			category_id;
	double			x, y, lat, lon;
	int64_t			loc_area;
	struct sv_area_hit	hits[SV_LAYER__MAX];
	size_t			nhits;
	char			hash[65];
	const char		*text;		/* description to store */
	char			masked[2 * SV_DESCRIPTION_MAX + 64];
};

/* A string-keyed map (open addressing); val is freed with free(). */
struct inc_map_entry {
	char		*key;
	int64_t		 id;
	void		*val;
};
struct inc_map {
	struct inc_map_entry	*v;
	size_t			 cap, n;
};
/*
 * The slot of key: *found = 1 if present, else an empty slot that
 * inc_map_put may fill (valid until the next find).
 */
struct inc_map_entry *inc_map_find(struct inc_map *, const char *key,
		    int *found);
void		inc_map_put(struct inc_map *, struct inc_map_entry *slot,
		    const char *key, int64_t id, void *val);
void		inc_map_free(struct inc_map *);

/*
 * What an import looks up again and again, cached while its write
 * transaction holds the database still: organisation and category ids by
 * code (category id -1: inactive), the personal-data mode, and the
 * location of an area given by layer and code.
 */
struct inc_lookups {
	struct inc_map	orgs, cats, places;
	int		pii_mode;
};

/*
 * Validates in and resolves ids, location and content hash into r; lk
 * (may be NULL) caches the lookups. Errors: SV_ERR_INVALID, _FORBIDDEN
 * (the row is refused), SV_ERR_DB.
 */
enum sv_err	incident_resolve(struct sv_store *, const struct sv_actor *,
		    const struct sv_incident_input *, struct inc_lookups *lk,
		    struct inc_resolved *r, struct sv_diag *);
/* Writes a resolved row by (source, external_id), as incident_upsert. */
enum sv_err	incident_store_resolved(struct sv_store *,
		    const struct sv_actor *, const struct sv_incident_input *,
		    const struct inc_resolved *, int *changed, struct sv_diag *);

#endif
