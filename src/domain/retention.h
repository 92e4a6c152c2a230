/*
 * Retention (gallring): per kind of data a period after which it is
 * anonymised or deleted, as the records-management plan
 * (informationshanteringsplan) says. Periods are trust settings
 * (domain/trust.h, "retention.*"; 0 keeps the data). A run works in
 * batches, each one transaction that changes at most `batch` rows and
 * appends one audit event saying what it did, so a run can be interrupted
 * at any point (a batch is done or not at all) and run again: what is
 * already anonymised or deleted no longer matches, so a second run does
 * nothing.
 */
#ifndef SV_RETENTION_H
#define SV_RETENTION_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/actor.h"

struct sv_store;

enum sv_retention_kind {
	SV_RET_INCIDENT_TEXT,	/* free text and reporter removed */
	SV_RET_INCIDENT,	/* incident deleted (observed before cutoff) */
	SV_RET_WITHDRAWN,	/* withdrawn incident deleted */
	SV_RET_SESSION,		/* expired session deleted */
	SV_RET_TOKEN,		/* revoked API token deleted */
	SV_RET_PHOTO,		/* incident photo deleted (observed before cutoff) */
	SV_RET__MAX
};
/* "incident_text", "incident", "withdrawn", "session", "token", "photo". */
extern const char *const sv_retention_kind_names[SV_RET__MAX];
/* "anonymised" or "deleted", per kind. */
extern const char *const sv_retention_action_names[SV_RET__MAX];

struct sv_retention_result {
	int64_t	days;		/* the period; 0 = kept, nothing done */
	int64_t	cutoff;		/* Unix seconds; older data is affected */
	int64_t	rows;		/* rows changed (or, dry run, that would be) */
	int64_t	batches;	/* transactions committed */
};

#define SV_RETENTION_BATCH	500

/*
 * Applies every retention period as of now (Unix seconds; 0 = the
 * domain clock, which $SV_FAKE_NOW overrides in tests). With dry_run
 * only counts. batch 0 means SV_RETENTION_BATCH. Only the system actor or
 * a national admin may run it. res[] gets one result per kind. On error
 * the batches committed so far stay done (res tells how far it came).
 * Errors: SV_ERR_FORBIDDEN, SV_ERR_CONFLICT (the database stayed busy,
 * or a row is still referenced), SV_ERR_DB.
 */
enum sv_err	retention_run(struct sv_store *, const struct sv_actor *,
		    int64_t now, int dry_run, size_t batch,
		    struct sv_retention_result res[SV_RET__MAX],
		    struct sv_diag *);

#endif
