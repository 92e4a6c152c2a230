/*
 * The lägesbild on a generated SQLite database with known answers: a
 * square kommun of 4 x 4 square stadsdelar, incidents created through the
 * domain layer (so the read model's triggers run as in production), a
 * planted hotspot, a planted near repeat, a category new this week, a
 * withdrawn and an updated incident, incidents on both sides of the DST
 * changes. Expected figures are computed here by brute force from the list
 * of incidents the test inserted, independently of the engine and its SQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/mem.h"
#include "core/svtime.h"
#include "domain/area.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "geo/geo.h"
#include "analysis/getisord.h"
#include "analysis/stats.h"
#include "analysis/trend.h"
#include "analysis/weights.h"
#include "lagesbild/lagesbild.h"
#include "lagesbild/lb_impl.h"
#include "store/store.h"
#include "testdb.h"

#define X0	580000.0
#define Y0	6600000.0
#define SIDE	10000.0		/* the kommun */
#define SUB	2500.0		/* a stadsdel */
#define HX	583750.0	/* planted hotspot */
#define HY	6603750.0
#define NRX	588800.0	/* planted near repeat */
#define NRY	6608800.0
#define MAXINC	4096

struct inc {
	int64_t		 id;
	const char	*cat;
	int64_t		 t;
	double		 x, y;
	int		 active;
};

static char dir[256];
static struct sv_store *db;
static struct inc incs[MAXINC];
static size_t ninc;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double
urand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static void
add_area(const char *layer, const char *code, const char *parent,
    double x, double y, double w)
{
	double ring[10] = { x, y, x + w, y, x + w, y + w, x, y + w, x, y };
	struct sv_ring r = { ring, 5 };
	struct sv_polygon p = { &r, 1 };
	struct sv_area_input in;
	struct sv_actor sys;
	struct sv_diag d;
	unsigned char *wkb;
	double bbox[4];
	size_t len;

	actor_system(&sys);
	assert_int_equal(geo_wkb_from_polygons(store_geo(db), &p, 1,
	    SV_CRS_SWEREF, &wkb, &len, bbox, &d), SV_OK);
	memset(&in, 0, sizeof(in));
	in.layer = layer;
	in.code = code;
	in.name = code;
	in.parent_layer = parent != NULL ? "kommun" : NULL;
	in.parent_code = parent;
	in.wkb = wkb;
	in.wkb_len = len;
	assert_int_equal(area_create(db, &sys, &in, NULL, &d), SV_OK);
	free(wkb);
}

static size_t
add_inc(const char *cat, int64_t t, double x, double y)
{
	struct sv_incident_input in;
	struct sv_actor sys;
	struct sv_diag d;
	struct inc *c = &incs[ninc];

	assert_true(ninc < MAXINC);
	actor_system(&sys);
	incident_input_init(&in);
	in.organisation = "KOM";
	in.category = cat;
	in.observed_from = t;
	in.locate = SV_LOCATE_SWEREF;
	in.a = x;
	in.b = y;
	in.description = "fritext som aldrig ska synas i lägesbilden";
	if (incident_create(db, &sys, &in, &c->id, &d) != SV_OK)
		fail_msg("incident_create: %s: %s", d.field, d.message);
	c->cat = cat;
	c->t = t;
	c->x = x;
	c->y = y;
	c->active = 1;
	return ninc++;
}

static int64_t
at(int y, int mo, int d, int h, int mi)
{
	return sv_stockholm_instant(y, mo, d, h, mi, 0);
}

