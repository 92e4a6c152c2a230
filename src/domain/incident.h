/*
 * Incidents: what happened (category), where (a point, stored in SWEREF 99
 * TM with WGS84 beside it, or an area), when (observed_from, optionally
 * observed_to; Unix seconds), how serious (1-3), how many people, observed
 * or suspected, free text (refused if it holds a personnummer), source and
 * external id. Each incident is tied to the area of every layer: by point
 * in polygon when it has a point, or to the given area and its ancestors
 * when it was located by an area only.
 *
 * Rights: everyone (lasare and up) reads, within the sharing rules of
 * domain/sharing.h: a reader of another organisation sees the free text
 * only at level full (else description is NULL), and incidents shared at
 * level aggregated or none are neither listed nor found. A rapportor creates
 * incidents for their own organisation and changes or withdraws the ones
 * they created; a samordnare any incident of their own organisation. The
 * system actor (CLI, imports) may do anything. Memory: caller's arena.
 */
#ifndef SV_INCIDENT_H
#define SV_INCIDENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

#define SV_DESCRIPTION_MAX	4000
#define SV_PEOPLE_MAX		10000
#define SV_LIMIT_DEFAULT	100
#define SV_LIMIT_MAX		1000

enum sv_certainty {
	SV_CERTAINTY_OBSERVED,
	SV_CERTAINTY_SUSPECTED,
	SV_CERTAINTY__MAX
};
extern const char *const sv_certainty_names[SV_CERTAINTY__MAX];

enum sv_incident_status {
	SV_STATUS_ACTIVE,
	SV_STATUS_WITHDRAWN,
	SV_STATUS__MAX
};
extern const char *const sv_status_names[SV_STATUS__MAX];

struct sv_incident_area {
	const char	*layer;
	const char	*code;
	const char	*name;
	int64_t		 id;
};

struct sv_incident {
	int64_t			 id;
	const char		*organisation;	/* org code */
	int64_t			 org_id;
	const char		*category;	/* category code */
	int64_t			 observed_from;
	int64_t			 observed_to;	/* valid if has_observed_to */
	int			 has_observed_to;
	double			 x, y;		/* EPSG:3006 */
	double			 lat, lon;	/* WGS84 */
	int			 severity;	/* 1-3 */
	int			 people_count;	/* -1 if unknown */
	enum sv_certainty	 certainty;
	const char		*description;	/* NULL if none or hidden */
	const char		*source;
	const char		*external_id;	/* NULL if none */
	enum sv_incident_status	 status;
	int64_t			 created_by;	/* user id, 0 if none */
	int64_t			 created_at, updated_at;
	struct sv_incident_area	*areas;		/* one per layer, by layer */
	size_t			 nareas;
	int64_t			 loc_area_id;	/* located by this area, or 0 */
};

enum sv_locate {
	SV_LOCATE_NONE,		/* invalid: one is required */
	SV_LOCATE_WGS84,	/* a = lat, b = lon */
	SV_LOCATE_SWEREF,	/* a = x (easting), b = y (northing) */
	SV_LOCATE_AREA,		/* area_code (+ area_layer) */
	SV_LOCATE__MAX
};

/*
 * Input for create, update and import (every field the new value; use
 * incident_to_input to start an update from the stored incident).
 */
struct sv_incident_input {
	const char		*organisation;	/* NULL = the actor's org */
	const char		*category;
	int64_t			 observed_from;
	int64_t			 observed_to;
	int			 has_observed_to;
	enum sv_locate		 locate;
	double			 a, b;
	const char		*area_code;
	const char		*area_layer;
	int			 severity;	/* 0 = default 1 */
	int			 people_count;	/* -1 = unknown */
	enum sv_certainty	 certainty;
	const char		*description;	/* NULL = none */
	const char		*source;	/* NULL = "est" */
	const char		*external_id;	/* NULL = none */
	enum sv_incident_status	 status;	/* update and import only */
	/*
	 * SV_LOCATE_SWEREF only: the WGS84 position to keep beside (a, b)
	 * instead of computing it, so an export that carries both reads
	 * back exactly. It must lie within 1 m of the transform of (a, b).
	 */
	int			 has_wgs84;
	double			 lat, lon;
};

/* An empty input: severity 1, people_count -1, observed, active. */
void		incident_input_init(struct sv_incident_input *);
/* The input that recreates *inc (pointers borrow from *inc). */
void		incident_to_input(const struct sv_incident *,
		    struct sv_incident_input *);

/* text_has_personnummer and the rest of the personal-data checks. */
#include "domain/pii.h"

/*
 * Validates and creates one incident. Errors: SV_ERR_INVALID (field in
 * diag: category, observed_from, observed_to, lat/lon, x/y, area,
 * severity, people_count, description, organisation), SV_ERR_NOTFOUND,
 * SV_ERR_FORBIDDEN, SV_ERR_CONFLICT (source + external_id taken), SV_ERR_DB.
 */
enum sv_err	incident_create(struct sv_store *, const struct sv_actor *,
		    const struct sv_incident_input *, int64_t *id,
		    struct sv_diag *);
/*
 * Creates or updates by (source, external_id), which must be set: an
 * unchanged incident (same content hash) is left alone. *changed is
 * 0 unchanged, 1 added, 2 updated. For imports; call inside a
 * transaction for speed.
 */
enum sv_err	incident_upsert(struct sv_store *, const struct sv_actor *,
		    const struct sv_incident_input *, int *changed,
		    struct sv_diag *);

