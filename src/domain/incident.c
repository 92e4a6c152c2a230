/*
 * Incidents: validation (category, times, location inside Sweden, free
 * text without personnummer), area assignment per layer, rights, the
 * filtered keyset query and grouped counts, and the idempotent upsert
 * that imports use (content hash per source and external id).
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/svtime.h"
#include "domain/area.h"
#include "domain/audit.h"
#include "domain/category.h"
#include "domain/dom.h"
#include "domain/incident.h"
#include "domain/incident_impl.h"
#include "domain/organisation.h"
#include "domain/pii.h"
#include "domain/sharing.h"
#include "domain/trust.h"
#include "geo/geo.h"
#include "store/store.h"

const char *const sv_certainty_names[SV_CERTAINTY__MAX] = {
	"observed", "suspected",
};
const char *const sv_status_names[SV_STATUS__MAX] = { "active", "withdrawn" };
const char *const sv_status_filter_names[SV_STATUS_FILTER__MAX] = {
	"active", "withdrawn", "all",
};
const char *const sv_count_group_names[SV_COUNT__MAX] = {
	"area", "category", "week", "day", "hour", "org",
};

/* Times accepted: 2000-01-01 .. 2100-01-01. */
#define TIME_MIN	INT64_C(946684800)
#define TIME_MAX	INT64_C(4102444800)

void
incident_input_init(struct sv_incident_input *in)
{
	memset(in, 0, sizeof(*in));
	in->severity = 1;
	in->people_count = -1;
	in->certainty = SV_CERTAINTY_OBSERVED;
	in->status = SV_STATUS_ACTIVE;
}

void
incident_filter_init(struct sv_incident_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->status = SV_STATUS_FILTER_ACTIVE;
}

void
incident_to_input(const struct sv_incident *inc, struct sv_incident_input *in)
{
	incident_input_init(in);
	in->organisation = inc->organisation;
	in->category = inc->category;
	in->observed_from = inc->observed_from;
	in->observed_to = inc->observed_to;
	in->has_observed_to = inc->has_observed_to;
	in->locate = SV_LOCATE_SWEREF;
	in->a = inc->x;
	in->b = inc->y;
	in->severity = inc->severity;
	in->people_count = inc->people_count;
	in->certainty = inc->certainty;
	in->description = inc->description;
	in->source = inc->source;
	in->external_id = inc->external_id;
	in->status = inc->status;
}


/* The location of an area given by layer and code, as resolved before. */
struct place {
	double			x, y, lat, lon;
	int64_t			loc_area;
	struct sv_area_hit	hits[SV_LAYER__MAX];
	size_t			nhits;
};

static void
place_key(const struct sv_incident_input *in, char *key, size_t size)
{
	snprintf(key, size, "%s\x1f%s", in->area_layer ? in->area_layer : "",
	    in->area_code ? in->area_code : "");
}

static enum sv_err
resolve_location(struct sv_store *s, const struct sv_incident_input *in,
    struct inc_resolved *r, struct sv_diag *d);

/* resolve_location with the area locations of lk (may be NULL) cached. */
static enum sv_err
resolve_location_cached(struct sv_store *s, const struct sv_incident_input *in,
    struct inc_lookups *lk, struct inc_resolved *r, struct sv_diag *d)
{
	struct inc_map_entry *slot;
	struct place *p;
	char key[512];
	enum sv_err e;
	int found;

	if (lk == NULL || in->locate != SV_LOCATE_AREA)
		return resolve_location(s, in, r, d);
	place_key(in, key, sizeof(key));
	slot = inc_map_find(&lk->places, key, &found);
	if (found) {
		p = slot->val;
		r->x = p->x;
		r->y = p->y;
		r->lat = p->lat;
		r->lon = p->lon;
		r->loc_area = p->loc_area;
		memcpy(r->hits, p->hits, sizeof(r->hits));
		r->nhits = p->nhits;
		return SV_OK;
	}
	if ((e = resolve_location(s, in, r, d)) != SV_OK)
		return e;
	p = sv_calloc(1, sizeof(*p));
	p->x = r->x;
	p->y = r->y;
	p->lat = r->lat;
	p->lon = r->lon;
	p->loc_area = r->loc_area;
	memcpy(p->hits, r->hits, sizeof(p->hits));
	p->nhits = r->nhits;
	inc_map_put(&lk->places, slot, key, 0, p);
	return SV_OK;
}

static enum sv_err
resolve_location(struct sv_store *s, const struct sv_incident_input *in,
    struct inc_resolved *r, struct sv_diag *d)
{
	struct sv_geo *g = store_geo(s);
	struct sv_arena *a;
	struct sv_area ar;
	enum sv_err e;