static int
setup(void **state)
{
	struct sv_org_input o = { "KOM", "Provkommun", "kommun", NULL, NULL };
	struct sv_actor sys;
	struct sv_diag d;
	struct sv_period w;
	char path[300], code[8];
	int i, j, k, wk;
	int64_t t0;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/sv-test-lagesbild-%d", (int)getpid());
	snprintf(path, sizeof(path), "mkdir -p %s", dir);
	assert_int_equal(system(path), 0);
	/* SQLite file, or a new PostgreSQL database with SV_TEST_PG_URL. */
	assert_non_null(testdb_fresh(dir, "lb", path, sizeof(path)));
	assert_int_equal(store_open(path, &db, &d), SV_OK);
	assert_int_equal(store_migrate(db, NULL, &d), SV_OK);
	actor_system(&sys);
	assert_int_equal(org_create(db, &sys, &o, NULL, &d), SV_OK);
	assert_int_equal(store_begin(db), SV_OK);
	add_area("kommun", "9999", NULL, X0, Y0, SIDE);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++) {
			snprintf(code, sizeof(code), "S%d%d", i, j);
			add_area("stadsdel", code, "9999", X0 + i * SUB,
			    Y0 + j * SUB, SUB);
		}
	/* background: weeks 2025-W01 .. 2026-W09, 6 a week, spread out */
	for (wk = 0; wk < 61; wk++) {
		assert_int_equal(sv_period_parse("2025-W01", &w, "p", &d),
		    SV_OK);
		t0 = w.from + (int64_t)wk * 7 * 86400;
		for (k = 0; k < 6; k++)
			add_inc(k % 2 ? "otrygghet.samling" :
			    "skadegorelse.klotter", t0 + (int64_t)(urand() *
			    6.9 * 86400), X0 + 100 + urand() * (SIDE - 200),
			    Y0 + 100 + urand() * (SIDE - 200));
	}
	/* 2026-W10 (2 - 8 March): the planted hotspot, Wednesdays 22:xx */
	for (k = 0; k < 30; k++) {
		double r = 80 * sqrt(urand()), a = 2 * M_PI * urand();

		add_inc("skadegorelse.klotter", at(2026, 3, 4, 22, k),
		    HX + r * cos(a), HY + r * sin(a));
	}
	for (k = 0; k < 20; k++)
		add_inc("otrygghet.samling", at(2026, 3, 2, 0, 0) +
		    (int64_t)(urand() * 6.9 * 86400), X0 + 100 + urand() *
		    (SIDE - 200), Y0 + 100 + urand() * (SIDE - 200));
	/* a category absent in the four weeks before */
	for (k = 0; k < 3; k++)
		add_inc("narkotika.handel", at(2026, 3, 6, 14, k), X0 + 500 +
		    100 * k, Y0 + 9000);
	/* the planted near repeat: Sunday of W09, then Wednesday of W10 */
	add_inc("inbrott", at(2026, 3, 1, 12, 0), NRX, NRY);
	add_inc("inbrott", at(2026, 3, 4, 12, 0), NRX + 50, NRY);
	/* DST: W13/W14 and W43/W44 of 2026 straddle the changes */
	add_inc("brand", at(2026, 3, 29, 23, 59), X0 + 1000, Y0 + 1000);
	add_inc("brand", at(2026, 3, 30, 0, 30), X0 + 1000, Y0 + 1000);
	add_inc("brand", at(2026, 10, 25, 23, 59), X0 + 1000, Y0 + 1000);
	add_inc("brand", at(2026, 10, 26, 0, 30), X0 + 1000, Y0 + 1000);
	add_inc("brand", at(2026, 10, 25, 2, 30), X0 + 1000, Y0 + 1000);
	/* withdrawn: must not count; updated: counts where it moved */
	k = (int)add_inc("vald.hot", at(2026, 3, 5, 10, 0), X0 + 300,
	    Y0 + 300);
	assert_int_equal(incident_withdraw(db, &sys, incs[k].id, &d), SV_OK);
	incs[k].active = 0;
	k = (int)add_inc("vald.hot", at(2026, 2, 5, 10, 0), X0 + 300,
	    Y0 + 300);
	{
		struct sv_incident_input in;
		struct sv_incident inc;
		struct sv_arena *a = sv_arena_new();

		assert_int_equal(incident_get(db, &sys, incs[k].id, a, &inc,
		    &d), SV_OK);
		incident_to_input(&inc, &in);
		in.observed_from = at(2026, 3, 5, 11, 0);
		in.locate = SV_LOCATE_SWEREF;
		in.a = X0 + 5300;
		in.b = Y0 + 300;
		assert_int_equal(incident_update(db, &sys, incs[k].id, &in,
		    &d), SV_OK);
		incs[k].t = in.observed_from;
		incs[k].x = in.a;
		sv_arena_free(a);
	}
	assert_int_equal(store_commit(db), SV_OK);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	store_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static json_t *