/*
 * An import of many incidents into one open transaction, with the
 * semantics of incident_upsert per row. Lookups (organisations,
 * categories, areas, the personal-data mode) are cached for the length
 * of the import; the rows go to the store's bulk writer where the backend
 * has one (PostgreSQL: COPY and a set-based merge per batch), else they
 * are written one by one. So the counts are final only after
 * incident_import_end, and a database error may surface at a later row
 * or at the end: either way the caller rolls the transaction back.
 */
struct incident_import;
struct incident_import_counts {
	long	added, updated, unchanged;
};
/* The caller holds a transaction (store_begin) until it has ended. */
enum sv_err	incident_import_begin(struct sv_store *,
		    const struct sv_actor *, struct incident_import **,
		    struct sv_diag *);
/*
 * Validates and writes (or queues) one row. SV_ERR_INVALID, _NOTFOUND or
 * _FORBIDDEN: the row is refused, the import may go on; anything else
 * is fatal.
 */
enum sv_err	incident_import_row(struct incident_import *,
		    const struct sv_incident_input *, struct sv_diag *);
/* Counts of the rows written so far (for progress). */
void		incident_import_counts(const struct incident_import *,
		    struct incident_import_counts *);
/*
 * Writes what is queued, records one audit event "import" (when anything
 * was added or updated) and gives the final counts.
 */
enum sv_err	incident_import_end(struct incident_import *,
		    struct incident_import_counts *, struct sv_diag *);
/* Frees the import (after end, or instead of it on failure). */
void		incident_import_free(struct incident_import *);
enum sv_err	incident_get(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_arena *, struct sv_incident *out,
		    struct sv_diag *);
enum sv_err	incident_update(struct sv_store *, const struct sv_actor *,
		    int64_t id, const struct sv_incident_input *,
		    struct sv_diag *);
/* Withdraws (status = withdrawn); the row stays for the record. */
enum sv_err	incident_withdraw(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_diag *);

enum sv_status_filter {
	SV_STATUS_FILTER_ACTIVE,
	SV_STATUS_FILTER_WITHDRAWN,
	SV_STATUS_FILTER_ALL,
	SV_STATUS_FILTER__MAX
};
extern const char *const sv_status_filter_names[SV_STATUS_FILTER__MAX];

/*
 * Filters of docs/api.md. Unset strings are NULL. Times are [from, to) on
 * observed_from. area includes its descendants (layer disambiguates the
 * code); category includes its sub-categories; bbox is WGS84.
 */
struct sv_incident_filter {
	int64_t			 from, to;
	int			 has_from, has_to;
	const char		*area;
	const char		*layer;
	const char		*category;
	const char		*org;
	const char		*source;
	int			 has_bbox;
	double			 bbox[4];	/* minlon,minlat,maxlon,maxlat */
	enum sv_status_filter	 status;
	size_t			 limit;		/* 0 = default; max 1000 */
	const char		*cursor;	/* NULL = first page */
};
void		incident_filter_init(struct sv_incident_filter *);

/*
 * One page of incidents ordered by (observed_from, id) ascending.
 * *next_cursor (arena) is NULL on the last page. Unknown area or category
 * codes are SV_ERR_INVALID (field "area"/"category"); a bad cursor too.
 */
enum sv_err	incident_query(struct sv_store *, const struct sv_actor *,
		    const struct sv_incident_filter *, struct sv_arena *,
		    struct sv_incident **items, size_t *n, char **next_cursor,
		    struct sv_diag *);

/*
 * Visits every incident matching the filter (limit and cursor ignored) in
 * (observed_from, id) order; fn returns nonzero to stop. The incident and
 * its strings are valid during the call only. For export.
 */
enum sv_err	incident_foreach(struct sv_store *, const struct sv_actor *,
		    const struct sv_incident_filter *,
		    int (*fn)(const struct sv_incident *, void *), void *arg,
		    struct sv_diag *);

enum sv_count_group {
	SV_COUNT_AREA,		/* key area code, label name; layer needed */
	SV_COUNT_CATEGORY,	/* key category code, label name */
	SV_COUNT_WEEK,		/* key "2026-W47" (ISO week, Stockholm) */
	SV_COUNT_DAY,		/* key "2026-11-20" (Stockholm date) */
	SV_COUNT_HOUR,		/* key "00".."23" (Stockholm hour of day) */
	SV_COUNT_ORG,		/* key org code, label name */
	SV_COUNT__MAX
};
extern const char *const sv_count_group_names[SV_COUNT__MAX];

struct sv_count {
	const char	*key;
	const char	*label;
	int64_t		 count;		/* 0 when suppressed */
	int		 suppressed;	/* hidden: below the minimum count */
};

/*
 * Counts of the incidents matching the filter grouped by group, ordered by
 * key; groups with no incidents are left out. For SV_COUNT_AREA `layer`
 * picks the area layer (default kommun). *total is the number of matching
 * incidents (for area grouping, incidents outside every area of the layer
 * count in total but in no group).
 *
 * Sharing rules apply (domain/sharing.h): incidents the actor may see as
 * aggregated figures are counted, those shared with level none are not.
 * When some counted data reaches the actor as aggregated figures only,
 * small counts are suppressed (sharing_suppress with the trust setting
 * min_count): such groups have suppressed set, and a total below the
 * minimum is returned as -1.
 */
enum sv_err	incident_counts(struct sv_store *, const struct sv_actor *,
		    const struct sv_incident_filter *, enum sv_count_group,
		    const char *layer, struct sv_arena *,
		    struct sv_count **items, size_t *n, int64_t *total,
		    struct sv_diag *);

#endif