	r->loc_area = 0;
	switch (in->locate) {
	case SV_LOCATE_WGS84:
		if (!isfinite(in->a) || !isfinite(in->b) ||
		    !geo_in_sweden_wgs84(in->a, in->b))
			return sv_diag_set(d, SV_ERR_INVALID, "lat",
			    "the point %.6f,%.6f lies outside Sweden", in->a,
			    in->b);
		r->lat = in->a;
		r->lon = in->b;
		if (geo_to_sweref(g, r->lat, r->lon, &r->x, &r->y) != SV_OK)
			return sv_diag_set(d, SV_ERR_INVALID, "lat",
			    "the point cannot be transformed");
		break;
	case SV_LOCATE_SWEREF:
		if (!isfinite(in->a) || !isfinite(in->b) ||
		    !geo_in_sweden_sweref(in->a, in->b))
			return sv_diag_set(d, SV_ERR_INVALID, "x",
			    "the point %.1f,%.1f (SWEREF 99 TM) lies outside "
			    "Sweden", in->a, in->b);
		r->x = in->a;
		r->y = in->b;
		if (geo_to_wgs84(g, r->x, r->y, &r->lat, &r->lon) != SV_OK)
			return sv_diag_set(d, SV_ERR_INVALID, "x",
			    "the point cannot be transformed");
		if (in->has_wgs84) {
			/* 1e-5 degrees is about a metre. */
			if (!(fabs(in->lat - r->lat) < 1e-5 &&
			    fabs(in->lon - r->lon) < 2e-5))
				return sv_diag_set(d, SV_ERR_INVALID, "lat",
				    "lat/lon %.7f,%.7f is not the point x/y "
				    "%.2f,%.2f", in->lat, in->lon, in->a, in->b);
			r->lat = in->lat;
			r->lon = in->lon;
		}
		break;
	case SV_LOCATE_AREA:
		a = sv_arena_new();
		e = area_find(s, in->area_layer, in->area_code, a, &ar, d);
		if (e == SV_OK)
			e = area_get(s, ar.id, 1, a, &ar, d);
		if (e == SV_OK && (ar.wkb == NULL ||
		    geo_wkb_point_on_surface(g, ar.wkb, ar.wkb_len, &r->x,
		    &r->y) != SV_OK))
			e = sv_diag_set(d, SV_ERR_INVALID, "area",
			    "the area has no geometry");
		if (e == SV_OK)
			e = geo_to_wgs84(g, r->x, r->y, &r->lat, &r->lon);
		r->loc_area = ar.id;
		sv_arena_free(a);
		if (e == SV_ERR_NOTFOUND)
			e = sv_diag_set(d, SV_ERR_INVALID, "area",
			    "no area '%s'", in->area_code ? in->area_code : "");
		if (e != SV_OK)
			return e;
		return area_lineage(s, r->loc_area, r->hits, &r->nhits, d);
	default:
		return sv_diag_set(d, SV_ERR_INVALID, "lat",
		    "a location is required: lat and lon, x and y, or area");
	}
	return area_locate(s, r->x, r->y, r->hits, &r->nhits, d);
}

static void
content_hash(const struct sv_incident_input *in, const struct inc_resolved *r,
    char out[65])
{
	struct sv_buf b;

	sv_buf_init(&b, SV_BUF_DEFAULT_CAP);
	sv_buf_printf(&b, "%" PRId64 "|%" PRId64 "|%" PRId64 "|%" PRId64
	    "|%d|%.3f|%.3f|%" PRId64 "|%d|%d|%d|%d|", r->org_id,
	    r->category_id, in->observed_from, in->observed_to,
	    in->has_observed_to, r->x, r->y, r->loc_area, in->severity,
	    in->people_count, (int)in->certainty, (int)in->status);
	sv_buf_puts(&b, r->text ? r->text : "");
	dom_sha256_hex(b.data, b.len, out);
	sv_buf_free(&b);
}

/* The id of organisation code, cached in lk (may be NULL). */
static enum sv_err
org_id_of(struct sv_store *s, struct inc_lookups *lk, const char *code,
    int64_t *id, struct sv_diag *d)
{
	struct inc_map_entry *slot = NULL;
	struct sv_arena *ar;
	struct sv_org o;
	enum sv_err e;
	int found = 0;

	if (lk != NULL && (slot = inc_map_find(&lk->orgs, code, &found)) &&
	    found) {
		*id = slot->id;
		return SV_OK;
	}
	ar = sv_arena_new();
	if ((e = org_get(s, code, ar, &o, d)) == SV_OK) {
		*id = o.id;
		if (slot != NULL)
			inc_map_put(&lk->orgs, slot, code, o.id, NULL);
	} else if (e == SV_ERR_NOTFOUND)
		e = sv_diag_set(d, SV_ERR_INVALID, "organisation",
		    "no organisation '%s'", code);
	sv_arena_free(ar);
	return e;
}

/* The id of an active category, cached in lk (may be NULL). */
static enum sv_err
category_id_of(struct sv_store *s, struct inc_lookups *lk, const char *code,
    int64_t *id, struct sv_diag *d)
{
	struct inc_map_entry *slot = NULL;
	struct sv_category c;
	struct sv_arena *ar;
	enum sv_err e;
	int found = 0;

	if (lk != NULL && code != NULL &&
	    (slot = inc_map_find(&lk->cats, code, &found)) && found)
		*id = slot->id;
	else {
		ar = sv_arena_new();
		e = category_get(s, code, ar, &c, d);
		sv_arena_free(ar);
		if (e == SV_ERR_NOTFOUND)
			return sv_diag_set(d, SV_ERR_INVALID, "category",
			    "no category '%s'", code ? code : "");
		if (e != SV_OK)
			return e;
		*id = c.active ? c.id : -1;
		if (slot != NULL)
			inc_map_put(&lk->cats, slot, code, *id, NULL);
	}
	if (*id < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "category",
		    "the category '%s' is no longer in use", code);
	return SV_OK;
}