build(const char *period, struct sv_diag *d, enum sv_err *e)
{
	struct lb_params p;
	struct sv_actor sys;
	json_t *out = NULL;

	memset(&p, 0, sizeof(p));
	p.area = "9999";
	p.layer = "kommun";
	p.period = period;
	p.now = 1772000000;
	actor_system(&sys);
	*e = lagesbild_build(db, &sys, &p, &out, d);
	if (*e != SV_OK)
		print_message("lagesbild_build: %s: %s\n", d->field,
		    d->message);
	return out;
}

static int64_t
count_between(int64_t from, int64_t to, const char *cat, double x0,
    double y0, double x1, double y1)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < ninc; i++)
		if (incs[i].active && incs[i].t >= from && incs[i].t < to &&
		    (cat == NULL || strcmp(cat, incs[i].cat) == 0) &&
		    incs[i].x >= x0 && incs[i].x < x1 && incs[i].y >= y0 &&
		    incs[i].y < y1)
			n++;
	return n;
}

static int64_t
jint(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	if (!json_is_integer(v))
		fail_msg("no integer '%s'", k);
	return (int64_t)json_integer_value(v);
}

static const json_t *
find_code(const json_t *arr, const char *code)
{
	const json_t *o;
	size_t i;

	json_array_foreach(arr, i, o)
		if (strcmp(json_string_value(json_object_get(o, "code")),
		    code) == 0)
			return o;
	return NULL;
}

static void
test_counts(void **state)
{
	struct sv_period w, pw, yw;
	struct sv_diag d;
	enum sv_err e;
	json_t *lb = build("2026-W10", &d, &e);
	const json_t *tot, *o, *items;
	const char *cats[] = { "skadegorelse.klotter", "otrygghet.samling",
	    "narkotika.handel", "inbrott", "vald.hot" };
	char code[8], *dump;
	size_t i, j, k;

	(void)state;
	assert_int_equal(e, SV_OK);
	sv_period_parse("2026-W10", &w, "p", &d);
	sv_period_parse("2026-W09", &pw, "p", &d);
	sv_period_parse("2025-W10", &yw, "p", &d);
	tot = json_object_get(lb, "total");
	assert_int_equal(jint(tot, "count"), count_between(w.from, w.to,
	    NULL, 0, 0, 1e9, 1e9));
	/* 30 + 20 + 3 + 1 + the moved one; the withdrawn one is out */
	assert_int_equal(jint(tot, "count"), 55);
	assert_int_equal(jint(json_object_get(tot, "previous"), "count"),
	    count_between(pw.from, pw.to, NULL, 0, 0, 1e9, 1e9));
	assert_int_equal(jint(json_object_get(tot, "year_before"), "count"),
	    count_between(yw.from, yw.to, NULL, 0, 0, 1e9, 1e9));
	for (k = 0; k < sizeof(cats) / sizeof(cats[0]); k++) {
		o = find_code(json_object_get(lb, "categories"), cats[k]);
		assert_non_null(o);
		assert_int_equal(jint(o, "count"), count_between(w.from,
		    w.to, cats[k], 0, 0, 1e9, 1e9));
		assert_int_equal(jint(json_object_get(o, "previous"),
		    "count"), count_between(pw.from, pw.to, cats[k], 0, 0,
		    1e9, 1e9));
	}
	/* 3 against 0 in a week of equal length: p = 2 / 2^3 exactly */
	o = json_object_get(find_code(json_object_get(lb, "categories"),
	    "narkotika.handel"), "previous");
	if (jint(o, "count") == 0) {
		assert_true(fabs(json_number_value(json_object_get(o, "p")) -
		    0.25) < 1e-12);
		assert_true(json_is_false(json_object_get(o, "significant")));
	}
	o = json_object_get(tot, "previous");
	assert_true(json_is_true(json_object_get(o, "significant")));
	assert_true(json_number_value(json_object_get(o, "p")) < 0.001);
	assert_non_null(json_object_get(lb, "concentration"));
	assert_true(json_number_value(json_object_get(json_object_get(lb,
	    "concentration"), "gini")) > 0.9);
	items = json_object_get(json_object_get(lb, "subareas"), "items");
	assert_string_equal(json_string_value(json_object_get(
	    json_object_get(lb, "subareas"), "layer")), "stadsdel");
	assert_int_equal(json_array_size(items), 16);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++) {
			snprintf(code, sizeof(code), "S%zu%zu", i, j);
			o = find_code(items, code);
			assert_non_null(o);
			assert_int_equal(jint(o, "count"), count_between(
			    w.from, w.to, NULL, X0 + i * SUB, Y0 + j * SUB,
			    X0 + (i + 1) * SUB, Y0 + (j + 1) * SUB));
		}
	/* counts only: no free text anywhere */
	dump = json_dumps(lb, 0);
	assert_null(strstr(dump, "fritext"));
	assert_null(strstr(dump, "description"));
	free(dump);
	json_decref(lb);
}

