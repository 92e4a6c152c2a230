/*
 * Generates n incidents in the incident CSV layout (io/incident_csv.h),
 * deterministically (a fixed 64-bit LCG), each at a point inside one of
 * the 290 SCB kommuner: a kommun is drawn with probability proportional to
 * a rough population weight (its bbox area to the power 0.3, so towns and
 * countryside both get points), a point is drawn in its bbox until GEOS
 * says it lies inside. Times cover 2025 with a daily and weekly rhythm.
 * Writes x, y (SWEREF 99 TM) and lat, lon (WGS84, by PROJ) as an export
 * does. Standalone (GEOS, PROJ, jansson) so the benchmark builds it without
 * the project's library.
 *
 *   gen KOMMUNER_SWEREF.geojson N > incidents.csv
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>
#include <jansson.h>
#include <proj.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double
uniform(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static const char *const categories[] = {
	"skadegorelse.klotter", "skadegorelse.glaskross", "otrygghet.samling",
	"otrygghet.ordningsstorning", "narkotika.handel", "nedskrapning",
	"inbrott", "stold", "vald.misshandel", "brand", "otrygghet.buskorning",
};
static const char *const texts[] = {
	"Klotter på fasaden", "Krossad ruta vid entrén",
	"Grupp ungdomar samlades vid busshållplatsen",
	"Hög musik och bråk sent på kvällen", "Misstänkt försäljning",
	"Nedskräpning i parken", "Inbrott i källarförråd",
	"Cykelstöld vid stationen", "Misshandel utanför krogen",
	"Brand i papperskorg", "Mopedåkning på gångvägen",
};

int
main(int argc, char **argv)
{
	GEOSContextHandle_t g;
	const GEOSPreparedGeometry **prep;
	GEOSGeometry **geom, *pt;
	json_error_t jerr;
	json_t *root, *feats;
	double *bbox, *w, wsum = 0, x, y, u, acc;
	PJ *pj;
	PJ_COORD c;
	size_t nk, i, k;
	long n, r;
	int hour, day, month, mday, dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };

	if (argc != 3)
		return 2;
	n = strtol(argv[2], NULL, 10);
	if ((root = json_load_file(argv[1], 0, &jerr)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], jerr.text);
		return 1;
	}
	feats = json_object_get(root, "features");
	nk = json_array_size(feats);
	g = GEOS_init_r();
	geom = calloc(nk, sizeof(*geom));
	prep = calloc(nk, sizeof(*prep));
	bbox = calloc(nk * 4, sizeof(*bbox));
	w = calloc(nk, sizeof(*w));
	for (i = 0; i < nk; i++) {
		char *gj = json_dumps(json_object_get(json_array_get(feats, i),
		    "geometry"), 0);
		GEOSGeoJSONReader *rd = GEOSGeoJSONReader_create_r(g);

		geom[i] = GEOSGeoJSONReader_readGeometry_r(g, rd, gj);
		GEOSGeoJSONReader_destroy_r(g, rd);
		free(gj);
		prep[i] = GEOSPrepare_r(g, geom[i]);
		GEOSGeom_getXMin_r(g, geom[i], &bbox[4 * i]);
		GEOSGeom_getYMin_r(g, geom[i], &bbox[4 * i + 1]);
		GEOSGeom_getXMax_r(g, geom[i], &bbox[4 * i + 2]);
		GEOSGeom_getYMax_r(g, geom[i], &bbox[4 * i + 3]);
		w[i] = pow((bbox[4 * i + 2] - bbox[4 * i]) *
		    (bbox[4 * i + 3] - bbox[4 * i + 1]), 0.3);
		wsum += w[i];
	}
	pj = proj_create_crs_to_crs(NULL, "EPSG:3006", "EPSG:4326", NULL);
	/* x = easting in, x = longitude out. */
	pj = proj_normalize_for_visualization(NULL, pj);
	printf("external_id,organisation,category,observed_from,x,y,lat,lon,"
	    "severity,people_count,certainty,description\n");
	for (r = 0; r < n; r++) {
		u = uniform() * wsum;
		for (k = 0, acc = w[0]; k + 1 < nk && acc < u; k++)
			acc += w[k + 1];
		do {
			x = bbox[4 * k] + uniform() * (bbox[4 * k + 2] -
			    bbox[4 * k]);
			y = bbox[4 * k + 1] + uniform() * (bbox[4 * k + 3] -
			    bbox[4 * k + 1]);
			x = round(x * 100) / 100;
			y = round(y * 100) / 100;
			pt = GEOSGeom_createPointFromXY_r(g, x, y);
			i = GEOSPreparedContains_r(g, prep[k], pt);
			GEOSGeom_destroy_r(g, pt);
		} while (i != 1);
		c = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0));
		day = (int)(uniform() * 365);
		for (month = 0, mday = day; mday >= dm[month]; month++)
			mday -= dm[month];
		/* Evenings weigh more: a triangle peaking at 21. */
		hour = ((int)(uniform() * 12 + uniform() * 12) + 9) % 24;
		k = (size_t)(uniform() * 11);
		printf("b%ld,BENCH,%s,2025-%02d-%02dT%02d:%02d:00,%.2f,%.2f,"
		    "%.7f,%.7f,%d,%d,%s,%s\n", r + 1, categories[k], month + 1,
		    mday + 1, hour, (int)(uniform() * 60), x, y, c.xy.y, c.xy.x,
		    1 + (int)(uniform() * 3), (int)(uniform() * 8),
		    uniform() < 0.8 ? "observed" : "suspected", texts[k]);
	}
	proj_destroy(pj);
	return 0;
}
