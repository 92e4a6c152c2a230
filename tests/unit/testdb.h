/*
 * Fresh databases for unit tests (header-only, static functions). With
 * SV_TEST_PG_URL set (a maintenance URL such as scripts/pg-cluster
 * prints), testdb_fresh creates a new PostgreSQL database per call and
 * returns its URL; the databases are dropped at exit. Without it, it
 * returns the path of a new SQLite file in the given directory. So a test
 * written against testdb_fresh runs on both backends: scripts/test runs
 * the unit tests a second time with SV_TEST_PG_URL pointing at a
 * throwaway cluster.
 */
#ifndef SV_TESTDB_H
#define SV_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#define TESTDB_MAX	64

static char	*testdb_names[TESTDB_MAX];
static int	 testdb_count;

/* The maintenance URL, or NULL when the tests run on SQLite only. */
static __attribute__((unused)) const char *
testdb_pg_url(void)
{
	const char *u = getenv("SV_TEST_PG_URL");

	return u != NULL && *u != '\0' ? u : NULL;
}

/* url with its database name replaced by db, into buf. */
static __attribute__((unused)) void
testdb_url_with(const char *url, const char *db, char *buf, size_t len)
{
	const char *host, *path, *query;

	host = strstr(url, "://");
	host = host != NULL ? host + 3 : url;
	path = strchr(host, '/');
	query = strchr(host, '?');
	if (path == NULL || (query != NULL && query < path))
		path = query != NULL ? query : host + strlen(host);
	snprintf(buf, len, "%.*s/%s%s", (int)(path - url), url, db,
	    query != NULL ? query : "");
}

/* Runs one statement on the maintenance database; 0 on success. */
static __attribute__((unused)) int
testdb_admin(const char *sql)
{
	PGconn *c = PQconnectdb(testdb_pg_url());
	PGresult *r;
	int rc = -1;

	if (PQstatus(c) == CONNECTION_OK) {
		r = PQexec(c, sql);
		if (PQresultStatus(r) == PGRES_COMMAND_OK)
			rc = 0;
		else
			fprintf(stderr, "# testdb: %s", PQerrorMessage(c));
		PQclear(r);
	} else
		fprintf(stderr, "# testdb: %s", PQerrorMessage(c));
	PQfinish(c);
	return rc;
}

static void
testdb_drop_all(void)
{
	char sql[160];
	int i;

	for (i = 0; i < testdb_count; i++) {
		snprintf(sql, sizeof(sql),
		    "DROP DATABASE IF EXISTS %s WITH (FORCE)", testdb_names[i]);
		testdb_admin(sql);
		free(testdb_names[i]);
	}
	testdb_count = 0;
}

/*
 * A new empty database for a test called name (letters, digits, '_'):
 * its URL (PostgreSQL) or file path (SQLite, in dir, removed first) in
 * buf. Returns buf, or NULL if the PostgreSQL database cannot be made.
 */
static __attribute__((unused)) const char *
testdb_fresh(const char *dir, const char *name, char *buf, size_t len)
{
	char db[80], sql[160];
	size_t i;

	if (testdb_pg_url() == NULL) {
		snprintf(buf, len, "%s/%s.db", dir, name);
		unlink(buf);
		return buf;
	}
	if (testdb_count == TESTDB_MAX)
		return NULL;
	snprintf(db, sizeof(db), "sv_unit_%ld_%d_%.40s", (long)getpid(),
	    testdb_count, name);
	for (i = 0; db[i] != '\0'; i++)
		if (db[i] >= 'A' && db[i] <= 'Z')
			db[i] = (char)(db[i] - 'A' + 'a');
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", db);
	if (testdb_admin(sql) != 0)
		return NULL;
	if (testdb_count == 0)
		atexit(testdb_drop_all);
	testdb_names[testdb_count++] = strdup(db);
	testdb_url_with(testdb_pg_url(), db, buf, len);
	return buf;
}

#endif
