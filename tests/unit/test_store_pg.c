/*
 * The PostgreSQL backend on a real server: the one whose maintenance URL
 * is in SV_TEST_PG_URL (scripts/pg-cluster start prints one; scripts/test
 * sets it). Each test gets its own new database. Without SV_TEST_PG_URL
 * only the check that needs no server runs (the PostgreSQL migrations
 * mirror the SQLite ones).
 *
 * What is checked: migrations; every statement of store/sql.def prepares;
 * int64, double, text and blob values round-trip exactly; unique, foreign
 * key and check violations map to the project's errors; transactions and
 * savepoints; change counts; interleaved statements; write transactions
 * are serialised as with SQLite; a lost connection is re-established;
 * batches run in one round trip (pipeline) with each entry's own rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/mem.h"
#include "store/migrations.h"
#include "store/store_impl.h"
#include "testdb.h"

static struct sv_store *
fresh(const char *name)
{
	struct sv_store *s = NULL;
	struct sv_diag d;
	char url[512];

	if (testdb_pg_url() == NULL)
		skip();
	assert_non_null(testdb_fresh("/nonexistent", name, url, sizeof(url)));
	sv_diag_clear(&d);
	if (store_open(url, &s, &d) != SV_OK)
		fail_msg("store_open: %s", d.message);
	assert_int_equal(store_backend(s), SV_STORE_PG);
	if (store_migrate(s, NULL, &d) != SV_OK)
		fail_msg("store_migrate: %s", d.message);
	return s;
}

static void
test_mirror(void **state)
{
	const struct sv_migration *a = sv_migrations_sqlite;
	const struct sv_migration *b = sv_migrations_pg;

	(void)state;
	for (; a->version != 0 && b->version != 0; a++, b++) {
		assert_int_equal(a->version, b->version);
		assert_string_equal(a->name, b->name);
	}
	assert_int_equal(a->version, 0);
	assert_int_equal(b->version, 0);
}

static void
test_migrate(void **state)
{
	struct sv_store *s = NULL;
	struct sv_diag d;
	char url[512];
	int n = -1;

	(void)state;
	if (testdb_pg_url() == NULL)
		skip();
	assert_non_null(testdb_fresh("/nonexistent", "migrate", url,
	    sizeof(url)));
	assert_int_equal(store_open(url, &s, &d), SV_OK);
	assert_int_equal(store_schema_version(s), 0);
	assert_int_equal(store_migrate(s, &n, &d), SV_OK);
	assert_int_equal(n, store_schema_latest());
	assert_int_equal(store_migrate(s, &n, &d), SV_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	store_close(s);
	/* A wrong password is refused without echoing it. */
	testdb_url_with("postgres://samverkan:wrongsecret@127.0.0.1:1",
	    "x", url, sizeof(url));
	assert_int_not_equal(store_open(url, &s, &d), SV_OK);
	assert_null(s);
	assert_null(strstr(d.message, "wrongsecret"));
}

/* Every statement of the table prepares on PostgreSQL. */
static void
test_prepare_all(void **state)
{
	struct sv_store *s = fresh("prepare");
	struct sv_stmt *st;
	struct sv_diag d;
	char url[512];
	int id, bad = 0;

	(void)state;
	/* A new connection, on which nothing is prepared yet. */
	store_close(s);
	testdb_url_with(testdb_pg_url(), testdb_names[testdb_count - 1], url,
	    sizeof(url));
	assert_int_equal(store_open(url, &s, &d), SV_OK);
	for (id = 0; id < SV_SQL__MAX; id++) {
		st = sv_calloc(1, sizeof(*st));
		st->store = s;
		st->id = (enum sv_sql)id;
		sv_diag_clear(&d);
		if (s->ops->prepare(s, (enum sv_sql)id, st, &d) != SV_OK) {
			fprintf(stderr, "# statement %d: %s\n# %s\n", id,
			    d.message, store_sql_text(s, (enum sv_sql)id));
			bad++;
		} else
			s->ops->finalize(st);
		free(st);
	}
	store_close(s);
	assert_int_equal(bad, 0);
}

static int64_t
new_org(struct sv_store *s, const char *code, enum sv_err *e)
{
	struct sv_stmt *st = store_stmt(s, SQL_ORG_INSERT);
	struct sv_diag d;
	int64_t id = 0;
	int row = 0;

	stmt_bind_text(st, 1, code);
	stmt_bind_text(st, 2, "Organisation");
	stmt_bind_text(st, 3, "kommun");
	stmt_bind_int(st, 6, 1700000000);
	*e = stmt_step(st, &row, &d);
	if (*e == SV_OK && row)
		id = stmt_int(st, 0);
	stmt_reset(st);
	return id;
}