static enum sv_err
validate(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_input *in, struct inc_lookups *lk,
    struct inc_resolved *r, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	enum sv_err e;

	memset(r, 0, sizeof(*r));
	if (in->organisation != NULL) {
		if ((e = org_id_of(s, lk, in->organisation, &r->org_id, d)) !=
		    SV_OK)
			goto out;
	} else
		r->org_id = a->org_id;
	if (r->org_id == 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "organisation",
		    "organisation is required");
		goto out;
	}
	if (!a->system && r->org_id != a->org_id) {
		e = sv_diag_set(d, SV_ERR_FORBIDDEN, "organisation",
		    "you may report only for your own organisation");
		goto out;
	}
	if ((e = category_id_of(s, lk, in->category, &r->category_id, d)) !=
	    SV_OK)
		goto out;
	if (in->observed_from < TIME_MIN || in->observed_from > TIME_MAX) {
		e = sv_diag_set(d, SV_ERR_INVALID, "observed_from",
		    "observed_from must lie between 2000 and 2100");
		goto out;
	}
	if (in->has_observed_to && (in->observed_to < in->observed_from ||
	    in->observed_to > TIME_MAX)) {
		e = sv_diag_set(d, SV_ERR_INVALID, "observed_to",
		    "observed_to must not lie before observed_from");
		goto out;
	}
	if (in->severity < 1 || in->severity > 3) {
		e = sv_diag_set(d, SV_ERR_INVALID, "severity",
		    "severity must be 1, 2 or 3");
		goto out;
	}
	if (in->people_count < -1 || in->people_count > SV_PEOPLE_MAX) {
		e = sv_diag_set(d, SV_ERR_INVALID, "people_count",
		    "people_count must be 0 to %d", SV_PEOPLE_MAX);
		goto out;
	}
	if ((unsigned)in->certainty >= SV_CERTAINTY__MAX ||
	    (unsigned)in->status >= SV_STATUS__MAX) {
		e = sv_diag_set(d, SV_ERR_INVALID, "certainty",
		    "certainty must be observed or suspected");
		goto out;
	}
	if ((e = dom_text(in->description, "description", SV_DESCRIPTION_MAX,
	    0, d)) != SV_OK)
		goto out;
	/* Personal data is refused or masked (domain/pii.h). */
	if ((e = pii_check(in->description, lk != NULL ?
	    (enum sv_pii_mode)lk->pii_mode : trust_pii_mode(s), "description",
	    ar, &r->text, d)) != SV_OK)
		goto out;
	if (r->text != in->description) {
		if (strlen(r->text) >= sizeof(r->masked)) {
			e = sv_diag_set(d, SV_ERR_INVALID, "description",
			    "the description is too long");
			goto out;
		}
		snprintf(r->masked, sizeof(r->masked), "%s", r->text);
		r->text = r->masked;
	}
	if ((in->source != NULL && (e = dom_code(in->source, "source", 32,
	    d)) != SV_OK) || (e = dom_text(in->external_id, "external_id", 200,
	    0, d)) != SV_OK)
		goto out;
	if ((e = resolve_location_cached(s, in, lk, r, d)) != SV_OK)
		goto out;
	content_hash(in, r, r->hash);
out:
	sv_arena_free(ar);
	return e;
}

static void
bind_fields(struct sv_stmt *st, int base, const struct sv_incident_input *in,
    const struct inc_resolved *r)
{
	/* base is the placeholder of org_id; the rest follow in order. */
	stmt_bind_int(st, base, r->org_id);
	stmt_bind_int(st, base + 1, r->category_id);
	stmt_bind_int(st, base + 2, in->observed_from);
	if (in->has_observed_to)
		stmt_bind_int(st, base + 3, in->observed_to);
	stmt_bind_double(st, base + 4, r->x);
	stmt_bind_double(st, base + 5, r->y);
	stmt_bind_double(st, base + 6, r->lat);
	stmt_bind_double(st, base + 7, r->lon);
	stmt_bind_int(st, base + 8, in->severity);
	if (in->people_count >= 0)
		stmt_bind_int(st, base + 9, in->people_count);
	stmt_bind_text(st, base + 10, sv_certainty_names[in->certainty]);
	stmt_bind_text(st, base + 11, r->text && *r->text ? r->text : NULL);
	stmt_bind_text(st, base + 12, in->source ? in->source : "est");
	stmt_bind_text(st, base + 13, in->external_id && *in->external_id ?
	    in->external_id : NULL);
	stmt_bind_text(st, base + 14, sv_status_names[in->status]);
}

static enum sv_err
write_areas(struct sv_store *s, int64_t id, const struct inc_resolved *r,
    int replace, struct sv_diag *d)
{
	struct sv_stmt *st;
	size_t i;
	enum sv_err e;

	if (replace) {
		st = store_stmt(s, SQL_INC_AREA_CLEAR);
		stmt_bind_int(st, 1, id);
		if ((e = stmt_exec(st, d)) != SV_OK)
			return e;
	}
	for (i = 0; i < r->nhits; i++) {
		st = store_stmt(s, SQL_INC_AREA_INSERT);
		stmt_bind_int(st, 1, id);
		stmt_bind_text(st, 2, r->hits[i].layer);
		stmt_bind_int(st, 3, r->hits[i].area_id);
		if ((e = stmt_exec(st, d)) != SV_OK)
			return e;
	}
	return SV_OK;
}

