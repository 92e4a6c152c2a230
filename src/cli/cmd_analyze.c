/*
 * samverkan analyze SUBCMD: runs one analysis kernel on files, as
 * analysts use CrimeStat, GeoDa, R or the Near Repeat Calculator. Input
 * is a CSV of points (x,y in SWEREF 99 TM metres or lat,lon in WGS84,
 * transformed with PROJ) or a GeoJSON of areas with an id and a value
 * field; output is CSV (or GeoJSON where it makes sense) on stdout or
 * --out, and a one-line summary on stderr. The kernels live in
 * src/analysis and know nothing of files; this file does the I/O.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analysis/dbscan.h"
#include "analysis/getisord.h"
#include "analysis/kde.h"
#include "analysis/knox.h"
#include "analysis/moran.h"
#include "analysis/stats.h"
#include "analysis/trend.h"
#include "analysis/weights.h"
#include "cli.h"
#include "commands.h"
#include "core/mem.h"
#include "core/svtime.h"
#include "geo/geo.h"
#include "io/geojson.h"
#include "io/pointcsv.h"

#define CMD	"analyze"
#define MAX_GRID_CELLS	((size_t)4 * 1024 * 1024)

static const char usage[] =
"usage: samverkan analyze SUBCMD [options]\n"
"\n"
"Subcommands (each with the exact definition it uses):\n"
"  moran       global Moran's I of an area value (spdep moran.test:\n"
"              I = (n'/S0) z'Wz / z'z, E[I] = -1/(n'-1), variance under\n"
"              normality and randomisation, z, one-sided p P(Z > z); n' =\n"
"              areas with neighbours), with --permutations a folded pseudo\n"
"              p (M+1)/(R+1) from R random permutations of the values\n"
"  localmoran  local Moran's I per area (spdep localmoran: Ii, E.Ii,\n"
"              Var.Ii with conditional moments, Z.Ii, two-sided P), the\n"
"              Moran scatterplot quadrant, BH q of P, and with\n"
"              --permutations the conditional permutation pseudo p\n"
"              (PySAL esda: neighbours drawn without replacement from the\n"
"              other n-1 areas, (M+1)/(R+1) folded)\n"
"  gistar      Getis-Ord Gi* z per area (binary weights incl. the area\n"
"              itself, spdep localG) or per grid cell of points (counts in\n"
"              --cell squares, neighbours = cell centres within --band,\n"
"              itself included); two-sided p and Benjamini-Hochberg q\n"
"  kde         kernel density of points on a grid, spatstat density.ppp\n"
"              (edge = FALSE): --bandwidth is the kernel's standard\n"
"              deviation; quartic support sqrt(8) x bandwidth; density in\n"
"              points per square metre and per km2 at pixel centres\n"
"  knox        near-repeat table (Near Repeat Calculator counting: bands\n"
"              closed left, open right; [0,S) same location first),\n"
"              Monte Carlo expectation by permuting times, Knox ratio,\n"
"              p = (1 + #{sim >= obs})/(R + 1)\n"
"  dbscan      DBSCAN clusters as scikit-learn (d <= eps neighbours, the\n"
"              point itself counts towards --min-points; border points go\n"
"              to the lowest-numbered cluster; noise -1)\n"
"  trend       Mann-Kendall on counts per --bin (tie-corrected variance,\n"
"              continuity-corrected z), the rate ratio of --current\n"
"              against --previous with R poisson.test's exact conditional\n"
"              binomial test (exposure = days), and concentration over\n"
"              --cell squares in the points' bounding box (share of\n"
"              points in the top 5 % of cells, Gini)\n"
"\n"
"Input:\n"
"  --points FILE       CSV with a header (RFC 4180); '-' is stdin\n"
"  --x-field F --y-field F      SWEREF 99 TM metres (default x, y)\n"
"  --lat-field F --lon-field F  WGS84 degrees (default lat, lon; used\n"
"                      when there are no x,y columns)\n"
"  --time-field F      dates (YYYY-MM-DD), ISO times or day numbers\n"
"                      (default date; knox and trend need it)\n"
"  --category-field F --category V   keep only rows with F equal to V\n"
"  --id-field F        points: an id column carried to the output;\n"
"                      areas: the feature property naming each area\n"
"  --areas FILE        GeoJSON FeatureCollection of Polygon/MultiPolygon\n"
"  --value-field F     the numeric property analysed (areas)\n"
"  --transform T       none (default), log or log1p of the value\n"
"\n"
"Weights (areas): --weights queen|rook (spdep poly2nb, shared vertices\n"
"  within --snap, default 1.49e-8), --style W|B (row standardised or\n"
"  binary; default W for moran/localmoran, gistar always B with self).\n"
"  Areas without neighbours are kept (spdep zero.policy = TRUE): their\n"
"  local statistics are NA.\n"
"\n"
"Options:\n"
"  --permutations R    Monte Carlo runs (default 0; knox 99)\n"
"  --seed S            seed of the xoshiro256** generator (default 1)\n"
"  --cell M            grid cell side in metres (gistar points, kde,\n"
"                      trend; default 250, kde 50)\n"
"  --band M            gistar distance band between cell centres\n"
"                      (default 2 x cell)\n"
"  --kernel K          gaussian or quartic (default quartic)\n"
"  --bandwidth M       kde sigma in metres (default 250)\n"
"  --method M          kde grid: binned (spatstat's pixel image: points\n"
"                      moved to their pixel centre; default) or exact\n"
"  --distance D        knox: euclidean or manhattan (default euclidean)\n"
"  --space-bands LIST  knox: band limits in metres, e.g. 100,200,300\n"
"  --time-bands LIST   knox: band limits in days, e.g. 7,14,21\n"
"  --same-location M   knox: first space band [0,M) (default 1; 0 = none)\n"
"  --eps M --min-points N   dbscan parameters (defaults 100 and 5)\n"
"  --bin B             trend: day, week (ISO, Monday) or month\n"
"  --current FROM/TO --previous FROM/TO   trend periods (dates, TO\n"
"                      exclusive)\n"
"  --format F          csv (default) or geojson (localmoran, gistar,\n"
"                      dbscan)\n"
"  --out FILE          write the result to FILE instead of stdout\n"
"\n"
"Errors (empty files, one point, all values equal, NaN, duplicate ids,\n"
"unknown fields) are reported with the file, line or feature and field,\n"
"and the exit status is 1 (2 for usage errors).\n";

enum sub {
	SUB_MORAN,
	SUB_LOCALMORAN,
	SUB_GISTAR,
	SUB_KDE,
	SUB_KNOX,
	SUB_DBSCAN,
	SUB_TREND,
	SUB__MAX
};
static const char *const sub_names[SUB__MAX] = {
	"moran", "localmoran", "gistar", "kde", "knox", "dbscan", "trend",
};

struct aopts {
	enum sub	 sub;
	const char	*points, *areas, *id_field, *value_field;
	const char	*x_field, *y_field, *lat_field, *lon_field;
	const char	*time_field, *category_field, *category;
	const char	*weights, *style, *kernel, *method, *distance;
	const char	*space_bands, *time_bands, *bin, *current, *previous;
	const char	*format, *out, *transform;
	double		 snap, cell, band, bandwidth, same_location, eps;
	long		 permutations, min_points;
	uint64_t	 seed;
	int		 have_cell, have_band, have_perm;
};

/* Areas read from GeoJSON: id, value and vertices per feature. */
struct areas {
	struct geojson		*gj;
	size_t			 n;
	char			**id;
	double			*value;
	struct weights_area	*va;
	double			**vxy;
};

