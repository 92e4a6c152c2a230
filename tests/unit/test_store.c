/*
 * Store and domain on real SQLite files in a temporary directory:
 * migrations, transactions, organisations (Luhn), users and tokens,
 * categories, personnummer detection, incidents with rights, PROJ and
 * point in polygon on the SCB kommun boundaries (Stockholm city hall lies
 * in kommun 0180), keyset pagination and counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <dirent.h>

#include "core/mem.h"
#include "domain/area.h"
#include "domain/auth.h"
#include "domain/category.h"
#include "domain/dom.h"
#include "domain/incident.h"
#include "domain/organisation.h"
#include "domain/user.h"
#include "geo/geo.h"
#include "io/geojson.h"
#include "store/store.h"
#include "testdb.h"

static char dir[256];

static struct sv_store *
fresh(const char *name)
{
	struct sv_store *s = NULL;
	struct sv_diag d;
	char path[512];

	/* SQLite file, or a new PostgreSQL database with SV_TEST_PG_URL. */
	assert_non_null(testdb_fresh(dir, name, path, sizeof(path)));
	assert_int_equal(store_open(path, &s, &d), SV_OK);
	assert_int_equal(store_migrate(s, NULL, &d), SV_OK);
	return s;
}

static void
test_migrate(void **state)
{
	struct sv_store *s;
	struct sv_diag d;
	char path[512];
	enum sv_err e;
	int n = -1;

	(void)state;
	assert_non_null(testdb_fresh(dir, "m", path, sizeof(path)));
	assert_int_equal(store_open(path, &s, &d), SV_OK);
	assert_int_equal(store_schema_version(s), 0);
	assert_int_equal(store_migrate(s, &n, &d), SV_OK);
	assert_int_equal(n, store_schema_latest());
	assert_int_equal(store_migrate(s, &n, &d), SV_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	store_close(s);
	/* No server there: refused (backend not built) or not reachable. */
	e = store_open("postgres://127.0.0.1:1/none", &s, &d);
	assert_true(e == SV_ERR_INVALID || e == SV_ERR_DB);
	assert_null(s);
}

/*
 * A batch (store.h): the same statement three times, each with its own
 * parameters and rows, read in any order and beside store_stmt; a
 * second batch reuses the instances. Run on both backends (PostgreSQL's
 * pipeline and error paths: test_store_pg).
 */
static void
test_batch(void **state)
{
	struct sv_store *s = fresh("batch");
	struct sv_stmt *st, *get[3], *all;
	struct sv_batch *b;
	struct sv_diag d;
	char codes[3][64];
	int n, i, k, row, rows;

	(void)state;
	st = store_stmt(s, SQL_CAT_LIST);
	for (n = 0; stmt_step(st, &row, NULL) == SV_OK && row; n++)
		if (n < 3)
			snprintf(codes[n], sizeof(codes[n]), "%s",
			    stmt_text(st, 1));
	stmt_reset(st);
	assert_true(n > 3);
	for (k = 0; k < 2; k++) {
		b = store_batch_new(s);
		for (i = 0; i < 3; i++) {
			get[i] = store_batch_stmt(b, SQL_CAT_GET);
			stmt_bind_text(get[i], 1, codes[i]);
		}
		all = store_batch_stmt(b, SQL_CAT_LIST);
		assert_int_equal(store_batch_run(b, &d), SV_OK);
		/* the list first, one row; the rest later, backwards */
		assert_int_equal(stmt_step(all, &row, NULL), SV_OK);
		assert_true(row);
		assert_string_equal(stmt_text(all, 1), codes[0]);
		st = store_stmt(s, SQL_CAT_GET);
		stmt_bind_text(st, 1, codes[1]);
		assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
		assert_true(row);
		stmt_reset(st);
		for (i = 2; i >= 0; i--) {
			assert_int_equal(stmt_step(get[i], &row, NULL), SV_OK);
			assert_true(row);
			assert_string_equal(stmt_text(get[i], 1), codes[i]);
			assert_int_equal(stmt_step(get[i], &row, NULL), SV_OK);
			assert_false(row);
		}
		for (rows = 1; stmt_step(all, &row, NULL) == SV_OK && row;)
			rows++;
		assert_int_equal(rows, n);
		store_batch_free(b);
	}
	store_close(s);
}

static void
test_tx_nesting(void **state)
{
	struct sv_store *s = fresh("tx");
	struct sv_actor sys;
	struct sv_org_input in = { "A", "Org A", "kommun", NULL, NULL };
	struct sv_org_input in2 = { "B", "Org B", "kommun", NULL, NULL };
	struct sv_arena *a = sv_arena_new();
	struct sv_org o;
	struct sv_diag d;

	(void)state;
	actor_system(&sys);
	assert_int_equal(store_begin(s), SV_OK);
	assert_int_equal(org_create(s, &sys, &in, NULL, &d), SV_OK);
	assert_int_equal(store_begin(s), SV_OK);
	assert_int_equal(org_create(s, &sys, &in2, NULL, &d), SV_OK);
	assert_int_equal(store_rollback(s), SV_OK);	/* inner only */
	assert_int_equal(store_commit(s), SV_OK);
	assert_int_equal(org_get(s, "A", a, &o, &d), SV_OK);
	assert_int_equal(org_get(s, "B", a, &o, &d), SV_ERR_NOTFOUND);
	sv_arena_free(a);
	store_close(s);
}

static void
test_org_number(void **state)
{
	(void)state;
	assert_true(org_number_valid("212000-2080"));	/* Västerås stad */
	assert_true(org_number_valid("2021000084"));	/* Polismyndigheten */
	assert_false(org_number_valid("212000-2081"));
	assert_false(org_number_valid("21200-02080"));
	assert_false(org_number_valid("212000-208"));
	assert_false(org_number_valid(""));
}


/* The stored last use of an API token (as auth.c hashes it). */
static int64_t
token_last_used(struct sv_store *s, const char *tok)
{
	struct sv_stmt *st = store_stmt(s, SQL_TOKEN_LOOKUP);
	struct sv_diag d;
	char h[65];
	int64_t v;
	int row;

	dom_sha256_hex(tok, strlen(tok), h);
	stmt_bind_text(st, 1, h);
	assert_int_equal(stmt_step(st, &row, &d), SV_OK);
	assert_int_equal(row, 1);
	v = stmt_isnull(st, 4) ? -1 : stmt_int(st, 4);
	stmt_reset(st);
	return v;
}
static void
test_org_user_token(void **state)
{
	struct sv_store *s = fresh("org");
	struct sv_actor sys, admin, other;
	struct sv_org_input k = { "VAS", "Västerås stad", "kommun",
	    "212000-2080", NULL };
	struct sv_org_input bad = { "X1", "X", "kommun", "212000-2081", NULL };
	struct sv_org_input lpo = { "LPO", "LPO Västerås", "lokalpolisomrade",
	    NULL, NULL };
	struct sv_user_input u = { "anna@example.se", "lösenord123", "VAS",
	    "admin", "Anna", NULL, 1 };
	struct sv_user_input r = { "rolf@example.se", "lösenord456", "LPO",
	    "rapportör", NULL, NULL, 1 };
	struct sv_session sess, look;
	char tok[SV_SECRET_HEX];
	struct sv_diag d;
	int64_t uid;

	(void)state;
	actor_system(&sys);
	assert_int_equal(org_create(s, &sys, &k, NULL, &d), SV_OK);
	assert_int_equal(org_create(s, &sys, &k, NULL, &d), SV_ERR_CONFLICT);
	assert_int_equal(org_create(s, &sys, &bad, NULL, &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "org_number");
	assert_int_equal(org_create(s, &sys, &lpo, NULL, &d), SV_OK);
	assert_int_equal(user_create(s, &sys, &u, &uid, &d), SV_OK);
	assert_int_equal(user_create(s, &sys, &r, NULL, &d), SV_OK);
	u.password = "short";
	u.email = "b@example.se";
	assert_int_equal(user_create(s, &sys, &u, NULL, &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "password");

	assert_int_equal(auth_login(s, "anna@example.se", "fel lösenord", NULL,
	    NULL, &sess, &d), SV_ERR_UNAUTH);
	assert_int_equal(auth_login(s, "ANNA@example.se", "lösenord123", NULL,
	    NULL, &sess, &d), SV_OK);
	assert_int_equal(sess.actor.user_id, uid);
	assert_int_equal(sess.actor.role, SV_ROLE_ADMIN);
	assert_int_equal(auth_session_lookup(s, sess.id, &look, &d), SV_OK);
	assert_string_equal(look.csrf, sess.csrf);
	assert_int_equal(auth_session_revoke(s, sess.id, &d), SV_OK);
	assert_int_equal(auth_session_lookup(s, sess.id, &look, &d),
	    SV_ERR_UNAUTH);

	assert_int_equal(auth_token_create(s, &sys, "anna@example.se", tok, &d),
	    SV_OK);
	assert_int_equal(strlen(tok), 64);
	assert_int_equal(auth_token_lookup(s, tok, &admin, &d), SV_OK);
	assert_int_equal(admin.user_id, uid);
	/* The token's last use is stamped at most once a minute. */
	setenv("SV_FAKE_NOW", "1763800000", 1);
	assert_int_equal(auth_token_lookup(s, tok, &admin, &d), SV_OK);
	assert_int_equal(token_last_used(s, tok), 1763800000);
	setenv("SV_FAKE_NOW", "1763800059", 1);
	assert_int_equal(auth_token_lookup(s, tok, &admin, &d), SV_OK);
	assert_int_equal(token_last_used(s, tok), 1763800000);
	setenv("SV_FAKE_NOW", "1763800060", 1);
	assert_int_equal(auth_token_lookup(s, tok, &admin, &d), SV_OK);
	assert_int_equal(token_last_used(s, tok), 1763800060);
	unsetenv("SV_FAKE_NOW");
	tok[0] = tok[0] == 'a' ? 'b' : 'a';
	assert_int_equal(auth_token_lookup(s, tok, &other, &d), SV_ERR_UNAUTH);

	/* An admin of VAS may not manage LPO, which is not below it. */
	assert_int_equal(org_delete(s, &admin, "LPO", &d), SV_ERR_FORBIDDEN);
	other = admin;
	other.role = SV_ROLE_SAMORDNARE;
	assert_int_equal(org_create(s, &other, &bad, NULL, &d),
	    SV_ERR_FORBIDDEN);
	store_close(s);
}

static void
test_personnummer(void **state)
{
	(void)state;
	assert_true(text_has_personnummer("Mannen (811218-9876) syntes"));
	assert_true(text_has_personnummer("pnr 198112189876."));
	assert_true(text_has_personnummer("8112189876"));
	assert_false(text_has_personnummer("811218-9877"));
	assert_false(text_has_personnummer("Telefon 021-39 00 00"));
	assert_false(text_has_personnummer("Klotter på 12 väggar"));
	assert_false(text_has_personnummer(NULL));
}

static void
test_proj(void **state)
{
	struct sv_geo *g = geo_new();
	double x, y, lat, lon;

	(void)state;
	/*
	 * Sergels torg and Stockholm city hall; expected values from
	 * Lantmäteriet's Gauss-Krüger formulas for SWEREF 99 TM (GRS80,
	 * central meridian 15, scale 0.9996, false easting 500 km),
	 * evaluated independently of PROJ.
	 */
	assert_int_equal(geo_to_sweref(g, 59.3326, 18.0649, &x, &y), SV_OK);
	assert_float_equal(x, 674344.559, 0.01);
	assert_float_equal(y, 6581100.536, 0.01);
	assert_int_equal(geo_to_wgs84(g, x, y, &lat, &lon), SV_OK);
	assert_float_equal(lat, 59.3326, 1e-8);
	assert_float_equal(lon, 18.0649, 1e-8);
	assert_int_equal(geo_to_sweref(g, 59.32745, 18.05453, &x, &y), SV_OK);
	assert_float_equal(x, 673781.241, 0.01);
	assert_float_equal(y, 6580500.334, 0.01);
	assert_true(geo_in_sweden_wgs84(59.3, 18.0));
	assert_false(geo_in_sweden_wgs84(52.5, 13.4));	/* Berlin */
	geo_free(g);
}

/* Imports the kommun layer of the SCB file through the domain. */
static size_t
load_kommuner(struct sv_store *s, const char *file)
{
	struct sv_actor sys;
	struct geojson *gj = NULL;
	struct sv_diag d;
	char path[512];
	size_t i, n = 0;

	actor_system(&sys);
	snprintf(path, sizeof(path), "%s/boundaries/%s",
	    getenv("SV_SHARED_DATA"), file);
	assert_int_equal(geojson_read_file(path, &gj, &d), SV_OK);
	assert_int_equal(store_begin(s), SV_OK);
	for (i = 0; i < gj->nfeatures; i++) {
		struct geojson_feature *f = &gj->features[i];
		struct sv_polygon *polys;
		struct sv_area_input in;
		unsigned char *wkb;
		size_t len, p;
		double bbox[4];
		int changed;

		polys = sv_calloc(f->npolygons, sizeof(*polys));
		for (p = 0; p < f->npolygons; p++) {
			polys[p].rings = (const struct sv_ring *)
			    f->polygons[p].rings;
			polys[p].nrings = f->polygons[p].nrings;
		}
		assert_int_equal(geo_wkb_from_polygons(store_geo(s), polys,
		    f->npolygons, gj->crs == GEOJSON_CRS_SWEREF ?
		    SV_CRS_SWEREF : SV_CRS_WGS84, &wkb, &len, bbox, &d), SV_OK);
		memset(&in, 0, sizeof(in));
		in.layer = "kommun";
		in.code = json_string_value(json_object_get(f->properties,
		    "kn_kod"));
		in.name = json_string_value(json_object_get(f->properties,
		    "kn_namn"));
		in.wkb = wkb;
		in.wkb_len = len;
		assert_int_equal(area_upsert(s, &sys, &in, &changed, &d),
		    SV_OK);
		n += changed == 1;
		free(wkb);
		free(polys);
	}
	assert_int_equal(store_commit(s), SV_OK);
	geojson_free(gj);
	return n;
}

static void
test_incidents(void **state)
{
	struct sv_store *s = fresh("inc");
	struct sv_arena *a = sv_arena_new();
	struct sv_actor sys, rep, rep2, reader;
	struct sv_org_input o1 = { "STHLM", "Stockholms stad", "kommun",
	    NULL, NULL };
	struct sv_org_input o2 = { "POL", "Polisen", "lokalpolisomrade",
	    NULL, NULL };
	struct sv_incident_input in;
	char ext[16];	/* outlives the loop: the last upsert reuses it */
	struct sv_incident inc, *items;
	struct sv_incident_filter f;
	struct sv_count *cnt;
	struct sv_diag d;
	int64_t id, id2, total;
	size_t n, i, seen;
	char *next;
	int changed;

	(void)state;
	actor_system(&sys);
	assert_int_equal(load_kommuner(s, "se_kommuner_scb_sweref99tm.geojson"),
	    290);
	assert_int_equal(org_create(s, &sys, &o1, &rep.org_id, &d), SV_OK);
	assert_int_equal(org_create(s, &sys, &o2, &reader.org_id, &d), SV_OK);
	rep.user_id = 0;
	rep.role = SV_ROLE_RAPPORTOR;
	rep.system = 0;
	rep2 = rep;
	rep2.user_id = 99;
	reader.user_id = 0;
	reader.role = SV_ROLE_LASARE;
	reader.system = 0;

	incident_input_init(&in);
	in.category = "skadegorelse.klotter";
	in.observed_from = 1763800000;	/* 2025-11-22 */
	in.locate = SV_LOCATE_WGS84;
	/*
	 * Sergels torg. (The city hall itself, on the shore of
	 * Riddarfjärden, falls in the water of SCB's generalised
	 * polygons: an independent ray-casting check agrees.)
	 */
	in.a = 59.3326;
	in.b = 18.0649;
	in.description = "Klotter på fasaden";
	assert_int_equal(incident_create(s, &rep, &in, &id, &d), SV_OK);
	assert_int_equal(incident_get(s, &rep, id, a, &inc, &d), SV_OK);
	assert_int_equal(inc.nareas, 1);
	assert_string_equal(inc.areas[0].layer, "kommun");
	assert_string_equal(inc.areas[0].code, "0180");
	assert_string_equal(inc.description, "Klotter på fasaden");
	/* Another organisation sees it without free text. */
	assert_int_equal(incident_get(s, &reader, id, a, &inc, &d), SV_OK);
	assert_null(inc.description);
	/* A reader may not report; a reporter only for their own org. */
	assert_int_equal(incident_create(s, &reader, &in, NULL, &d),
	    SV_ERR_FORBIDDEN);
	in.organisation = "POL";
	assert_int_equal(incident_create(s, &rep, &in, NULL, &d),
	    SV_ERR_FORBIDDEN);
	in.organisation = NULL;
	/* Another reporter of the same org may not change it. */
	assert_int_equal(incident_withdraw(s, &rep2, id, &d), SV_ERR_FORBIDDEN);

	/* Validation. */
	in.a = 52.52;
	in.b = 13.40;	/* Berlin */
	assert_int_equal(incident_create(s, &rep, &in, NULL, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "lat");
	in.a = 59.3326;
	in.b = 18.0649;
	in.description = "Misstänkt 811218-9876 sprayade";
	assert_int_equal(incident_create(s, &rep, &in, NULL, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "description");
	in.description = NULL;
	in.severity = 4;
	assert_int_equal(incident_create(s, &rep, &in, NULL, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "severity");
	in.severity = 1;
	in.category = "finns.inte";
	assert_int_equal(incident_create(s, &rep, &in, NULL, &d),
	    SV_ERR_INVALID);
	assert_string_equal(d.field, "category");
	in.category = "vald.misshandel";

	/* Located by area: Uppsala (0380), SWEREF point on its surface. */
	in.locate = SV_LOCATE_AREA;
	in.area_code = "0380";
	in.area_layer = "kommun";
	in.observed_from = 1763900000;
	assert_int_equal(incident_create(s, &rep, &in, &id2, &d), SV_OK);
	assert_int_equal(incident_get(s, &rep, id2, a, &inc, &d), SV_OK);
	assert_string_equal(inc.areas[0].code, "0380");

	/* Upsert is idempotent by source + external id. */
	in.locate = SV_LOCATE_SWEREF;
	in.a = 674344.6;
	in.b = 6581100.5;
	in.source = "import";
	in.organisation = "STHLM";
	for (i = 0; i < 250; i++) {
		snprintf(ext, sizeof(ext), "e%zu", i);
		in.external_id = ext;
		in.observed_from = 1763800000 + (int64_t)i * 3600;
		assert_int_equal(incident_upsert(s, &sys, &in, &changed, &d),
		    SV_OK);
		assert_int_equal(changed, 1);
		assert_int_equal(incident_upsert(s, &sys, &in, &changed, &d),
		    SV_OK);
		assert_int_equal(changed, 0);
	}
	in.severity = 2;
	assert_int_equal(incident_upsert(s, &sys, &in, &changed, &d), SV_OK);
	assert_int_equal(changed, 2);

	/* Keyset pagination visits each of the 252 incidents once. */
	incident_filter_init(&f);
	f.limit = 100;
	seen = 0;
	for (;;) {
		assert_int_equal(incident_query(s, &reader, &f, a, &items, &n,
		    &next, &d), SV_OK);
		for (i = 1; i < n; i++)
			assert_true(items[i - 1].observed_from <
			    items[i].observed_from || items[i - 1].id <
			    items[i].id);
		/* A page's areas (one query) are each incident's own. */
		for (i = 0; i < n; i++) {
			size_t k;

			assert_int_equal(incident_get(s, &reader, items[i].id,
			    a, &inc, &d), SV_OK);
			assert_true(items[i].nareas > 0);
			assert_int_equal(items[i].nareas, inc.nareas);
			for (k = 0; k < inc.nareas; k++) {
				assert_string_equal(items[i].areas[k].layer,
				    inc.areas[k].layer);
				assert_string_equal(items[i].areas[k].code,
				    inc.areas[k].code);
				assert_int_equal(items[i].areas[k].id,
				    inc.areas[k].id);
			}
		}
		seen += n;
		if (next == NULL)
			break;
		f.cursor = next;
	}
	assert_int_equal(seen, 252);

	incident_filter_init(&f);
	f.area = "0180";
	f.layer = "kommun";
	assert_int_equal(incident_counts(s, &reader, &f, SV_COUNT_AREA,
	    "kommun", a, &cnt, &n, &total, &d), SV_OK);
	assert_int_equal(total, 251);
	assert_int_equal(n, 1);
	assert_string_equal(cnt[0].key, "0180");
	incident_filter_init(&f);
	f.category = "vald";	/* includes vald.misshandel */
	assert_int_equal(incident_counts(s, &reader, &f, SV_COUNT_CATEGORY,
	    NULL, a, &cnt, &n, &total, &d), SV_OK);
	assert_int_equal(total, 251);
	assert_string_equal(cnt[0].key, "vald.misshandel");
	incident_filter_init(&f);
	assert_int_equal(incident_counts(s, &reader, &f, SV_COUNT_WEEK, NULL,
	    a, &cnt, &n, &total, &d), SV_OK);
	assert_int_equal(total, 252);
	assert_string_equal(cnt[0].key, "2025-W47");

	assert_int_equal(incident_withdraw(s, &rep, id, &d), SV_OK);
	incident_filter_init(&f);
	assert_int_equal(incident_counts(s, &reader, &f, SV_COUNT_ORG, NULL,
	    a, &cnt, &n, &total, &d), SV_OK);
	assert_int_equal(total, 251);
	sv_arena_free(a);
	store_close(s);
}

static void
test_wgs84_kommuner(void **state)
{
	struct sv_store *s = fresh("wgs");
	struct sv_arena *a = sv_arena_new();
	struct sv_area ar;
	struct sv_area_hit hits[SV_LAYER__MAX];
	struct sv_diag d;
	double x, y;
	size_t n;

	(void)state;
	assert_int_equal(load_kommuner(s, "se_kommuner_scb_wgs84.geojson"), 290);
	assert_int_equal(geo_to_sweref(store_geo(s), 59.3326, 18.0649, &x,
	    &y), SV_OK);
	assert_int_equal(area_locate(s, x, y, hits, &n, &d), SV_OK);
	assert_int_equal(n, 1);
	assert_int_equal(area_get(s, hits[0].area_id, 0, a, &ar, &d), SV_OK);
	assert_string_equal(ar.code, "0180");
	/* Uppsala cathedral in Uppsala kommun. */
	assert_int_equal(geo_to_sweref(store_geo(s), 59.8582, 17.6336, &x,
	    &y), SV_OK);
	assert_int_equal(area_locate(s, x, y, hits, &n, &d), SV_OK);
	assert_int_equal(n, 1);
	assert_int_equal(area_get(s, hits[0].area_id, 0, a, &ar, &d), SV_OK);
	assert_string_equal(ar.code, "0380");
	assert_int_equal(area_find_by_name(s, "kommun", "upplands väsby", a,
	    &ar, &d), SV_OK);
	assert_string_equal(ar.code, "0114");
	assert_int_equal(area_find_by_name(s, "kommun", "ÖSTRA GÖINGE", a,
	    &ar, &d), SV_OK);
	sv_arena_free(a);
	store_close(s);
}

static void
remove_dir(void)
{
	struct dirent *de;
	char path[600];
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(dp);
	rmdir(dir);
}

/* Passwords never reach messages: URI userinfo and password= keys. */
static void
test_url_redact(void **state)
{
	static const char *const cases[][2] = {
		{ "postgresql://sv:hemligt@db.kommun.se:5432/sv",
		    "postgresql://sv:***@db.kommun.se:5432/sv" },
		{ "postgres://sv:p@ss@127.0.0.1/sv",
		    "postgres://sv:***@127.0.0.1/sv" },
		{ "postgresql://sv@db/sv?password=hemligt&sslmode=require",
		    "postgresql://sv@db/sv?password=***&sslmode=require" },
		{ "host=db user=sv password=hemligt dbname=sv",
		    "host=db user=sv password=*** dbname=sv" },
		{ "postgresql://db/sv", "postgresql://db/sv" },
		{ "postgresql://sv@db/sv", "postgresql://sv@db/sv" },
		{ "/var/lib/samverkan/sv.db", "/var/lib/samverkan/sv.db" },
		{ "sqlite:my:file@x.db", "sqlite:my:file@x.db" },
	};
	char out[128], small[12];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		store_url_redact(cases[i][0], out, sizeof(out));
		assert_string_equal(out, cases[i][1]);
	}
	store_url_redact("postgresql://sv:hemligt@db/sv", small,
	    sizeof(small));
	assert_string_equal(small, "postgresql:");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_redact),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_tx_nesting),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_org_number),
		cmocka_unit_test(test_org_user_token),
		cmocka_unit_test(test_personnummer),
		cmocka_unit_test(test_proj),
		cmocka_unit_test(test_incidents),
		cmocka_unit_test(test_wgs84_kommuner),
	};
	char tmpl[] = "/tmp/sv_store_XXXXXX";
	int rc;

	if (mkdtemp(tmpl) == NULL)
		return 1;
	snprintf(dir, sizeof(dir), "%s", tmpl);
	setenv("SV_FAKE_NOW", "1763800000", 1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	remove_dir();
	return rc;
}