static enum sv_err
insert(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_input *in, const struct inc_resolved *r,
    int64_t *id, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_INC_INSERT);
	enum sv_err e;
	int row;

	bind_fields(st, 1, in, r);
	if (a->user_id)
		stmt_bind_int(st, 16, a->user_id);
	stmt_bind_int(st, 17, dom_now());
	stmt_bind_text(st, 18, r->hash);
	if (r->loc_area)
		stmt_bind_int(st, 19, r->loc_area);
	if ((e = stmt_step(st, &row, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "external_id",
			    "an incident with this source and external id "
			    "exists");
		return e;
	}
	*id = stmt_int(st, 0);
	stmt_reset(st);
	return write_areas(s, *id, r, 0, d);
}

static enum sv_err
update(struct sv_store *s, int64_t id, const struct sv_incident_input *in,
    const struct inc_resolved *r, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_INC_UPDATE);
	enum sv_err e;

	stmt_bind_int(st, 1, id);
	bind_fields(st, 2, in, r);
	stmt_bind_int(st, 17, dom_now());
	stmt_bind_text(st, 18, r->hash);
	if (r->loc_area)
		stmt_bind_int(st, 19, r->loc_area);
	if ((e = stmt_exec(st, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "external_id",
			    "an incident with this source and external id "
			    "exists");
		return e;
	}
	return write_areas(s, id, r, 1, d);
}

/*
 * The incident as stored, for the audit trail. The free text is recorded
 * as its SHA-256 and length: the trail is never erased, and retention
 * must be able to remove the text itself.
 */
static enum sv_err
inc_snapshot(struct sv_store *s, int64_t id, struct sv_arena *ar,
    struct audit_obj *j)
{
	struct sv_incident r;
	struct sv_actor sys;
	enum sv_err e;

	actor_system(&sys);
	if ((e = incident_get(s, &sys, id, ar, &r, NULL)) != SV_OK)
		return e;
	audit_obj_begin(j);
	audit_obj_str(j, "organisation", r.organisation);
	audit_obj_str(j, "category", r.category);
	audit_obj_int(j, "observed_from", r.observed_from);
	if (r.has_observed_to)
		audit_obj_int(j, "observed_to", r.observed_to);
	else
		audit_obj_null(j, "observed_to");
	audit_obj_num(j, "x", r.x);
	audit_obj_num(j, "y", r.y);
	audit_obj_int(j, "loc_area_id", r.loc_area_id);
	audit_obj_int(j, "severity", r.severity);
	audit_obj_int(j, "people_count", r.people_count);
	audit_obj_str(j, "certainty", (unsigned)r.certainty <
	    SV_CERTAINTY__MAX ? sv_certainty_names[r.certainty] : NULL);
	audit_obj_digest(j, "description", r.description);
	audit_obj_str(j, "source", r.source);
	audit_obj_str(j, "external_id", r.external_id);
	audit_obj_str(j, "status", (unsigned)r.status < SV_STATUS__MAX ?
	    sv_status_names[r.status] : NULL);
	audit_obj_end(j);
	return SV_OK;
}

/* Audits a change of incident id: before (NULL on create) and now. */
static enum sv_err
inc_audit(struct sv_store *s, const struct sv_actor *a, const char *action,
    int64_t id, const char *before)
{
	struct sv_arena *ar = sv_arena_new();
	struct audit_obj ja;
	char eid[24];
	enum sv_err e;

	if ((e = inc_snapshot(s, id, ar, &ja)) == SV_OK) {
		snprintf(eid, sizeof(eid), "%" PRId64, id);
		e = audit_change(s, a, action, "incident", eid, before,
		    ja.b.data);
		audit_obj_free(&ja);
	}
	sv_arena_free(ar);
	return e;
}

