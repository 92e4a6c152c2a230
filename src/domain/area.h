/*
 * Areas: polygons of a layer (lan, kommun, polisregion, polisomrade,
 * lokalpolisomrade, stadsdel, basomrade, deso, regso, plats), unique by
 * (layer, code), with an optional parent area (a stadsdel's kommun).
 * Geometry is stored as WKB in SWEREF 99 TM (EPSG:3006) with its bbox.
 * Incidents get the area of every layer by point in polygon (GEOS
 * prepared geometries, cached per connection and layer; see geo/geo.h).
 *
 * Rights: samordnare and up create, change and delete; everyone reads.
 * Memory: strings and WKB in the caller's arena.
 */
#ifndef SV_AREA_H
#define SV_AREA_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

enum sv_layer {
	SV_LAYER_LAN,
	SV_LAYER_KOMMUN,
	SV_LAYER_POLISREGION,
	SV_LAYER_POLISOMRADE,
	SV_LAYER_LOKALPOLISOMRADE,
	SV_LAYER_STADSDEL,
	SV_LAYER_BASOMRADE,
	SV_LAYER_DESO,
	SV_LAYER_REGSO,
	SV_LAYER_PLATS,
	SV_LAYER__MAX
};
extern const char *const sv_layer_names[SV_LAYER__MAX];
/* SV_OK if s names a layer; SV_ERR_INVALID with field in diag if not. */
enum sv_err	layer_parse(const char *s, enum sv_layer *out,
		    const char *field, struct sv_diag *);

struct sv_area {
	int64_t		 id;
	const char	*layer;
	const char	*code;
	const char	*name;
	int64_t		 parent_id;	/* 0 if none */
	const char	*parent_layer;	/* NULL if none */
	const char	*parent_code;
	double		 bbox[4];	/* WGS84 minlon,minlat,maxlon,maxlat */
	const unsigned char *wkb;	/* EPSG:3006; NULL unless asked for */
	size_t		 wkb_len;
};

/*
 * Input for create and update (every field the new value). The geometry
 * is WKB of a Polygon or MultiPolygon in EPSG:3006 (geo_wkb_from_geojson
 * and geo_wkb_from_rings build it); it is validated (GEOSisValid) and must
 * lie within Sweden's bounding box. parent_code names an area of
 * parent_layer (parent_layer may be NULL when the code is unique).
 */
struct sv_area_input {
	const char		*layer;
	const char		*code;
	const char		*name;
	const char		*parent_layer;
	const char		*parent_code;
	const unsigned char	*wkb;
	size_t			 wkb_len;
};

enum sv_err	area_create(struct sv_store *, const struct sv_actor *,
		    const struct sv_area_input *, int64_t *id, struct sv_diag *);
/*
 * Creates or replaces (by layer and code) without rights checks beyond
 * the actor's role; *changed says 0 unchanged, 1 added, 2 updated. Used by
 * imports.
 */
enum sv_err	area_upsert(struct sv_store *, const struct sv_actor *,
		    const struct sv_area_input *, int *changed,
		    struct sv_diag *);
/* with_geom: also fill wkb. */
/*
 * The summary audit entry of an import of a layer (each area of it is not
 * audited on its own): after = {layer, read, added, updated, unchanged}.
 * Call it in the import's transaction.
 */
enum sv_err	area_import_audit(struct sv_store *, const struct sv_actor *,
		    const char *layer, int64_t read, int64_t added,
		    int64_t updated, int64_t unchanged);
enum sv_err	area_get(struct sv_store *, int64_t id, int with_geom,
		    struct sv_arena *, struct sv_area *out, struct sv_diag *);
/* By layer (may be NULL if the code is unique across layers) and code. */
enum sv_err	area_find(struct sv_store *, const char *layer,
		    const char *code, struct sv_arena *, struct sv_area *out,
		    struct sv_diag *);
/* By layer and name, case-insensitively (first match by code). */
enum sv_err	area_find_by_name(struct sv_store *, const char *layer,
		    const char *name, struct sv_arena *, struct sv_area *out,
		    struct sv_diag *);

struct sv_area_filter {
	const char	*layer;		/* NULL = all */
	const char	*parent;	/* parent code, NULL = any */
	const char	*q;		/* name substring, case-insensitive */
	int		 with_geom;
};
/* Ordered by layer, code. */
enum sv_err	area_list(struct sv_store *, const struct sv_area_filter *,
		    struct sv_arena *, struct sv_area **items, size_t *n,
		    struct sv_diag *);
enum sv_err	area_update(struct sv_store *, const struct sv_actor *,
		    int64_t id, const struct sv_area_input *, struct sv_diag *);
enum sv_err	area_delete(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_diag *);

/*
 * Recomputes the incident_area rows of every incident for one layer (after
 * an area import). *n (may be NULL) receives the incidents assigned.
 */
enum sv_err	area_reassign_layer(struct sv_store *, const char *layer,
		    int64_t *n, struct sv_diag *);

/* The area an incident lies in for one layer. */
struct sv_area_hit {
	const char	*layer;		/* static storage (sv_layer_names) */
	int64_t		 area_id;
};

/*
 * The area of every layer (with geometry) that contains (x, y) in
 * EPSG:3006, by point in polygon; at most SV_LAYER__MAX hits. The
 * prepared geometries are cached per connection and layer, and rebuilt
 * when the layer changes; inside a write transaction the list of layers
 * is checked once per transaction only.
 */
enum sv_err	area_locate(struct sv_store *, double x, double y,
		    struct sv_area_hit hits[SV_LAYER__MAX], size_t *n,
		    struct sv_diag *);
/* The area and its ancestors, one hit per layer (the nearest wins). */
enum sv_err	area_lineage(struct sv_store *, int64_t area_id,
		    struct sv_area_hit hits[SV_LAYER__MAX], size_t *n,
		    struct sv_diag *);

#endif
