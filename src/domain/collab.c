/*
 * The engine behind every collaboration entity: reads rows into records
 * by the entity's field table, validates input values by type (dates,
 * ranges, enumerations, references that must exist in the same
 * agreement), runs the concept module's rules, writes through the
 * statement table and appends an audit event, all in one transaction.
 *
 * Statement shapes (store/sql.def, the collaboration block): INSERT binds
 * [agreement_id] [parent_id] then the fields in table order and returns
 * the id; GET and LIST return id, agreement id, parent id, then the
 * fields; UPDATE binds the id as $1 and the fields from $2; DELETE the id.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/audit.h"
#include "domain/collab.h"
#include "domain/dom.h"
#include "domain/organisation.h"

const char *const co_entity_names[CO__MAX] = {
	"agreement", "party", "signatory", "principle", "agreement_area",
	"agreement_status", "attachment", "info_event", "body", "member",
	"meeting", "attendee", "decision", "action_plan", "focus_area",
	"problem", "problem_area", "problem_category", "problem_figure",
	"problem_score", "cause", "goal", "activity", "activity_update",
	"promise", "promise_partner", "promise_target", "promise_activity",
	"promise_followup", "dialogue", "indicator", "indicator_value",
};

const char *const co_type_names[CO_T__MAX] = {
	"text", "date", "instant", "integer", "number", "boolean", "enum",
	"ref", "organisation", "area", "category", "blob",
};

static const struct co_desc *const descs[CO__MAX] = {
	&co_desc_agreement, &co_desc_party, &co_desc_signatory,
	&co_desc_principle, &co_desc_agr_area, &co_desc_agr_status,
	&co_desc_attachment, &co_desc_info_event, &co_desc_body,
	&co_desc_member, &co_desc_meeting, &co_desc_attendee,
	&co_desc_decision, &co_desc_plan, &co_desc_focus_area,
	&co_desc_problem, &co_desc_problem_area, &co_desc_problem_category,
	&co_desc_problem_figure, &co_desc_problem_score, &co_desc_cause,
	&co_desc_goal, &co_desc_activity, &co_desc_activity_update,
	&co_desc_promise, &co_desc_promise_partner, &co_desc_promise_target,
	&co_desc_promise_activity, &co_desc_promise_followup,
	&co_desc_dialogue, &co_desc_indicator, &co_desc_indicator_value,
};

const struct co_desc *
co_desc(enum co_entity e)
{
	return descs[e];
}

enum co_entity
co_entity_by_path(const char *path)
{
	int e;

	for (e = 0; e < CO__MAX; e++)
		if (strcmp(descs[e]->path, path) == 0)
			return (enum co_entity)e;
	return CO__MAX;
}

int
co_field_index(const struct co_desc *d, const char *name)
{
	int i;

	for (i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return i;
	return -1;
}

struct co_rec *
co_rec_new(struct sv_arena *a, enum co_entity e)
{
	struct co_rec *r = sv_arena_alloc(a, sizeof(*r));

	r->ent = e;
	r->v = sv_arena_alloc(a, (size_t)(descs[e]->nfields + 1) *
	    sizeof(*r->v));
	return r;
}

struct co_val *
co_rec_val(const struct co_rec *r, const char *name)
{
	int i = co_field_index(descs[r->ent], name);

	if (i < 0) {
		fprintf(stderr, "co_rec_val: %s has no field %s\n",
		    co_entity_names[r->ent], name);
		abort();
	}
	return &r->v[i];
}

enum sv_err
co_rec_set(struct sv_arena *a, struct co_rec *r, const char *name,
    const char *text, struct sv_diag *d)
{
	int i = co_field_index(descs[r->ent], name);
	const struct co_field *f;
	struct co_val *v;
	char *end;

	if (i < 0)
		return sv_diag_set(d, SV_ERR_INVALID, name, "%s has no field "
		    "%s", co_entity_names[r->ent], name);
	f = &descs[r->ent]->fields[i];
	v = &r->v[i];
	memset(v, 0, sizeof(*v));
	v->set = 1;
	if (text == NULL) {
		v->null = 1;
		return SV_OK;
	}
	switch (f->type) {
	case CO_T_BOOL:
		if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0)
			v->i = 1;
		else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0)
			v->i = 0;
		else
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "%s must be true or false", name);
		break;
	case CO_T_INT:
	case CO_T_REF:
	case CO_T_AREA:
		v->i = strtoll(text, &end, 10);
		if (*text == '\0' || *end != '\0')
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "%s must be an integer", name);
		break;
	case CO_T_NUM:
		v->d = strtod(text, &end);
		if (*text == '\0' || *end != '\0')
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "%s must be a number", name);
		break;
	case CO_T_BLOB:
		v->s = sv_arena_strdup(a, text);
		v->len = strlen(text);
		break;
	default:
		v->s = sv_arena_strdup(a, text);
		break;
	}
	return SV_OK;
}

/* Dates. */