enum sv_err
incident_create(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_input *in, int64_t *id, struct sv_diag *d)
{
	struct inc_resolved r;
	struct sv_incident_input v = *in;
	int64_t nid = 0;
	enum sv_err e;

	v.status = SV_STATUS_ACTIVE;
	if ((e = actor_require(a, SV_ROLE_RAPPORTOR, d)) != SV_OK)
		return e;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	if ((e = validate(s, a, &v, NULL, &r, d)) != SV_OK ||
	    (e = insert(s, a, &v, &r, &nid, d)) != SV_OK)
		goto fail;
	if ((e = inc_audit(s, a, "create", nid, NULL)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		goto fail;
	if (id != NULL)
		*id = nid;
	return SV_OK;
fail:
	store_rollback(s);
	return e;
}

enum sv_err
incident_resolve(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_input *in, struct inc_lookups *lk,
    struct inc_resolved *r, struct sv_diag *d)
{
	if (in->external_id == NULL || *in->external_id == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, "external_id",
		    "an import needs an external id per incident");
	return validate(s, a, in, lk, r, d);
}

enum sv_err
incident_store_resolved(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_input *in, const struct inc_resolved *r,
    int *changed, struct sv_diag *d)
{
	struct sv_stmt *st;
	int64_t id;
	enum sv_err e;
	int row, same;

	*changed = 0;
	st = store_stmt(s, SQL_INC_BY_EXT);
	stmt_bind_text(st, 1, in->source ? in->source : "est");
	stmt_bind_text(st, 2, in->external_id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row) {
		stmt_reset(st);
		if ((e = insert(s, a, in, r, &id, d)) == SV_OK)
			*changed = 1;
		return e;
	}
	id = stmt_int(st, 0);
	same = stmt_text(st, 1) != NULL && strcmp(stmt_text(st, 1), r->hash) == 0;
	stmt_reset(st);
	if (same)
		return SV_OK;
	if ((e = update(s, id, in, r, d)) == SV_OK)
		*changed = 2;
	return e;
}

enum sv_err
incident_upsert(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_input *in, int *changed, struct sv_diag *d)
{
	struct inc_resolved r;
	enum sv_err e;

	*changed = 0;
	if ((e = actor_require(a, SV_ROLE_RAPPORTOR, d)) != SV_OK ||
	    (e = incident_resolve(s, a, in, NULL, &r, d)) != SV_OK)
		return e;
	return incident_store_resolved(s, a, in, &r, changed, d);
}

/* Fills inc from an incident row; the text only at sharing level full. */
static void
fill(struct sv_arena *ar, struct sv_stmt *st,
    struct sv_incident *inc, int copy)
{
	int k;

#define COL(c) (copy ? dom_col(ar, st, (c)) : stmt_text(st, (c)))
	memset(inc, 0, sizeof(*inc));
	inc->id = stmt_int(st, 0);
	inc->organisation = COL(1);
	inc->org_id = stmt_int(st, 2);
	inc->category = COL(3);
	inc->observed_from = stmt_int(st, 4);
	inc->has_observed_to = !stmt_isnull(st, 5);
	inc->observed_to = inc->has_observed_to ? stmt_int(st, 5) : 0;
	inc->x = stmt_double(st, 6);
	inc->y = stmt_double(st, 7);
	inc->lat = stmt_double(st, 8);
	inc->lon = stmt_double(st, 9);
	inc->severity = (int)stmt_int(st, 10);
	inc->people_count = stmt_isnull(st, 11) ? -1 : (int)stmt_int(st, 11);
	k = dom_lookup(sv_certainty_names, SV_CERTAINTY__MAX, stmt_text(st, 12));
	inc->certainty = k < 0 ? SV_CERTAINTY_OBSERVED : (enum sv_certainty)k;
	/* Free text only at sharing level full (domain/sharing.h). */
	if (stmt_int(st, 23) >= SV_SHARE_FULL)
		inc->description = COL(13);
	inc->source = COL(14);
	inc->external_id = COL(15);
	k = dom_lookup(sv_status_names, SV_STATUS__MAX, stmt_text(st, 16));
	inc->status = k < 0 ? SV_STATUS_ACTIVE : (enum sv_incident_status)k;
	inc->created_by = stmt_isnull(st, 17) ? 0 : stmt_int(st, 17);
	inc->created_at = stmt_int(st, 18);
	inc->updated_at = stmt_int(st, 19);
	inc->loc_area_id = stmt_isnull(st, 21) ? 0 : stmt_int(st, 21);
#undef COL
}

static enum sv_err
load_areas(struct sv_store *s, struct sv_arena *ar, struct sv_incident *inc,
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_INC_AREAS);
	struct sv_incident_area *v;
	enum sv_err e;
	int row;

	v = sv_arena_alloc(ar, SV_LAYER__MAX * sizeof(*v));
	inc->areas = v;
	inc->nareas = 0;
	stmt_bind_int(st, 1, inc->id);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (inc->nareas == SV_LAYER__MAX)
			continue;
		v[inc->nareas].layer = dom_col(ar, st, 0);
		v[inc->nareas].code = dom_col(ar, st, 1);
		v[inc->nareas].name = dom_col(ar, st, 2);
		v[inc->nareas].id = stmt_int(st, 3);
		inc->nareas++;
	}
	return SV_OK;
}

enum sv_err
incident_get(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_arena *ar, struct sv_incident *out, struct sv_diag *d)
{
	struct sv_stmt *st;
	enum sv_err e;
	int row;

	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_INC_GET);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 16, sharing_reader(a));
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	/* Shared as aggregated figures or not at all: not listed. */
	if (row && stmt_int(st, 23) < SV_SHARE_NO_TEXT) {
		stmt_reset(st);
		row = 0;
	}
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "", "no such incident");
	fill(ar, st, out, 1);
	stmt_reset(st);
	return load_areas(s, ar, out, d);
}

/* May the actor change incident inc? */
static enum sv_err
may_change(const struct sv_actor *a, const struct sv_incident *inc,
    struct sv_diag *d)
{
	if (a->system)
		return SV_OK;
	if (!actor_has_role(a, SV_ROLE_RAPPORTOR) || a->org_id != inc->org_id)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "only the reporting organisation may change an incident");
	if (a->role == SV_ROLE_RAPPORTOR && inc->created_by != a->user_id)
		return sv_diag_set(d, SV_ERR_FORBIDDEN, "",
		    "a reporter may change only their own incidents");
	return SV_OK;
}

