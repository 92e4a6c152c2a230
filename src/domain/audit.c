/*
 * The hash-chained audit trail: hash = SHA-256(prev_hash | at | user |
 * org | action | entity | entity_id | detail), the first prev_hash being
 * 64 zeros. The table's triggers refuse UPDATE and DELETE.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "domain/audit.h"
#include "domain/dom.h"
#include "store/store.h"

static const char zero_hash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void
chain_hash(const char *prev, int64_t at, int64_t user, int64_t org,
    const char *action, const char *entity, const char *eid,
    const char *detail, char out[65])
{
	struct sv_buf b;

	sv_buf_init(&b, 1 << 20);
	sv_buf_printf(&b, "%s|%" PRId64 "|%" PRId64 "|%" PRId64 "|%s|%s|%s|%s",
	    prev, at, user, org, action, entity, eid ? eid : "",
	    detail ? detail : "");
	dom_sha256_hex(b.data, b.len, out);
	sv_buf_free(&b);
}

enum sv_err
audit_append(struct sv_store *s, const struct sv_actor *a,
    const char *action, const char *entity, const char *entity_id,
    const char *detail)
{
	struct sv_stmt *st;
	char prev[65], hash[65];
	int64_t at = dom_now();
	enum sv_err e;
	int row;

	st = store_stmt(s, SQL_AUDIT_LAST);
	if ((e = stmt_step(st, &row, NULL)) != SV_OK)
		return e;
	snprintf(prev, sizeof(prev), "%s", row && stmt_text(st, 0) ?
	    stmt_text(st, 0) : zero_hash);
	stmt_reset(st);
	chain_hash(prev, at, a->user_id, a->org_id, action, entity, entity_id,
	    detail, hash);
	st = store_stmt(s, SQL_AUDIT_INSERT);
	stmt_bind_int(st, 1, at);
	if (a->user_id)
		stmt_bind_int(st, 2, a->user_id);
	if (a->org_id)
		stmt_bind_int(st, 3, a->org_id);
	stmt_bind_text(st, 4, action);
	stmt_bind_text(st, 5, entity);
	stmt_bind_text(st, 6, entity_id);
	stmt_bind_text(st, 7, detail);
	stmt_bind_text(st, 8, prev);
	stmt_bind_text(st, 9, hash);
	return stmt_exec(st, NULL);
}

enum sv_err
audit_verify(struct sv_store *s, int64_t *bad_id)
{
	struct sv_stmt *st = store_stmt(s, SQL_AUDIT_ALL);
	char prev[65], hash[65];
	enum sv_err e;
	int row;

	*bad_id = 0;
	memcpy(prev, zero_hash, sizeof(prev));
	for (;;) {
		if ((e = stmt_step(st, &row, NULL)) != SV_OK)
			return e;
		if (!row)
			break;
		chain_hash(prev, stmt_int(st, 1), stmt_int(st, 2),
		    stmt_int(st, 3), stmt_text(st, 4), stmt_text(st, 5),
		    stmt_text(st, 6), stmt_text(st, 7), hash);
		if (stmt_text(st, 8) == NULL || strcmp(stmt_text(st, 8), prev) ||
		    stmt_text(st, 9) == NULL || strcmp(stmt_text(st, 9), hash)) {
			*bad_id = stmt_int(st, 0);
			stmt_reset(st);
			return SV_ERR_CONFLICT;
		}
		memcpy(prev, hash, sizeof(prev));
	}
	return SV_OK;
}