int64_t
co_now(void)
{
	return dom_now();
}

int
co_date_valid(const char *s)
{
	int y, m, d, i;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

static void
date_split(const char *s, int *y, int *m, int *d)
{
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
}

int64_t
co_date_days(const char *s)
{
	int y, m, d;

	date_split(s, &y, &m, &d);
	return sv_days_from_civil(y, m, d);
}

void
co_date_of(int64_t t, char out[11])
{
	struct sv_civil c;

	sv_stockholm_civil(t, &c);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)c.year % 10000u,
	    (unsigned)c.month % 100u, (unsigned)c.day % 100u);
}

void
co_date_add_months(const char *s, int n, char out[11])
{
	int y, m, d, mm, last;
	int64_t first, next;

	date_split(s, &y, &m, &d);
	mm = y * 12 + (m - 1) + n;
	y = mm / 12;
	m = mm % 12 + 1;
	first = sv_days_from_civil(y, m, 1);
	next = m == 12 ? sv_days_from_civil(y + 1, 1, 1) :
	    sv_days_from_civil(y, m + 1, 1);
	last = (int)(next - first);
	if (d > last)
		d = last;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/* Reading. */

static const char *
lookup_code(struct sv_store *s, enum sv_sql q, int64_t id,
    struct sv_arena *a)
{
	struct sv_stmt *st = store_stmt(s, q);
	const char *r = NULL;
	int row;

	stmt_bind_int(st, 1, id);
	if (stmt_step(st, &row, NULL) == SV_OK && row)
		r = dom_col(a, st, 0);
	stmt_reset(st);
	return r;
}

/*
 * Fills r from the current row. Codes of organisations and categories
 * are looked up afterwards (fix_codes), since a lookup may not run while
 * a list statement is still stepping on the same connection's cache.
 */
static void
fill_row(const struct co_desc *d, struct sv_stmt *st, int with_large,
    struct sv_arena *a, struct co_rec *r)
{
	const struct co_field *f;
	struct co_val *v;
	const void *p;
	int i, c;

	r->id = stmt_int(st, 0);
	r->agreement_id = stmt_isnull(st, 1) ? 0 : stmt_int(st, 1);
	r->parent_id = stmt_isnull(st, 2) ? 0 : stmt_int(st, 2);
	for (i = 0; i < d->nfields; i++) {
		f = &d->fields[i];
		v = &r->v[i];
		c = i + 3;
		if ((f->flags & CO_NOLIST) && !with_large) {
			v->set = 0;
			continue;
		}
		v->set = 1;
		if (stmt_isnull(st, c)) {
			v->null = 1;
			continue;
		}
		switch (f->type) {
		case CO_T_TEXT:
		case CO_T_DATE:
			v->s = dom_col(a, st, c);
			break;
		case CO_T_NUM:
			v->d = stmt_double(st, c);
			break;
		case CO_T_ENUM:
			v->s = dom_col(a, st, c);
			v->i = dom_lookup(f->names, f->nnames, v->s);
			break;
		case CO_T_BLOB:
			p = stmt_blob(st, c, &v->len);
			v->s = sv_arena_alloc(a, v->len + 1);
			if (v->len)
				memcpy((char *)(uintptr_t)v->s, p, v->len);
			break;
		default:
			v->i = stmt_int(st, c);
			break;
		}
	}
}

static void
fix_codes(struct sv_store *s, const struct co_desc *d, struct sv_arena *a,
    struct co_rec *r)
{
	int i;

	for (i = 0; i < d->nfields; i++) {
		if (!r->v[i].set || r->v[i].null)
			continue;
		if (d->fields[i].type == CO_T_ORG)
			r->v[i].s = lookup_code(s, SQL_CO_ORG_CODE, r->v[i].i, a);
		else if (d->fields[i].type == CO_T_CATEGORY)
			r->v[i].s = lookup_code(s, SQL_CO_CAT_CODE, r->v[i].i, a);
	}
}

enum sv_err
co_get(struct sv_store *s, enum co_entity e, int64_t id, struct sv_arena *a,
    struct co_rec **out, struct sv_diag *diag)
{
	const struct co_desc *d = descs[e];
	struct sv_stmt *st = store_stmt(s, d->sql_get);
	struct co_rec *r;
	enum sv_err err;
	int row;

	stmt_bind_int(st, 1, id);
	if ((err = stmt_step(st, &row, diag)) != SV_OK)
		return err;
	if (!row)
		return sv_diag_set(diag, SV_ERR_NOTFOUND, co_entity_names[e],
		    "no %s %" PRId64, co_entity_names[e], id);
	r = co_rec_new(a, e);
	fill_row(d, st, 1, a, r);
	stmt_reset(st);
	fix_codes(s, d, a, r);
	*out = r;
	return SV_OK;
}

enum sv_err
co_list(struct sv_store *s, enum co_entity e, int64_t parent_id,
    int with_large, struct sv_arena *a, struct co_rec ***items, size_t *n,
    struct sv_diag *diag)
{
	const struct co_desc *d = descs[e];
	struct sv_stmt *st = store_stmt(s, d->sql_list);
	struct co_rec **v = NULL, **nv;
	size_t cap = 0, k;
	enum sv_err err;
	int row;

	*n = 0;
	if (d->parent != CO__MAX)
		stmt_bind_int(st, 1, parent_id);
	for (;;) {
		if ((err = stmt_step(st, &row, diag)) != SV_OK)
			return err;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = sv_arena_alloc(a, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		v[*n] = co_rec_new(a, e);
		fill_row(d, st, with_large, a, v[*n]);
		(*n)++;
	}
	for (k = 0; k < *n; k++)
		fix_codes(s, d, a, v[k]);
	*items = v;
	return SV_OK;
}

/* Rights. */

static enum sv_err
may_write(struct sv_store *s, const struct sv_actor *actor,
    int64_t agreement_id, struct sv_diag *diag)
{
	struct sv_stmt *st;
	int64_t orgs[64];
	int row, n = 0, i;
	enum sv_err e;

	if (actor->system)
		return SV_OK;
	if ((e = actor_require(actor, SV_ROLE_SAMORDNARE, diag)) != SV_OK)
		return e;
	if (agreement_id == 0)
		return SV_OK;
	st = store_stmt(s, SQL_CO_PARTY_ORGS);
	stmt_bind_int(st, 1, agreement_id);
	while (n < 64) {
		if ((e = stmt_step(st, &row, diag)) != SV_OK)
			return e;
		if (!row)
			break;
		orgs[n++] = stmt_int(st, 0);
	}
	stmt_reset(st);
	if (n == 0)
		return SV_OK;
	for (i = 0; i < n; i++)
		if (org_is_within(s, actor->org_id, orgs[i]) ||
		    org_is_within(s, orgs[i], actor->org_id))
			return SV_OK;
	return sv_diag_set(diag, SV_ERR_FORBIDDEN, "agreement",
	    "only the parties of agreement %" PRId64 " may change it",
	    agreement_id);
}

/* Validation of one input value, converting it to its stored form. */
static enum sv_err
check_val(struct co_ctx *c, const struct co_field *f, struct co_val *v)
{
	struct sv_diag *diag = c->diag;
	struct co_rec *t;
	struct sv_stmt *st;
	enum sv_err e;
	int row, k;

	if (!v->set || v->null) {
		if (f->flags & CO_REQ)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s is required", f->name);
		v->null = 1;
		return SV_OK;
	}
	switch (f->type) {
	case CO_T_TEXT:
		if ((e = dom_text(v->s, f->name, (size_t)f->max,
		    (f->flags & CO_REQ) != 0, diag)) != SV_OK)
			return e;
		if (v->s == NULL || *v->s == '\0')
			v->null = 1;
		break;
	case CO_T_DATE:
		if (!co_date_valid(v->s))
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s must be a date YYYY-MM-DD", f->name);
		break;
	case CO_T_INSTANT:
		if (v->s != NULL && (e = sv_time_parse(v->s, &v->i, f->name,
		    diag)) != SV_OK)
			return e;
		v->s = NULL;
		break;
	case CO_T_INT:
		if (v->i < f->min || v->i > f->max)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s must be between %" PRId64 " and %" PRId64,
			    f->name, f->min, f->max);
		break;
	case CO_T_NUM:
		if (!(v->d >= (double)f->min && v->d <= (double)f->max))
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s must be between %" PRId64 " and %" PRId64,
			    f->name, f->min, f->max);
		break;
	case CO_T_BOOL:
		v->i = v->i != 0;
		break;
	case CO_T_ENUM:
		if ((k = dom_lookup(f->names, f->nnames, v->s)) < 0)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s: unknown value '%s'", f->name,
			    v->s ? v->s : "");
		v->i = k;
		break;
	case CO_T_REF:
		if (f->ref == c->desc->ent && c->old != NULL &&
		    v->i == c->old->id)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s may not point at the record itself", f->name);
		if ((e = co_get(c->store, f->ref, v->i, c->arena, &t,
		    diag)) != SV_OK)
			return e == SV_ERR_NOTFOUND ? sv_diag_set(diag,
			    SV_ERR_INVALID, f->name, "%s: no %s %" PRId64,
			    f->name, co_entity_names[f->ref], v->i) : e;
		/* links between agreements (parent, replaces) are free */
		if (f->ref != CO_AGREEMENT && t->agreement_id != 0 &&
		    c->rec->agreement_id != 0 &&
		    t->agreement_id != c->rec->agreement_id)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s: %s %" PRId64 " belongs to another agreement",
			    f->name, co_entity_names[f->ref], v->i);
		break;
	case CO_T_ORG:
	case CO_T_CATEGORY:
		st = store_stmt(c->store, f->type == CO_T_ORG ?
		    SQL_CO_ORG_ID : SQL_CO_CAT_ID);
		stmt_bind_text(st, 1, v->s);
		if ((e = stmt_step(st, &row, diag)) != SV_OK)
			return e;
		if (!row)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s: no %s '%s'", f->name, f->type == CO_T_ORG ?
			    "organisation" : "category", v->s ? v->s : "");
		v->i = stmt_int(st, 0);
		stmt_reset(st);
		break;
	case CO_T_AREA:
		st = store_stmt(c->store, SQL_CO_AREA_EXISTS);
		stmt_bind_int(st, 1, v->i);
		if ((e = stmt_step(st, &row, diag)) != SV_OK)
			return e;
		stmt_reset(st);
		if (!row)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s: no area %" PRId64, f->name, v->i);
		break;
	case CO_T_BLOB:
		if (v->len > (size_t)f->max)
			return sv_diag_set(diag, SV_ERR_INVALID, f->name,
			    "%s is larger than %" PRId64 " bytes", f->name,
			    f->max);
		break;
	default:
		break;
	}
	return SV_OK;
}