enum sv_err
incident_update(struct sv_store *s, const struct sv_actor *a, int64_t id,
    const struct sv_incident_input *in, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_incident cur;
	struct inc_resolved r;
	struct audit_obj jb;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = incident_get(s, a, id, ar, &cur, d)) != SV_OK ||
	    (e = may_change(a, &cur, d)) != SV_OK ||
	    (e = validate(s, a, in, NULL, &r, d)) != SV_OK ||
	    (e = inc_snapshot(s, id, ar, &jb)) != SV_OK)
		goto fail;
	if ((e = update(s, id, in, &r, d)) != SV_OK ||
	    (e = inc_audit(s, a, "update", id, jb.b.data)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK) {
		audit_obj_free(&jb);
		goto fail;
	}
	audit_obj_free(&jb);
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
incident_withdraw(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_incident cur;
	struct sv_stmt *st;
	struct audit_obj jb;
	enum sv_err e;

	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = incident_get(s, a, id, ar, &cur, d)) != SV_OK ||
	    (e = may_change(a, &cur, d)) != SV_OK ||
	    (e = inc_snapshot(s, id, ar, &jb)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_INC_WITHDRAW);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, dom_now());
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = inc_audit(s, a, "withdraw", id, jb.b.data)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK) {
		audit_obj_free(&jb);
		goto fail;
	}
	audit_obj_free(&jb);
	goto out;
fail:
	store_rollback(s);
out:
	sv_arena_free(ar);
	return e;
}

/* Binds the filter to placeholders $1..$13 of a filtered statement. */
static enum sv_err
bind_filter(struct sv_store *s, struct sv_stmt *st,
    const struct sv_incident_filter *f, int with_cursor, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_category c;
	struct sv_area area;
	struct sv_org o;
	int64_t cf, ci, from;
	char *end;
	enum sv_err e = SV_OK;

	from = f->has_from ? f->from : INT64_MIN;
	if (with_cursor && f->cursor != NULL && *f->cursor != '\0') {
		cf = strtoll(f->cursor, &end, 10);
		if (*end != '.' || (ci = strtoll(end + 1, &end, 10)) <= 0 ||
		    *end != '\0') {
			e = sv_diag_set(d, SV_ERR_INVALID, "cursor",
			    "not a cursor from this API");
			goto out;
		}
		stmt_bind_int(st, 12, cf);
		stmt_bind_int(st, 13, ci);
		/* Lets the time index start at the cursor. */
		if (cf > from)
			from = cf;
	}
	if (from != INT64_MIN)
		stmt_bind_int(st, 1, from);
	if (f->has_to)
		stmt_bind_int(st, 2, f->to);
	if (f->area != NULL) {
		if ((e = area_find(s, f->layer, f->area, ar, &area, d)) != SV_OK) {
			if (e == SV_ERR_NOTFOUND)
				e = sv_diag_set(d, SV_ERR_INVALID, "area",
				    "no area '%s'", f->area);
			goto out;
		}
		stmt_bind_int(st, 3, area.id);
	}
	if (f->category != NULL) {
		if ((e = category_get(s, f->category, ar, &c, d)) != SV_OK) {
			if (e == SV_ERR_NOTFOUND)
				e = sv_diag_set(d, SV_ERR_INVALID, "category",
				    "no category '%s'", f->category);
			goto out;
		}
		stmt_bind_int(st, 4, c.id);
	}
	if (f->org != NULL) {
		if ((e = org_get(s, f->org, ar, &o, d)) != SV_OK) {
			if (e == SV_ERR_NOTFOUND)
				e = sv_diag_set(d, SV_ERR_INVALID, "org",
				    "no organisation '%s'", f->org);
			goto out;
		}
		stmt_bind_int(st, 5, o.id);
	}
	if (f->source != NULL)
		stmt_bind_text(st, 6, f->source);
	if (f->has_bbox) {
		if (!(f->bbox[0] <= f->bbox[2] && f->bbox[1] <= f->bbox[3])) {
			e = sv_diag_set(d, SV_ERR_INVALID, "bbox",
			    "bbox must be minlon,minlat,maxlon,maxlat");
			goto out;
		}
		stmt_bind_double(st, 7, f->bbox[0]);
		stmt_bind_double(st, 8, f->bbox[1]);
		stmt_bind_double(st, 9, f->bbox[2]);
		stmt_bind_double(st, 10, f->bbox[3]);
	}
	if (f->status == SV_STATUS_FILTER_ACTIVE)
		stmt_bind_text(st, 11, "active");
	else if (f->status == SV_STATUS_FILTER_WITHDRAWN)
		stmt_bind_text(st, 11, "withdrawn");
out:
	sv_arena_free(ar);
	return e;
}

