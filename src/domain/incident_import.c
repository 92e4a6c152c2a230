/*
 * Imports of many incidents (incident.h: incident_import_*): each row is
 * validated and resolved as incident_upsert does it, with the lookups
 * cached for the import's transaction, and written through the store's
 * bulk writer when the backend has one (PostgreSQL), else row by row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/audit.h"
#include "domain/dom.h"
#include "domain/incident_impl.h"
#include "domain/trust.h"
#include "store/store.h"

struct incident_import {
	struct sv_store			*s;
	struct sv_actor			 a;
	struct inc_lookups		 lk;
	struct sv_bulk			*bulk;		/* NULL: row by row */
	struct incident_import_counts	 rows;		/* row by row */
};

static uint64_t
map_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

struct inc_map_entry *
inc_map_find(struct inc_map *m, const char *key, int *found)
{
	struct inc_map_entry *old;
	size_t i, oldcap;

	if (m->n * 2 >= m->cap) {
		old = m->v;
		oldcap = m->cap;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = sv_calloc(m->cap, sizeof(*m->v));
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i].key == NULL)
				continue;
			for (j = map_hash(old[i].key) & (m->cap - 1);
			    m->v[j].key != NULL; j = (j + 1) & (m->cap - 1))
				;
			m->v[j] = old[i];
		}
		free(old);
	}
	for (i = map_hash(key) & (m->cap - 1); m->v[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->v[i].key, key) == 0) {
			*found = 1;
			return &m->v[i];
		}
	*found = 0;
	return &m->v[i];
}

void
inc_map_put(struct inc_map *m, struct inc_map_entry *slot, const char *key,
    int64_t id, void *val)
{
	slot->key = sv_strdup(key);
	slot->id = id;
	slot->val = val;
	m->n++;
}

void
inc_map_free(struct inc_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->v[i].key);
		free(m->v[i].val);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

enum sv_err
incident_import_begin(struct sv_store *s, const struct sv_actor *a,
    struct incident_import **out, struct sv_diag *d)
{
	struct incident_import *im;
	enum sv_err e;

	*out = NULL;
	if ((e = actor_require(a, SV_ROLE_RAPPORTOR, d)) != SV_OK)
		return e;
	im = sv_calloc(1, sizeof(*im));
	im->s = s;
	im->a = *a;
	im->lk.pii_mode = (int)trust_pii_mode(s);
	if ((e = store_bulk_open(s, &im->bulk, d)) != SV_OK) {
		incident_import_free(im);
		return e;
	}
	*out = im;
	return SV_OK;
}

/* The resolved row as the store's bulk writer takes it. */
static void
bulk_row(const struct incident_import *im, const struct sv_incident_input *in,
    const struct inc_resolved *r, struct sv_bulk_area *areas,
    struct sv_bulk_incident *b)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	b->org_id = r->org_id;
	b->category_id = r->category_id;
	b->observed_from = in->observed_from;
	b->observed_to = in->observed_to;
	b->has_observed_to = in->has_observed_to;
	b->x = r->x;
	b->y = r->y;
	b->lat = r->lat;
	b->lon = r->lon;
	b->severity = in->severity;
	b->people_count = in->people_count;
	b->certainty = sv_certainty_names[in->certainty];
	b->description = r->text && *r->text ? r->text : NULL;
	b->source = in->source ? in->source : "est";
	b->external_id = in->external_id;
	b->status = sv_status_names[in->status];
	b->created_by = im->a.user_id;
	b->now = dom_now();
	b->content_hash = r->hash;
	b->loc_area_id = r->loc_area;
	for (i = 0; i < r->nhits; i++) {
		areas[i].layer = r->hits[i].layer;
		areas[i].area_id = r->hits[i].area_id;
	}
	b->areas = areas;
	b->nareas = r->nhits;
}

enum sv_err
incident_import_row(struct incident_import *im,
    const struct sv_incident_input *in, struct sv_diag *d)
{
	struct sv_bulk_area areas[SV_LAYER__MAX];
	struct sv_bulk_incident b;
	struct inc_resolved r;
	enum sv_err e;
	int changed;

	if ((e = incident_resolve(im->s, &im->a, in, &im->lk, &r, d)) !=
	    SV_OK)
		return e;
	if (im->bulk != NULL) {
		bulk_row(im, in, &r, areas, &b);
		return store_bulk_add(im->bulk, &b, d);
	}
	if ((e = incident_store_resolved(im->s, &im->a, in, &r, &changed,
	    d)) != SV_OK)
		return e;
	if (changed == 1)
		im->rows.added++;
	else if (changed == 2)
		im->rows.updated++;
	else
		im->rows.unchanged++;
	return SV_OK;
}

void
incident_import_counts(const struct incident_import *im,
    struct incident_import_counts *c)
{
	struct sv_bulk_counts b;

	*c = im->rows;
	if (im->bulk != NULL) {
		store_bulk_counts(im->bulk, &b);
		c->added = (long)b.added;
		c->updated = (long)b.updated;
		c->unchanged = (long)b.unchanged;
	}
}

enum sv_err
incident_import_end(struct incident_import *im,
    struct incident_import_counts *c, struct sv_diag *d)
{
	struct audit_obj j;
	enum sv_err e;

	if (im->bulk != NULL && (e = store_bulk_flush(im->bulk, NULL, d)) !=
	    SV_OK)
		return e;
	incident_import_counts(im, c);
	if (c->added + c->updated == 0)
		return SV_OK;
	audit_obj_begin(&j);
	audit_obj_int(&j, "added", c->added);
	audit_obj_int(&j, "updated", c->updated);
	audit_obj_end(&j);
	e = audit_change(im->s, &im->a, "import", "incident", NULL, NULL,
	    j.b.data);
	audit_obj_free(&j);
	return e;
}

void
incident_import_free(struct incident_import *im)
{
	if (im == NULL)
		return;
	store_bulk_free(im->bulk);
	inc_map_free(&im->lk.orgs);
	inc_map_free(&im->lk.cats);
	inc_map_free(&im->lk.places);
	free(im);
}