/* Applies a field's default to an unset value (create only). */
static void
apply_default(const struct co_field *f, struct co_val *v)
{
	if (v->set || f->dflt == NULL)
		return;
	v->set = 1;
	v->null = 0;
	switch (f->type) {
	case CO_T_INT:
	case CO_T_BOOL:
		v->i = strtoll(f->dflt, NULL, 10);
		break;
	case CO_T_NUM:
		v->d = strtod(f->dflt, NULL);
		break;
	default:
		v->s = f->dflt;
		break;
	}
}

static void
bind_val(struct sv_stmt *st, int n, const struct co_field *f,
    const struct co_val *v)
{
	if (!v->set || v->null) {
		stmt_bind_null(st, n);
		return;
	}
	switch (f->type) {
	case CO_T_TEXT:
	case CO_T_DATE:
	case CO_T_ENUM:
		stmt_bind_text(st, n, v->s);
		break;
	case CO_T_NUM:
		stmt_bind_double(st, n, v->d);
		break;
	case CO_T_BLOB:
		stmt_bind_blob(st, n, v->s, v->len);
		break;
	default:
		stmt_bind_int(st, n, v->i);
		break;
	}
}

static enum sv_err
check_all(struct co_ctx *c)
{
	const struct co_desc *d = c->desc;
	enum sv_err e;
	int i;

	for (i = 0; i < d->nfields; i++) {
		if ((e = check_val(c, &d->fields[i], &c->rec->v[i])) != SV_OK)
			return e;
	}
	return d->check != NULL ? d->check(c) : SV_OK;
}