static void
test_new_and_matrix(void **state)
{
	struct sv_period w;
	struct sv_civil c;
	struct sv_diag d;
	enum sv_err e;
	json_t *lb = build("2026-W10", &d, &e);
	const json_t *nw, *m, *row;
	int64_t expect[7][24] = { { 0 } }, sum = 0;
	size_t i, k;

	(void)state;
	assert_int_equal(e, SV_OK);
	sv_period_parse("2026-W10", &w, "p", &d);
	nw = json_object_get(lb, "new");
	assert_non_null(find_code(json_object_get(nw, "categories"),
	    "narkotika.handel"));
	assert_null(find_code(json_object_get(nw, "categories"),
	    "skadegorelse.klotter"));
	m = json_object_get(lb, "hour_weekday");
	for (i = 0; i < ninc; i++)
		if (incs[i].active && incs[i].t >= w.from && incs[i].t < w.to) {
			sv_stockholm_civil(incs[i].t, &c);
			expect[c.weekday - 1][c.hour]++;
		}
	json_array_foreach(json_object_get(m, "counts"), i, row)
		for (k = 0; k < 24; k++) {
			assert_int_equal(json_integer_value(json_array_get(row,
			    k)), expect[i][k]);
			sum += expect[i][k];
		}
	assert_int_equal(jint(m, "total"), sum);
	assert_int_equal(sum, 55);
	assert_true(expect[2][22] >= 30);	/* Wednesday 22:xx */
	json_decref(lb);
}

static void
test_hotspot(void **state)
{
	struct sv_diag d;
	enum sv_err e;
	json_t *lb = build("2026-W10", &d, &e);
	const json_t *g, *c, *items;
	size_t i;
	int found = 0;

	(void)state;
	assert_int_equal(e, SV_OK);
	g = json_object_get(json_object_get(lb, "hotspots"), "grid");
	assert_null(json_object_get(g, "not_computed"));
	assert_true(jint(g, "hot") >= 1);
	json_array_foreach(json_object_get(g, "cells"), i, c) {
		double x = json_number_value(json_object_get(c, "x"));
		double y = json_number_value(json_object_get(c, "y"));

		if (strcmp(json_string_value(json_object_get(c, "class")),
		    "hot") == 0 && fabs(x - HX) <= 250 && fabs(y - HY) <= 250)
			found = 1;
	}
	assert_true(found);
	/*
	 * On the areas: the stadsdel holding the hotspot scores above the
	 * far corner, whose neighbourhood does not reach it.
	 */
	items = json_object_get(json_object_get(json_object_get(lb,
	    "hotspots"), "areas"), "items");
	assert_int_equal(json_array_size(items), 16);
	c = find_code(items, "S11");
	assert_non_null(c);
	assert_true(json_number_value(json_object_get(c, "z")) > 0);
	assert_true(json_number_value(json_object_get(find_code(items, "S33"),
	    "z")) < json_number_value(json_object_get(c, "z")));
	assert_int_equal(jint(c, "neighbours"), 8);
	assert_int_equal(jint(find_code(items, "S00"), "neighbours"), 3);
	json_decref(lb);
}