/* "samverkan analyze SUB: FILE: field: message" on stderr. */
static void
afail(const struct aopts *o, enum sv_err rc, const struct sv_diag *d)
{
	const char *file = o->areas != NULL ? o->areas : o->points;

	if (d->message[0] == '\0') {
		fprintf(stderr, "samverkan %s %s: %s\n", CMD,
		    sub_names[o->sub], sv_strerror(rc));
		return;
	}
	fprintf(stderr, "samverkan %s %s: ", CMD, sub_names[o->sub]);
	if (file != NULL && strcmp(d->field, file) != 0)
		fprintf(stderr, "%s: ", file);
	if (d->field[0] != '\0')
		fprintf(stderr, "%s: ", d->field);
	fprintf(stderr, "%s\n", d->message);
}

static void
areas_free(struct areas *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->id[i]);
		free(a->vxy[i]);
	}
	free(a->id);
	free(a->value);
	free(a->va);
	free(a->vxy);
	geojson_free(a->gj);
	memset(a, 0, sizeof(*a));
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum sv_err
areas_load(const struct aopts *o, struct areas *a, struct sv_diag *diag)
{
	size_t i, p, r, k;
	enum sv_err rc;
	char **sorted;

	memset(a, 0, sizeof(*a));
	if ((rc = geojson_read_file(o->areas, &a->gj, diag)) != SV_OK)
		return rc;
	a->n = a->gj->nfeatures;
	if (a->n == 0)
		return sv_diag_set(diag, SV_ERR_INVALID, o->areas, "the file "
		    "has no features");
	a->id = sv_calloc(a->n, sizeof(char *));
	a->value = sv_calloc(a->n, sizeof(double));
	a->va = sv_calloc(a->n, sizeof(*a->va));
	a->vxy = sv_calloc(a->n, sizeof(double *));
	for (i = 0; i < a->n; i++) {
		const struct geojson_feature *f = &a->gj->features[i];
		json_t *idv = NULL, *v;
		size_t nv = 0;

		diag->line = (long)i + 1;
		if (f->npolygons == 0)
			return sv_diag_set(diag, SV_ERR_INVALID, "geometry",
			    "feature %zu is a %s; areas must be polygons", i + 1,
			    geojson_type_names[f->type]);
		if (o->id_field != NULL) {
			idv = json_object_get(f->properties, o->id_field);
			if (idv == NULL)
				return sv_diag_set(diag, SV_ERR_INVALID,
				    o->id_field, "feature %zu has no property "
				    "\"%s\"", i + 1, o->id_field);
		} else
			idv = f->id;
		if (json_is_string(idv))
			a->id[i] = sv_strdup(json_string_value(idv));
		else if (json_is_integer(idv)) {
			char b[32];

			snprintf(b, sizeof(b), "%lld",
			    (long long)json_integer_value(idv));
			a->id[i] = sv_strdup(b);
		} else if (json_is_real(idv)) {
			char b[40];

			snprintf(b, sizeof(b), "%.17g", json_real_value(idv));
			a->id[i] = sv_strdup(b);
		} else {
			char b[32];

			if (idv != NULL)
				return sv_diag_set(diag, SV_ERR_INVALID,
				    o->id_field ? o->id_field : "id", "feature "
				    "%zu: the id must be a string or a number",
				    i + 1);
			snprintf(b, sizeof(b), "%zu", i + 1);
			a->id[i] = sv_strdup(b);
		}
		if (o->value_field != NULL) {
			v = json_object_get(f->properties, o->value_field);
			if (v == NULL)
				return sv_diag_set(diag, SV_ERR_INVALID,
				    o->value_field, "feature %zu has no "
				    "property \"%s\"", i + 1, o->value_field);
			if (!json_is_number(v))
				return sv_diag_set(diag, SV_ERR_INVALID,
				    o->value_field, "feature %zu: \"%s\" is "
				    "not a number", i + 1, o->value_field);
			a->value[i] = json_number_value(v);
			if (o->transform != NULL &&
			    strcmp(o->transform, "log") == 0) {
				if (!(a->value[i] > 0))
					return sv_diag_set(diag,
					    SV_ERR_INVALID, o->value_field,
					    "feature %zu: log of %g", i + 1,
					    a->value[i]);
				a->value[i] = log(a->value[i]);
			} else if (o->transform != NULL &&
			    strcmp(o->transform, "log1p") == 0) {
				if (!(a->value[i] > -1))
					return sv_diag_set(diag,
					    SV_ERR_INVALID, o->value_field,
					    "feature %zu: log1p of %g", i + 1,
					    a->value[i]);
				a->value[i] = log1p(a->value[i]);
			}
		}
		for (p = 0; p < f->npolygons; p++)
			for (r = 0; r < f->polygons[p].nrings; r++)
				nv += f->polygons[p].rings[r].npoints;
		a->vxy[i] = sv_malloc(2 * nv * sizeof(double));
		nv = 0;
		for (p = 0; p < f->npolygons; p++)
			for (r = 0; r < f->polygons[p].nrings; r++) {
				const struct geojson_ring *g =
				    &f->polygons[p].rings[r];

				for (k = 0; k < 2 * g->npoints; k++)
					a->vxy[i][nv++] = g->xy[k];
			}
		a->va[i].xy = a->vxy[i];
		a->va[i].n = nv / 2;
	}
	diag->line = 0;
	sorted = sv_malloc(a->n * sizeof(char *));
	memcpy(sorted, a->id, a->n * sizeof(char *));
	qsort(sorted, a->n, sizeof(char *), str_cmp);
	rc = SV_OK;
	for (i = 1; i < a->n; i++)
		if (strcmp(sorted[i], sorted[i - 1]) == 0) {
			rc = sv_diag_set(diag, SV_ERR_INVALID, o->id_field ?
			    o->id_field : "id", "duplicate area id \"%.60s\"",
			    sorted[i]);
			break;
		}
	free(sorted);
	return rc;
}

static enum sv_err
points_load(const struct aopts *o, int need_time, struct pointcsv **pc,
    struct sv_diag *diag)
{
	struct pointcsv_spec sp;
	enum sv_err rc;
	size_t i;