static enum sv_err
do_insert(struct sv_store *s, const struct co_desc *d, struct co_rec *r,
    int64_t *id, struct sv_diag *diag)
{
	struct sv_stmt *st = store_stmt(s, d->sql_insert);
	enum sv_err e;
	int n = 1, i, row;

	if (d->agr_key)
		stmt_bind_int(st, n++, r->agreement_id);
	if (d->parent != CO__MAX && d->parent != CO_AGREEMENT)
		stmt_bind_int(st, n++, r->parent_id);
	for (i = 0; i < d->nfields; i++)
		bind_val(st, n++, &d->fields[i], &r->v[i]);
	if ((e = stmt_step(st, &row, diag)) != SV_OK)
		return e == SV_ERR_CONFLICT ? sv_diag_set(diag, e,
		    co_entity_names[d->ent], "such a %s already exists",
		    co_entity_names[d->ent]) : e;
	r->id = row ? stmt_int(st, 0) : 0;
	stmt_reset(st);
	if (id != NULL)
		*id = r->id;
	return SV_OK;
}

/* Sets agreement_id and parent_id of r from its parent record. */
static enum sv_err
resolve_parent(struct sv_store *s, const struct co_desc *d,
    int64_t parent_id, struct sv_arena *a, struct co_rec *r,
    struct sv_diag *diag)
{
	struct co_rec *p;
	enum sv_err e;

