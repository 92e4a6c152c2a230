/*
 * Helpers shared by the analysis tests (header-only, static functions):
 * paths into ../shared/data, a small reader for the CSV files R's
 * write.csv produces, and the SCB kommun polygons sorted by kn_kod as the
 * reference R scripts use them.
 */
#ifndef SV_TEST_ANALYSIS_UTIL_H
#define SV_TEST_ANALYSIS_UTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/weights.h"
#include "core/mem.h"
#include "io/geojson.h"

static __attribute__((unused)) const char *
tu_path(const char *rel, char *buf, size_t len)
{
	const char *d = getenv("SV_SHARED_DATA");

	snprintf(buf, len, "%s/%s", d ? d : "../shared/data", rel);
	return buf;
}

static __attribute__((unused)) const char *
tu_src_path(const char *rel, char *buf, size_t len)
{
	const char *d = getenv("SV_SOURCE_ROOT");

	snprintf(buf, len, "%s/%s", d ? d : ".", rel);
	return buf;
}

/* A parsed CSV: rows x cols strings (header is row 0). */
struct tu_csv {
	char	***cell;
	size_t	  nrows;
	size_t	 *ncols;
};

static __attribute__((unused)) void
tu_csv_free(struct tu_csv *c)
{
	size_t r, k;

	for (r = 0; r < c->nrows; r++) {
		for (k = 0; k < c->ncols[r]; k++)
			free(c->cell[r][k]);
		free(c->cell[r]);
	}
	free(c->cell);
	free(c->ncols);
}

/* Reads an RFC 4180 CSV file (quotes, doubled quotes); aborts on error. */
static __attribute__((unused)) void
tu_csv_read(const char *path, struct tu_csv *c)
{
	FILE *fp = fopen(path, "rb");
	char *field = NULL;
	size_t flen = 0, falloc = 0, ncol = 0;
	char **row = NULL;
	int ch, inq = 0, any = 0;

	memset(c, 0, sizeof(*c));
	if (fp == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		abort();
	}
	for (;;) {
		ch = getc(fp);
		if (ch != EOF && inq) {
			if (ch == '"') {
				int nx = getc(fp);

				if (nx == '"')
					goto add;
				inq = 0;
				ch = nx;
				if (ch == EOF)
					goto endfield;
			} else
				goto add;
		}
		if (ch == '"' && !inq) {
			inq = 1;
			any = 1;
			continue;
		}
		if (ch == '\r')
			continue;
		if (ch == ',' || ch == '\n' || ch == EOF) {
endfield:
			if (ch == EOF && !any && ncol == 0)
				break;
			if (flen + 1 > falloc) {
				falloc = falloc ? 2 * falloc : 64;
				field = sv_realloc(field, falloc);
			}
			field[flen] = '\0';
			row = sv_reallocarray(row, ncol + 1, sizeof(*row));
			row[ncol++] = sv_strdup(field);
			flen = 0;
			if (ch == '\n' || ch == EOF) {
				c->cell = sv_reallocarray(c->cell, c->nrows + 1,
				    sizeof(*c->cell));
				c->ncols = sv_reallocarray(c->ncols,
				    c->nrows + 1, sizeof(*c->ncols));
				c->cell[c->nrows] = row;
				c->ncols[c->nrows] = ncol;
				c->nrows++;
				row = NULL;
				ncol = 0;
				any = 0;
				if (ch == EOF)
					break;
			}
			continue;
		}
add:
		any = 1;
		if (flen + 1 >= falloc) {
			falloc = falloc ? 2 * falloc : 64;
			field = sv_realloc(field, falloc);
		}
		field[flen++] = (char)ch;
	}
	free(field);
	free(row);
	fclose(fp);
}

/* Column index of a header name; aborts when missing. */
static __attribute__((unused)) size_t
tu_csv_col(const struct tu_csv *c, const char *name)
{
	size_t k;

	for (k = 0; k < c->ncols[0]; k++)
		if (strcmp(c->cell[0][k], name) == 0)
			return k;
	fprintf(stderr, "no column %s\n", name);
	abort();
}

static __attribute__((unused)) double
tu_num(const char *s)
{
	if (strcmp(s, "NA") == 0 || strcmp(s, "NaN") == 0)
		return NAN;
	return strtod(s, NULL);
}

/* |a - b| <= rel * max(|a|, |b|) + abs. */
static __attribute__((unused)) int
tu_close(double a, double b, double rel, double absol)
{
	if (isnan(a) && isnan(b))
		return 1;
	return fabs(a - b) <= rel * fmax(fabs(a), fabs(b)) + absol;
}

/* The kommuner sorted by kn_kod, each as all its ring vertices. */
struct tu_kommuner {
	struct geojson		*gj;
	size_t			 n;
	const char		**code;
	struct weights_area	*areas;
	double			**xy;
};

static __attribute__((unused)) int
tu_code_cmp(const void *a, const void *b)
{
	const struct geojson_feature *p = *(const struct geojson_feature *const *)a;
	const struct geojson_feature *q = *(const struct geojson_feature *const *)b;

	return strcmp(json_string_value(json_object_get(p->properties,
	    "kn_kod")), json_string_value(json_object_get(q->properties,
	    "kn_kod")));
}

static __attribute__((unused)) void
tu_kommuner_load(struct tu_kommuner *k)
{
	struct geojson_feature **fs;
	struct sv_diag diag;
	char path[512];
	size_t i, p, r, m;

	memset(k, 0, sizeof(*k));
	if (geojson_read_file(tu_path("boundaries/"
	    "se_kommuner_scb_sweref99tm.geojson", path, sizeof(path)), &k->gj,
	    &diag) != SV_OK)
		abort();
	k->n = k->gj->nfeatures;
	fs = sv_calloc(k->n, sizeof(*fs));
	for (i = 0; i < k->n; i++)
		fs[i] = &k->gj->features[i];
	qsort(fs, k->n, sizeof(*fs), tu_code_cmp);
	k->code = sv_calloc(k->n, sizeof(*k->code));
	k->areas = sv_calloc(k->n, sizeof(*k->areas));
	k->xy = sv_calloc(k->n, sizeof(*k->xy));
	for (i = 0; i < k->n; i++) {
		size_t nv = 0;

		k->code[i] = json_string_value(json_object_get(
		    fs[i]->properties, "kn_kod"));
		for (p = 0; p < fs[i]->npolygons; p++)
			for (r = 0; r < fs[i]->polygons[p].nrings; r++)
				nv += fs[i]->polygons[p].rings[r].npoints;
		k->xy[i] = sv_malloc(2 * nv * sizeof(double));
		nv = 0;
		for (p = 0; p < fs[i]->npolygons; p++)
			for (r = 0; r < fs[i]->polygons[p].nrings; r++) {
				const struct geojson_ring *g =
				    &fs[i]->polygons[p].rings[r];

				for (m = 0; m < 2 * g->npoints; m++)
					k->xy[i][nv++] = g->xy[m];
			}
		k->areas[i].xy = k->xy[i];
		k->areas[i].n = nv / 2;
	}
	free(fs);
}

static __attribute__((unused)) void
tu_kommuner_free(struct tu_kommuner *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->xy[i]);
	free(k->xy);
	free(k->areas);
	free(k->code);
	geojson_free(k->gj);
}

#endif