	memset(&sp, 0, sizeof(sp));
	sp.x_field = o->x_field;
	sp.y_field = o->y_field;
	sp.lat_field = o->lat_field;
	sp.lon_field = o->lon_field;
	sp.time_field = need_time ? o->time_field : NULL;
	sp.time_required = need_time;
	sp.category_field = o->category_field;
	sp.category = o->category;
	sp.id_field = o->id_field;
	if ((rc = pointcsv_read_file(o->points, &sp, pc, diag)) != SV_OK)
		return rc;
	if ((*pc)->latlon && (*pc)->n > 0) {
		struct sv_geo *g = geo_new();

		for (i = 0; i < (*pc)->n; i++) {
			double lon = (*pc)->xy[2 * i], lat = (*pc)->xy[2 * i + 1];

			rc = geo_to_sweref(g, lat, lon, &(*pc)->xy[2 * i],
			    &(*pc)->xy[2 * i + 1]);
			if (rc != SV_OK) {
				sv_diag_set(diag, rc, "lat", "line %ld: %g,%g "
				    "cannot be transformed to SWEREF 99 TM",
				    (*pc)->line[i], lat, lon);
				diag->line = (*pc)->line[i];
				break;
			}
		}
		geo_free(g);
	}
	return rc;
}

/* Comma-separated positive numbers into v (at most max). */
static int
parse_list(const char *s, double *v, size_t max, size_t *n)
{
	char buf[1024], *p, *q;

	*n = 0;
	if (s == NULL || strlen(s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	for (p = buf; p != NULL; p = q) {
		q = strchr(p, ',');
		if (q != NULL)
			*q++ = '\0';
		if (*n == max || cli_parse_double(p, &v[*n]) != 0)
			return -1;
		(*n)++;
	}
	return 0;
}

static void
csv_str(FILE *f, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* A number in CSV: NA for NaN (as R), Inf, else 17 digits. */
static void
csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("NA", f);
	else if (isinf(v))
		fputs(v > 0 ? "Inf" : "-Inf", f);
	else
		fprintf(f, "%.17g", v);
}

static json_t *
json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* Writes a FeatureCollection of the given features (steals them). */
static int
write_fc(FILE *f, json_t *features, enum geojson_crs crs)
{
	json_t *fc = json_object();
	int rc;

	json_object_set_new(fc, "type", json_string("FeatureCollection"));
	if (crs == GEOJSON_CRS_SWEREF)
		json_object_set_new(fc, "crs", json_pack("{s:s,s:{s:s}}",
		    "type", "name", "properties", "name",
		    "urn:ogc:def:crs:EPSG::3006"));
	json_object_set_new(fc, "features", features);
	rc = json_dumpf(fc, f, JSON_COMPACT | JSON_REAL_PRECISION(17));
	fputc('\n', f);
	json_decref(fc);
	return rc;
}

static enum sv_err
area_weights(const struct aopts *o, const struct areas *a,
    struct weights **w, struct sv_diag *diag)
{
	int queen;

	if (o->weights == NULL || strcmp(o->weights, "queen") == 0)
		queen = 1;
	else if (strcmp(o->weights, "rook") == 0)
		queen = 0;
	else
		return sv_diag_set(diag, SV_ERR_INVALID, "weights", "weights "
		    "for areas are queen or rook, not \"%s\"", o->weights);
	return weights_contiguity(a->va, a->n, queen, o->snap, w, diag);
}

static int
run_moran(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct areas a;
	struct weights *w = NULL;
	struct moran_global g;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL;

	if ((rc = areas_load(o, &a, diag)) != SV_OK ||
	    (rc = area_weights(o, &a, &w, diag)) != SV_OK)
		goto out;
	weights_set_style(w, o->style && strcmp(o->style, "B") == 0 ?
	    WEIGHTS_BINARY : WEIGHTS_ROW);
	rc = moran_global(a.value, w, (unsigned long)o->permutations, o->seed,
	    &g, diag);
	if (rc != SV_OK)
		goto out;
	fputs("n,n_with_neighbours,links,islands,I,E_I,var_normality,"
	    "z_normality,p_normality,var_randomisation,z_randomisation,"
	    "p_randomisation,permutations,p_sim,sim_mean,sim_sd\n", out);
	fprintf(out, "%zu,%zu,%zu,%zu,", a.n, g.n_used, weights_nlinks(w),
	    weights_nislands(w));
	csv_num(out, g.I);
	fputc(',', out);
	csv_num(out, g.EI);
	fputc(',', out);
	csv_num(out, g.var_norm);
	fputc(',', out);
	csv_num(out, g.z_norm);
	fputc(',', out);
	csv_num(out, g.p_norm);
	fputc(',', out);
	csv_num(out, g.var_rand);
	fputc(',', out);
	csv_num(out, g.z_rand);
	fputc(',', out);
	csv_num(out, g.p_rand);
	fprintf(out, ",%lu,", g.permutations);
	csv_num(out, g.p_sim);
	fputc(',', out);
	csv_num(out, g.sim_mean);
	fputc(',', out);
	csv_num(out, g.sim_sd);
	fputc('\n', out);
	fprintf(stderr, "moran: n=%zu I=%.6g E[I]=%.6g z=%.4g p=%.3g",
	    a.n, g.I, g.EI, g.z_rand, g.p_rand);
	if (g.permutations > 0)
		fprintf(stderr, " p_sim=%.4g (%lu permutations, seed %llu)",
		    g.p_sim, g.permutations, (unsigned long long)o->seed);
	fprintf(stderr, " weights=%s style=%s islands=%zu\n",
	    o->weights ? o->weights : "queen", weights_style_names[w->style],
	    weights_nislands(w));
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	weights_free(w);
	areas_free(&a);
	return ret;
}

static int
run_localmoran(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct areas a;
	struct weights *w = NULL;
	struct moran_local L;
	double *buf = NULL, *q = NULL;
	enum moran_quad *quad = NULL;
	size_t i, n, nsig = 0;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL, geo = o->format && strcmp(o->format,
	    "geojson") == 0;

	if ((rc = areas_load(o, &a, diag)) != SV_OK ||
	    (rc = area_weights(o, &a, &w, diag)) != SV_OK)
		goto out;
	n = a.n;
	weights_set_style(w, o->style && strcmp(o->style, "B") == 0 ?
	    WEIGHTS_BINARY : WEIGHTS_ROW);
	buf = sv_calloc(6 * n, sizeof(double));
	q = sv_calloc(n, sizeof(double));
	quad = sv_calloc(n, sizeof(*quad));
	L.Ii = buf;
	L.EIi = buf + n;
	L.VarIi = buf + 2 * n;
	L.ZIi = buf + 3 * n;
	L.PIi = buf + 4 * n;
	L.p_sim = buf + 5 * n;
	L.quad = quad;
	rc = moran_local(a.value, w, (unsigned long)o->permutations, o->seed,
	    &L, diag);
	if (rc != SV_OK)
		goto out;
	stats_fdr_bh(L.PIi, n, q);
	if (geo) {
		json_t *fs = json_array();

		for (i = 0; i < n; i++) {
			json_t *f = json_object(), *pr = json_object();

			json_object_set_new(pr, "id", json_string(a.id[i]));
			json_object_set_new(pr, "value", json_num(a.value[i]));
			json_object_set_new(pr, "Ii", json_num(L.Ii[i]));
			json_object_set_new(pr, "E_Ii", json_num(L.EIi[i]));
			json_object_set_new(pr, "Var_Ii", json_num(L.VarIi[i]));
			json_object_set_new(pr, "Z_Ii", json_num(L.ZIi[i]));
			json_object_set_new(pr, "P_Ii", json_num(L.PIi[i]));
			json_object_set_new(pr, "q_bh", json_num(q[i]));
			json_object_set_new(pr, "p_sim", json_num(L.p_sim[i]));
			json_object_set_new(pr, "quadrant",
			    json_string(moran_quad_names[quad[i]]));
			json_object_set_new(f, "type", json_string("Feature"));
			json_object_set_new(f, "properties", pr);
			json_object_set(f, "geometry",
			    a.gj->features[i].geometry);
			json_array_append_new(fs, f);
		}
		write_fc(out, fs, a.gj->crs);
	} else {
		fputs("id,value,card,Ii,E_Ii,Var_Ii,Z_Ii,P_Ii,q_bh,p_sim,"
		    "quadrant\n", out);
		for (i = 0; i < n; i++) {
			csv_str(out, a.id[i]);
			fputc(',', out);
			csv_num(out, a.value[i]);
			fprintf(out, ",%zu,", w->off[i + 1] - w->off[i]);
			csv_num(out, L.Ii[i]);
			fputc(',', out);
			csv_num(out, L.EIi[i]);
			fputc(',', out);
			csv_num(out, L.VarIi[i]);
			fputc(',', out);
			csv_num(out, L.ZIi[i]);
			fputc(',', out);
			csv_num(out, L.PIi[i]);
			fputc(',', out);
			csv_num(out, q[i]);
			fputc(',', out);
			csv_num(out, L.p_sim[i]);
			fprintf(out, ",%s\n", moran_quad_names[quad[i]]);
		}
	}
	for (i = 0; i < n; i++)
		if (q[i] <= 0.05)
			nsig++;
	fprintf(stderr, "localmoran: n=%zu islands=%zu significant (BH q <= "
	    "0.05)=%zu permutations=%ld seed=%llu\n", n, weights_nislands(w),
	    nsig, o->permutations, (unsigned long long)o->seed);
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	weights_free(w);
	areas_free(&a);
	free(buf);
	free(q);
	free(quad);
	return ret;
}

/* Points counted into cells of side c over their bounding box. */
struct cellgrid {
	double	 x0, y0, c;
	size_t	 nx, ny;
	double	*count;		/* ny * nx */
};

static enum sv_err
cellgrid_make(const double *xy, size_t n, double c, struct cellgrid *g,
    struct sv_diag *diag)
{
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY;
	double maxy = -INFINITY, fx, fy;
	size_t i;

	memset(g, 0, sizeof(*g));
	if (!(c > 0) || !isfinite(c))
		return sv_diag_set(diag, SV_ERR_INVALID, "cell", "the cell "
		    "size must be positive");
	if (n == 0)
		return sv_diag_set(diag, SV_ERR_INVALID, "points", "no points "
		    "to analyse");
	for (i = 0; i < n; i++) {
		minx = fmin(minx, xy[2 * i]);
		maxx = fmax(maxx, xy[2 * i]);
		miny = fmin(miny, xy[2 * i + 1]);
		maxy = fmax(maxy, xy[2 * i + 1]);
	}
	g->c = c;
	g->x0 = floor(minx / c) * c;
	g->y0 = floor(miny / c) * c;
	fx = floor((maxx - g->x0) / c) + 1;
	fy = floor((maxy - g->y0) / c) + 1;
	if (fx * fy > (double)MAX_GRID_CELLS)
		return sv_diag_set(diag, SV_ERR_INVALID, "cell", "%.0f x %.0f "
		    "cells is more than %zu; use a larger --cell", fx, fy,
		    MAX_GRID_CELLS);
	g->nx = (size_t)fx;
	g->ny = (size_t)fy;
	g->count = sv_calloc(g->nx * g->ny, sizeof(double));
	for (i = 0; i < n; i++) {
		size_t cx = (size_t)floor((xy[2 * i] - g->x0) / c);
		size_t cy = (size_t)floor((xy[2 * i + 1] - g->y0) / c);

		if (cx >= g->nx)
			cx = g->nx - 1;
		if (cy >= g->ny)
			cy = g->ny - 1;
		g->count[cy * g->nx + cx]++;
	}
	return SV_OK;
}

static json_t *
square(double x0, double y0, double c)
{
	return json_pack("{s:s,s:[[[f,f],[f,f],[f,f],[f,f],[f,f]]]}", "type",
	    "Polygon", "coordinates", x0, y0, x0 + c, y0, x0 + c, y0 + c, x0,
	    y0 + c, x0, y0);
}

static int
run_gistar(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct areas a;
	struct pointcsv *pc = NULL;
	struct cellgrid cg;
	struct weights *w = NULL;
	double *x = NULL, *z = NULL, *p = NULL, *q = NULL, *cxy = NULL;
	size_t n = 0, i, hot = 0, cold = 0;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL, geo = o->format && strcmp(o->format,
	    "geojson") == 0;

	memset(&a, 0, sizeof(a));
	memset(&cg, 0, sizeof(cg));
	if (o->areas != NULL) {
		if ((rc = areas_load(o, &a, diag)) != SV_OK ||
		    (rc = area_weights(o, &a, &w, diag)) != SV_OK)
			goto out;
		n = a.n;
		x = sv_malloc(n * sizeof(double));
		memcpy(x, a.value, n * sizeof(double));
	} else {
		double cell = o->have_cell ? o->cell : 250;
		double band = o->have_band ? o->band : 2 * cell;
		size_t ix, iy;

		if ((rc = points_load(o, 0, &pc, diag)) != SV_OK ||
		    (rc = cellgrid_make(pc->xy, pc->n, cell, &cg, diag)) !=
		    SV_OK)
			goto out;
		n = cg.nx * cg.ny;
		x = cg.count;
		cg.count = NULL;
		cxy = sv_malloc(2 * n * sizeof(double));
		for (iy = 0; iy < cg.ny; iy++)
			for (ix = 0; ix < cg.nx; ix++) {
				cxy[2 * (iy * cg.nx + ix)] = cg.x0 +
				    ((double)ix + 0.5) * cell;
				cxy[2 * (iy * cg.nx + ix) + 1] = cg.y0 +
				    ((double)iy + 0.5) * cell;
			}
		rc = weights_distance_band(cxy, n, band, 0, &w, diag);
		if (rc != SV_OK)
			goto out;
	}
	weights_include_self(w);
	weights_set_style(w, WEIGHTS_BINARY);
	z = sv_calloc(n, sizeof(double));
	p = sv_calloc(n, sizeof(double));
	q = sv_calloc(n, sizeof(double));
	if ((rc = getisord_local(x, w, z, p, diag)) != SV_OK)
		goto out;
	stats_fdr_bh(p, n, q);
	if (geo) {
		json_t *fs = json_array();

		for (i = 0; i < n; i++) {
			json_t *f = json_object(), *pr = json_object();

			if (o->areas != NULL)
				json_object_set_new(pr, "id",
				    json_string(a.id[i]));
			json_object_set_new(pr, o->areas ? "value" : "count",
			    json_num(x[i]));
			json_object_set_new(pr, "Gi_star_z", json_num(z[i]));
			json_object_set_new(pr, "p", json_num(p[i]));
			json_object_set_new(pr, "q_bh", json_num(q[i]));
			json_object_set_new(f, "type", json_string("Feature"));
			json_object_set_new(f, "properties", pr);
			if (o->areas != NULL)
				json_object_set(f, "geometry",
				    a.gj->features[i].geometry);
			else
				json_object_set_new(f, "geometry", square(
				    cxy[2 * i] - cg.c / 2,
				    cxy[2 * i + 1] - cg.c / 2, cg.c));
			json_array_append_new(fs, f);
		}
		write_fc(out, fs, o->areas ? a.gj->crs : GEOJSON_CRS_SWEREF);
	} else {
		fputs(o->areas ? "id,value,Gi_star_z,p,q_bh\n" :
		    "x,y,count,Gi_star_z,p,q_bh\n", out);
		for (i = 0; i < n; i++) {
			if (o->areas != NULL)
				csv_str(out, a.id[i]);
			else
				fprintf(out, "%.17g,%.17g", cxy[2 * i],
				    cxy[2 * i + 1]);
			fputc(',', out);
			csv_num(out, x[i]);
			fputc(',', out);
			csv_num(out, z[i]);
			fputc(',', out);
			csv_num(out, p[i]);
			fputc(',', out);
			csv_num(out, q[i]);
			fputc('\n', out);
		}
	}
	for (i = 0; i < n; i++)
		if (q[i] <= 0.05) {
			if (z[i] > 0)
				hot++;
			else
				cold++;
		}
	if (o->areas != NULL)
		fprintf(stderr, "gistar: n=%zu areas, weights=%s+self binary; "
		    "hot=%zu cold=%zu (BH q <= 0.05)\n", n,
		    o->weights ? o->weights : "queen", hot, cold);
	else
		fprintf(stderr, "gistar: %zu points in %zu x %zu cells of %g m, "
		    "band %g m; hot=%zu cold=%zu (BH q <= 0.05)\n", pc->n,
		    cg.nx, cg.ny, cg.c, o->have_band ? o->band : 2 * cg.c,
		    hot, cold);
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	weights_free(w);
	areas_free(&a);
	pointcsv_free(pc);
	free(cg.count);
	free(x);
	free(z);
	free(p);
	free(q);
	free(cxy);
	return ret;
}

static int
run_kde(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct pointcsv *pc = NULL;
	struct kde_grid g;
	enum kde_kernel k = KDE_QUARTIC;
	enum kde_method m = KDE_GRID_BINNED;
	double cell = o->have_cell ? o->cell : 50, *d = NULL, mx = 0;
	double minx = INFINITY, miny = INFINITY, maxx = -INFINITY;
	double maxy = -INFINITY;
	size_t i, j, outside;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL;

	if (o->kernel != NULL && strcmp(o->kernel, "gaussian") == 0)
		k = KDE_GAUSSIAN;
	else if (o->kernel != NULL && strcmp(o->kernel, "quartic") != 0)
		return cli_usage_error(CMD " kde", "--kernel is gaussian or "
		    "quartic");
	if (o->method != NULL && strcmp(o->method, "exact") == 0)
		m = KDE_GRID_EXACT;
	else if (o->method != NULL && strcmp(o->method, "binned") != 0)
		return cli_usage_error(CMD " kde", "--method is binned or "
		    "exact");
	if ((rc = points_load(o, 0, &pc, diag)) != SV_OK)
		goto out;
	if (pc->n == 0) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, o->points, "no points");
		goto out;
	}
	for (i = 0; i < pc->n; i++) {
		minx = fmin(minx, pc->xy[2 * i]);
		maxx = fmax(maxx, pc->xy[2 * i]);
		miny = fmin(miny, pc->xy[2 * i + 1]);
		maxy = fmax(maxy, pc->xy[2 * i + 1]);
	}
	if (!(cell > 0) || !isfinite(cell)) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, "cell", "the cell size "
		    "must be positive");
		goto out;
	}
	/* Cells aligned to multiples of the cell size, covering the bbox. */
	g.x0 = floor(minx / cell) * cell;
	g.y0 = floor(miny / cell) * cell;
	g.dx = g.dy = cell;
	if ((maxx - g.x0) / cell + 1 > 8192 || (maxy - g.y0) / cell + 1 >
	    8192) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, "cell", "the grid "
		    "would have more than 8192 cells on a side; use a larger "
		    "--cell");
		goto out;
	}
	g.nx = (size_t)floor((maxx - g.x0) / cell) + 1;
	g.ny = (size_t)floor((maxy - g.y0) / cell) + 1;
	d = sv_malloc(g.nx * g.ny * sizeof(double));
	rc = kde_grid(pc->xy, pc->n, &g, k, o->bandwidth, m, d, &outside,
	    diag);
	if (rc != SV_OK)
		goto out;
	fputs("x,y,density,density_km2\n", out);
	for (j = 0; j < g.ny; j++)
		for (i = 0; i < g.nx; i++) {
			double v = d[j * g.nx + i];

			mx = fmax(mx, v);
			fprintf(out, "%.17g,%.17g,%.17g,%.17g\n",
			    g.x0 + ((double)i + 0.5) * cell,
			    g.y0 + ((double)j + 0.5) * cell, v, v * 1e6);
		}
	fprintf(stderr, "kde: %zu points, %s kernel sigma=%g m, %zu x %zu "
	    "cells of %g m (%s), max %.6g per km2\n", pc->n,
	    kde_kernel_names[k], o->bandwidth, g.nx, g.ny, cell,
	    kde_method_names[m], mx * 1e6);
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	pointcsv_free(pc);
	free(d);
	return ret;
}

