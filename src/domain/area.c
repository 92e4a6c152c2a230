/*
 * Areas: polygons per layer, with parents, stored as WKB in EPSG:3006,
 * and the point-in-polygon lookup that ties incidents to the area of each
 * layer. The lookup's prepared geometries live in the connection's geo
 * context (store_geo), keyed by layer and the layer's generation number,
 * which every change to an area of the layer bumps.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/area.h"
#include "domain/audit.h"
#include "domain/dom.h"
#include "geo/geo.h"
#include "store/store.h"

const char *const sv_layer_names[SV_LAYER__MAX] = {
	"lan", "kommun", "polisregion", "polisomrade", "lokalpolisomrade",
	"stadsdel", "basomrade", "deso", "regso", "plats",
};

enum sv_err
layer_parse(const char *s, enum sv_layer *out, const char *field,
    struct sv_diag *d)
{
	int i = dom_lookup(sv_layer_names, SV_LAYER__MAX, s);

	if (i < 0)
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "layer must be one of lan, kommun, polisregion, "
		    "polisomrade, lokalpolisomrade, stadsdel, basomrade, deso, "
		    "regso, plats");
	*out = (enum sv_layer)i;
	return SV_OK;
}

static void
fill(struct sv_store *s, struct sv_arena *a, struct sv_stmt *st,
    struct sv_area *o)
{
	const void *w;
	double b[4];
	size_t len;

	memset(o, 0, sizeof(*o));
	o->id = stmt_int(st, 0);
	o->layer = dom_col(a, st, 1);
	o->code = dom_col(a, st, 2);
	o->name = dom_col(a, st, 3);
	o->parent_id = stmt_isnull(st, 4) ? 0 : stmt_int(st, 4);
	o->parent_layer = dom_col(a, st, 5);
	o->parent_code = dom_col(a, st, 6);
	if (!stmt_isnull(st, 7)) {
		b[0] = stmt_double(st, 7);
		b[1] = stmt_double(st, 8);
		b[2] = stmt_double(st, 9);
		b[3] = stmt_double(st, 10);
		geo_bbox_to_wgs84(store_geo(s), b, o->bbox);
	}
	if ((w = stmt_blob(st, 11, &len)) != NULL && len > 0) {
		unsigned char *c = sv_arena_alloc(a, len);

		memcpy(c, w, len);
		o->wkb = c;
		o->wkb_len = len;
	}
}

static enum sv_err
one(struct sv_store *s, struct sv_stmt *st, struct sv_arena *a,
    struct sv_area *out, struct sv_diag *d)
{
	enum sv_err e;
	int row;

	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "area", "no such area");
	fill(s, a, st, out);
	stmt_reset(st);
	return SV_OK;
}

enum sv_err
area_get(struct sv_store *s, int64_t id, int with_geom, struct sv_arena *a,
    struct sv_area *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_GET);

	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, with_geom ? 1 : 0);
	return one(s, st, a, out, d);
}

enum sv_err
area_find(struct sv_store *s, const char *layer, const char *code,
    struct sv_arena *a, struct sv_area *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_FIND);
	enum sv_err e;
	int row;

	stmt_bind_text(st, 1, layer);
	stmt_bind_int(st, 2, 0);
	stmt_bind_text(st, 3, code);
	if ((e = one(s, st, a, out, d)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			sv_diag_set(d, e, "area", "no area '%s'%s%s",
			    code ? code : "", layer ? " in layer " : "",
			    layer ? layer : "");
		return e;
	}
	if (layer == NULL) {
		/* one() reset the statement; look for a second match. */
		stmt_bind_text(st, 3, code);
		stmt_bind_int(st, 2, 0);
		if (stmt_step(st, &row, d) == SV_OK && row &&
		    stmt_step(st, &row, d) == SV_OK && row) {
			stmt_reset(st);
			return sv_diag_set(d, SV_ERR_INVALID, "layer",
			    "area code '%s' exists in several layers; give "
			    "the layer", code);
		}
		stmt_reset(st);
	}
	return SV_OK;
}

enum sv_err
area_find_by_name(struct sv_store *s, const char *layer, const char *name,
    struct sv_arena *a, struct sv_area *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_NAMES);
	char want[256], have[256];
	int64_t id = 0;
	enum sv_err e;
	int row;

	dom_casefold(name, want, sizeof(want));
	stmt_bind_text(st, 1, layer);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		dom_casefold(stmt_text(st, 2), have, sizeof(have));
		if (strcmp(want, have) == 0) {
			id = stmt_int(st, 0);
			break;
		}
	}
	stmt_reset(st);
	if (id == 0)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "area",
		    "no %s named '%s'", layer, name);
	return area_get(s, id, 0, a, out, d);
}

