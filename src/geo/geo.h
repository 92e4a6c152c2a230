/*
 * Geometry: coordinate transformation between WGS84 (EPSG:4326, lat/lon)
 * and SWEREF 99 TM (EPSG:3006, x = easting, y = northing) with PROJ, and
 * polygons with GEOS (re-entrant _r API): WKB in and out, validity,
 * GeoJSON output, and point-in-polygon indexes of prepared geometries in
 * an STRtree.
 *
 * Threads: a struct sv_geo holds one PJ_CONTEXT and one GEOS context and is
 * used by one thread at a time (the store of a connection owns one, see
 * store_geo). Memory: functions returning buffers say who frees them.
 */
#ifndef SV_GEO_H
#define SV_GEO_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

struct sv_geo;
struct sv_pip;

enum sv_crs {
	SV_CRS_WGS84,	/* EPSG:4326 / CRS84, coordinates lon,lat */
	SV_CRS_SWEREF,	/* EPSG:3006, x,y */
	SV_CRS__MAX
};
extern const char *const sv_crs_names[SV_CRS__MAX];

/* Sweden's bounding area, generous by some kilometres. */
#define SV_SWEDEN_MINLAT	55.0
#define SV_SWEDEN_MAXLAT	69.2
#define SV_SWEDEN_MINLON	10.5
#define SV_SWEDEN_MAXLON	24.3
#define SV_SWEDEN_MINX		180000.0
#define SV_SWEDEN_MAXX		1000000.0
#define SV_SWEDEN_MINY		6100000.0
#define SV_SWEDEN_MAXY		7700000.0

/* New context (aborts if PROJ or GEOS cannot start); geo_free(NULL) ok. */
struct sv_geo	*geo_new(void);
void		 geo_free(struct sv_geo *);

/* WGS84 -> SWEREF 99 TM and back. SV_ERR_INVALID if not transformable. */
enum sv_err	geo_to_sweref(struct sv_geo *, double lat, double lon,
		    double *x, double *y);
enum sv_err	geo_to_wgs84(struct sv_geo *, double x, double y,
		    double *lat, double *lon);
/* 1 if the point lies in Sweden's bounding area. */
int		geo_in_sweden_wgs84(double lat, double lon);
int		geo_in_sweden_sweref(double x, double y);

/*
 * A polygon as plain arrays: ring 0 is the exterior, the rest holes; each
 * ring is npoints interleaved coordinate pairs (lon,lat for WGS84, x,y for
 * SWEREF), closed or not (it is closed if needed).
 */
struct sv_ring {
	const double	*xy;
	size_t		 npoints;
};
struct sv_polygon {
	const struct sv_ring	*rings;
	size_t			 nrings;
};

/*
 * Builds a MultiPolygon in EPSG:3006 from npoly polygons in crs, checks it
 * is valid and inside Sweden, and returns its WKB (*wkb, caller frees with
 * free) and bbox (minx,miny,maxx,maxy in EPSG:3006). Errors:
 * SV_ERR_INVALID with the reason in diag (field "geometry").
 */
enum sv_err	geo_wkb_from_polygons(struct sv_geo *,
		    const struct sv_polygon *polys, size_t npoly,
		    enum sv_crs crs, unsigned char **wkb, size_t *len,
		    double bbox[4], struct sv_diag *);
/* Checks a WKB blob (EPSG:3006) and computes its bbox; same errors. */
enum sv_err	geo_wkb_check(struct sv_geo *, const unsigned char *wkb,
		    size_t len, double bbox[4], struct sv_diag *);
/*
 * Appends the geometry as a GeoJSON geometry object in crs (WGS84: lon,lat
 * with 7 decimals; SWEREF: metres with 2 decimals) to out.
 */
enum sv_err	geo_wkb_to_geojson(struct sv_geo *, const unsigned char *wkb,
		    size_t len, enum sv_crs crs, struct sv_buf *out);
/* A point guaranteed to lie inside the geometry (GEOSPointOnSurface). */
enum sv_err	geo_wkb_point_on_surface(struct sv_geo *,
		    const unsigned char *wkb, size_t len, double *x, double *y);
/* The WGS84 bbox (minlon,minlat,maxlon,maxlat) of an EPSG:3006 bbox. */
void		geo_bbox_to_wgs84(struct sv_geo *, const double in[4],
		    double out[4]);

/*
 * Point-in-polygon index over n polygons (WKB in EPSG:3006) with ids.
 * The WKB is copied. geo_pip_find returns the id of the polygon containing
 * (x, y) (boundary counts as inside; the lowest id wins on overlaps) or 0.
 */
struct sv_pip	*geo_pip_new(struct sv_geo *, size_t n, const int64_t *ids,
		    const unsigned char *const *wkbs, const size_t *lens);
int64_t		 geo_pip_find(struct sv_pip *, double x, double y);
size_t		 geo_pip_size(const struct sv_pip *);
void		 geo_pip_free(struct sv_pip *);

/*
 * A small cache of pip indexes in the context, keyed by name (an area
 * layer) and a generation number: geo_pip_cached returns the index stored
 * under key if its generation equals gen, else NULL. geo_pip_store hands
 * ownership of pip to the context (replacing and freeing an older one).
 */
struct sv_pip	*geo_pip_cached(struct sv_geo *, const char *key, int64_t gen);
void		 geo_pip_store(struct sv_geo *, const char *key, int64_t gen,
		    struct sv_pip *pip);

#endif