static void
band_label(char *b, size_t len, const double *br, size_t nb, size_t k)
{
	if (k == nb)
		snprintf(b, len, "[%g,Inf)", br[nb - 1]);
	else
		snprintf(b, len, "[%g,%g)", k == 0 ? 0.0 : br[k - 1], br[k]);
}

static int
run_knox(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct pointcsv *pc = NULL;
	struct knox_params kp;
	struct knox_table kt;
	double sb[KNOX_MAX_BANDS + 1], tb[KNOX_MAX_BANDS];
	size_t ns = 0, nt = 0, r, c;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL;

	memset(&kt, 0, sizeof(kt));
	memset(&kp, 0, sizeof(kp));
	if (o->same_location > 0)
		sb[ns++] = o->same_location;
	{
		size_t got;

		if (parse_list(o->space_bands, sb + ns, KNOX_MAX_BANDS - ns,
		    &got) != 0)
			return cli_usage_error(CMD " knox", "--space-bands "
			    "needs a list of distances such as 100,200,300");
		ns += got;
	}
	if (parse_list(o->time_bands, tb, KNOX_MAX_BANDS, &nt) != 0)
		return cli_usage_error(CMD " knox", "--time-bands needs a list "
		    "of days such as 7,14,21");
	kp.space_breaks = sb;
	kp.nspace = ns;
	kp.time_breaks = tb;
	kp.ntime = nt;
	if (o->distance == NULL || strcmp(o->distance, "euclidean") == 0)
		kp.metric = KNOX_EUCLIDEAN;
	else if (strcmp(o->distance, "manhattan") == 0)
		kp.metric = KNOX_MANHATTAN;
	else
		return cli_usage_error(CMD " knox", "--distance is euclidean "
		    "or manhattan");
	kp.permutations = o->have_perm ? (unsigned long)o->permutations : 99;
	kp.seed = o->seed;
	if ((rc = points_load(o, 1, &pc, diag)) != SV_OK ||
	    (rc = knox_table(pc->xy, pc->t, pc->n, &kp, &kt, diag)) != SV_OK)
		goto out;
	fputs("space_band,time_band,observed,expected,knox_ratio,p\n", out);
	for (r = 0; r < kt.rows; r++)
		for (c = 0; c < kt.cols; c++) {
			char sl[64], tl[64];

			band_label(sl, sizeof(sl), sb, ns, r);
			band_label(tl, sizeof(tl), tb, nt, c);
			csv_str(out, sl);
			fputc(',', out);
			csv_str(out, tl);
			fprintf(out, ",%.0f,", kt.observed[r * kt.cols + c]);
			csv_num(out, kt.expected[r * kt.cols + c]);
			fputc(',', out);
			csv_num(out, kt.ratio[r * kt.cols + c]);
			fputc(',', out);
			csv_num(out, kt.p[r * kt.cols + c]);
			fputc('\n', out);
		}
	fprintf(stderr, "knox: %zu events, %.0f pairs, %s distance, %zu x %zu "
	    "bands, %lu permutations (seed %llu); near-repeat cell "
	    "[%g,%g) x [0,%g): observed %.0f, ratio %.3g, p %.3g\n", pc->n,
	    kt.npairs, knox_metric_names[kp.metric], kt.rows, kt.cols,
	    kp.permutations, (unsigned long long)kp.seed, ns > 1 ? sb[0] : 0.0,
	    ns > 1 ? sb[1] : sb[0], tb[0],
	    kt.observed[(ns > 1 ? 1 : 0) * kt.cols],
	    kt.ratio[(ns > 1 ? 1 : 0) * kt.cols],
	    kt.p[(ns > 1 ? 1 : 0) * kt.cols]);
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	knox_table_free(&kt);
	pointcsv_free(pc);
	return ret;
}

