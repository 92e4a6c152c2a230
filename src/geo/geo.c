/*
 * PROJ and GEOS behind a small per-thread context: WGS84 <-> SWEREF 99 TM
 * with one PJ_CONTEXT, polygons as WKB in EPSG:3006, and point-in-polygon
 * indexes (GEOS prepared geometries in an STRtree). GEOS is used through
 * its re-entrant _r API only.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>
#include <proj.h>

#include "core/log.h"
#include "core/mem.h"
#include "geo/geo.h"

const char *const sv_crs_names[SV_CRS__MAX] = { "EPSG:4326", "EPSG:3006" };

#define PIP_CACHE	16

struct pip_slot {
	char		*key;
	int64_t		 gen;
	struct sv_pip	*pip;
};

struct sv_geo {
	PJ_CONTEXT		*pj_ctx;
	PJ			*pj;		/* 4326 (lon,lat) -> 3006 */
	GEOSContextHandle_t	 gh;
	GEOSWKBReader		*reader;
	GEOSWKBWriter		*writer;
	char			 errmsg[256];
	struct pip_slot		 cache[PIP_CACHE];
};

struct pip_entry {
	int64_t				 id;
	GEOSGeometry			*geom;
	const GEOSPreparedGeometry	*prep;
};

struct sv_pip {
	struct sv_geo		*geo;
	struct pip_entry	*e;
	size_t			 n;
	GEOSSTRtree		*tree;
};

static void
geos_msg(const char *fmt, ...)
{
	(void)fmt;
}

static void
geos_error(const char *msg, void *arg)
{
	struct sv_geo *g = arg;

	snprintf(g->errmsg, sizeof(g->errmsg), "%s", msg);
}

struct sv_geo *
geo_new(void)
{
	struct sv_geo *g = sv_calloc(1, sizeof(*g));
	PJ *p;

	g->pj_ctx = proj_context_create();
	p = proj_create_crs_to_crs(g->pj_ctx, "EPSG:4326", "EPSG:3006", NULL);
	if (p == NULL) {
		sv_log(SV_LOG_ERROR, "event=proj_failed error=\"%s\"",
		    proj_context_errno_string(g->pj_ctx,
		    proj_context_errno(g->pj_ctx)));
		abort();
	}
	g->pj = proj_normalize_for_visualization(g->pj_ctx, p);
	proj_destroy(p);
	if (g->pj == NULL)
		abort();
	g->gh = GEOS_init_r();
	GEOSContext_setNoticeHandler_r(g->gh, geos_msg);
	GEOSContext_setErrorMessageHandler_r(g->gh, geos_error, g);
	g->reader = GEOSWKBReader_create_r(g->gh);
	g->writer = GEOSWKBWriter_create_r(g->gh);
	return g;
}

void
geo_free(struct sv_geo *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < PIP_CACHE; i++) {
		free(g->cache[i].key);
		geo_pip_free(g->cache[i].pip);
	}
	GEOSWKBReader_destroy_r(g->gh, g->reader);
	GEOSWKBWriter_destroy_r(g->gh, g->writer);
	GEOS_finish_r(g->gh);
	proj_destroy(g->pj);
	proj_context_destroy(g->pj_ctx);
	free(g);
}

enum sv_err
geo_to_sweref(struct sv_geo *g, double lat, double lon, double *x, double *y)
{
	PJ_COORD c;

	if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 ||
	    fabs(lon) > 180)
		return SV_ERR_INVALID;
	c = proj_coord(lon, lat, 0, 0);
	c = proj_trans(g->pj, PJ_FWD, c);
	if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
		return SV_ERR_INVALID;
	*x = c.xy.x;
	*y = c.xy.y;
	return SV_OK;
}

enum sv_err
geo_to_wgs84(struct sv_geo *g, double x, double y, double *lat, double *lon)
{
	PJ_COORD c;

	if (!isfinite(x) || !isfinite(y))
		return SV_ERR_INVALID;
	c = proj_coord(x, y, 0, 0);
	c = proj_trans(g->pj, PJ_INV, c);
	if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
		return SV_ERR_INVALID;
	*lon = c.xy.x;
	*lat = c.xy.y;
	return SV_OK;
}