static int
org_exists(struct sv_store *s, const char *code)
{
	struct sv_stmt *st = store_stmt(s, SQL_ORG_GET_CODE);
	int row = 0;

	stmt_bind_text(st, 1, code);
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	stmt_reset(st);
	return row;
}

static void
test_values(void **state)
{
	static const double dv[4] = {
		0.1, 6580822.123456789, -1.0e-300, 1.7976931348623157e308,
	};
	static const char text[] = "tab\there\nnewline \\ backslash "
	    "'quote' \"dq\" åäö ÅÄÖ € \xf0\x9f\x98\x80";
	struct sv_store *s = fresh("values");
	struct sv_stmt *st;
	unsigned char blob[512];
	const unsigned char *got;
	int64_t id;
	size_t len, i;
	int row;

	(void)state;
	for (i = 0; i < sizeof(blob); i++)
		blob[i] = (unsigned char)(i * 7);
	st = store_stmt(s, SQL_AREA_INSERT);
	stmt_bind_text(st, 1, "plats");
	stmt_bind_text(st, 2, "unused by this statement");
	stmt_bind_text(st, 3, "P1");
	stmt_bind_text(st, 4, text);
	stmt_bind_blob(st, 6, blob, sizeof(blob));
	for (i = 0; i < 4; i++)
		stmt_bind_double(st, 7 + (int)i, dv[i]);
	stmt_bind_int(st, 11, 1700000000);
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	assert_int_equal(row, 1);
	id = stmt_int(st, 0);
	stmt_reset(st);
	assert_int_equal(store_changes(s), 1);

	st = store_stmt(s, SQL_AREA_GET);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, 1);
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	assert_int_equal(row, 1);
	assert_int_equal(stmt_int(st, 0), id);
	assert_string_equal(stmt_text(st, 1), "plats");
	assert_string_equal(stmt_text(st, 3), text);
	assert_true(stmt_isnull(st, 4));
	assert_null(stmt_text(st, 4));
	for (i = 0; i < 4; i++)
		assert_true(stmt_double(st, 7 + (int)i) == dv[i]);
	got = stmt_blob(st, 11, &len);
	assert_int_equal(len, sizeof(blob));
	assert_memory_equal(got, blob, sizeof(blob));
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	assert_int_equal(row, 0);
	stmt_reset(st);

	/* Without the geometry ($2 = 0) the column is NULL. */
	st = store_stmt(s, SQL_AREA_GET);
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, 0);
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	assert_null(stmt_blob(st, 11, &len));
	assert_int_equal(len, 0);
	stmt_reset(st);

	/* int64 extremes and NULLs through the audit table. */
	st = store_stmt(s, SQL_AUDIT_INSERT);
	stmt_bind_int(st, 1, INT64_MIN);
	stmt_bind_int(st, 2, INT64_MAX);
	stmt_bind_text(st, 4, "act");
	stmt_bind_text(st, 5, "ent");
	stmt_bind_text(st, 7, text);
	stmt_bind_text(st, 8, "p");
	stmt_bind_text(st, 9, "h");
	assert_int_equal(stmt_exec(st, NULL), SV_OK);
	st = store_stmt(s, SQL_AUDIT_ALL);
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	assert_int_equal(row, 1);
	assert_true(stmt_int(st, 1) == INT64_MIN);
	assert_true(stmt_int(st, 2) == INT64_MAX);
	assert_true(stmt_isnull(st, 3));
	assert_int_equal(stmt_int(st, 3), 0);
	assert_null(stmt_text(st, 6));
	assert_string_equal(stmt_text(st, 7), text);
	stmt_reset(st);
	store_close(s);
}

