/*
 * Retention runs: for each kind a count statement and an apply statement
 * (store/sql.def, SQL_RET_*) taking the cutoff and the batch size, the
 * apply statement changing at most one batch of the oldest matching rows
 * by id. The loop commits batch after batch until a batch changes
 * nothing.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/audit.h"
#include "domain/dom.h"
#include "domain/retention.h"
#include "domain/trust.h"
#include "store/store.h"

const char *const sv_retention_kind_names[SV_RET__MAX] = {
	"incident_text", "incident", "withdrawn", "session", "token", "photo",
};
const char *const sv_retention_action_names[SV_RET__MAX] = {
	"anonymised", "deleted", "deleted", "deleted", "deleted", "deleted",
};

/* Per kind: its setting, its statements and the audited entity. */
static const struct {
	enum sv_trust_key	key;
	enum sv_sql		count, apply;
	const char		*entity;
} kinds[SV_RET__MAX] = {
	[SV_RET_INCIDENT_TEXT] = { SV_TRUST_RET_INCIDENT_TEXT,
	    SQL_RET_TEXT_COUNT, SQL_RET_TEXT_APPLY, "incident" },
	[SV_RET_INCIDENT] = { SV_TRUST_RET_INCIDENT,
	    SQL_RET_INCIDENT_COUNT, SQL_RET_INCIDENT_APPLY, "incident" },
	[SV_RET_WITHDRAWN] = { SV_TRUST_RET_WITHDRAWN,
	    SQL_RET_WITHDRAWN_COUNT, SQL_RET_WITHDRAWN_APPLY, "incident" },
	[SV_RET_SESSION] = { SV_TRUST_RET_SESSION,
	    SQL_RET_SESSION_COUNT, SQL_RET_SESSION_APPLY, "session" },
	[SV_RET_TOKEN] = { SV_TRUST_RET_TOKEN,
	    SQL_RET_TOKEN_COUNT, SQL_RET_TOKEN_APPLY, "api_token" },
	[SV_RET_PHOTO] = { SV_TRUST_RET_PHOTO,
	    SQL_RET_PHOTO_COUNT, SQL_RET_PHOTO_APPLY, "incident_photo" },
};

static enum sv_err
count_rows(struct sv_store *s, enum sv_retention_kind k, int64_t cutoff,
    int64_t *n, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, kinds[k].count);
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, cutoff);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	*n = row ? stmt_int(st, 0) : 0;
	stmt_reset(st);
	return SV_OK;
}

/* One batch in one transaction; *n rows changed. */
static enum sv_err
one_batch(struct sv_store *s, const struct sv_actor *a,
    enum sv_retention_kind k, int64_t cutoff, int64_t days, size_t batch,
    int64_t *n, struct sv_diag *d)
{
	struct sv_stmt *st;
	struct sv_civil c;
	struct audit_obj j;
	char day[11];
	enum sv_err e;

	*n = 0;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	st = store_stmt(s, kinds[k].apply);
	stmt_bind_int(st, 1, cutoff);
	stmt_bind_int(st, 2, (int64_t)batch);
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	if ((*n = store_changes(s)) == 0)
		return store_commit(s);
	/* a summary entry, as an import's: what the batch did */
	sv_stockholm_civil(cutoff, &c);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", c.year, c.month, c.day);
	audit_obj_begin(&j);
	audit_obj_str(&j, "kind", sv_retention_kind_names[k]);
	audit_obj_str(&j, "action", sv_retention_action_names[k]);
	audit_obj_int(&j, "count", *n);
	audit_obj_int(&j, "period_days", days);
	audit_obj_str(&j, "before", day);
	e = audit_change(s, a, "retention", kinds[k].entity, NULL, NULL,
	    audit_obj_end(&j));
	audit_obj_free(&j);
	if (e != SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	return SV_OK;
fail:
	*n = 0;
	store_rollback(s);
	return e;
}

enum sv_err
retention_run(struct sv_store *s, const struct sv_actor *a, int64_t now,
    int dry_run, size_t batch, struct sv_retention_result res[SV_RET__MAX],
    struct sv_diag *d)
{
	struct sv_retention_result *r;
	int64_t n;
	enum sv_err e;
	int k;

	memset(res, 0, SV_RET__MAX * sizeof(*res));
	if (!trust_is_national_admin(s, a))
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "", "only the system "
		    "or a national admin may run retention");
	if (batch == 0)
		batch = SV_RETENTION_BATCH;
	if (now <= 0)
		now = dom_now();
	for (k = 0; k < SV_RET__MAX; k++) {
		r = &res[k];
		r->days = trust_int(s, kinds[k].key);
		if (r->days <= 0)
			continue;
		r->cutoff = now - r->days * 86400;
		if (dry_run) {
			if ((e = count_rows(s, (enum sv_retention_kind)k,
			    r->cutoff, &r->rows, d)) != SV_OK)
				return e;
			continue;
		}
		do {
			if ((e = one_batch(s, a, (enum sv_retention_kind)k,
			    r->cutoff, r->days, batch, &n, d)) != SV_OK)
				return e;
			if (n > 0) {
				r->rows += n;
				r->batches++;
			}
		} while (n > 0);
	}
	return SV_OK;
}