static int
by_id(const void *a, const void *b)
{
	const struct sv_incident *x = *(const struct sv_incident *const *)a;
	const struct sv_incident *y = *(const struct sv_incident *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/*
 * The areas of a page of incidents in one query rather than one per
 * incident (a round trip each on PostgreSQL).
 */
static enum sv_err
load_page_areas(struct sv_store *s, struct sv_arena *ar,
    struct sv_incident *v, size_t n, struct sv_diag *d)
{
	struct sv_incident **sorted, key, *kp = &key, **hit;
	struct sv_incident_area *slot;
	struct sv_stmt *st;
	struct sv_buf ids;
	enum sv_err e = SV_OK;
	size_t i;
	int row;

	if (n == 0)
		return SV_OK;
	sorted = sv_calloc(n, sizeof(*sorted));
	sv_buf_init(&ids, 0);
	sv_buf_putc(&ids, '[');
	for (i = 0; i < n; i++) {
		v[i].areas = sv_arena_alloc(ar, SV_LAYER__MAX *
		    sizeof(*v[i].areas));
		v[i].nareas = 0;
		sorted[i] = &v[i];
		sv_buf_printf(&ids, "%s%" PRId64, i > 0 ? "," : "", v[i].id);
	}
	sv_buf_puts(&ids, "]");
	qsort(sorted, n, sizeof(*sorted), by_id);
	st = store_stmt(s, SQL_INC_AREAS_PAGE);
	stmt_bind_text(st, 1, ids.data);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK || !row)
			break;
		key.id = stmt_int(st, 0);
		hit = bsearch(&kp, sorted, n, sizeof(*sorted), by_id);
		if (hit == NULL || (*hit)->nareas == SV_LAYER__MAX)
			continue;
		slot = &(*hit)->areas[(*hit)->nareas++];
		slot->layer = dom_col(ar, st, 1);
		slot->code = dom_col(ar, st, 2);
		slot->name = dom_col(ar, st, 3);
		slot->id = stmt_int(st, 4);
	}
	sv_buf_free(&ids);
	free(sorted);
	return e;
}

enum sv_err
incident_query(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_filter *f, struct sv_arena *ar,
    struct sv_incident **items, size_t *n, char **next_cursor,
    struct sv_diag *d)
{
	struct sv_stmt *st;
	struct sv_incident *v;
	size_t limit = f->limit ? f->limit : SV_LIMIT_DEFAULT;
	enum sv_err e;
	int row;

	*n = 0;
	*items = NULL;
	*next_cursor = NULL;
	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK)
		return e;
	if (limit > SV_LIMIT_MAX)
		return sv_diag_set(d, SV_ERR_INVALID, "limit",
		    "limit must be 1 to %d", SV_LIMIT_MAX);
	st = store_stmt(s, SQL_INC_QUERY);
	if ((e = bind_filter(s, st, f, 1, d)) != SV_OK)
		return e;
	stmt_bind_int(st, 16, sharing_reader(a));
	stmt_bind_int(st, 14, (int64_t)limit + 1);
	v = sv_arena_alloc(ar, (limit + 1) * sizeof(*v));
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		fill(ar, st, &v[(*n)++], 1);
	}
	if (*n > limit) {
		*n = limit;
		*next_cursor = sv_arena_printf(ar, "%" PRId64 ".%" PRId64,
		    v[limit - 1].observed_from, v[limit - 1].id);
	}
	if ((e = load_page_areas(s, ar, v, *n, d)) != SV_OK)
		return e;
	*items = v;
	return SV_OK;
}

enum sv_err
incident_foreach(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_filter *f,
    int (*fn)(const struct sv_incident *, void *), void *arg,
    struct sv_diag *d)
{
	struct sv_incident_filter page = *f;
	struct sv_arena *ar;
	struct sv_incident *v;
	char *next, cur[48];
	size_t n, i;
	enum sv_err e;

	page.limit = SV_LIMIT_MAX;
	page.cursor = NULL;
	for (;;) {
		ar = sv_arena_new();
		if ((e = incident_query(s, a, &page, ar, &v, &n, &next, d)) !=
		    SV_OK) {
			sv_arena_free(ar);
			return e;
		}
		for (i = 0; i < n; i++)
			if (fn(&v[i], arg) != 0) {
				sv_arena_free(ar);
				return SV_OK;
			}
		if (next == NULL) {
			sv_arena_free(ar);
			return SV_OK;
		}
		snprintf(cur, sizeof(cur), "%s", next);
		page.cursor = cur;
		sv_arena_free(ar);
	}
}

struct bucket {
	char	key[16];
	int64_t	count;
};

static int
bucket_cmp(const void *x, const void *y)
{
	return strcmp(((const struct bucket *)x)->key,
	    ((const struct bucket *)y)->key);
}

/*
 * Small-count suppression (domain/sharing.h) when some of the counted
 * data reaches the actor as aggregated figures only: hidden counts get
 * suppressed set and count 0, a total below the minimum becomes -1.
 */
static enum sv_err
suppress_counts(struct sv_store *s, const struct sv_actor *a,
    struct sv_count *v, size_t n, int64_t *total, struct sv_diag *d)
{
	unsigned char *hide;
	int64_t *c, min;
	size_t i;
	enum sv_err e;
	int agg;

	if ((e = sharing_has_aggregated(s, a, SV_SHARE_INCIDENT, &agg, d)) !=
	    SV_OK || !agg)
		return e;
	min = trust_int(s, SV_TRUST_MIN_COUNT);
	if (*total > 0 && *total < min)
		*total = -1;
	if (n == 0)
		return SV_OK;
	c = sv_calloc(n, sizeof(*c));
	hide = sv_calloc(n, 1);
	for (i = 0; i < n; i++)
		c[i] = v[i].count;
	sharing_suppress(c, n, min, hide);
	for (i = 0; i < n; i++)
		if (hide[i]) {
			v[i].suppressed = 1;
			v[i].count = 0;
		}
	free(c);
	free(hide);
	return SV_OK;
}