static void
test_near_repeat(void **state)
{
	struct sv_period w;
	struct sv_diag d;
	enum sv_err e;
	json_t *lb = build("2026-W10", &d, &e);
	const json_t *nr, *a;
	int64_t expect = 0;
	size_t i, j;
	int found = 0;

	(void)state;
	assert_int_equal(e, SV_OK);
	sv_period_parse("2026-W10", &w, "p", &d);
	for (i = 0; i < ninc; i++) {
		int near = 0;

		if (!incs[i].active || incs[i].t < w.from || incs[i].t >= w.to)
			continue;
		for (j = 0; j < ninc && !near; j++)
			if (j != i && incs[j].active && (incs[j].t < incs[i].t ||
			    (incs[j].t == incs[i].t && incs[j].id <
			    incs[i].id)) && incs[i].t - incs[j].t <= 14 * 86400 &&
			    hypot(incs[i].x - incs[j].x, incs[i].y - incs[j].y)
			    <= 200)
				near = 1;
		expect += near;
	}
	nr = json_object_get(lb, "near_repeat");
	assert_int_equal(jint(nr, "count"), expect);
	assert_true(expect >= 30);
	json_array_foreach(json_object_get(nr, "alerts"), i, a)
		if (strcmp(json_string_value(json_object_get(a, "category")),
		    "inbrott") == 0) {
			int64_t earlier = 0, t = at(2026, 3, 4, 12, 0);

			found = 1;
			for (j = 0; j < ninc; j++)
				if (incs[j].active && incs[j].t < t &&
				    t - incs[j].t <= 14 * 86400 &&
				    hypot(incs[j].x - NRX - 50, incs[j].y - NRY)
				    <= 200)
					earlier++;
			assert_int_equal(jint(a, "earlier"), earlier);
			assert_true(earlier >= 1);
			assert_true(fabs(json_number_value(json_object_get(a,
			    "nearest_m")) - 50) < 1e-9);
			assert_true(fabs(json_number_value(json_object_get(a,
			    "days_since_latest")) - 3) < 1e-9);
		}
	assert_true(found);
	/* Knox: pairs close in both over the period and 14 days before */
	expect = 0;
	for (i = 0; i < ninc; i++)
		for (j = i + 1; j < ninc; j++) {
			const struct inc *p = &incs[i], *q = &incs[j];

			if (!p->active || !q->active || p->t < w.from -
			    14 * 86400 || q->t < w.from - 14 * 86400 ||
			    p->t >= w.to || q->t >= w.to)
				continue;
			if (llabs(p->t - q->t) <= 14 * 86400 &&
			    hypot(p->x - q->x, p->y - q->y) <= 200)
				expect++;
		}
	a = json_object_get(nr, "knox");
	assert_null(json_object_get(a, "not_computed"));
	assert_int_equal(jint(a, "close_both"), expect);
	assert_true(json_number_value(json_object_get(a, "expected")) > 0);
	assert_true(json_is_null(json_object_get(a, "p_mc")));
	json_decref(lb);
	/* with a Monte Carlo p on request */
	{
		struct lb_params p;
		struct sv_actor sys;

		memset(&p, 0, sizeof(p));
		p.area = "9999";
		p.period = "2026-W10";
		assert_int_equal(lagesbild_param_set(&p, "permutations", "99",
		    &d), SV_OK);
		actor_system(&sys);
		assert_int_equal(lagesbild_build(db, &sys, &p, &lb, &d), SV_OK);
		a = json_object_get(json_object_get(lb, "near_repeat"), "knox");
		assert_int_equal(jint(a, "close_both"), expect);
		assert_int_equal(jint(a, "permutations"), 99);
		assert_true(json_number_value(json_object_get(a, "p_mc")) > 0 &&
		    json_number_value(json_object_get(a, "p_mc")) <= 1);
		json_decref(lb);
	}
}