	if (d->parent == CO__MAX) {
		r->parent_id = 0;
		r->agreement_id = 0;
		return SV_OK;
	}
	if ((e = co_get(s, d->parent, parent_id, a, &p, diag)) != SV_OK)
		return e;
	r->parent_id = parent_id;
	r->agreement_id = d->parent == CO_AGREEMENT ? parent_id :
	    p->agreement_id;
	return SV_OK;
}

/* For a top-level record with an agreement reference (a dialogue). */
static void
own_agreement(const struct co_desc *d, struct co_rec *r)
{
	int i;

	if (d->parent != CO__MAX || d->ent == CO_AGREEMENT)
		return;
	for (i = 0; i < d->nfields; i++)
		if (d->fields[i].type == CO_T_REF &&
		    d->fields[i].ref == CO_AGREEMENT)
			r->agreement_id = r->v[i].set && !r->v[i].null ?
			    r->v[i].i : 0;
}

/* A record as stored, for the audit trail (blobs as size and SHA-256). */
static void
rec_audit_obj(const struct co_desc *d, const struct co_rec *r,
    struct audit_obj *j)
{
	const struct co_field *f;
	const struct co_val *v;
	char h[65];
	int i;

	audit_obj_begin(j);
	if (r->parent_id)
		audit_obj_int(j, "parent_id", r->parent_id);
	for (i = 0; i < d->nfields; i++) {
		f = &d->fields[i];
		v = &r->v[i];
		if (!v->set || v->null) {
			audit_obj_null(j, f->name);
			continue;
		}
		switch (f->type) {
		case CO_T_INT:
		case CO_T_REF:
		case CO_T_AREA:
		case CO_T_INSTANT:
			audit_obj_int(j, f->name, v->i);
			break;
		case CO_T_NUM:
			audit_obj_num(j, f->name, v->d);
			break;
		case CO_T_BOOL:
			audit_obj_bool(j, f->name, v->i != 0);
			break;
		case CO_T_BLOB:
			dom_sha256_hex(v->s != NULL ? v->s : "", v->s != NULL ?
			    v->len : 0, h);
			audit_obj_str(j, f->name, h);
			break;
		default:	/* text, date, enum, organisation, category */
			audit_obj_str(j, f->name, v->s);
			break;
		}
	}
	audit_obj_end(j);
}

