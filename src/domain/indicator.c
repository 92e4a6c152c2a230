/*
 * Indicators and indicator values: field tables, rules and the CSV
 * import (libcsv, strict RFC 4180) of values (see indicator.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "core/svtime.h"
#include "domain/area.h"
#include "domain/audit.h"
#include "domain/collab_def.h"
#include "domain/dom.h"
#include "domain/indicator.h"

static const char *const kinds[] = {
	"enkat", "statistik", "index", "dialog",
};

static const struct co_field indicator_fields[] = {
	F_TEXT("code", CO_REQ, 64, "Kod"),
	F_TEXT("name", CO_REQ, CO_SHORT, "Namn"),
	F_ENUM("kind", CO_REQ, kinds, NULL, "Slag"),
	F_TEXT("unit", 0, 50, "Enhet"),
	F_TEXT("source", 0, CO_SHORT, "Källa"),
	F_TEXT("description", 0, CO_LONG, "Beskrivning"),
};

static enum sv_err
indicator_check(struct co_ctx *c)
{
	return dom_code(co_rec_val(c->rec, "code")->s, "code", 64, c->diag);
}

const struct co_desc co_desc_indicator = {
	CO_INDICATOR, "indicators", CO__MAX, 0, 0, indicator_fields,
	CO_NELEM(indicator_fields), CO_SQL(INDICATOR), indicator_check, NULL,
	NULL, "Indikator",
};

static const struct co_field value_fields[] = {
	F_AREA("area_id", CO_REQ, "Område"),
	F_TEXT("period", CO_REQ, 48, "Period"),
	F_NUM("value", CO_REQ, -1000000000, 1000000000, "Värde"),
	F_TEXT("source", 0, CO_SHORT, "Källa"),
	F_DATE("source_date", 0, "Källans datum"),
};

/* Stores the period in its canonical form ("2024", "2024-W07", ...). */
static enum sv_err
value_check(struct co_ctx *c)
{
	struct co_val *p = co_rec_val(c->rec, "period");
	struct sv_period per;
	enum sv_err e;

	if ((e = sv_period_parse(p->s, &per, "period", c->diag)) != SV_OK)
		return e;
	p->s = sv_arena_strdup(c->arena, per.label);
	return SV_OK;
}

const struct co_desc co_desc_indicator_value = {
	CO_INDICATOR_VALUE, "indicator-values", CO_INDICATOR, 0, 0, value_fields,
	CO_NELEM(value_fields), CO_SQL(INDICATOR_VALUE), value_check, NULL,
	NULL, "Värde",
};

/* CSV import */

enum { COL_IND, COL_LAYER, COL_CODE, COL_PERIOD, COL_VALUE, COL_SOURCE,
	COL_SDATE, COL__MAX };
static const char *const col_names[COL__MAX] = {
	"indicator", "area_layer", "area_code", "period", "value", "source",
	"source_date",
};

#define IMPORT_MAX_FIELDS	32
#define IMPORT_MAX_ROWS		200000

struct import {
	struct sv_store		*store;
	struct sv_arena		*arena;
	struct sv_diag		*diag;
	char			*field[IMPORT_MAX_FIELDS];
	int			 nfield;
	int			 map[COL__MAX];	/* column index or -1 */
	long			 line;
	size_t			 rows;
	enum sv_err		 err;
};

static void
on_field(void *p, size_t len, void *data)
{
	struct import *im = data;

	if (im->err != SV_OK)
		return;
	if (im->nfield >= IMPORT_MAX_FIELDS) {
		im->err = sv_diag_set(im->diag, SV_ERR_INVALID, "csv",
		    "more than %d columns", IMPORT_MAX_FIELDS);
		return;
	}
	im->field[im->nfield++] = sv_arena_strndup(im->arena, p, len);
}

static const char *
col(struct import *im, int c)
{
	if (im->map[c] < 0 || im->map[c] >= im->nfield)
		return NULL;
	return im->field[im->map[c]][0] ? im->field[im->map[c]] : NULL;
}