int
geo_in_sweden_wgs84(double lat, double lon)
{
	return lat >= SV_SWEDEN_MINLAT && lat <= SV_SWEDEN_MAXLAT &&
	    lon >= SV_SWEDEN_MINLON && lon <= SV_SWEDEN_MAXLON;
}

int
geo_in_sweden_sweref(double x, double y)
{
	return x >= SV_SWEDEN_MINX && x <= SV_SWEDEN_MAXX &&
	    y >= SV_SWEDEN_MINY && y <= SV_SWEDEN_MAXY;
}

static GEOSGeometry *
ring_geom(struct sv_geo *g, const struct sv_ring *r, enum sv_crs crs,
    int hole, struct sv_diag *d)
{
	GEOSCoordSequence *seq;
	size_t n = r->npoints, i, m;
	int close;
	double x, y;

	if (n < 3) {
		sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "a ring needs at least 3 points");
		return NULL;
	}
	close = r->xy[0] != r->xy[2 * (n - 1)] ||
	    r->xy[1] != r->xy[2 * (n - 1) + 1];
	m = n + (close ? 1 : 0);
	if (m < 4) {
		sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "a ring needs at least 3 distinct points");
		return NULL;
	}
	seq = GEOSCoordSeq_create_r(g->gh, (unsigned)m, 2);
	for (i = 0; i < m; i++) {
		size_t k = i < n ? i : 0;

		x = r->xy[2 * k];
		y = r->xy[2 * k + 1];
		if (crs == SV_CRS_WGS84) {
			double lon = x, lat = y;

			if (!geo_in_sweden_wgs84(lat, lon) ||
			    geo_to_sweref(g, lat, lon, &x, &y) != SV_OK) {
				GEOSCoordSeq_destroy_r(g->gh, seq);
				sv_diag_set(d, SV_ERR_INVALID, "geometry",
				    "point %.6f,%.6f (lon,lat) lies outside "
				    "Sweden", lon, lat);
				return NULL;
			}
		} else if (!geo_in_sweden_sweref(x, y)) {
			GEOSCoordSeq_destroy_r(g->gh, seq);
			sv_diag_set(d, SV_ERR_INVALID, "geometry",
			    "point %.1f,%.1f (EPSG:3006) lies outside Sweden",
			    x, y);
			return NULL;
		}
		GEOSCoordSeq_setXY_r(g->gh, seq, (unsigned)i, x, y);
	}
	(void)hole;
	return GEOSGeom_createLinearRing_r(g->gh, seq);
}

static enum sv_err
finish_geom(struct sv_geo *g, GEOSGeometry *geom, unsigned char **wkb,
    size_t *len, double bbox[4], struct sv_diag *d)
{
	unsigned char *w;
	char *why;
	size_t n;

	if (GEOSisValid_r(g->gh, geom) != 1) {
		why = GEOSisValidReason_r(g->gh, geom);
		sv_diag_set(d, SV_ERR_INVALID, "geometry", "invalid polygon: %s",
		    why != NULL ? why : "unknown reason");
		GEOSFree_r(g->gh, why);
		GEOSGeom_destroy_r(g->gh, geom);
		return SV_ERR_INVALID;
	}
	GEOSGeom_getXMin_r(g->gh, geom, &bbox[0]);
	GEOSGeom_getYMin_r(g->gh, geom, &bbox[1]);
	GEOSGeom_getXMax_r(g->gh, geom, &bbox[2]);
	GEOSGeom_getYMax_r(g->gh, geom, &bbox[3]);
	w = GEOSWKBWriter_write_r(g->gh, g->writer, geom, &n);
	GEOSGeom_destroy_r(g->gh, geom);
	if (w == NULL)
		return sv_diag_set(d, SV_ERR_INTERNAL, "geometry",
		    "cannot write WKB: %s", g->errmsg);
	*wkb = sv_malloc(n);
	memcpy(*wkb, w, n);
	*len = n;
	GEOSFree_r(g->gh, w);
	return SV_OK;
}