/*
 * Audits a change of record id of entity e: before (NULL on create) and
 * the record read back after the write (NULL when deleted).
 */
static enum sv_err
audit(struct sv_store *s, const struct sv_actor *actor, const char *what,
    enum co_entity e, int64_t id, const struct co_rec *before, int gone)
{
	struct sv_arena *a = sv_arena_new();
	struct audit_obj jb, ja;
	struct co_rec *now = NULL;
	char buf[24];
	enum sv_err err;

	if (!gone && (err = co_get(s, e, id, a, &now, NULL)) != SV_OK)
		goto out;
	if (before != NULL)
		rec_audit_obj(descs[e], before, &jb);
	if (now != NULL)
		rec_audit_obj(descs[e], now, &ja);
	snprintf(buf, sizeof(buf), "%" PRId64, id);
	err = audit_change(s, actor, what, co_entity_names[e], buf,
	    before != NULL ? jb.b.data : NULL, now != NULL ? ja.b.data : NULL);
	if (before != NULL)
		audit_obj_free(&jb);
	if (now != NULL)
		audit_obj_free(&ja);
out:
	sv_arena_free(a);
	return err;
}

enum sv_err
co_create(struct sv_store *s, const struct sv_actor *actor,
    int64_t parent_id, struct co_rec *in, int64_t *id, struct sv_diag *diag)
{
	const struct co_desc *d = descs[in->ent];
	struct sv_arena *a = sv_arena_new();
	struct co_ctx c;
	enum sv_err e;
	int i, tx = 0;

	if (d->readonly && !actor->system) {
		e = sv_diag_set(diag, SV_ERR_FORBIDDEN,
		    co_entity_names[d->ent], "%s records are kept by the "
		    "program", co_entity_names[d->ent]);
		goto out;
	}
	for (i = 0; i < d->nfields; i++) {
		if ((d->fields[i].flags & CO_RO) && in->v[i].set &&
		    !actor->system) {
			e = sv_diag_set(diag, SV_ERR_INVALID,
			    d->fields[i].name, "%s is set by the program",
			    d->fields[i].name);
			goto out;
		}
		apply_default(&d->fields[i], &in->v[i]);
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	tx = 1;
	if ((e = resolve_parent(s, d, parent_id, a, in, diag)) != SV_OK)
		goto out;
	own_agreement(d, in);
	if ((e = may_write(s, actor, in->agreement_id, diag)) != SV_OK)
		goto out;
	memset(&c, 0, sizeof(c));
	c.store = s;
	c.actor = actor;
	c.desc = d;
	c.arena = a;
	c.rec = in;
	c.diag = diag;
	if ((e = check_all(&c)) != SV_OK)
		goto out;
	own_agreement(d, in);
	if ((e = do_insert(s, d, in, id, diag)) != SV_OK)
		goto out;
	if (d->after != NULL && (e = d->after(&c)) != SV_OK)
		goto out;
	if ((e = audit(s, actor, "create", d->ent, in->id, NULL, 0)) != SV_OK)
		goto out;
	e = store_commit(s);
	tx = 0;
out:
	if (tx)
		store_rollback(s);
	sv_arena_free(a);
	return e;
}

enum sv_err
co_insert_raw(struct sv_store *s, int64_t parent_id, struct co_rec *in,
    int64_t *id, struct sv_diag *diag)
{
	const struct co_desc *d = descs[in->ent];
	struct sv_arena *a = sv_arena_new();
	enum sv_err e;

	if ((e = resolve_parent(s, d, parent_id, a, in, diag)) == SV_OK)
		e = do_insert(s, d, in, id, diag);
	sv_arena_free(a);
	return e;
}

enum sv_err
co_update(struct sv_store *s, const struct sv_actor *actor, int64_t id,
    struct co_rec *patch, struct sv_diag *diag)
{
	const struct co_desc *d = descs[patch->ent];
	struct sv_arena *a = sv_arena_new();
	struct co_rec *old, *nr;
	struct sv_stmt *st;
	struct co_ctx c;
	enum sv_err e;
	int i, tx = 0;

	if (d->readonly && !actor->system) {
		e = sv_diag_set(diag, SV_ERR_FORBIDDEN,
		    co_entity_names[d->ent], "%s records are kept by the "
		    "program", co_entity_names[d->ent]);
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	tx = 1;
	if ((e = co_get(s, d->ent, id, a, &old, diag)) != SV_OK)
		goto out;
	if ((e = may_write(s, actor, old->agreement_id, diag)) != SV_OK)
		goto out;
	nr = co_rec_new(a, d->ent);
	nr->id = old->id;
	nr->agreement_id = old->agreement_id;
	nr->parent_id = old->parent_id;
	for (i = 0; i < d->nfields; i++) {
		if (patch->v[i].set) {
			if ((d->fields[i].flags & CO_RO) && !actor->system) {
				e = sv_diag_set(diag, SV_ERR_INVALID,
				    d->fields[i].name, "%s is set by the "
				    "program", d->fields[i].name);
				goto out;
			}
			nr->v[i] = patch->v[i];
		} else {
			nr->v[i] = old->v[i];
			/* stored forms are already valid: keep ids */
			if (d->fields[i].type == CO_T_INSTANT)
				nr->v[i].s = NULL;
		}
	}
	memset(&c, 0, sizeof(c));
	c.store = s;
	c.actor = actor;
	c.desc = d;
	c.arena = a;
	c.rec = nr;
	c.old = old;
	c.diag = diag;
	if ((e = check_all(&c)) != SV_OK)
		goto out;
	own_agreement(d, nr);
	st = store_stmt(s, d->sql_update);
	stmt_bind_int(st, 1, id);
	for (i = 0; i < d->nfields; i++)
		bind_val(st, i + 2, &d->fields[i], &nr->v[i]);
	if ((e = stmt_exec(st, diag)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(diag, e, co_entity_names[d->ent],
			    "the change conflicts with another %s",
			    co_entity_names[d->ent]);
		goto out;
	}
	if (d->after != NULL && (e = d->after(&c)) != SV_OK)
		goto out;
	if ((e = audit(s, actor, "update", d->ent, id, old, 0)) != SV_OK)
		goto out;
	e = store_commit(s);
	tx = 0;
out:
	if (tx)
		store_rollback(s);
	sv_arena_free(a);
	return e;
}

enum sv_err
co_delete(struct sv_store *s, const struct sv_actor *actor,
    enum co_entity ent, int64_t id, struct sv_diag *diag)
{
	const struct co_desc *d = descs[ent];
	struct sv_arena *a = sv_arena_new();
	struct co_rec *old;
	struct sv_stmt *st;
	struct co_ctx c;
	enum sv_err e;
	int tx = 0;

	if (d->readonly && !actor->system) {
		e = sv_diag_set(diag, SV_ERR_FORBIDDEN,
		    co_entity_names[d->ent], "%s records are kept by the "
		    "program", co_entity_names[d->ent]);
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	tx = 1;
	if ((e = co_get(s, ent, id, a, &old, diag)) != SV_OK)
		goto out;
	if ((e = may_write(s, actor, old->agreement_id, diag)) != SV_OK)
		goto out;
	memset(&c, 0, sizeof(c));
	c.store = s;
	c.actor = actor;
	c.desc = d;
	c.arena = a;
	c.rec = old;
	c.old = old;
	c.diag = diag;
	if (d->check_delete != NULL && (e = d->check_delete(&c)) != SV_OK)
		goto out;
	st = store_stmt(s, d->sql_delete);
	stmt_bind_int(st, 1, id);
	if ((e = stmt_exec(st, diag)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(diag, e, co_entity_names[ent],
			    "other records still point at this %s",
			    co_entity_names[ent]);
		goto out;
	}
	if ((e = audit(s, actor, "delete", ent, id, old, 1)) != SV_OK)
		goto out;
	e = store_commit(s);
	tx = 0;
out:
	if (tx)
		store_rollback(s);
	sv_arena_free(a);
	return e;
}
