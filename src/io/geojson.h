/*
 * A strict GeoJSON (RFC 7946) reader into plain arrays.
 *
 * Accepted: a FeatureCollection, a single Feature, or a bare geometry,
 * with geometries Point, MultiPoint, Polygon and MultiPolygon. Refused
 * with a clear error: LineString, MultiLineString, GeometryCollection,
 * null geometries, positions that are not 2 or 3 finite numbers, polygon
 * rings with fewer than 4 positions or that are not closed, duplicate
 * object keys, and input over GEOJSON_MAX_BYTES. Foreign members (such as
 * "name" or "bbox") are allowed and ignored.
 *
 * The legacy "crs" member (GeoJSON 2008), as written by GDAL/QGIS, is
 * read at the top level of the document, either as the object
 * {"type":"name","properties":{"name":"..."}} or as a plain string:
 * EPSG:3006 and urn:ogc:def:crs:EPSG::3006 give GEOJSON_CRS_SWEREF;
 * OGC CRS84, EPSG:4326 and urn:ogc:def:crs:EPSG::4326 give
 * GEOJSON_CRS_WGS84 (coordinates always lon,lat as RFC 7946 says);
 * any other name is an error. Without a crs member the document is
 * RFC 7946 WGS84 (GEOJSON_CRS_DEFAULT) and every coordinate must lie in
 * lon [-180,180], lat [-90,90], which catches SWEREF files that lack
 * their crs member.
 *
 * Errors: SV_ERR_INVALID (or SV_ERR_TOOLARGE, SV_ERR_IO) with diag set:
 * field names the JSON path ("features[12].geometry.coordinates"), line
 * is the 1-based feature number (0 for document-level errors; for JSON
 * syntax errors line is the text line and field is "json").
 */
#ifndef SV_IO_GEOJSON_H
#define SV_IO_GEOJSON_H

#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

#define GEOJSON_MAX_BYTES	((size_t)256 * 1024 * 1024)

enum geojson_crs {
	GEOJSON_CRS_DEFAULT,	/* no crs member: RFC 7946 WGS84 lon,lat */
	GEOJSON_CRS_WGS84,	/* explicit CRS84 / EPSG:4326, lon,lat */
	GEOJSON_CRS_SWEREF,	/* EPSG:3006, x = easting, y = northing */
	GEOJSON_CRS__MAX
};
extern const char *const geojson_crs_names[GEOJSON_CRS__MAX];

enum geojson_type {
	GEOJSON_POINT,
	GEOJSON_MULTIPOINT,
	GEOJSON_POLYGON,
	GEOJSON_MULTIPOLYGON,
	GEOJSON_TYPE__MAX
};
extern const char *const geojson_type_names[GEOJSON_TYPE__MAX];

/* A linear ring: npoints interleaved x,y pairs, closed (last == first). */
struct geojson_ring {
	double	*xy;
	size_t	 npoints;
};

/* Ring 0 is the exterior ring, the others are holes. */
struct geojson_polygon {
	struct geojson_ring	*rings;
	size_t			 nrings;
};

struct geojson_feature {
	enum geojson_type	 type;
	/* Point and MultiPoint: npoints interleaved x,y pairs. */
	double			*points;
	size_t			 npoints;
	/* Polygon (npolygons == 1) and MultiPolygon. */
	struct geojson_polygon	*polygons;
	size_t			 npolygons;
	/* Bounding box of all coordinates: minx, miny, maxx, maxy. */
	double			 bbox[4];
	/*
	 * Borrowed from the document, freed by geojson_free: the
	 * "properties" object (NULL if null or absent) and the "id"
	 * (string or number; NULL if absent).
	 */
	json_t			*properties;
	json_t			*id;
	/* Borrowed: the geometry object itself (for writing it back). */
	json_t			*geometry;
};

struct geojson {
	enum geojson_crs	 crs;
	struct geojson_feature	*features;
	size_t			 nfeatures;
	/* Internal: the parsed document and the memory of the arrays. */
	json_t			*root;
	struct sv_arena		*arena;
};

/*
 * Parses len bytes of GeoJSON. On success *out is a new collection owned
 * by the caller (free with geojson_free); on error *out is NULL and diag
 * says where and why (see the top of this file).
 */
enum sv_err	geojson_parse(const char *buf, size_t len, struct geojson **out,
		    struct sv_diag *diag);
/* Reads and parses a file; as geojson_parse, plus SV_ERR_IO. */
enum sv_err	geojson_read_file(const char *path, struct geojson **out,
		    struct sv_diag *diag);
/* Frees the collection, its arrays and its JSON values; NULL is a no-op. */
void		geojson_free(struct geojson *);

#endif
