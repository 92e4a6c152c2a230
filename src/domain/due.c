/*
 * The due list (see due.h): one pass per kind of shortfall, each a
 * statement of the store plus date arithmetic on "YYYY-MM-DD" strings.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/body.h"
#include "domain/collab_def.h"
#include "domain/dom.h"
#include "domain/due.h"

const char *const sv_due_kind_names[SV_DUE__MAX] = {
	"body_meetings", "agreement_revision", "lagesbild_revision",
	"agreement_expiring", "attachment_unadopted", "activity_overdue",
	"activity_no_owner", "promise_no_followup", "info_unacknowledged",
};

const char *const sv_due_kind_labels[SV_DUE__MAX] = {
	"Organ som inte mötts enligt mötesrytmen",
	"Överenskommelser som ska revideras",
	"Lägesbilder som ska revideras",
	"Överenskommelser som snart löper ut",
	"Bilagor som inte antagits",
	"Försenade aktiviteter",
	"Aktiviteter utan ansvarig",
	"Medborgarlöften utan uppföljning",
	"Information som inte kvitterats",
};

#define DUE_EXPIRY_DAYS	90
#define DUE_GRACE_DAYS	30

struct due_acc {
	struct sv_arena		*arena;
	struct sv_due_item	*v;
	size_t			 n, cap;
};

static struct sv_due_item *
add(struct due_acc *acc, enum sv_due_kind k, int64_t agr, enum co_entity e,
    int64_t id, const char *title, const char *since)
{
	struct sv_due_item *nv, *it;

	if (acc->n == acc->cap) {
		acc->cap = acc->cap ? acc->cap * 2 : 16;
		nv = sv_arena_alloc(acc->arena, acc->cap * sizeof(*nv));
		if (acc->n)
			memcpy(nv, acc->v, acc->n * sizeof(*nv));
		acc->v = nv;
	}
	it = &acc->v[acc->n++];
	it->kind = k;
	it->agreement_id = agr;
	it->entity = e;
	it->id = id;
	it->title = title ? sv_arena_strdup(acc->arena, title) : NULL;
	it->since = since ? sv_arena_strdup(acc->arena, since) : NULL;
	return it;
}

static void
days_to_date(int64_t days, char out[11])
{
	int y, m, d;

	sv_civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

static enum sv_err
ids(struct sv_store *s, enum sv_sql q, int64_t agr, struct sv_arena *a,
    int64_t **out, size_t *n, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, q);
	int64_t *v = NULL, *nv;
	size_t cap = 0;
	enum sv_err e;
	int row;

	*n = 0;
	stmt_bind_int(st, 1, agr);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = sv_arena_alloc(a, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		v[(*n)++] = stmt_int(st, 0);
	}
	*out = v;
	return SV_OK;
}

static enum sv_err
due_bodies(struct sv_store *s, int64_t now, int64_t agr,
    struct due_acc *acc, struct sv_diag *d)
{
	struct sv_arena *a = acc->arena;
	struct co_rec *b, *g;
	struct sv_stmt *st;
	int64_t *bid, today, start, held, expected, from_t;
	const struct co_val *est, *end;
	char day[11], sday[11];
	size_t n, i;
	int req, row;
	enum sv_err e;

	co_date_of(now, day);
	today = co_date_days(day);
	if ((e = ids(s, SQL_CO_DUE_BODIES, agr, a, &bid, &n, d)) != SV_OK)
		return e;
	for (i = 0; i < n; i++) {
		if ((e = co_get(s, CO_BODY, bid[i], a, &b, d)) != SV_OK ||
		    (e = co_get(s, CO_AGREEMENT, b->agreement_id, a, &g,
		    d)) != SV_OK)
			return e;
		if ((req = body_required_per_year(b)) <= 0)
			continue;
		end = co_rec_val(b, "ends_on");
		if (CO_HAS(end) && co_date_days(end->s) < today)
			continue;
		est = co_rec_val(b, "established_on");
		start = co_date_days(CO_HAS(est) ? est->s :
		    co_rec_val(g, "valid_from")->s);
		if (start < today - 365)
			start = today - 365;
		if (start >= today)
			continue;
		expected = (int64_t)req * (today - start) / 365;
		if (expected <= 0)
			continue;
		days_to_date(start, sday);
		from_t = sv_stockholm_instant((int)(sday[0] - '0') * 1000 +
		    (sday[1] - '0') * 100 + (sday[2] - '0') * 10 +
		    (sday[3] - '0'), (sday[5] - '0') * 10 + (sday[6] - '0'),
		    (sday[8] - '0') * 10 + (sday[9] - '0'), 0, 0, 0);
		st = store_stmt(s, SQL_CO_DUE_MEETINGS_HELD);
		stmt_bind_int(st, 1, b->id);
		stmt_bind_int(st, 2, from_t);
		stmt_bind_int(st, 3, now);
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		held = row ? stmt_int(st, 0) : 0;
		stmt_reset(st);
		if (held >= expected)
			continue;
		add(acc, SV_DUE_BODY_MEETINGS, b->agreement_id, CO_BODY, b->id,
		    co_rec_val(b, "name")->s, NULL)->detail =
		    sv_arena_printf(a, "%" PRId64 " av %" PRId64 " möten "
		    "hållna sedan %s (kravet är %d per år)", held, expected,
		    sday, req);
	}
	return SV_OK;
}

static enum sv_err
due_agreements(struct sv_store *s, int64_t now, int64_t agr,
    struct due_acc *acc, struct sv_diag *d)
{
	struct sv_arena *a = acc->arena;
	const struct co_val *rev, *lrev, *to, *ext;
	struct co_rec *g;
	struct sv_stmt *st;
	char day[11], next[11], base[11], limit[11];
	int64_t *id;
	size_t n, i;
	enum sv_err e;
	int row;
	const char *title;

	co_date_of(now, day);
	if ((e = ids(s, SQL_CO_DUE_AGREEMENTS, agr, a, &id, &n, d)) != SV_OK)
		return e;
	days_to_date(co_date_days(day) + DUE_EXPIRY_DAYS, limit);
	for (i = 0; i < n; i++) {
		if ((e = co_get(s, CO_AGREEMENT, id[i], a, &g, d)) != SV_OK)
			return e;
		title = co_rec_val(g, "title")->s;
		rev = co_rec_val(g, "revision_months");
		if (CO_HAS(rev)) {
			const struct co_val *ro = co_rec_val(g, "revised_on");

			co_date_add_months(CO_HAS(ro) ? ro->s :
			    co_rec_val(g, "valid_from")->s, (int)rev->i, next);
			if (strcmp(next, day) < 0)
				add(acc, SV_DUE_AGREEMENT_REVISION, g->id,
				    CO_AGREEMENT, g->id, title, next)->detail =
				    sv_arena_printf(a, "Skulle ha reviderats "
				    "senast %s", next);
		}
		lrev = co_rec_val(g, "lagesbild_revision_months");
		if (CO_HAS(lrev)) {
			st = store_stmt(s, SQL_CO_DUE_LAST_LAGESBILD);
			stmt_bind_int(st, 1, g->id);
			if ((e = stmt_step(st, &row, d)) != SV_OK)
				return e;
			snprintf(base, sizeof(base), "%s", row &&
			    stmt_text(st, 0) ? stmt_text(st, 0) :
			    co_rec_val(g, "valid_from")->s);
			stmt_reset(st);
			co_date_add_months(base, (int)lrev->i, next);
			if (strcmp(next, day) < 0)
				add(acc, SV_DUE_LAGESBILD_REVISION, g->id,
				    CO_AGREEMENT, g->id, title, next)->detail =
				    sv_arena_printf(a, "Senaste antagna "
				    "lägesbild %s; ny senast %s", base, next);
		}
		to = co_rec_val(g, "valid_to");
		ext = co_rec_val(g, "extension");
		if (CO_HAS(to) && strcmp(ext->s, "automatisk") != 0 &&
		    strcmp(to->s, limit) <= 0)
			add(acc, SV_DUE_AGREEMENT_EXPIRING, g->id,
			    CO_AGREEMENT, g->id, title, to->s)->detail =
			    strcmp(to->s, day) < 0 ? sv_arena_printf(a,
			    "Löpte ut %s men är markerad som gällande",
			    to->s) : sv_arena_printf(a, "Löper ut %s%s",
			    to->s, strcmp(ext->s, "antagen") == 0 ?
			    " (förlängning antagen men inte beslutad)" : "");
	}
	return SV_OK;
}

static enum sv_err
due_rows(struct sv_store *s, int64_t now, int64_t agr, struct due_acc *acc,
    struct sv_diag *d)
{
	struct sv_arena *a = acc->arena;
	struct sv_stmt *st;
	char day[11], last[11], w[11], since[11];
	const char *from, *to, *covered;
	int64_t grace;
	enum sv_err e;
	int row, k, months;

	co_date_of(now, day);
	st = store_stmt(s, SQL_CO_DUE_ATTACHMENTS);
	stmt_bind_int(st, 1, agr);
	while ((e = stmt_step(st, &row, d)) == SV_OK && row)
		add(acc, SV_DUE_ATTACHMENT_UNADOPTED, stmt_int(st, 1),
		    CO_ATTACHMENT, stmt_int(st, 0), stmt_text(st, 4),
		    stmt_text(st, 5))->detail = sv_arena_printf(a,
		    "Bilaga %" PRId64 " version %" PRId64 " är ett utkast "
		    "tills ett beslut antar den", stmt_int(st, 2),
		    stmt_int(st, 3));
	if (e != SV_OK)
		return e;
	st = store_stmt(s, SQL_CO_DUE_ACTIVITIES);
	stmt_bind_int(st, 1, agr);
	stmt_bind_text(st, 2, day);
	while ((e = stmt_step(st, &row, d)) == SV_OK && row) {
		if (stmt_text(st, 3) != NULL && strcmp(stmt_text(st, 3),
		    day) < 0)
			add(acc, SV_DUE_ACTIVITY_OVERDUE, stmt_int(st, 1),
			    CO_ACTIVITY, stmt_int(st, 0), stmt_text(st, 2),
			    stmt_text(st, 3))->detail = sv_arena_printf(a,
			    "Skulle vara klar %s", stmt_text(st, 3));
		if (stmt_isnull(st, 4))
			add(acc, SV_DUE_ACTIVITY_NO_OWNER, stmt_int(st, 1),
			    CO_ACTIVITY, stmt_int(st, 0), stmt_text(st, 2),
			    NULL)->detail = "Ingen ansvarig organisation";
	}
	if (e != SV_OK)
		return e;
	grace = co_date_days(day) - DUE_GRACE_DAYS;
	st = store_stmt(s, SQL_CO_DUE_PROMISES);
	stmt_bind_int(st, 1, agr);
	while ((e = stmt_step(st, &row, d)) == SV_OK && row) {
		from = stmt_text(st, 3);
		to = stmt_text(st, 4);
		months = (int)stmt_int(st, 5);
		covered = stmt_text(st, 6);
		last[0] = '\0';
		/* the last window end, capped at the period's end */
		for (k = 1; k < 1000; k++) {
			co_date_add_months(from, k * months, w);
			if (strcmp(w, to) > 0)
				snprintf(w, sizeof(w), "%s", to);
			if (co_date_days(w) > grace)
				break;
			snprintf(last, sizeof(last), "%s", w);
			if (strcmp(w, to) == 0)
				break;
		}
		if (last[0] == '\0' || (covered != NULL &&
		    strcmp(covered, last) >= 0))
			continue;
		days_to_date(co_date_days(last) + DUE_GRACE_DAYS, since);
		add(acc, SV_DUE_PROMISE_NO_FOLLOWUP, stmt_int(st, 1),
		    CO_PROMISE, stmt_int(st, 0), stmt_text(st, 2),
		    since)->detail = sv_arena_printf(a, "Ingen uppföljning "
		    "av perioden till %s", last);
	}
	if (e != SV_OK)
		return e;
	st = store_stmt(s, SQL_CO_DUE_INFO);
	stmt_bind_int(st, 1, agr);
	while ((e = stmt_step(st, &row, d)) == SV_OK && row) {
		co_date_of(stmt_int(st, 3), since);
		add(acc, SV_DUE_INFO_UNACKNOWLEDGED, stmt_int(st, 1),
		    CO_INFO_EVENT, stmt_int(st, 0), stmt_text(st, 2),
		    since)->detail = "Mottagaren har inte kvitterat";
	}
	return e;
}

enum sv_err
due_list(struct sv_store *s, int64_t now, int64_t agreement_id,
    struct sv_arena *a, struct sv_due_item **items, size_t *n,
    struct sv_diag *d)
{
	struct due_acc acc;
	struct sv_due_item *sorted;
	enum sv_err e;
	size_t i, k = 0;
	int kind;

	if (now <= 0)
		now = dom_now();
	memset(&acc, 0, sizeof(acc));
	acc.arena = a;
	if ((e = due_bodies(s, now, agreement_id, &acc, d)) != SV_OK ||
	    (e = due_agreements(s, now, agreement_id, &acc, d)) != SV_OK ||
	    (e = due_rows(s, now, agreement_id, &acc, d)) != SV_OK)
		return e;
	sorted = sv_arena_alloc(a, (acc.n + 1) * sizeof(*sorted));
	for (kind = 0; kind < SV_DUE__MAX; kind++)
		for (i = 0; i < acc.n; i++)
			if ((int)acc.v[i].kind == kind)
				sorted[k++] = acc.v[i];
	*items = sorted;
	*n = acc.n;
	return SV_OK;
}