static int
run_dbscan(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct pointcsv *pc = NULL;
	int32_t *label = NULL;
	uint8_t *core = NULL;
	size_t i, nc = 0, noise = 0;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL, geo = o->format && strcmp(o->format,
	    "geojson") == 0;

	if ((rc = points_load(o, 0, &pc, diag)) != SV_OK)
		goto out;
	label = sv_calloc(pc->n ? pc->n : 1, sizeof(int32_t));
	core = sv_calloc(pc->n ? pc->n : 1, 1);
	rc = dbscan_run(pc->xy, pc->n, o->eps, (size_t)o->min_points, label,
	    core, &nc, diag);
	if (rc != SV_OK)
		goto out;
	for (i = 0; i < pc->n; i++)
		noise += label[i] < 0;
	if (geo) {
		json_t *fs = json_array();

		for (i = 0; i < pc->n; i++) {
			json_t *pr = json_pack("{s:I,s:i,s:b}", "line",
			    (json_int_t)pc->line[i], "cluster", label[i],
			    "core", core[i]);

			if (pc->id != NULL)
				json_object_set_new(pr, "id",
				    json_string(pc->id[i]));
			json_array_append_new(fs, json_pack("{s:s,s:o,s:{s:s,"
			    "s:[f,f]}}", "type", "Feature", "properties", pr,
			    "geometry", "type", "Point", "coordinates",
			    pc->xy[2 * i], pc->xy[2 * i + 1]));
		}
		write_fc(out, fs, GEOJSON_CRS_SWEREF);
	} else {
		fputs(pc->id ? "id,line,x,y,cluster,core\n" :
		    "line,x,y,cluster,core\n", out);
		for (i = 0; i < pc->n; i++) {
			if (pc->id != NULL) {
				csv_str(out, pc->id[i]);
				fputc(',', out);
			}
			fprintf(out, "%ld,%.17g,%.17g,%d,%d\n", pc->line[i],
			    pc->xy[2 * i], pc->xy[2 * i + 1], label[i],
			    core[i]);
		}
	}
	fprintf(stderr, "dbscan: %zu points, eps=%g m, min-points=%ld: %zu "
	    "clusters, %zu noise points\n", pc->n, o->eps, o->min_points, nc,
	    noise);
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	pointcsv_free(pc);
	free(label);
	free(core);
	return ret;
}