static void
test_errors(void **state)
{
	struct sv_store *s = fresh("errors");
	struct sv_stmt *st;
	struct sv_diag d;
	enum sv_err e;
	int64_t org;
	int row;

	(void)state;
	org = new_org(s, "A", &e);
	assert_int_equal(e, SV_OK);
	new_org(s, "A", &e);
	assert_int_equal(e, SV_ERR_CONFLICT);		/* 23505 */

	st = store_stmt(s, SQL_USER_INSERT);
	stmt_bind_int(st, 1, org + 1000);
	stmt_bind_text(st, 2, "x@example.se");
	stmt_bind_text(st, 3, "X");
	stmt_bind_text(st, 5, "admin");
	stmt_bind_text(st, 6, "hash");
	stmt_bind_int(st, 7, 1);
	sv_diag_clear(&d);
	assert_int_equal(stmt_exec(st, &d), SV_ERR_CONFLICT);	/* 23503 */
	assert_non_null(strstr(d.message, "foreign key"));

	st = store_stmt(s, SQL_USER_INSERT);
	stmt_bind_int(st, 1, org);
	stmt_bind_text(st, 2, "x@example.se");
	stmt_bind_text(st, 3, "X");
	stmt_bind_text(st, 5, "boss");
	stmt_bind_text(st, 6, "hash");
	stmt_bind_int(st, 7, 1);
	assert_int_equal(stmt_exec(st, NULL), SV_ERR_INVALID);	/* 23514 */

	/* E-mail is unique regardless of case, as with COLLATE NOCASE. */
	st = store_stmt(s, SQL_USER_INSERT);
	stmt_bind_int(st, 1, org);
	stmt_bind_text(st, 2, "Anna@Example.se");
	stmt_bind_text(st, 5, "admin");
	stmt_bind_text(st, 6, "hash");
	stmt_bind_int(st, 7, 1);
	assert_int_equal(stmt_exec(st, NULL), SV_ERR_INVALID);	/* NOT NULL */
	stmt_bind_int(st, 1, org);
	stmt_bind_text(st, 2, "Anna@Example.se");
	stmt_bind_text(st, 3, "Anna");
	stmt_bind_text(st, 5, "admin");
	stmt_bind_text(st, 6, "hash");
	stmt_bind_int(st, 7, 1);
	assert_int_equal(stmt_exec(st, NULL), SV_OK);
	st = store_stmt(s, SQL_USER_INSERT);
	stmt_bind_int(st, 1, org);
	stmt_bind_text(st, 2, "anna@example.SE");
	stmt_bind_text(st, 3, "Anna");
	stmt_bind_text(st, 5, "admin");
	stmt_bind_text(st, 6, "hash");
	stmt_bind_int(st, 7, 1);
	assert_int_equal(stmt_exec(st, NULL), SV_ERR_CONFLICT);
	st = store_stmt(s, SQL_USER_AUTH);
	stmt_bind_text(st, 1, "ANNA@EXAMPLE.SE");
	assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
	assert_int_equal(row, 1);
	stmt_reset(st);

	/* The audit trail refuses changes. */
	st = store_stmt(s, SQL_AUDIT_INSERT);
	stmt_bind_int(st, 1, 1);
	stmt_bind_text(st, 4, "a");
	stmt_bind_text(st, 5, "e");
	stmt_bind_text(st, 8, "p");
	stmt_bind_text(st, 9, "h");
	assert_int_equal(stmt_exec(st, NULL), SV_OK);
	assert_int_equal(s->ops->exec(s, "UPDATE audit_event SET hash = 'x'",
	    NULL), SV_ERR_DB);
	assert_int_equal(s->ops->exec(s, "DELETE FROM audit_event", NULL),
	    SV_ERR_DB);
	/* The connection is still good after errors. */
	assert_true(org_exists(s, "A"));
	store_close(s);
}

static void
test_transactions(void **state)
{
	struct sv_store *s = fresh("tx");
	struct sv_stmt *st;
	enum sv_err e;

	(void)state;
	assert_int_equal(store_begin(s), SV_OK);
	new_org(s, "R", &e);
	assert_int_equal(e, SV_OK);
	assert_int_equal(store_rollback(s), SV_OK);
	assert_false(org_exists(s, "R"));

	assert_int_equal(store_begin(s), SV_OK);
	new_org(s, "A", &e);
	assert_int_equal(store_begin(s), SV_OK);
	assert_int_equal(store_tx_depth(s), 2);
	new_org(s, "B", &e);
	assert_int_equal(store_rollback(s), SV_OK);	/* inner only */
	assert_int_equal(store_begin(s), SV_OK);
	new_org(s, "C", &e);
	assert_int_equal(store_commit(s), SV_OK);
	assert_int_equal(store_commit(s), SV_OK);
	assert_int_equal(store_tx_depth(s), 0);
	assert_true(org_exists(s, "A"));
	assert_false(org_exists(s, "B"));
	assert_true(org_exists(s, "C"));

	/* A failed statement: the caller rolls back and carries on. */
	assert_int_equal(store_begin(s), SV_OK);
	new_org(s, "A", &e);
	assert_int_equal(e, SV_ERR_CONFLICT);
	assert_int_equal(store_rollback(s), SV_OK);
	new_org(s, "D", &e);
	assert_int_equal(e, SV_OK);

	/* Change counts of UPDATE. */
	st = store_stmt(s, SQL_CAT_DEACTIVATE);
	stmt_bind_int(st, 1, -1);
	assert_int_equal(stmt_exec(st, NULL), SV_OK);
	assert_int_equal(store_changes(s), 0);
	assert_int_equal(s->ops->exec(s, "UPDATE category SET sort = sort",
	    NULL), SV_OK);
	assert_true(store_changes(s) > 30);
	store_close(s);
}