enum sv_err
area_list(struct sv_store *s, const struct sv_area_filter *f,
    struct sv_arena *a, struct sv_area **items, size_t *n, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_LIST);
	struct sv_area *v = NULL, *nv;
	size_t cap = 0;
	enum sv_err e;
	int row;

	*n = 0;
	stmt_bind_text(st, 1, f->layer);
	stmt_bind_int(st, 2, f->with_geom ? 1 : 0);
	stmt_bind_text(st, 3, f->parent);
	stmt_bind_text(st, 4, f->q && *f->q ? f->q : NULL);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			nv = sv_arena_alloc(a, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		fill(s, a, st, &v[(*n)++]);
	}
	*items = v;
	return SV_OK;
}

/* Validates input; resolves the parent and computes the bbox. */
static enum sv_err
validate(struct sv_store *s, const struct sv_area_input *in, int64_t *parent,
    double bbox[4], struct sv_diag *d)
{
	struct sv_arena *a;
	struct sv_area p;
	enum sv_layer l;
	enum sv_err e;

	*parent = 0;
	if ((e = layer_parse(in->layer, &l, "layer", d)) != SV_OK ||
	    (e = dom_code(in->code, "code", 64, d)) != SV_OK ||
	    (e = dom_text(in->name, "name", 200, 1, d)) != SV_OK)
		return e;
	if (in->wkb == NULL)
		return sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "geometry is required");
	if ((e = geo_wkb_check(store_geo(s), in->wkb, in->wkb_len, bbox, d)) !=
	    SV_OK)
		return e;
	if (in->parent_code != NULL && *in->parent_code != '\0') {
		a = sv_arena_new();
		e = area_find(s, in->parent_layer, in->parent_code, a, &p, d);
		sv_arena_free(a);
		if (e == SV_ERR_NOTFOUND)
			return sv_diag_set(d, SV_ERR_INVALID, "parent",
			    "no parent area '%s'%s%s", in->parent_code,
			    in->parent_layer ? " in layer " : "",
			    in->parent_layer ? in->parent_layer : "");
		if (e != SV_OK)
			return e;
		*parent = p.id;
	}
	return SV_OK;
}

/*
 * The layers with geometry and their generations. Inside a write
 * transaction nobody else can change them, so the list is kept for the
 * transaction (our own area writes go through bump(), but a transaction
 * that changes areas and then locates points re-reads: see area_locate).
 */
static _Thread_local struct {
	const struct sv_store	*store;
	uint64_t		 serial;
	size_t			 n;
	int			 layer[SV_LAYER__MAX];
	int64_t			 gen[SV_LAYER__MAX];
} layers_cache;

/* Forgets the cached layer list (after this connection changed areas). */
static void
forget_layers(void)
{
	layers_cache.store = NULL;
}

static enum sv_err
bump(struct sv_store *s, const char *layer, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_LAYER_BUMP);

	forget_layers();
	stmt_bind_text(st, 1, layer);
	return stmt_exec(st, d);
}

static void
bind_row(struct sv_stmt *st, const struct sv_area_input *in, int64_t parent,
    const double bbox[4])
{
	stmt_bind_text(st, 2, in->layer);
	stmt_bind_text(st, 3, in->code);
	stmt_bind_text(st, 4, in->name);
	if (parent)
		stmt_bind_int(st, 5, parent);
	stmt_bind_blob(st, 6, in->wkb, in->wkb_len);
	stmt_bind_double(st, 7, bbox[0]);
	stmt_bind_double(st, 8, bbox[1]);
	stmt_bind_double(st, 9, bbox[2]);
	stmt_bind_double(st, 10, bbox[3]);
	stmt_bind_int(st, 11, dom_now());
}

static enum sv_err
insert(struct sv_store *s, const struct sv_area_input *in, int64_t parent,
    const double bbox[4], int64_t *id, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_INSERT);
	enum sv_err e;
	int row;

	stmt_bind_text(st, 1, in->layer);
	bind_row(st, in, parent, bbox);
	if ((e = stmt_step(st, &row, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "code", "area %s/%s exists",
			    in->layer, in->code);
		return e;
	}
	*id = stmt_int(st, 0);
	stmt_reset(st);
	return bump(s, in->layer, d);
}

