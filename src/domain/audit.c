/*
 * The hash-chained audit trail: hash = SHA-256(prev_hash | at | user |
 * org | action | entity | entity_id | detail), the first prev_hash being
 * 64 zeros. The table's triggers refuse UPDATE and DELETE.
 */
#include <inttypes.h>
#include <math.h>
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
audit_change(struct sv_store *s, const struct sv_actor *a,
    const char *action, const char *entity, const char *entity_id,
    const char *before, const char *after)
{
	struct sv_buf b;
	enum sv_err e;

	sv_buf_init(&b, SV_BUF_DEFAULT_CAP);
	if ((e = sv_buf_printf(&b, "{\"before\":%s,\"after\":%s}",
	    before != NULL ? before : "null", after != NULL ? after : "null")) ==
	    SV_OK)
		e = audit_append(s, a, action, entity, entity_id, b.data);
	sv_buf_free(&b);
	return e;
}

void
audit_obj_begin(struct audit_obj *o)
{
	sv_buf_init(&o->b, SV_BUF_DEFAULT_CAP);
	sv_buf_putc(&o->b, '{');
}

static void
key(struct audit_obj *o, const char *k)
{
	if (o->b.len > 1)
		sv_buf_putc(&o->b, ',');
	sv_buf_json_str(&o->b, k);
	sv_buf_putc(&o->b, ':');
}

void
audit_obj_str(struct audit_obj *o, const char *k, const char *v)
{
	key(o, k);
	if (v == NULL)
		sv_buf_puts(&o->b, "null");
	else
		sv_buf_json_str(&o->b, v);
}

void
audit_obj_int(struct audit_obj *o, const char *k, int64_t v)
{
	key(o, k);
	sv_buf_printf(&o->b, "%" PRId64, v);
}

void
audit_obj_num(struct audit_obj *o, const char *k, double v)
{
	key(o, k);
	if (isfinite(v))
		sv_buf_printf(&o->b, "%.17g", v);
	else
		sv_buf_puts(&o->b, "null");
}

void
audit_obj_bool(struct audit_obj *o, const char *k, int v)
{
	key(o, k);
	sv_buf_puts(&o->b, v ? "true" : "false");
}

void
audit_obj_null(struct audit_obj *o, const char *k)
{
	key(o, k);
	sv_buf_puts(&o->b, "null");
}

void
audit_obj_digest(struct audit_obj *o, const char *k, const char *v)
{
	char h[65];

	key(o, k);
	if (v == NULL) {
		sv_buf_puts(&o->b, "null");
		return;
	}
	dom_sha256_hex(v, strlen(v), h);
	sv_buf_printf(&o->b, "{\"sha256\":\"%s\",\"length\":%zu}", h,
	    strlen(v));
}

const char *
audit_obj_end(struct audit_obj *o)
{
	sv_buf_putc(&o->b, '}');
	return o->b.data;
}

void
audit_obj_free(struct audit_obj *o)
{
	sv_buf_free(&o->b);
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