/* A SELECT loop that writes per row, as store.h allows. */
static void
test_interleave(void **state)
{
	struct sv_store *s = fresh("interleave");
	struct sv_stmt *sel, *ins;
	int row, n = 0;

	(void)state;
	sel = store_stmt(s, SQL_CAT_LIST);
	for (;;) {
		assert_int_equal(stmt_step(sel, &row, NULL), SV_OK);
		if (!row)
			break;
		ins = store_stmt(s, SQL_AUDIT_INSERT);
		stmt_bind_int(ins, 1, n);
		stmt_bind_text(ins, 4, "seen");
		stmt_bind_text(ins, 5, "category");
		stmt_bind_text(ins, 6, stmt_text(sel, 1));
		stmt_bind_text(ins, 8, "p");
		stmt_bind_text(ins, 9, "h");
		assert_int_equal(stmt_exec(ins, NULL), SV_OK);
		n++;
	}
	stmt_reset(sel);
	assert_true(n > 30);
	sel = store_stmt(s, SQL_AUDIT_ALL);
	row = 0;
	while (stmt_step(sel, &row, NULL) == SV_OK && row)
		n--;
	assert_int_equal(n, 0);
	store_close(s);
}

struct waiter {
	const char	*url;
	double		 begun;		/* seconds since start */
	double		 start;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *
second_writer(void *arg)
{
	struct waiter *w = arg;
	struct sv_store *s = NULL;
	struct sv_diag d;
	enum sv_err e;

	if (store_open(w->url, &s, &d) != SV_OK)
		return NULL;
	if (store_begin(s) == SV_OK) {
		w->begun = now_s() - w->start;
		new_org(s, "W2", &e);
		store_commit(s);
	}
	store_close(s);
	return NULL;
}

/* Write transactions take turns, as with SQLite's BEGIN IMMEDIATE. */
static void
test_writers_serialised(void **state)
{
	struct sv_store *s = fresh("writers"), *r = NULL;
	struct waiter w;
	struct sv_diag d;
	pthread_t t;
	char url[512];
	double committed;
	enum sv_err e;

	(void)state;
	testdb_url_with(testdb_pg_url(), testdb_names[testdb_count - 1], url,
	    sizeof(url));
	w.url = url;
	w.begun = -1;
	w.start = now_s();
	assert_int_equal(store_begin(s), SV_OK);
	new_org(s, "W1", &e);
	assert_int_equal(pthread_create(&t, NULL, second_writer, &w), 0);
	usleep(300000);
	/* A reader outside a transaction is not blocked. */
	assert_int_equal(store_open(url, &r, &d), SV_OK);
	assert_false(org_exists(r, "W1"));
	committed = now_s() - w.start;
	assert_int_equal(store_commit(s), SV_OK);
	pthread_join(t, NULL);
	assert_true(w.begun >= committed);
	assert_true(org_exists(r, "W1"));
	assert_true(org_exists(r, "W2"));
	store_close(r);
	store_close(s);
}

/* The server ends the sessions on the test's newest database. */
static void
kill_sessions(void)
{
	char sql[256];
	PGconn *c;
	PGresult *res;

	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(pid) FROM "
	    "pg_stat_activity WHERE datname = '%s'",
	    testdb_names[testdb_count - 1]);
	c = PQconnectdb(testdb_pg_url());
	res = PQexec(c, sql);
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	assert_int_equal(PQntuples(res), 1);
	PQclear(res);
	PQfinish(c);
	usleep(100000);
}

/* The server ends the session; the next statement reconnects. */
static void
test_reconnect(void **state)
{
	struct sv_store *s = fresh("reconnect");

	(void)state;
	assert_true(org_exists(s, "nobody") == 0);
	kill_sessions();
	assert_true(org_exists(s, "nobody") == 0);
	store_close(s);
}