static void
test_kde(void **state)
{
	struct sv_diag d;
	enum sv_err e;
	json_t *lb = build("2026-W10", &d, &e);
	const json_t *k, *v;
	double sum = 0, cell, mx = 0, x0, y0, cx, cy;
	size_t i, nx, imax = 0;

	(void)state;
	assert_int_equal(e, SV_OK);
	k = json_object_get(lb, "kde");
	cell = json_number_value(json_object_get(k, "cell"));
	nx = (size_t)jint(k, "nx");
	x0 = json_number_value(json_object_get(k, "x0"));
	y0 = json_number_value(json_object_get(k, "y0"));
	assert_true(fabs(cell - 100) < 1e-9);
	assert_int_equal(json_array_size(json_object_get(k, "values")),
	    nx * (size_t)jint(k, "ny"));
	json_array_foreach(json_object_get(k, "values"), i, v) {
		sum += json_number_value(v);
		if (json_number_value(v) > mx) {
			mx = json_number_value(v);
			imax = i;
		}
	}
	/* per km2 times cell area: the mass is the count (all inside) */
	assert_true(fabs(sum * cell * cell / 1e6 - 55) < 0.5);
	cx = x0 + ((double)(imax % nx) + 0.5) * cell;
	cy = y0 + ((double)(imax / nx) + 0.5) * cell;
	assert_true(hypot(cx - HX, cy - HY) < 150);
	json_decref(lb);
}

static void
test_dst_and_series(void **state)
{
	struct sv_period p;
	struct sv_diag d;
	enum sv_err e;
	const char *weeks[] = { "2026-W13", "2026-W14", "2026-W43",
	    "2026-W44" };
	json_t *lb;
	const json_t *o, *months, *counts;
	size_t k, i;

	(void)state;
	for (k = 0; k < 4; k++) {
		lb = build(weeks[k], &d, &e);
		assert_int_equal(e, SV_OK);
		sv_period_parse(weeks[k], &p, "p", &d);
		o = find_code(json_object_get(lb, "categories"), "brand");
		assert_non_null(o);
		assert_int_equal(jint(o, "count"), count_between(p.from, p.to,
		    "brand", 0, 0, 1e9, 1e9));
		assert_int_equal(jint(o, "count"), k == 2 ? 2 : 1);
		json_decref(lb);
	}
	/* the 12-month series of March 2026 (partial to 9 March) */
	lb = build("2026-W10", &d, &e);
	assert_int_equal(e, SV_OK);
	o = json_object_get(lb, "series");
	months = json_object_get(o, "months");
	assert_int_equal(json_array_size(months), 12);
	assert_string_equal(json_string_value(json_array_get(months, 11)),
	    "2026-03");
	assert_true(json_is_true(json_object_get(o, "last_partial")));
	counts = json_object_get(json_object_get(o, "total"), "counts");
	for (i = 0; i < 12; i++) {
		struct sv_period m;
		int64_t to;

		sv_period_parse(json_string_value(json_array_get(months, i)),
		    &m, "p", &d);
		to = i == 11 ? at(2026, 3, 9, 0, 0) : m.to;
		assert_int_equal(json_integer_value(json_array_get(counts, i)),
		    count_between(m.from, to, NULL, 0, 0, 1e9, 1e9));
	}
	json_decref(lb);
}

/*
 * Round trips per build: two on PostgreSQL (the store's batches: the
 * area, categories, min_count and sharing rules; then every count and
 * fact), for the system and for a reader of another organisation (whose
 * sharing rules come in the first batch), after a first build has
 * prepared the statements; SQLite has none. The reader, with no rule
 * set, counts what the system counts.
 */
static void
test_round_trips(void **state)
{
	struct sv_actor who[2] = {
		{ .system = 1, .role = SV_ROLE_ADMIN },
		{ .user_id = 1, .org_id = 424242, .role = SV_ROLE_LASARE },
	};
	struct lb_params p;
	struct sv_diag d;
	json_t *lb[2];
	uint64_t before;
	int a;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.area = "9999";
	p.layer = "kommun";
	p.period = "2026-W10";
	p.now = 1772000000;
	for (a = 0; a < 2; a++) {
		/* the first build prepares what it has not met yet */
		assert_int_equal(lagesbild_build(db, &who[a], &p, &lb[a], &d),
		    SV_OK);
		json_decref(lb[a]);
		before = store_round_trips(db);
		assert_int_equal(lagesbild_build(db, &who[a], &p, &lb[a], &d),
		    SV_OK);
		assert_int_equal(store_round_trips(db) - before,
		    store_backend(db) == SV_STORE_PG ? 2 : 0);
	}
	assert_int_equal(jint(json_object_get(lb[1], "total"), "count"),
	    jint(json_object_get(lb[0], "total"), "count"));
	assert_true(json_is_false(json_object_get(json_object_get(lb[1],
	    "sharing"), "system")));
	json_decref(lb[0]);
	json_decref(lb[1]);
}