static enum sv_err
update(struct sv_store *s, int64_t id, const char *old_layer,
    const struct sv_area_input *in, int64_t parent, const double bbox[4],
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_UPDATE);
	enum sv_err e;

	stmt_bind_int(st, 1, id);
	bind_row(st, in, parent, bbox);
	if ((e = stmt_exec(st, d)) != SV_OK) {
		if (e == SV_ERR_CONFLICT)
			sv_diag_set(d, e, "code", "area %s/%s exists",
			    in->layer, in->code);
		return e;
	}
	if (old_layer != NULL && strcmp(old_layer, in->layer) != 0 &&
	    (e = bump(s, old_layer, d)) != SV_OK)
		return e;
	return bump(s, in->layer, d);
}

/* The area as stored, for the audit trail (geometry as its SHA-256). */
static void
area_audit_obj(const struct sv_area *r, struct audit_obj *j)
{
	char h[65];

	audit_obj_begin(j);
	audit_obj_str(j, "layer", r->layer);
	audit_obj_str(j, "code", r->code);
	audit_obj_str(j, "name", r->name);
	audit_obj_str(j, "parent_layer", r->parent_layer);
	audit_obj_str(j, "parent_code", r->parent_code);
	if (r->wkb != NULL) {
		dom_sha256_hex(r->wkb, r->wkb_len, h);
		audit_obj_str(j, "geometry_sha256", h);
	}
	audit_obj_end(j);
}

/* Reads area id with its geometry into *j (begun only on success). */
static enum sv_err
area_snapshot(struct sv_store *s, int64_t id, struct sv_arena *ar,
    struct audit_obj *j)
{
	struct sv_area r;
	enum sv_err e;

	if ((e = area_get(s, id, 1, ar, &r, NULL)) != SV_OK)
		return e;
	area_audit_obj(&r, j);
	return SV_OK;
}

/* Audits a change of area id: before (NULL on create) and as it is now. */
static enum sv_err
area_audit(struct sv_store *s, const struct sv_actor *a, const char *action,
    int64_t id, const char *before, int gone)
{
	struct sv_arena *ar = sv_arena_new();
	struct audit_obj ja;
	char eid[24];
	enum sv_err e = SV_OK;

	if (!gone && (e = area_snapshot(s, id, ar, &ja)) != SV_OK)
		goto out;
	snprintf(eid, sizeof(eid), "%" PRId64, id);
	e = audit_change(s, a, action, "area", eid, before,
	    gone ? NULL : ja.b.data);
	if (!gone)
		audit_obj_free(&ja);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
area_create(struct sv_store *s, const struct sv_actor *a,
    const struct sv_area_input *in, int64_t *id, struct sv_diag *d)
{
	double bbox[4];
	int64_t parent, nid = 0;
	enum sv_err e;

	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = validate(s, in, &parent, bbox, d)) != SV_OK)
		return e;
	if ((e = store_begin(s)) != SV_OK)
		return e;
	if ((e = insert(s, in, parent, bbox, &nid, d)) != SV_OK)
		goto fail;
	if ((e = area_audit(s, a, "create", nid, NULL, 0)) != SV_OK ||
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
area_upsert(struct sv_store *s, const struct sv_actor *a,
    const struct sv_area_input *in, int *changed, struct sv_diag *d)
{
	struct sv_stmt *st;
	const void *w;
	double bbox[4];
	int64_t parent, id, nid;
	size_t len;
	enum sv_err e;
	int row, same;

	*changed = 0;
	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = validate(s, in, &parent, bbox, d)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_AREA_HASH);
	stmt_bind_text(st, 1, in->layer);
	stmt_bind_text(st, 2, in->code);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row) {
		stmt_reset(st);
		if ((e = insert(s, in, parent, bbox, &nid, d)) == SV_OK)
			*changed = 1;
		return e;
	}
	id = stmt_int(st, 0);
	w = stmt_blob(st, 3, &len);
	same = strcmp(stmt_text(st, 1), in->name) == 0 &&
	    (stmt_isnull(st, 2) ? 0 : stmt_int(st, 2)) == parent &&
	    len == in->wkb_len && w != NULL && memcmp(w, in->wkb, len) == 0;
	stmt_reset(st);
	if (same)
		return SV_OK;
	if ((e = update(s, id, NULL, in, parent, bbox, d)) == SV_OK)
		*changed = 2;
	return e;
}