/* Rows of st: their count; the code (column 1) of the first in code. */
static int
rows_of(struct sv_stmt *st, char *code, size_t size)
{
	int row, n = 0;

	code[0] = '\0';
	for (;;) {
		assert_int_equal(stmt_step(st, &row, NULL), SV_OK);
		if (!row)
			break;
		if (n++ == 0)
			snprintf(code, size, "%s", stmt_text(st, 1));
	}
	stmt_reset(st);
	return n;
}

/*
 * Batches: one round trip for the lot; the same statement three times
 * with its own parameters and rows; store_stmt usable while a batch's
 * rows are read; the first failure reported and the connection usable
 * after it; a batch after a reconnect prepares again.
 */
static void
test_batch(void **state)
{
	struct sv_store *s = fresh("batch");
	struct sv_stmt *st, *get[3], *all;
	struct sv_batch *b;
	struct sv_diag d;
	char codes[3][64], got[64];
	uint64_t trips;
	int n, i, k;

	(void)state;
	st = store_stmt(s, SQL_CAT_LIST);
	for (n = 0; stmt_step(st, &k, NULL) == SV_OK && k; n++)
		if (n < 3)
			snprintf(codes[n], sizeof(codes[n]), "%s",
			    stmt_text(st, 1));
	stmt_reset(st);
	assert_true(n > 3);
	for (k = 0; k < 2; k++) {	/* the second run has all prepared */
		trips = store_round_trips(s);
		b = store_batch_new(s);
		for (i = 0; i < 3; i++) {
			get[i] = store_batch_stmt(b, SQL_CAT_GET);
			stmt_bind_text(get[i], 1, codes[2 - i]);
		}
		all = store_batch_stmt(b, SQL_CAT_LIST);
		assert_int_equal(store_batch_size(b), 4);
		assert_ptr_not_equal(get[0], get[1]);
		assert_ptr_not_equal(get[1], get[2]);
		assert_int_equal(store_batch_run(b, &d), SV_OK);
		if (k == 1)
			assert_int_equal(store_round_trips(s) - trips, 1);
		/* a statement of the cache between the batch's reads */
		st = store_stmt(s, SQL_CAT_GET);
		stmt_bind_text(st, 1, codes[0]);
		assert_int_equal(rows_of(st, got, sizeof(got)), 1);
		for (i = 0; i < 3; i++) {
			assert_int_equal(rows_of(get[i], got, sizeof(got)), 1);
			assert_string_equal(got, codes[2 - i]);
		}
		assert_int_equal(rows_of(all, got, sizeof(got)), n);
		assert_string_equal(got, codes[0]);
		store_batch_free(b);
	}

	b = store_batch_new(s);
	st = store_batch_stmt(b, SQL_CAT_GET);
	stmt_bind_text(st, 1, codes[0]);
	st = store_batch_stmt(b, SQL_ORG_GET_ID);
	stmt_bind_text(st, 1, "not a number");
	all = store_batch_stmt(b, SQL_CAT_LIST);
	sv_diag_clear(&d);
	assert_int_equal(store_batch_run(b, &d), SV_ERR_DB);
	assert_non_null(strstr(d.message, "not a number"));
	store_batch_free(b);
	st = store_stmt(s, SQL_CAT_LIST);
	assert_int_equal(rows_of(st, got, sizeof(got)), n);

	kill_sessions();
	b = store_batch_new(s);
	get[0] = store_batch_stmt(b, SQL_CAT_GET);
	stmt_bind_text(get[0], 1, codes[1]);
	get[1] = store_batch_stmt(b, SQL_CAT_GET);
	stmt_bind_text(get[1], 1, codes[2]);
	assert_int_equal(store_batch_run(b, &d), SV_OK);
	assert_int_equal(rows_of(get[0], got, sizeof(got)), 1);
	assert_string_equal(got, codes[1]);
	assert_int_equal(rows_of(get[1], got, sizeof(got)), 1);
	assert_string_equal(got, codes[2]);
	store_batch_free(b);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest offline[] = {
		cmocka_unit_test(test_mirror),
	};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mirror),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_prepare_all),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_interleave),
		cmocka_unit_test(test_writers_serialised),
		cmocka_unit_test(test_reconnect),
		cmocka_unit_test(test_batch),
	};

	/* cmocka's TAP reports a skip as "not ok", so leave them out. */
	if (testdb_pg_url() == NULL) {
		printf("# SV_TEST_PG_URL not set: the server tests are left "
		    "out\n");
		return cmocka_run_group_tests(offline, NULL, NULL);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
