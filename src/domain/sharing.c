/*
 * Sharing rules: resolution (reader's own rule, else the owner's
 * default, else no_text), administration with audit, and small-count
 * suppression of aggregated figures.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/dom.h"
#include "domain/organisation.h"
#include "domain/sharing.h"
#include "store/store.h"

const char *const sv_share_level_names[SV_SHARE__MAX] = {
	"none", "aggregated", "no_text", "full",
};
const char *const sv_share_kind_names[SV_SHARE_KIND__MAX] = {
	"incident", "dialogue", "document",
};

int64_t
sharing_reader(const struct sv_actor *a)
{
	return a->system ? 0 : a->org_id;
}

enum sv_share_level
sharing_level(struct sv_store *s, const struct sv_actor *a,
    int64_t owner, enum sv_share_kind kind)
{
	struct sv_stmt *st;
	int64_t v;
	int row = 0;

	if (a->system || (a->org_id != 0 && a->org_id == owner))
		return SV_SHARE_FULL;
	st = store_stmt(s, SQL_SHARING_LEVEL);
	stmt_bind_int(st, 1, owner);
	stmt_bind_int(st, 2, a->org_id);
	stmt_bind_text(st, 3, sv_share_kind_names[kind]);
	if (stmt_step(st, &row, NULL) != SV_OK || !row) {
		stmt_reset(st);
		return SV_SHARE_NONE;
	}
	v = stmt_int(st, 0);
	stmt_reset(st);
	return v >= 0 && v < SV_SHARE__MAX ? (enum sv_share_level)v :
	    SV_SHARE_NONE;
}

struct owner_level {
	int64_t	owner;
	int	level;		/* the reader's own rule, or -1 */
	int	def;		/* the owner's default, or -1 */
};

enum sv_err
sharing_has_aggregated(struct sv_store *s, const struct sv_actor *a,
    enum sv_share_kind kind, int *out, struct sv_diag *d)
{
	struct owner_level *v = NULL;
	struct sv_stmt *st;
	size_t n = 0, cap = 0, i;
	int64_t owner;
	enum sv_err e;
	int row, eff;

	*out = 0;
	if (a->system)
		return SV_OK;
	st = store_stmt(s, SQL_SHARING_FOR_READER);
	stmt_bind_int(st, 1, a->org_id);
	stmt_bind_text(st, 2, sv_share_kind_names[kind]);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			goto out;
		if (!row)
			break;
		owner = stmt_int(st, 0);
		/* Rows come ordered by owner. */
		if (n == 0 || v[n - 1].owner != owner) {
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				v = sv_reallocarray(v, cap, sizeof(*v));
			}
			v[n].owner = owner;
			v[n].level = v[n].def = -1;
			n++;
		}
		if (stmt_isnull(st, 1))
			v[n - 1].def = (int)stmt_int(st, 2);
		else
			v[n - 1].level = (int)stmt_int(st, 2);
	}
	for (i = 0; i < n; i++) {
		eff = v[i].level >= 0 ? v[i].level : v[i].def;
		if (eff == SV_SHARE_AGGREGATED)
			*out = 1;
	}
	e = SV_OK;
out:
	free(v);
	return e;
}

enum sv_err
sharing_list(struct sv_store *s, const struct sv_actor *a,
    struct sv_arena *ar, struct sv_share_rule **out, size_t *n,
    struct sv_diag *d)
{
	struct sv_share_rule *v = NULL, *nv;
	struct sv_stmt *st;
	size_t cap = 0;
	enum sv_err e;
	int row, k;

	*out = NULL;
	*n = 0;
	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_SHARING_LIST);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			nv = sv_arena_alloc(ar, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		v[*n].id = stmt_int(st, 0);
		v[*n].owner = dom_col(ar, st, 1);
		v[*n].reader = dom_col(ar, st, 2);
		k = dom_lookup(sv_share_kind_names, SV_SHARE_KIND__MAX,
		    stmt_text(st, 3));
		v[*n].kind = k < 0 ? SV_SHARE_INCIDENT : (enum sv_share_kind)k;
		k = (int)stmt_int(st, 4);
		v[*n].level = k >= 0 && k < SV_SHARE__MAX ?
		    (enum sv_share_level)k : SV_SHARE_NONE;
		v[*n].updated_at = stmt_int(st, 5);
		(*n)++;
	}
	*out = v;
	return SV_OK;
}

/* Resolved names of a rule. */
struct target {
	int64_t			owner, reader;	/* reader 0 = default */
	enum sv_share_kind	kind;
	char			eid[160];	/* "OWNER>READER:kind" */
};

static enum sv_err
resolve(struct sv_store *s, const struct sv_actor *a, const char *owner,
    const char *reader, const char *kind, struct target *t,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_org o;
	enum sv_err e;
	int k;

	memset(t, 0, sizeof(*t));
	if ((e = org_get(s, owner, ar, &o, d)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			e = sv_diag_set(d, SV_ERR_INVALID, "owner",
			    "no organisation '%s'", owner ? owner : "");
		goto out;
	}
	t->owner = o.id;
	if (reader != NULL) {
		if ((e = org_get(s, reader, ar, &o, d)) != SV_OK) {
			if (e == SV_ERR_NOTFOUND)
				e = sv_diag_set(d, SV_ERR_INVALID, "reader",
				    "no organisation '%s'", reader);
			goto out;
		}
		t->reader = o.id;
		if (t->reader == t->owner) {
			e = sv_diag_set(d, SV_ERR_INVALID, "reader",
			    "an organisation always sees its own data");
			goto out;
		}
	}
	if ((k = dom_lookup(sv_share_kind_names, SV_SHARE_KIND__MAX,
	    kind)) < 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "kind",
		    "kind must be incident, dialogue or document");
		goto out;
	}
	t->kind = (enum sv_share_kind)k;
	if (!a->system && !(a->role == SV_ROLE_ADMIN &&
	    org_is_within(s, t->owner, a->org_id))) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "owner",
		    "only an admin of the owning organisation may change "
		    "how its data is shared");
		goto out;
	}
	snprintf(t->eid, sizeof(t->eid), "%s>%s:%s", owner,
	    reader ? reader : "*", sv_share_kind_names[t->kind]);