enum sv_err
area_import_audit(struct sv_store *s, const struct sv_actor *a,
    const char *layer, int64_t read, int64_t added, int64_t updated,
    int64_t unchanged)
{
	struct audit_obj j;
	enum sv_err e;

	audit_obj_begin(&j);
	audit_obj_str(&j, "layer", layer);
	audit_obj_int(&j, "read", read);
	audit_obj_int(&j, "added", added);
	audit_obj_int(&j, "updated", updated);
	audit_obj_int(&j, "unchanged", unchanged);
	audit_obj_end(&j);
	e = audit_change(s, a, "import", "area", layer, NULL, j.b.data);
	audit_obj_free(&j);
	return e;
}

enum sv_err
area_update(struct sv_store *s, const struct sv_actor *a, int64_t id,
    const struct sv_area_input *in, struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_area cur;
	double bbox[4];
	int64_t parent;
	struct audit_obj jb;
	enum sv_err e;

	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = area_get(s, id, 0, ar, &cur, d)) != SV_OK ||
	    (e = validate(s, in, &parent, bbox, d)) != SV_OK)
		goto out;
	if (parent == id) {
		e = sv_diag_set(d, SV_ERR_INVALID, "parent",
		    "an area cannot be its own parent");
		goto out;
	}
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = area_snapshot(s, id, ar, &jb)) != SV_OK) {
		store_rollback(s);
		goto out;
	}
	if ((e = update(s, id, cur.layer, in, parent, bbox, d)) != SV_OK ||
	    (e = area_audit(s, a, "update", id, jb.b.data, 0)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		store_rollback(s);
	audit_obj_free(&jb);
out:
	sv_arena_free(ar);
	return e;
}

enum sv_err
area_delete(struct sv_store *s, const struct sv_actor *a, int64_t id,
    struct sv_diag *d)
{
	struct sv_arena *ar = sv_arena_new();
	struct sv_area cur;
	struct sv_stmt *st;
	struct audit_obj jb;
	enum sv_err e;

	if ((e = actor_require(a, SV_ROLE_SAMORDNARE, d)) != SV_OK ||
	    (e = area_get(s, id, 0, ar, &cur, d)) != SV_OK)
		goto out;
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	if ((e = area_snapshot(s, id, ar, &jb)) != SV_OK) {
		store_rollback(s);
		goto out;
	}
	st = store_stmt(s, SQL_AREA_DELETE);
	stmt_bind_int(st, 1, id);
	if ((e = stmt_exec(st, d)) != SV_OK ||
	    (e = bump(s, cur.layer, d)) != SV_OK ||
	    (e = area_audit(s, a, "delete", id, jb.b.data, 1)) != SV_OK ||
	    (e = store_commit(s)) != SV_OK)
		store_rollback(s);
	audit_obj_free(&jb);
out:
	sv_arena_free(ar);
	return e;
}

/* The pip index of a layer at generation gen, built if not cached. */
static enum sv_err
layer_pip(struct sv_store *s, const char *layer, int64_t gen,
    struct sv_pip **out, struct sv_diag *d)
{
	struct sv_geo *g = store_geo(s);
	struct sv_stmt *st;
	struct sv_pip *p;
	unsigned char **wkbs = NULL;
	int64_t *ids = NULL;
	size_t *lens = NULL, n = 0, cap = 0, i, len;
	const void *w;
	enum sv_err e = SV_OK;
	int row;

	if ((p = geo_pip_cached(g, layer, gen)) != NULL) {
		*out = p;
		return SV_OK;
	}
	st = store_stmt(s, SQL_AREA_LAYER_GEOMS);
	stmt_bind_text(st, 1, layer);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			goto out;
		if (!row)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = sv_reallocarray(ids, cap, sizeof(*ids));
			wkbs = sv_reallocarray(wkbs, cap, sizeof(*wkbs));
			lens = sv_reallocarray(lens, cap, sizeof(*lens));
		}
		w = stmt_blob(st, 1, &len);
		ids[n] = stmt_int(st, 0);
		wkbs[n] = sv_malloc(len > 0 ? len : 1);
		memcpy(wkbs[n], w, len);
		lens[n] = len;
		n++;
	}
	p = geo_pip_new(g, n, ids, (const unsigned char *const *)wkbs, lens);
	geo_pip_store(g, layer, gen, p);
	*out = p;
out:
	for (i = 0; i < n; i++)
		free(wkbs[i]);
	free(wkbs);
	free(ids);
	free(lens);
	return e;
}