/* "FROM/TO" dates into whole days [from, to). */
static int
parse_range(const char *s, double *from, double *to)
{
	char a[16], b[16];
	const char *slash;
	int y, m, d;
	struct sv_diag dg;
	int64_t t;

	if (s == NULL || (slash = strchr(s, '/')) == NULL ||
	    slash - s != 10 || strlen(slash + 1) != 10)
		return -1;
	memcpy(a, s, 10);
	a[10] = '\0';
	memcpy(b, slash + 1, 11);
	if (sv_time_parse(a, &t, "period", &dg) != SV_OK ||
	    sv_time_parse(b, &t, "period", &dg) != SV_OK)
		return -1;
	y = (int)strtol(a, NULL, 10);
	m = (int)strtol(a + 5, NULL, 10);
	d = (int)strtol(a + 8, NULL, 10);
	*from = (double)sv_days_from_civil(y, m, d);
	y = (int)strtol(b, NULL, 10);
	m = (int)strtol(b + 5, NULL, 10);
	d = (int)strtol(b + 8, NULL, 10);
	*to = (double)sv_days_from_civil(y, m, d);
	return *to > *from ? 0 : -1;
}

static double
bin_of(const char *bin, double day)
{
	int64_t dd = (int64_t)floor(day);

	if (bin == NULL || strcmp(bin, "week") == 0)
		/* 1970-01-01 was a Thursday: +3 makes weeks start Monday. */
		return floor((double)(dd + 3) / 7.0);
	if (strcmp(bin, "month") == 0) {
		int y, m, d;

		sv_civil_from_days(dd, &y, &m, &d);
		return (double)y * 12 + (m - 1);
	}
	return (double)dd;
}