enum sv_err
incident_counts(struct sv_store *s, const struct sv_actor *a,
    const struct sv_incident_filter *f, enum sv_count_group g,
    const char *layer, struct sv_arena *ar, struct sv_count **items,
    size_t *n, int64_t *total, struct sv_diag *d)
{
	static const enum sv_sql by[SV_COUNT__MAX] = {
		[SV_COUNT_AREA] = SQL_INC_COUNT_AREA,
		[SV_COUNT_CATEGORY] = SQL_INC_COUNT_CATEGORY,
		[SV_COUNT_ORG] = SQL_INC_COUNT_ORG,
	};
	struct sv_stmt *st;
	struct sv_count *v = NULL, *nv;
	struct bucket *b = NULL;
	struct sv_civil c;
	size_t cap = 0, nb = 0, capb = 0, i, lo, hi, mid;
	enum sv_layer l;
	char key[16];
	int64_t t;
	enum sv_err e;
	int row, iy, wk, cmp;

	*n = 0;
	*items = NULL;
	*total = 0;
	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK)
		return e;
	if ((unsigned)g >= SV_COUNT__MAX)
		return sv_diag_set(d, SV_ERR_INVALID, "group",
		    "group must be area, category, week, day, hour or org");
	if (layer == NULL)
		layer = "kommun";
	if (g == SV_COUNT_AREA &&
	    (e = layer_parse(layer, &l, "layer", d)) != SV_OK)
		return e;
	/* Counts include data shared as aggregated figures (level 1). */
	st = store_stmt(s, SQL_INC_COUNT_TOTAL);
	if ((e = bind_filter(s, st, f, 0, d)) != SV_OK)
		return e;
	stmt_bind_int(st, 16, sharing_reader(a));
	stmt_bind_int(st, 17, SV_SHARE_AGGREGATED);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	*total = row ? stmt_int(st, 0) : 0;
	stmt_reset(st);
	if (g == SV_COUNT_AREA || g == SV_COUNT_CATEGORY || g == SV_COUNT_ORG) {
		st = store_stmt(s, by[g]);
		if ((e = bind_filter(s, st, f, 0, d)) != SV_OK)
			return e;
		stmt_bind_text(st, 15, layer);
		stmt_bind_int(st, 16, sharing_reader(a));
		stmt_bind_int(st, 17, SV_SHARE_AGGREGATED);
		for (;;) {
			if ((e = stmt_step(st, &row, d)) != SV_OK)
				return e;
			if (!row)
				break;
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				nv = sv_arena_alloc(ar, cap * sizeof(*nv));
				if (*n)
					memcpy(nv, v, *n * sizeof(*nv));
				v = nv;
			}
			v[*n].key = dom_col(ar, st, 0);
			v[*n].label = dom_col(ar, st, 1);
			v[*n].count = stmt_int(st, 2);
			(*n)++;
		}
		*items = v;
		return suppress_counts(s, a, v, *n, total, d);
	}
	/* Time buckets need Stockholm civil time: computed here. */
	st = store_stmt(s, SQL_INC_TIMES);
	if ((e = bind_filter(s, st, f, 0, d)) != SV_OK)
		return e;
	stmt_bind_int(st, 16, sharing_reader(a));
	stmt_bind_int(st, 17, SV_SHARE_AGGREGATED);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			goto out;
		if (!row)
			break;
		t = stmt_int(st, 0);
		if (g == SV_COUNT_WEEK) {
			sv_iso_week(t, &iy, &wk);
			snprintf(key, sizeof(key), "%04d-W%02d", iy, wk);
		} else {
			sv_stockholm_civil(t, &c);
			if (g == SV_COUNT_DAY)
				snprintf(key, sizeof(key), "%04d-%02d-%02d",
				    c.year, c.month, c.day);
			else
				snprintf(key, sizeof(key), "%02d", c.hour);
		}
		/* Binary search in the sorted buckets; insert if new. */
		lo = 0;
		hi = nb;
		cmp = 1;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			cmp = strcmp(b[mid].key, key);
			if (cmp == 0)
				break;
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < hi && cmp == 0) {
			b[(lo + hi) / 2].count++;
			continue;
		}
		if (nb == capb) {
			capb = capb ? capb * 2 : 64;
			b = sv_reallocarray(b, capb, sizeof(*b));
		}
		memmove(&b[lo + 1], &b[lo], (nb - lo) * sizeof(*b));
		snprintf(b[lo].key, sizeof(b[lo].key), "%s", key);
		b[lo].count = 1;
		nb++;
	}
	if (nb > 0)	/* qsort with NULL is undefined even for 0 items */
		qsort(b, nb, sizeof(*b), bucket_cmp);
	v = sv_arena_alloc(ar, (nb ? nb : 1) * sizeof(*v));
	for (i = 0; i < nb; i++) {
		v[i].key = sv_arena_strdup(ar, b[i].key);
		v[i].label = v[i].key;
		v[i].count = b[i].count;
	}
	*items = v;
	*n = nb;
	e = suppress_counts(s, a, v, nb, total, d);
out:
	free(b);
	return e;
}