enum sv_err
geo_wkb_from_polygons(struct sv_geo *g, const struct sv_polygon *polys,
    size_t npoly, enum sv_crs crs, unsigned char **wkb, size_t *len,
    double bbox[4], struct sv_diag *d)
{
	GEOSGeometry **parts, **holes, *shell, *multi;
	size_t p, r, k;
	enum sv_err e = SV_ERR_INVALID;

	*wkb = NULL;
	*len = 0;
	if (npoly == 0)
		return sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "a polygon is required");
	parts = sv_calloc(npoly, sizeof(*parts));
	for (p = 0; p < npoly; p++) {
		if (polys[p].nrings == 0) {
			sv_diag_set(d, SV_ERR_INVALID, "geometry",
			    "a polygon without rings");
			goto fail;
		}
		if ((shell = ring_geom(g, &polys[p].rings[0], crs, 0, d)) == NULL)
			goto fail;
		holes = sv_calloc(polys[p].nrings, sizeof(*holes));
		for (r = 1; r < polys[p].nrings; r++) {
			holes[r - 1] = ring_geom(g, &polys[p].rings[r], crs, 1, d);
			if (holes[r - 1] == NULL) {
				for (k = 0; k + 1 < r; k++)
					GEOSGeom_destroy_r(g->gh, holes[k]);
				GEOSGeom_destroy_r(g->gh, shell);
				free(holes);
				goto fail;
			}
		}
		parts[p] = GEOSGeom_createPolygon_r(g->gh, shell, holes,
		    (unsigned)(polys[p].nrings - 1));
		free(holes);
	}
	multi = GEOSGeom_createCollection_r(g->gh, GEOS_MULTIPOLYGON, parts,
	    (unsigned)npoly);
	free(parts);
	return finish_geom(g, multi, wkb, len, bbox, d);
fail:
	for (k = 0; k < p; k++)
		GEOSGeom_destroy_r(g->gh, parts[k]);
	free(parts);
	return e;
}

static GEOSGeometry *
read_wkb(struct sv_geo *g, const unsigned char *wkb, size_t len)
{
	if (wkb == NULL || len == 0)
		return NULL;
	return GEOSWKBReader_read_r(g->gh, g->reader, wkb, len);
}

enum sv_err
geo_wkb_check(struct sv_geo *g, const unsigned char *wkb, size_t len,
    double bbox[4], struct sv_diag *d)
{
	GEOSGeometry *geom;
	unsigned char *w = NULL;
	size_t n;
	int t;
	enum sv_err e;

	if ((geom = read_wkb(g, wkb, len)) == NULL)
		return sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "unreadable geometry");
	t = GEOSGeomTypeId_r(g->gh, geom);
	if (t != GEOS_POLYGON && t != GEOS_MULTIPOLYGON) {
		GEOSGeom_destroy_r(g->gh, geom);
		return sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "a Polygon or MultiPolygon is required");
	}
	e = finish_geom(g, geom, &w, &n, bbox, d);
	free(w);
	if (e == SV_OK && (!geo_in_sweden_sweref(bbox[0], bbox[1]) ||
	    !geo_in_sweden_sweref(bbox[2], bbox[3])))
		return sv_diag_set(d, SV_ERR_INVALID, "geometry",
		    "the polygon lies outside Sweden");
	return e;
}

static enum sv_err
put_ring(struct sv_geo *g, const GEOSGeometry *ring, enum sv_crs crs,
    struct sv_buf *out)
{
	const GEOSCoordSequence *seq;
	unsigned int n, i;
	double x, y, lat, lon;
	enum sv_err e;