static int
run_trend(const struct aopts *o, FILE *out, struct sv_diag *diag)
{
	struct pointcsv *pc = NULL;
	struct trend_mk mk;
	struct trend_conc conc;
	struct trend_rate rr;
	struct cellgrid cg;
	double *series = NULL, bmin = INFINITY, bmax = -INFINITY;
	double cf = 0, ct = 0, pf = 0, pt = 0, c1 = 0, c0 = 0;
	size_t i, nb;
	int have_rr = 0;
	enum sv_err rc;
	int ret = SV_EXIT_FAIL;

	memset(&cg, 0, sizeof(cg));
	if (o->bin != NULL && strcmp(o->bin, "day") != 0 &&
	    strcmp(o->bin, "week") != 0 && strcmp(o->bin, "month") != 0)
		return cli_usage_error(CMD " trend", "--bin is day, week or "
		    "month");
	if ((o->current != NULL) != (o->previous != NULL))
		return cli_usage_error(CMD " trend", "give both --current "
		    "and --previous");
	if (o->current != NULL) {
		if (parse_range(o->current, &cf, &ct) != 0 ||
		    parse_range(o->previous, &pf, &pt) != 0)
			return cli_usage_error(CMD " trend", "periods are "
			    "FROM/TO dates, e.g. 2026-01-01/2026-02-01");
		have_rr = 1;
	}
	if ((rc = points_load(o, 1, &pc, diag)) != SV_OK)
		goto out;
	if (pc->n == 0) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, o->points, "no points");
		goto out;
	}
	for (i = 0; i < pc->n; i++) {
		double b = bin_of(o->bin, pc->t[i]);

		bmin = fmin(bmin, b);
		bmax = fmax(bmax, b);
		if (have_rr && pc->t[i] >= cf && pc->t[i] < ct)
			c1++;
		if (have_rr && pc->t[i] >= pf && pc->t[i] < pt)
			c0++;
	}
	if (bmax - bmin > 1e6) {
		rc = sv_diag_set(diag, SV_ERR_INVALID, o->time_field, "the "
		    "time span is too long for --bin %s", o->bin ? o->bin :
		    "week");
		goto out;
	}
	nb = (size_t)(bmax - bmin) + 1;
	series = sv_calloc(nb, sizeof(double));
	for (i = 0; i < pc->n; i++)
		series[(size_t)(bin_of(o->bin, pc->t[i]) - bmin)]++;
	fputs("measure,value\n", out);
	fprintf(out, "points,%zu\nbins,%zu\n", pc->n, nb);
	if (nb >= 3 && (rc = trend_mann_kendall(series, nb, &mk, diag)) ==
	    SV_OK) {
		fputs("mann_kendall_S,", out);
		csv_num(out, mk.S);
		fputs("\nmann_kendall_var,", out);
		csv_num(out, mk.var);
		fputs("\nmann_kendall_z,", out);
		csv_num(out, mk.z);
		fputs("\nmann_kendall_p,", out);
		csv_num(out, mk.p);
		fputs("\nkendall_tau,", out);
		csv_num(out, mk.tau);
		fputc('\n', out);
	} else {
		memset(&mk, 0, sizeof(mk));
		mk.p = NAN;
		fputs("mann_kendall_p,NA\n", out);
	}
	rc = SV_OK;
	if (have_rr) {
		if ((rc = trend_rate_ratio(c1, ct - cf, c0, pt - pf, &rr,
		    diag)) != SV_OK)
			goto out;
		fprintf(out, "current_count,%.0f\nprevious_count,%.0f\n"
		    "current_days,%.0f\nprevious_days,%.0f\nrate_ratio,", c1,
		    c0, ct - cf, pt - pf);
		csv_num(out, rr.ratio);
		fputs("\nrate_ratio_p,", out);
		csv_num(out, rr.p);
		fputc('\n', out);
	}
	if ((rc = cellgrid_make(pc->xy, pc->n, o->have_cell ? o->cell : 250,
	    &cg, diag)) != SV_OK ||
	    (rc = trend_concentration(cg.count, cg.nx * cg.ny, &conc, diag)) !=
	    SV_OK)
		goto out;
	fprintf(out, "cells,%zu\ntop5_cells,%zu\ntop5_share,", cg.nx * cg.ny,
	    conc.top_n);
	csv_num(out, conc.top5_share);
	fputs("\ngini,", out);
	csv_num(out, conc.gini);
	fputc('\n', out);
	fprintf(stderr, "trend: %zu points in %zu %s bins, Mann-Kendall "
	    "tau=%.3g p=%.3g", pc->n, nb, o->bin ? o->bin : "week", mk.tau,
	    mk.p);
	if (have_rr)
		fprintf(stderr, ", rate ratio %.3g (p=%.3g)", rr.ratio, rr.p);
	fprintf(stderr, ", top 5%% of cells hold %.1f%%, Gini %.3f\n",
	    100 * conc.top5_share, conc.gini);
	ret = SV_EXIT_OK;
out:
	if (rc != SV_OK)
		afail(o, rc, diag);
	pointcsv_free(pc);
	free(series);
	free(cg.count);
	return ret;
}

enum {
	O_POINTS = 256, O_AREAS, O_ID, O_VALUE, O_X, O_Y, O_LAT, O_LON,
	O_TIME, O_CATF, O_CAT, O_WEIGHTS, O_STYLE, O_SNAP, O_PERM, O_SEED,
	O_CELL, O_BAND, O_KERNEL, O_BW, O_METHOD, O_DIST, O_SB, O_TB, O_SAME,
	O_EPS, O_MINPTS, O_BIN, O_CUR, O_PREV, O_FORMAT, O_OUT, O_HELP,
	O_TRANSFORM
};