static void
test_bad_input(void **state)
{
	struct lb_params p;
	struct sv_actor sys;
	struct sv_diag d;
	json_t *out = NULL;

	(void)state;
	actor_system(&sys);
	memset(&p, 0, sizeof(p));
	p.area = "0000";
	p.period = "2026-W10";
	assert_int_equal(lagesbild_build(db, &sys, &p, &out, &d),
	    SV_ERR_NOTFOUND);
	assert_string_equal(d.field, "area");
	assert_null(out);
	p.area = "9999";
	p.period = "2026-W54";
	assert_int_equal(lagesbild_build(db, &sys, &p, &out, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "period");
	p.period = "2026-03-01T12:00/2026-03-08";
	assert_int_equal(lagesbild_build(db, &sys, &p, &out, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "period");
	p.period = "2026-W10";
	p.layer = "Kommun;";
	assert_int_equal(lagesbild_build(db, &sys, &p, &out, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "layer");
	p.layer = NULL;
	p.cell = 1;
	assert_int_equal(lagesbild_build(db, &sys, &p, &out, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "cell");
	assert_int_equal(lagesbild_param_set(&p, "nr_days", "1.5", &d),
	    SV_ERR_INVALID);
	assert_int_equal(lagesbild_param_set(&p, "bogus", "1", &d),
	    SV_ERR_NOTFOUND);
	/* an empty period builds, with nothing to report */
	p.cell = 0;
	p.period = "2030-W01";
	assert_int_equal(lagesbild_build(db, &sys, &p, &out, &d), SV_OK);
	assert_int_equal(jint(json_object_get(out, "total"), "count"), 0);
	assert_non_null(json_object_get(json_object_get(json_object_get(out,
	    "hotspots"), "grid"), "not_computed"));
	json_decref(out);
}

/* The stencil weights of the Gi* grid are weights_distance_band's. */
static void
test_grid_weights(void **state)
{
	struct lb_grid g = { 580000, 6600000, 250, 9, 7 };
	const double bands[] = { 250, 500, 560, 707.2, 1000 };
	struct weights *a, *b;
	struct sv_diag d;
	double xy[2 * 63];
	size_t i, k;

	(void)state;
	for (i = 0; i < 63; i++) {
		xy[2 * i] = g.x0 + ((double)(i % 9) + 0.5) * g.cell;
		xy[2 * i + 1] = g.y0 + ((double)(i / 9) + 0.5) * g.cell;
	}
	for (k = 0; k < sizeof(bands) / sizeof(bands[0]); k++) {
		a = lb_grid_weights(&g, bands[k]);
		assert_int_equal(weights_distance_band(xy, 63, bands[k], 1, &b,
		    &d), SV_OK);
		assert_int_equal(a->n, b->n);
		assert_memory_equal(a->off, b->off, 64 * sizeof(size_t));
		assert_memory_equal(a->nbr, b->nbr, a->off[63] *
		    sizeof(uint32_t));
		assert_int_equal(a->self, 1);
		weights_free(a);
		weights_free(b);
	}
}

/* Bitwise equality of two doubles (NaN equals NaN). */
static void
assert_same_double(double a, double b)
{
	if (isnan(a) && isnan(b))
		return;
	assert_memory_equal(&a, &b, sizeof(double));
}

/* lb_rate_ratio gives trend_rate_ratio's figures bit for bit. */
static void
test_fast_rate_ratio(void **state)
{
	const double counts[] = { 0, 1, 2, 3, 4, 5, 7, 12, 40, 99, 383, 384,
	    1205, 3834, 3901 };
	const double days[][2] = { { 7, 7 }, { 7, 14 }, { 30, 31 },
	    { 365, 366 }, { 28, 7 } };
	struct trend_rate a, b;
	struct lb_lgf t = { NULL, 0 };
	struct sv_diag d;
	size_t i, j, k, nc = sizeof(counts) / sizeof(counts[0]);

	(void)state;
	for (k = 0; k < sizeof(days) / sizeof(days[0]); k++)
		for (i = 0; i < nc; i++)
			for (j = 0; j < nc; j++) {
				if (counts[i] + counts[j] == 0)
					continue;
				assert_int_equal(trend_rate_ratio(counts[i],
				    days[k][0], counts[j], days[k][1], &a, &d),
				    SV_OK);
				assert_int_equal(lb_rate_ratio(&t, counts[i],
				    days[k][0], counts[j], days[k][1], &b, &d),
				    SV_OK);
				assert_same_double(a.ratio, b.ratio);
				assert_same_double(a.p, b.p);
			}
	assert_int_equal(lb_rate_ratio(&t, 1.5, 7, 1, 7, &b, &d),
	    SV_ERR_INVALID);
	lb_lgf_free(&t);
}

/*
 * lb_grid_gistar gives the z and p of getisord_local on the stencil
 * weights bit for bit, and stats_fdr_bh's q wherever that is below fdr
 * (and q >= fdr elsewhere), on random counts with hot spots.
 */
static void
test_fast_grid_gistar(void **state)
{
	const struct lb_grid grids[] = { { 0, 0, 250, 9, 7 },
	    { 580000, 6600000, 100, 60, 45 } };
	const double bands[] = { 100, 250, 500, 560 }, fdr = 0.05;
	double *x, *z1, *p1, *q1, *z2, *p2, *q2;
	struct weights *w;
	struct sv_diag d;
	uint64_t rs = 42;
	size_t gi, bi, i, n, sig1, sig2, anysig = 0;

	(void)state;
	for (gi = 0; gi < 2; gi++) {
		n = (size_t)grids[gi].nx * (size_t)grids[gi].ny;
		x = calloc(n, sizeof(double));
		z1 = calloc(6 * n, sizeof(double));
		p1 = z1 + n;
		q1 = z1 + 2 * n;
		z2 = z1 + 3 * n;
		p2 = z1 + 4 * n;
		q2 = z1 + 5 * n;
		for (i = 0; i < n; i++) {
			rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
			x[i] = (double)((rs >> 33) % 4) * ((rs >> 40) % 9 == 0 ?
			    7 : 1);
		}
		for (bi = 0; bi < sizeof(bands) / sizeof(bands[0]); bi++) {
			if (bands[bi] < grids[gi].cell)
				continue;
			w = lb_grid_weights(&grids[gi], bands[bi]);
			assert_int_equal(getisord_local(x, w, z1, p1, &d),
			    SV_OK);
			stats_fdr_bh(p1, n, q1);
			weights_free(w);
			assert_int_equal(lb_grid_gistar(&grids[gi], x, bands[bi],
			    fdr, z2, p2, q2, &d), SV_OK);
			sig1 = sig2 = 0;
			for (i = 0; i < n; i++) {
				assert_same_double(z1[i], z2[i]);
				assert_same_double(p1[i], p2[i]);
				if (q1[i] < fdr) {
					assert_same_double(q1[i], q2[i]);
					sig1++;
				} else
					assert_true(q2[i] >= fdr);
				sig2 += q2[i] < fdr;
			}
			assert_int_equal(sig1, sig2);
			anysig += sig1;
		}
		free(x);
		free(z1);
	}
	assert_true(anysig > 0);	/* the q branch was exercised */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_new_and_matrix),
		cmocka_unit_test(test_hotspot),
		cmocka_unit_test(test_near_repeat),
		cmocka_unit_test(test_kde),
		cmocka_unit_test(test_dst_and_series),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_grid_weights),
		cmocka_unit_test(test_fast_rate_ratio),
		cmocka_unit_test(test_fast_grid_gistar),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