static enum sv_err
import_row(struct import *im)
{
	struct sv_diag *d = im->diag;
	struct sv_area area;
	struct sv_period per;
	struct sv_stmt *st;
	const char *v, *sd;
	int64_t ind;
	double val;
	char *end;
	enum sv_err e;
	int row, c;

	for (c = COL_IND; c <= COL_VALUE; c++)
		if (col(im, c) == NULL)
			return sv_diag_set(d, SV_ERR_INVALID, col_names[c],
			    "%s is empty", col_names[c]);
	st = store_stmt(im->store, SQL_CO_INDICATOR_BY_CODE);
	stmt_bind_text(st, 1, col(im, COL_IND));
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_INVALID, "indicator",
		    "no indicator '%s'", col(im, COL_IND));
	ind = stmt_int(st, 0);
	stmt_reset(st);
	if ((e = area_find(im->store, col(im, COL_LAYER), col(im, COL_CODE),
	    im->arena, &area, d)) != SV_OK)
		return e == SV_ERR_NOTFOUND ? sv_diag_set(d, SV_ERR_INVALID,
		    "area_code", "no area %s in layer %s", col(im, COL_CODE),
		    col(im, COL_LAYER)) : e;
	if ((e = sv_period_parse(col(im, COL_PERIOD), &per, "period",
	    d)) != SV_OK)
		return e;
	v = col(im, COL_VALUE);
	errno = 0;
	val = strtod(v, &end);
	if (errno != 0 || *end != '\0' || end == v)
		return sv_diag_set(d, SV_ERR_INVALID, "value",
		    "'%s' is not a number", v);
	sd = col(im, COL_SDATE);
	if (sd != NULL && !co_date_valid(sd))
		return sv_diag_set(d, SV_ERR_INVALID, "source_date",
		    "source_date must be YYYY-MM-DD");
	if ((e = dom_text(col(im, COL_SOURCE), "source", CO_SHORT, 0,
	    d)) != SV_OK)
		return e;
	st = store_stmt(im->store, SQL_CO_INDICATOR_VALUE_UPSERT);
	stmt_bind_int(st, 1, ind);
	stmt_bind_int(st, 2, area.id);
	stmt_bind_text(st, 3, per.label);
	stmt_bind_double(st, 4, val);
	stmt_bind_text(st, 5, col(im, COL_SOURCE));
	stmt_bind_text(st, 6, sd);
	return stmt_exec(st, d);
}

static void
on_row(int term, void *data)
{
	struct import *im = data;
	int c, k;

	(void)term;
	if (im->err != SV_OK)
		return;
	im->line++;
	if (im->line == 1) {
		for (c = 0; c < COL__MAX; c++) {
			im->map[c] = -1;
			for (k = 0; k < im->nfield; k++)
				if (strcmp(im->field[k], col_names[c]) == 0)
					im->map[c] = k;
			if (c <= COL_VALUE && im->map[c] < 0) {
				im->err = sv_diag_set(im->diag,
				    SV_ERR_INVALID, col_names[c], "the header "
				    "lacks the column %s", col_names[c]);
				break;
			}
		}
	} else if (++im->rows > IMPORT_MAX_ROWS)
		im->err = sv_diag_set(im->diag, SV_ERR_TOOLARGE, "csv",
		    "more than %d rows", IMPORT_MAX_ROWS);
	else
		im->err = import_row(im);
	if (im->err != SV_OK)
		im->diag->line = im->line;
	im->nfield = 0;
}

enum sv_err
indicator_import_csv(struct sv_store *s, const struct sv_actor *actor,
    const char *csv, size_t len, size_t *n, struct sv_diag *d)
{
	struct csv_parser p;
	struct import im;
	struct audit_obj j;
	enum sv_err e;
	int tx = 0;

	*n = 0;
	memset(&im, 0, sizeof(im));
	im.store = s;
	im.arena = sv_arena_new();
	im.diag = d;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		sv_arena_free(im.arena);
		return sv_diag_set(d, SV_ERR_INTERNAL, "csv", "csv_init");
	}
	if (!actor->system &&
	    (e = actor_require(actor, SV_ROLE_SAMORDNARE, d)) != SV_OK)
		goto out;
	if ((e = store_begin(s)) != SV_OK)
		goto out;
	tx = 1;
	if (csv_parse(&p, csv, len, on_field, on_row, &im) != len &&
	    im.err == SV_OK)
		im.err = sv_diag_set(d, SV_ERR_INVALID, "csv", "%s",
		    csv_strerror(csv_error(&p)));
	if (im.err == SV_OK)
		csv_fini(&p, on_field, on_row, &im);
	if ((e = im.err) != SV_OK)
		goto out;
	if (im.line == 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "csv", "the file is empty");
		goto out;
	}
	audit_obj_begin(&j);
	audit_obj_int(&j, "rows", (int64_t)im.rows);
	audit_obj_end(&j);
	e = audit_change(s, actor, "import", "indicator_value", NULL, NULL,
	    j.b.data);
	audit_obj_free(&j);
	if (e != SV_OK)
		goto out;
	if ((e = store_commit(s)) != SV_OK)
		goto out;
	tx = 0;
	*n = im.rows;
out:
	if (tx)
		store_rollback(s);
	csv_free(&p);
	sv_arena_free(im.arena);
	return e;
}

enum sv_err
indicator_values_for_area(struct sv_store *s, int64_t area_id,
    struct sv_arena *a, struct sv_indicator_value **items, size_t *n,
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_CO_INDICATOR_AREA_VALUES);
	struct sv_indicator_value *v = NULL, *nv;
	size_t cap = 0;
	enum sv_err e;
	int row;

	*n = 0;
	stmt_bind_int(st, 1, area_id);
	for (;;) {
		if ((e = stmt_step(st, &row, d)) != SV_OK)
			return e;
		if (!row)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = sv_arena_alloc(a, cap * sizeof(*nv));
			if (*n)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
		v[*n].code = dom_col(a, st, 0);
		v[*n].name = dom_col(a, st, 1);
		v[*n].unit = dom_col(a, st, 2);
		v[*n].period = dom_col(a, st, 3);
		v[*n].value = stmt_double(st, 4);
		v[*n].source = dom_col(a, st, 5);
		v[*n].source_date = dom_col(a, st, 6);
		(*n)++;
	}
	*items = v;
	return SV_OK;
}