	seq = GEOSGeom_getCoordSeq_r(g->gh, ring);
	GEOSCoordSeq_getSize_r(g->gh, seq, &n);
	if ((e = sv_buf_putc(out, '[')) != SV_OK)
		return e;
	for (i = 0; i < n; i++) {
		GEOSCoordSeq_getXY_r(g->gh, seq, i, &x, &y);
		if (crs == SV_CRS_WGS84) {
			geo_to_wgs84(g, x, y, &lat, &lon);
			e = sv_buf_printf(out, "%s[%.7f,%.7f]", i ? "," : "",
			    lon, lat);
		} else
			e = sv_buf_printf(out, "%s[%.2f,%.2f]", i ? "," : "",
			    x, y);
		if (e != SV_OK)
			return e;
	}
	return sv_buf_putc(out, ']');
}

static enum sv_err
put_polygon(struct sv_geo *g, const GEOSGeometry *poly, enum sv_crs crs,
    struct sv_buf *out)
{
	int i, nh;
	enum sv_err e;

	if ((e = sv_buf_putc(out, '[')) != SV_OK ||
	    (e = put_ring(g, GEOSGetExteriorRing_r(g->gh, poly), crs, out)) !=
	    SV_OK)
		return e;
	nh = GEOSGetNumInteriorRings_r(g->gh, poly);
	for (i = 0; i < nh; i++) {
		if ((e = sv_buf_putc(out, ',')) != SV_OK ||
		    (e = put_ring(g, GEOSGetInteriorRingN_r(g->gh, poly, i),
		    crs, out)) != SV_OK)
			return e;
	}
	return sv_buf_putc(out, ']');
}

enum sv_err
geo_wkb_to_geojson(struct sv_geo *g, const unsigned char *wkb, size_t len,
    enum sv_crs crs, struct sv_buf *out)
{
	GEOSGeometry *geom;
	int t, i, n;
	enum sv_err e;

	if ((geom = read_wkb(g, wkb, len)) == NULL)
		return SV_ERR_INVALID;
	t = GEOSGeomTypeId_r(g->gh, geom);
	if (t == GEOS_POLYGON) {
		if ((e = sv_buf_puts(out, "{\"type\":\"Polygon\","
		    "\"coordinates\":")) == SV_OK &&
		    (e = put_polygon(g, geom, crs, out)) == SV_OK)
			e = sv_buf_putc(out, '}');
	} else if (t == GEOS_MULTIPOLYGON) {
		e = sv_buf_puts(out, "{\"type\":\"MultiPolygon\","
		    "\"coordinates\":[");
		n = GEOSGetNumGeometries_r(g->gh, geom);
		for (i = 0; i < n && e == SV_OK; i++) {
			if (i > 0)
				e = sv_buf_putc(out, ',');
			if (e == SV_OK)
				e = put_polygon(g, GEOSGetGeometryN_r(g->gh,
				    geom, i), crs, out);
		}
		if (e == SV_OK)
			e = sv_buf_puts(out, "]}");
	} else
		e = SV_ERR_INVALID;
	GEOSGeom_destroy_r(g->gh, geom);
	return e;
}

enum sv_err
geo_wkb_point_on_surface(struct sv_geo *g, const unsigned char *wkb,
    size_t len, double *x, double *y)
{
	GEOSGeometry *geom, *pt;
	enum sv_err e = SV_ERR_INVALID;

	if ((geom = read_wkb(g, wkb, len)) == NULL)
		return SV_ERR_INVALID;
	if ((pt = GEOSPointOnSurface_r(g->gh, geom)) != NULL) {
		if (GEOSGeomGetX_r(g->gh, pt, x) == 1 &&
		    GEOSGeomGetY_r(g->gh, pt, y) == 1)
			e = SV_OK;
		GEOSGeom_destroy_r(g->gh, pt);
	}
	GEOSGeom_destroy_r(g->gh, geom);
	return e;
}

void
geo_bbox_to_wgs84(struct sv_geo *g, const double in[4], double out[4])
{
	double lat[4], lon[4];
	int i;

	geo_to_wgs84(g, in[0], in[1], &lat[0], &lon[0]);
	geo_to_wgs84(g, in[0], in[3], &lat[1], &lon[1]);
	geo_to_wgs84(g, in[2], in[1], &lat[2], &lon[2]);
	geo_to_wgs84(g, in[2], in[3], &lat[3], &lon[3]);
	out[0] = out[2] = lon[0];
	out[1] = out[3] = lat[0];
	for (i = 1; i < 4; i++) {
		out[0] = fmin(out[0], lon[i]);
		out[2] = fmax(out[2], lon[i]);
		out[1] = fmin(out[1], lat[i]);
		out[3] = fmax(out[3], lat[i]);
	}
}