static enum sv_err
load_layers(struct sv_store *s, struct sv_diag *d)
{
	struct sv_stmt *st;
	uint64_t serial = store_tx_serial(s);
	enum sv_err e;
	int row, l;

	if (serial != 0 && layers_cache.store == s &&
	    layers_cache.serial == serial)
		return SV_OK;
	layers_cache.store = NULL;
	layers_cache.n = 0;
	st = store_stmt(s, SQL_AREA_LAYERS_USED);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		l = dom_lookup(sv_layer_names, SV_LAYER__MAX, stmt_text(st, 0));
		if (l < 0 || layers_cache.n == SV_LAYER__MAX)
			continue;
		layers_cache.layer[layers_cache.n] = l;
		layers_cache.gen[layers_cache.n] = stmt_int(st, 1);
		layers_cache.n++;
	}
	layers_cache.store = s;
	layers_cache.serial = serial;
	return SV_OK;
}

enum sv_err
area_locate(struct sv_store *s, double x, double y,
    struct sv_area_hit hits[SV_LAYER__MAX], size_t *n, struct sv_diag *d)
{
	struct sv_pip *p;
	size_t i;
	int64_t id;
	enum sv_err e;

	*n = 0;
	if ((e = load_layers(s, d)) != SV_OK)
		return e;
	for (i = 0; i < layers_cache.n; i++) {
		const char *layer = sv_layer_names[layers_cache.layer[i]];

		if ((e = layer_pip(s, layer, layers_cache.gen[i], &p, d)) !=
		    SV_OK)
			return e;
		if ((id = geo_pip_find(p, x, y)) != 0) {
			hits[*n].layer = layer;
			hits[*n].area_id = id;
			(*n)++;
		}
	}
	return SV_OK;
}

enum sv_err
area_lineage(struct sv_store *s, int64_t area_id,
    struct sv_area_hit hits[SV_LAYER__MAX], size_t *n, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_AREA_ANCESTORS);
	size_t i;
	enum sv_err e;
	int row, l, dup;

	*n = 0;
	stmt_bind_int(st, 1, area_id);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		l = dom_lookup(sv_layer_names, SV_LAYER__MAX, stmt_text(st, 1));
		if (l < 0)
			continue;
		for (dup = 0, i = 0; i < *n; i++)
			if (strcmp(hits[i].layer, sv_layer_names[l]) == 0)
				dup = 1;
		if (dup || *n == SV_LAYER__MAX)
			continue;
		hits[*n].layer = sv_layer_names[l];
		hits[*n].area_id = stmt_int(st, 0);
		(*n)++;
	}
	return SV_OK;
}

enum sv_err
area_reassign_layer(struct sv_store *s, const char *layer, int64_t *count,
    struct sv_diag *d)
{
	struct sv_stmt *st, *ins;
	struct sv_pip *p;
	enum sv_layer l;
	int64_t gen = 0, id, nn = 0;
	enum sv_err e;
	int row;

	if ((e = layer_parse(layer, &l, "layer", d)) != SV_OK)
		return e;
	forget_layers();
	if ((e = store_begin(s)) != SV_OK)
		return e;
	st = store_stmt(s, SQL_AREA_LAYER_GEN);
	stmt_bind_text(st, 1, layer);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		goto fail;
	if (row)
		gen = stmt_int(st, 0);
	stmt_reset(st);
	if ((e = layer_pip(s, layer, gen, &p, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_AREA_REASSIGN_CLEAR);
	stmt_bind_text(st, 1, layer);
	if ((e = stmt_exec(st, d)) != SV_OK)
		goto fail;
	st = store_stmt(s, SQL_AREA_POINTS);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			goto fail;
		if (!row)
			break;
		if ((id = geo_pip_find(p, stmt_double(st, 1),
		    stmt_double(st, 2))) == 0)
			continue;
		ins = store_stmt(s, SQL_INC_AREA_INSERT);
		stmt_bind_int(ins, 1, stmt_int(st, 0));
		stmt_bind_text(ins, 2, layer);
		stmt_bind_int(ins, 3, id);
		if ((e = stmt_exec(ins, d)) != SV_OK)
			goto fail;
		nn++;
	}
	if ((e = store_commit(s)) != SV_OK)
		goto fail;
	forget_layers();
	if (count != NULL)
		*count = nn;
	return SV_OK;
fail:
	stmt_reset(st);
	store_rollback(s);
	forget_layers();
	return e;
}