int
cmd_analyze(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "points", required_argument, NULL, O_POINTS },
		{ "areas", required_argument, NULL, O_AREAS },
		{ "id-field", required_argument, NULL, O_ID },
		{ "value-field", required_argument, NULL, O_VALUE },
		{ "x-field", required_argument, NULL, O_X },
		{ "y-field", required_argument, NULL, O_Y },
		{ "lat-field", required_argument, NULL, O_LAT },
		{ "lon-field", required_argument, NULL, O_LON },
		{ "time-field", required_argument, NULL, O_TIME },
		{ "category-field", required_argument, NULL, O_CATF },
		{ "category", required_argument, NULL, O_CAT },
		{ "weights", required_argument, NULL, O_WEIGHTS },
		{ "style", required_argument, NULL, O_STYLE },
		{ "snap", required_argument, NULL, O_SNAP },
		{ "permutations", required_argument, NULL, O_PERM },
		{ "seed", required_argument, NULL, O_SEED },
		{ "cell", required_argument, NULL, O_CELL },
		{ "band", required_argument, NULL, O_BAND },
		{ "kernel", required_argument, NULL, O_KERNEL },
		{ "bandwidth", required_argument, NULL, O_BW },
		{ "method", required_argument, NULL, O_METHOD },
		{ "distance", required_argument, NULL, O_DIST },
		{ "space-bands", required_argument, NULL, O_SB },
		{ "time-bands", required_argument, NULL, O_TB },
		{ "same-location", required_argument, NULL, O_SAME },
		{ "eps", required_argument, NULL, O_EPS },
		{ "min-points", required_argument, NULL, O_MINPTS },
		{ "bin", required_argument, NULL, O_BIN },
		{ "current", required_argument, NULL, O_CUR },
		{ "previous", required_argument, NULL, O_PREV },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "out", required_argument, NULL, O_OUT },
		{ "transform", required_argument, NULL, O_TRANSFORM },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct aopts o;
	struct sv_diag diag;
	FILE *out = stdout;
	size_t s;
	long l;
	int ch, ret;

	memset(&o, 0, sizeof(o));
	o.snap = WEIGHTS_SNAP_DEFAULT;
	o.bandwidth = 250;
	o.same_location = 1;
	o.eps = 100;
	o.min_points = 5;
	o.seed = 1;
	o.time_field = "date";
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? SV_EXIT_USAGE : SV_EXIT_OK;
	}
	for (s = 0; s < SUB__MAX; s++)
		if (strcmp(argv[1], sub_names[s]) == 0)
			break;
	if (s == SUB__MAX)
		return cli_usage_error(CMD, "unknown subcommand '%s'", argv[1]);
	o.sub = (enum sub)s;
	argc--;
	argv++;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		double v;

		switch (ch) {
		case O_POINTS: o.points = optarg; break;
		case O_AREAS: o.areas = optarg; break;
		case O_ID: o.id_field = optarg; break;
		case O_VALUE: o.value_field = optarg; break;
		case O_X: o.x_field = optarg; break;
		case O_Y: o.y_field = optarg; break;
		case O_LAT: o.lat_field = optarg; break;
		case O_LON: o.lon_field = optarg; break;
		case O_TIME: o.time_field = optarg; break;
		case O_CATF: o.category_field = optarg; break;
		case O_CAT: o.category = optarg; break;
		case O_WEIGHTS: o.weights = optarg; break;
		case O_STYLE: o.style = optarg; break;
		case O_KERNEL: o.kernel = optarg; break;
		case O_METHOD: o.method = optarg; break;
		case O_DIST: o.distance = optarg; break;
		case O_SB: o.space_bands = optarg; break;
		case O_TB: o.time_bands = optarg; break;
		case O_BIN: o.bin = optarg; break;
		case O_CUR: o.current = optarg; break;
		case O_PREV: o.previous = optarg; break;
		case O_FORMAT: o.format = optarg; break;
		case O_OUT: o.out = optarg; break;
		case O_TRANSFORM: o.transform = optarg; break;
		case O_HELP:
			fputs(usage, stdout);
			return SV_EXIT_OK;
		case O_PERM:
			if (cli_parse_long(optarg, 0, 1000000, &l) != 0)
				return cli_usage_error(CMD, "--permutations is "
				    "0 to 1000000");
			o.permutations = l;
			o.have_perm = 1;
			break;
		case O_SEED:
			if (cli_parse_long(optarg, 0, LONG_MAX, &l) != 0)
				return cli_usage_error(CMD, "--seed is a "
				    "non-negative integer");
			o.seed = (uint64_t)l;
			break;
		case O_MINPTS:
			if (cli_parse_long(optarg, 1, 1000000000, &l) != 0)
				return cli_usage_error(CMD, "--min-points is a "
				    "positive integer");
			o.min_points = l;
			break;
		case O_SNAP: case O_CELL: case O_BAND: case O_BW:
		case O_SAME: case O_EPS:
			if (cli_parse_double(optarg, &v) != 0 || !(v >= 0) ||
			    !isfinite(v))
				return cli_usage_error(CMD, "'%s' is not a "
				    "non-negative number", optarg);
			if (ch == O_SNAP)
				o.snap = v;
			else if (ch == O_CELL) {
				o.cell = v;
				o.have_cell = 1;
			} else if (ch == O_BAND) {
				o.band = v;
				o.have_band = 1;
			} else if (ch == O_BW)
				o.bandwidth = v;
			else if (ch == O_SAME)
				o.same_location = v;
			else
				o.eps = v;
			break;
		default:
			return cli_bad_option(CMD, argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(CMD, "unexpected argument '%s'",
		    argv[optind]);
	if (o.format != NULL && strcmp(o.format, "csv") != 0 &&
	    strcmp(o.format, "geojson") != 0)
		return cli_usage_error(CMD, "--format is csv or geojson");
	if (o.format != NULL && strcmp(o.format, "geojson") == 0 &&
	    o.sub != SUB_LOCALMORAN && o.sub != SUB_GISTAR &&
	    o.sub != SUB_DBSCAN)
		return cli_usage_error(CMD, "--format geojson is for "
		    "localmoran, gistar and dbscan");
	if (o.transform != NULL && strcmp(o.transform, "none") != 0 &&
	    strcmp(o.transform, "log") != 0 &&
	    strcmp(o.transform, "log1p") != 0)
		return cli_usage_error(CMD, "--transform is none, log or "
		    "log1p");
	if (o.style != NULL && strcmp(o.style, "W") != 0 &&
	    strcmp(o.style, "B") != 0)
		return cli_usage_error(CMD, "--style is W or B");
	switch (o.sub) {
	case SUB_MORAN:
	case SUB_LOCALMORAN:
		if (o.areas == NULL || o.value_field == NULL)
			return cli_usage_error(CMD, "%s needs --areas FILE and "
			    "--value-field F", sub_names[o.sub]);
		break;
	case SUB_GISTAR:
		if ((o.areas == NULL) == (o.points == NULL))
			return cli_usage_error(CMD, "gistar needs --areas (with "
			    "--value-field) or --points");
		if (o.areas != NULL && o.value_field == NULL)
			return cli_usage_error(CMD, "gistar --areas needs "
			    "--value-field F");
		break;
	case SUB_KNOX:
		if (o.space_bands == NULL || o.time_bands == NULL)
			return cli_usage_error(CMD, "knox needs --space-bands "
			    "and --time-bands");
		/* FALLTHROUGH */
	default:
		if (o.points == NULL)
			return cli_usage_error(CMD, "%s needs --points FILE",
			    sub_names[o.sub]);
		break;
	}
	if (o.out != NULL && (out = fopen(o.out, "w")) == NULL) {
		fprintf(stderr, "samverkan %s: %s: %s\n", CMD, o.out,
		    strerror(errno));
		return SV_EXIT_FAIL;
	}
	sv_diag_clear(&diag);
	switch (o.sub) {
	case SUB_MORAN: ret = run_moran(&o, out, &diag); break;
	case SUB_LOCALMORAN: ret = run_localmoran(&o, out, &diag); break;
	case SUB_GISTAR: ret = run_gistar(&o, out, &diag); break;
	case SUB_KDE: ret = run_kde(&o, out, &diag); break;
	case SUB_KNOX: ret = run_knox(&o, out, &diag); break;
	case SUB_DBSCAN: ret = run_dbscan(&o, out, &diag); break;
	default: ret = run_trend(&o, out, &diag); break;
	}
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		fprintf(stderr, "samverkan %s: writing the output failed\n",
		    CMD);
		ret = SV_EXIT_FAIL;
	}
	return ret;
}