out:
	sv_arena_free(ar);
	return e;
}

/* The stored level of the rule, or -1 if there is none. */
static enum sv_err
current(struct sv_store *s, const struct target *t, int *level,
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_SHARING_GET);
	enum sv_err e;
	int row;

	stmt_bind_int(st, 1, t->owner);
	if (t->reader)
		stmt_bind_int(st, 2, t->reader);
	stmt_bind_text(st, 3, sv_share_kind_names[t->kind]);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	*level = row ? (int)stmt_int(st, 0) : -1;
	stmt_reset(st);
	return SV_OK;
}

static enum sv_err
remove_rule(struct sv_store *s, const struct target *t, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_SHARING_DELETE);

	stmt_bind_int(st, 1, t->owner);
	if (t->reader)
		stmt_bind_int(st, 2, t->reader);
	stmt_bind_text(st, 3, sv_share_kind_names[t->kind]);
	return stmt_exec(st, d);
}

/*
 * Audits a rule's change: the rule before and after as JSON objects
 * {"owner","reader","kind","level"}, null where there is no rule (the
 * default applies).
 */
static enum sv_err
audit_rule(struct sv_store *s, const struct sv_actor *a, const char *action,
    const struct target *t, const char *owner, const char *reader,
    int before, int after)
{
	struct audit_obj j[2];
	const char *txt[2] = { NULL, NULL };
	int lv[2] = { before, after };
	enum sv_err e;
	int i;

	for (i = 0; i < 2; i++) {
		if (lv[i] < 0)
			continue;
		audit_obj_begin(&j[i]);
		audit_obj_str(&j[i], "owner", owner);
		audit_obj_str(&j[i], "reader", reader);
		audit_obj_str(&j[i], "kind", sv_share_kind_names[t->kind]);
		audit_obj_str(&j[i], "level", sv_share_level_names[lv[i]]);
		txt[i] = audit_obj_end(&j[i]);
	}
	e = audit_change(s, a, action, "sharing_rule", t->eid, txt[0], txt[1]);
	for (i = 0; i < 2; i++)
		if (lv[i] >= 0)
			audit_obj_free(&j[i]);
	return e;
}

enum sv_err
sharing_set(struct sv_store *s, const struct sv_actor *a, const char *owner,
    const char *reader, const char *kind, const char *level,
    struct sv_diag *d)
{
	struct sv_stmt *st;
	struct target t;
	enum sv_err e;
	int lv, before;

	if ((lv = dom_lookup(sv_share_level_names, SV_SHARE__MAX, level)) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "level",
		    "level must be full, no_text, aggregated or none");
	if ((e = resolve(s, a, owner, reader, kind, &t, d)) != SV_OK)
		return e;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	if ((e = current(s, &t, &before, d)) != SV_OK ||
	    (e = remove_rule(s, &t, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_SHARING_INSERT);
	stmt_bind_int(st, 1, t.owner);
	if (t.reader)
		stmt_bind_int(st, 2, t.reader);
	stmt_bind_text(st, 3, sv_share_kind_names[t.kind]);
	stmt_bind_int(st, 4, lv);
	stmt_bind_int(st, 5, dom_now());
	if (a->user_id)
		stmt_bind_int(st, 6, a->user_id);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = audit_rule(s, a, "update", &t, owner, reader, before,
	    lv)) != SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

enum sv_err
sharing_delete(struct sv_store *s, const struct sv_actor *a,
    const char *owner, const char *reader, const char *kind,
    struct sv_diag *d)
{
	struct target t;
	enum sv_err e;
	int before;

	if ((e = resolve(s, a, owner, reader, kind, &t, d)) != SV_OK)
		return e;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	if ((e = current(s, &t, &before, d)) != SV_OK)
		goto fail;
	if (before < 0) {
		e = sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such rule");
		goto fail;
	}
	if ((e = remove_rule(s, &t, d)) != SV_OK ||
	    (e = audit_rule(s, a, "delete", &t, owner, reader, before, -1)) !=
	    SV_OK || (e = store_commit(s)) != SV_OK)
		goto fail;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

size_t
sharing_suppress(const int64_t *counts, size_t n, int64_t min,
    unsigned char *hide)
{
	int64_t sum = 0;
	size_t i, k, nhid = 0;

	for (i = 0; i < n; i++) {
		hide[i] = counts[i] > 0 && counts[i] < min;
		if (hide[i]) {
			sum += counts[i];
			nhid++;
		}
	}
	while (nhid > 0 && sum < min) {
		k = n;
		for (i = 0; i < n; i++)
			if (!hide[i] && counts[i] > 0 &&
			    (k == n || counts[i] < counts[k]))
				k = i;
		if (k == n)
			break;
		hide[k] = 1;
		sum += counts[k];
		nhid++;
	}
	return nhid;
}