struct sv_pip *
geo_pip_new(struct sv_geo *g, size_t n, const int64_t *ids,
    const unsigned char *const *wkbs, const size_t *lens)
{
	struct sv_pip *p = sv_calloc(1, sizeof(*p));
	size_t i;

	p->geo = g;
	p->e = sv_calloc(n > 0 ? n : 1, sizeof(*p->e));
	p->tree = GEOSSTRtree_create_r(g->gh, 10);
	for (i = 0; i < n; i++) {
		GEOSGeometry *geom = read_wkb(g, wkbs[i], lens[i]);

		if (geom == NULL)
			continue;
		p->e[p->n].id = ids[i];
		p->e[p->n].geom = geom;
		p->e[p->n].prep = GEOSPrepare_r(g->gh, geom);
		GEOSSTRtree_insert_r(g->gh, p->tree, geom, &p->e[p->n]);
		p->n++;
	}
	return p;
}

struct pip_query {
	struct sv_pip		*pip;
	const GEOSGeometry	*pt;
	int64_t			 best;
};

static void
pip_visit(void *item, void *arg)
{
	struct pip_entry *en = item;
	struct pip_query *q = arg;

	if (q->best != 0 && en->id >= q->best)
		return;
	if (GEOSPreparedIntersects_r(q->pip->geo->gh, en->prep, q->pt) == 1)
		q->best = en->id;
}

int64_t
geo_pip_find(struct sv_pip *p, double x, double y)
{
	struct pip_query q;
	GEOSGeometry *pt;

	if (p == NULL || p->n == 0)
		return 0;
	pt = GEOSGeom_createPointFromXY_r(p->geo->gh, x, y);
	q.pip = p;
	q.pt = pt;
	q.best = 0;
	GEOSSTRtree_query_r(p->geo->gh, p->tree, pt, pip_visit, &q);
	GEOSGeom_destroy_r(p->geo->gh, pt);
	return q.best;
}

size_t
geo_pip_size(const struct sv_pip *p)
{
	return p != NULL ? p->n : 0;
}

void
geo_pip_free(struct sv_pip *p)
{
	size_t i;

	if (p == NULL)
		return;
	GEOSSTRtree_destroy_r(p->geo->gh, p->tree);
	for (i = 0; i < p->n; i++) {
		GEOSPreparedGeom_destroy_r(p->geo->gh, p->e[i].prep);
		GEOSGeom_destroy_r(p->geo->gh, p->e[i].geom);
	}
	free(p->e);
	free(p);
}

struct sv_pip *
geo_pip_cached(struct sv_geo *g, const char *key, int64_t gen)
{
	size_t i;

	for (i = 0; i < PIP_CACHE; i++)
		if (g->cache[i].key != NULL && strcmp(g->cache[i].key, key) == 0)
			return g->cache[i].gen == gen ? g->cache[i].pip : NULL;
	return NULL;
}

void
geo_pip_store(struct sv_geo *g, const char *key, int64_t gen,
    struct sv_pip *pip)
{
	size_t i, slot = PIP_CACHE;

	for (i = 0; i < PIP_CACHE; i++) {
		if (g->cache[i].key != NULL && strcmp(g->cache[i].key, key) == 0) {
			slot = i;
			break;
		}
		if (g->cache[i].key == NULL && slot == PIP_CACHE)
			slot = i;
	}
	if (slot == PIP_CACHE)
		slot = 0;
	if (g->cache[slot].pip != pip)
		geo_pip_free(g->cache[slot].pip);
	free(g->cache[slot].key);
	g->cache[slot].key = sv_strdup(key);
	g->cache[slot].gen = gen;
	g->cache[slot].pip = pip;
}
