/*
 * Moving an installation from SQLite to PostgreSQL (samverkan
 * migrate-data) and checking that nothing was lost. The table and column
 * lists come from the catalogs of both sides and must agree (the
 * migrations in sql/sqlite and sql/pg mirror each other), so a table
 * added by a later migration moves without a change here.
 *
 * The copy runs in one PostgreSQL transaction: TRUNCATE, user triggers
 * off (the derived tables are copied as they are, not rebuilt), foreign
 * keys deferred (they are DEFERRABLE in sql/pg, so rows can come in any
 * order, self-references included) and checked once every row is in,
 * one COPY per table, identity sequences moved past the largest id.
 * Nothing is half-done: an error anywhere rolls the whole target back.
 *
 * The check reads every table from both sides in primary-key order (bytes
 * order on both: COLLATE "C" on PostgreSQL, BINARY on SQLite) and compares
 * canonical values: integers as decimal, doubles with 17 significant
 * digits, blobs as hex, text as bytes, NULL as its own value.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/store_pg.h"

#define PG_BYTEAOID	17
#define PG_INT8OID	20
#define PG_INT2OID	21
#define PG_INT4OID	23
#define PG_FLOAT4OID	700
#define PG_FLOAT8OID	701

#define MAXCOLS		64
#define MAXTABLES	128
#define COPY_CHUNK	(256 * 1024)

struct table {
	char	*name;
	int	 ncols;
	char	*col[MAXCOLS];
	Oid	 type[MAXCOLS];
	int	 identity[MAXCOLS];
	int	 npk;
	int	 pk[MAXCOLS];		/* indexes into col */
};

struct schema {
	int		 ntables;
	struct table	 t[MAXTABLES];
};

static void
schema_free(struct schema *sc)
{
	int i, j;

	for (i = 0; i < sc->ntables; i++) {
		free(sc->t[i].name);
		for (j = 0; j < sc->t[i].ncols; j++)
			free(sc->t[i].col[j]);
	}
	sc->ntables = 0;
}

/* Appends "name" as a quoted identifier. */
static void
qident(struct sv_buf *b, const char *name)
{
	const char *p;

	sv_buf_putc(b, '"');
	for (p = name; *p != '\0'; p++) {
		if (*p == '"')
			sv_buf_putc(b, '"');
		sv_buf_putc(b, *p);
	}
	sv_buf_putc(b, '"');
}

static const char *
sqlite_path(const char *url)
{
	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	if (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0)
		return NULL;
	return url;
}

static int
is_pg(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0;
}

static enum sv_err
pg_fail(PGconn *pg, PGresult *res, const char *what, struct sv_diag *d)
{
	const char *m = res != NULL ? PQresultErrorMessage(res) : "";
	char buf[SV_DIAG_MSG];
	size_t n;

	snprintf(buf, sizeof(buf), "%s", *m != '\0' ? m : PQerrorMessage(pg));
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	PQclear(res);
	return sv_diag_set(d, SV_ERR_DB, "to", "%s: %s", what, buf);
}

/* Runs sql on pg expecting no rows. */
static enum sv_err
pg_run(PGconn *pg, const char *sql, struct sv_diag *d)
{
	PGresult *res = PQexec(pg, sql);

	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(pg, res, sql, d);
	PQclear(res);
	return SV_OK;
}

/*
 * The tables of the PostgreSQL database (current schema, partitions left
 * out as their parents carry their rows), with columns, types, identity
 * columns and primary keys.
 */
static enum sv_err
pg_schema(PGconn *pg, struct schema *sc, struct sv_diag *d)
{
	PGresult *res;
	const char *params[1];
	struct table *t;
	int i, j, k;

	res = PQexec(pg, "SELECT c.relname FROM pg_class c JOIN pg_namespace "
	    "n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
	    "AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
	    "AND c.relname <> 'schema_migrations' ORDER BY c.relname");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return pg_fail(pg, res, "list tables", d);
	if (PQntuples(res) > MAXTABLES) {
		PQclear(res);
		return sv_diag_set(d, SV_ERR_INTERNAL, "to", "too many tables");
	}
	for (i = 0; i < PQntuples(res); i++)
		sc->t[sc->ntables++].name = sv_strdup(PQgetvalue(res, i, 0));
	PQclear(res);
	for (i = 0; i < sc->ntables; i++) {
		t = &sc->t[i];
		params[0] = t->name;
		res = PQexecParams(pg, "SELECT a.attname, a.atttypid, "
		    "a.attidentity <> '', coalesce((SELECT k.ord FROM pg_index x, "
		    "unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord) "
		    "WHERE x.indrelid = a.attrelid AND x.indisprimary AND "
		    "k.attnum = a.attnum), 0) FROM pg_attribute a "
		    "WHERE a.attrelid = (SELECT c.oid FROM pg_class c JOIN "
		    "pg_namespace n ON n.oid = c.relnamespace WHERE "
		    "n.nspname = current_schema() AND c.relname = $1) "
		    "AND a.attnum > 0 AND NOT a.attisdropped "
		    "AND a.attgenerated = '' ORDER BY a.attnum",
		    1, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			return pg_fail(pg, res, "list columns", d);
		if (PQntuples(res) > MAXCOLS) {
			PQclear(res);
			return sv_diag_set(d, SV_ERR_INTERNAL, "to",
			    "table %s: too many columns", t->name);
		}
		for (j = 0; j < PQntuples(res); j++) {
			t->col[j] = sv_strdup(PQgetvalue(res, j, 0));
			t->type[j] = (Oid)strtoul(PQgetvalue(res, j, 1), NULL,
			    10);
			t->identity[j] = *PQgetvalue(res, j, 2) == 't';
			k = (int)strtol(PQgetvalue(res, j, 3), NULL, 10);
			if (k > 0 && k <= MAXCOLS) {
				t->pk[k - 1] = j;
				if (k > t->npk)
					t->npk = k;
			}
			t->ncols++;
		}
		PQclear(res);
	}
	return SV_OK;
}

/* The SQLite database has table t with exactly t's columns. */
static enum sv_err
sqlite_matches(sqlite3 *db, const struct table *t, struct sv_diag *d)
{
	sqlite3_stmt *st = NULL;
	struct sv_buf b;
	int seen[MAXCOLS] = { 0 };
	int n = 0, j, found;
	enum sv_err e = SV_OK;

	sv_buf_init(&b, 0);
	sv_buf_puts(&b, "SELECT name FROM pragma_table_info(?1)");
	if (sqlite3_prepare_v2(db, b.data, -1, &st, NULL) != SQLITE_OK) {
		e = sv_diag_set(d, SV_ERR_DB, "from", "%s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);

		n++;
		for (j = 0, found = 0; j < t->ncols; j++)
			if (strcmp(t->col[j], c) == 0) {
				seen[j] = found = 1;
				break;
			}
		if (!found) {
			e = sv_diag_set(d, SV_ERR_INVALID, "from", "table %s: "
			    "column %s is not in the PostgreSQL schema",
			    t->name, c);
			goto out;
		}
	}
	if (n == 0) {
		e = sv_diag_set(d, SV_ERR_INVALID, "from",
		    "table %s is missing in the SQLite database", t->name);
		goto out;
	}
	for (j = 0; j < t->ncols; j++)
		if (!seen[j]) {
			e = sv_diag_set(d, SV_ERR_INVALID, "from", "table %s: "
			    "column %s is missing in the SQLite database",
			    t->name, t->col[j]);
			goto out;
		}
out:
	sqlite3_finalize(st);
	sv_buf_free(&b);
	return e;
}

/* Every SQLite table (but schema_migrations) is in the PG schema. */
static enum sv_err
sqlite_no_extra(sqlite3 *db, const struct schema *sc, struct sv_diag *d)
{
	sqlite3_stmt *st = NULL;
	enum sv_err e = SV_OK;
	int i, found;

	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
	    "AND name <> 'schema_migrations'", -1, &st, NULL) != SQLITE_OK)
		return sv_diag_set(d, SV_ERR_DB, "from", "%s",
		    sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		for (i = 0, found = 0; i < sc->ntables && !found; i++)
			found = strcmp(sc->t[i].name, name) == 0;
		if (!found) {
			e = sv_diag_set(d, SV_ERR_INVALID, "from", "table %s "
			    "is not in the PostgreSQL schema", name);
			break;
		}
	}
	sqlite3_finalize(st);
	return e;
}

static void
put_hex(struct sv_buf *b, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		sv_buf_putc(b, hex[p[i] >> 4]);
		sv_buf_putc(b, hex[p[i] & 15]);
	}
}

static void
put_double(struct sv_buf *b, double v)
{
	if (isnan(v))
		sv_buf_puts(b, "NaN");
	else if (isinf(v))
		sv_buf_puts(b, v > 0 ? "Infinity" : "-Infinity");
	else
		sv_buf_printf(b, "%.17g", v);
}

/* Appends s as a field of COPY's text format. */
static void
put_copy_text(struct sv_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\':
			sv_buf_puts(b, "\\\\");
			break;
		case '\n':
			sv_buf_puts(b, "\\n");
			break;
		case '\r':
			sv_buf_puts(b, "\\r");
			break;
		case '\t':
			sv_buf_puts(b, "\\t");
			break;
		default:
			sv_buf_putc(b, s[i]);
		}
	}
}

/* One SQLite value as a COPY field for a column of type type. */
static void
copy_field(struct sv_buf *b, sqlite3_stmt *st, int i, Oid type)
{
	const void *p;
	int n;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		sv_buf_puts(b, "\\N");
		return;
	case SQLITE_INTEGER:
		sv_buf_printf(b, "%" PRId64,
		    (int64_t)sqlite3_column_int64(st, i));
		return;
	case SQLITE_FLOAT:
		put_double(b, sqlite3_column_double(st, i));
		return;
	default:
		break;
	}
	if (type == PG_BYTEAOID) {
		p = sqlite3_column_blob(st, i);
		n = sqlite3_column_bytes(st, i);
		sv_buf_puts(b, "\\\\x");
		put_hex(b, p, (size_t)n);
		return;
	}
	p = sqlite3_column_text(st, i);
	n = sqlite3_column_bytes(st, i);
	put_copy_text(b, p, (size_t)n);
}

static void
select_sql(struct sv_buf *b, const struct table *t, int pg)
{
	int j;

	sv_buf_reset(b);
	sv_buf_puts(b, "SELECT ");
	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			sv_buf_puts(b, ", ");
		qident(b, t->col[j]);
	}
	sv_buf_puts(b, " FROM ");
	qident(b, t->name);
	sv_buf_puts(b, " ORDER BY ");
	for (j = 0; j < (t->npk > 0 ? t->npk : t->ncols); j++) {
		int c = t->npk > 0 ? t->pk[j] : j;

		if (j > 0)
			sv_buf_puts(b, ", ");
		qident(b, t->col[c]);
		if (pg && t->type[c] != PG_INT8OID &&
		    t->type[c] != PG_INT4OID && t->type[c] != PG_INT2OID &&
		    t->type[c] != PG_FLOAT8OID && t->type[c] != PG_FLOAT4OID &&
		    t->type[c] != PG_BYTEAOID)
			sv_buf_puts(b, " COLLATE \"C\"");
	}
}

static enum sv_err
copy_table(sqlite3 *db, PGconn *pg, const struct table *t, int64_t *rows,
    struct sv_diag *d)
{
	sqlite3_stmt *st = NULL;
	struct sv_buf b, q;
	PGresult *res;
	enum sv_err e = SV_OK;
	int j, rc;

	*rows = 0;
	sv_buf_init(&b, 0);
	sv_buf_init(&q, 0);
	select_sql(&q, t, 0);
	if (sqlite3_prepare_v2(db, q.data, -1, &st, NULL) != SQLITE_OK) {
		e = sv_diag_set(d, SV_ERR_DB, "from", "%s: %s", t->name,
		    sqlite3_errmsg(db));
		goto out;
	}
	sv_buf_reset(&q);
	sv_buf_puts(&q, "COPY ");
	qident(&q, t->name);
	sv_buf_puts(&q, " (");
	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			sv_buf_puts(&q, ", ");
		qident(&q, t->col[j]);
	}
	sv_buf_puts(&q, ") FROM STDIN");
	res = PQexec(pg, q.data);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		e = pg_fail(pg, res, t->name, d);
		goto out;
	}
	PQclear(res);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				sv_buf_putc(&b, '\t');
			copy_field(&b, st, j, t->type[j]);
		}
		sv_buf_putc(&b, '\n');
		(*rows)++;
		if (b.len >= COPY_CHUNK) {
			if (PQputCopyData(pg, b.data, (int)b.len) != 1)
				break;
			sv_buf_reset(&b);
		}
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		PQputCopyEnd(pg, "source read failed");
		e = sv_diag_set(d, SV_ERR_DB, "from", "%s: %s", t->name,
		    sqlite3_errmsg(db));
	} else if (b.len > 0 && PQputCopyData(pg, b.data, (int)b.len) != 1)
		PQputCopyEnd(pg, "send failed");
	else
		PQputCopyEnd(pg, NULL);
	while ((res = PQgetResult(pg)) != NULL) {
		if (e == SV_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
			e = pg_fail(pg, res, t->name, d);
			continue;
		}
		PQclear(res);
	}
out:
	sqlite3_finalize(st);
	sv_buf_free(&b);
	sv_buf_free(&q);
	return e;
}

/* Canonical text of a SQLite value for a column of PG type type. */
static void
canon_sqlite(struct sv_buf *b, sqlite3_stmt *st, int i, Oid type)
{
	int t = sqlite3_column_type(st, i);

	sv_buf_reset(b);
	if (t == SQLITE_NULL) {
		sv_buf_puts(b, "NULL");
		return;
	}
	sv_buf_putc(b, '=');
	if (type == PG_FLOAT8OID || type == PG_FLOAT4OID)
		put_double(b, sqlite3_column_double(st, i));
	else if (t == SQLITE_INTEGER)
		sv_buf_printf(b, "%" PRId64,
		    (int64_t)sqlite3_column_int64(st, i));
	else if (t == SQLITE_FLOAT)
		put_double(b, sqlite3_column_double(st, i));
	else if (type == PG_BYTEAOID)
		put_hex(b, sqlite3_column_blob(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
	else
		sv_buf_add(b, sqlite3_column_text(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
}

static void
canon_pg(struct sv_buf *b, const PGresult *res, int i, Oid type)
{
	const char *v;
	unsigned char *raw;
	size_t n;

	sv_buf_reset(b);
	if (PQgetisnull(res, 0, i)) {
		sv_buf_puts(b, "NULL");
		return;
	}
	v = PQgetvalue(res, 0, i);
	sv_buf_putc(b, '=');
	if (type == PG_FLOAT8OID || type == PG_FLOAT4OID)
		put_double(b, strtod(v, NULL));
	else if (type == PG_BYTEAOID) {
		if ((raw = PQunescapeBytea((const unsigned char *)v, &n)) ==
		    NULL)
			abort();	/* out of memory */
		put_hex(b, raw, n);
		PQfreemem(raw);
	} else
		sv_buf_add(b, v, (size_t)PQgetlength(res, 0, i));
}

/* Describes row key values of the current SQLite row into b. */
static void
key_of(struct sv_buf *b, sqlite3_stmt *st, const struct table *t)
{
	int j, c;

	sv_buf_reset(b);
	for (j = 0; j < (t->npk > 0 ? t->npk : 1); j++) {
		c = t->npk > 0 ? t->pk[j] : 0;
		sv_buf_printf(b, "%s%s=%.60s", j ? ", " : "", t->col[c],
		    sqlite3_column_type(st, c) == SQLITE_NULL ? "NULL" :
		    (const char *)sqlite3_column_text(st, c));
	}
}

static enum sv_err
compare_table(sqlite3 *db, PGconn *pg, const struct table *t, int64_t *rows,
    struct sv_diag *d)
{
	sqlite3_stmt *st = NULL;
	struct sv_buf q, a, b, key;
	PGresult *res = NULL;
	enum sv_err e = SV_OK;
	int j, rc, pg_done = 0;

	*rows = 0;
	sv_buf_init(&q, 0);
	sv_buf_init(&a, 0);
	sv_buf_init(&b, 0);
	sv_buf_init(&key, 0);
	select_sql(&q, t, 0);
	if (sqlite3_prepare_v2(db, q.data, -1, &st, NULL) != SQLITE_OK) {
		e = sv_diag_set(d, SV_ERR_DB, "from", "%s: %s", t->name,
		    sqlite3_errmsg(db));
		goto out;
	}
	select_sql(&q, t, 1);
	if (!PQsendQuery(pg, q.data) || !PQsetSingleRowMode(pg)) {
		e = pg_fail(pg, NULL, t->name, d);
		goto out;
	}
	for (;;) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			e = sv_diag_set(d, SV_ERR_DB, "from", "%s: %s",
			    t->name, sqlite3_errmsg(db));
			break;
		}
		if (!pg_done) {
			res = PQgetResult(pg);
			if (PQresultStatus(res) == PGRES_TUPLES_OK) {
				pg_done = 1;
				PQclear(res);
				res = NULL;
			} else if (PQresultStatus(res) != PGRES_SINGLE_TUPLE) {
				e = pg_fail(pg, res, t->name, d);
				res = NULL;
				break;
			}
		}
		if (rc == SQLITE_DONE && pg_done)
			break;
		if (rc == SQLITE_DONE || pg_done) {
			e = sv_diag_set(d, SV_ERR_CONFLICT, "", "table %s: "
			    "%s has more rows (after %" PRId64 ")", t->name,
			    rc == SQLITE_DONE ? "PostgreSQL" : "SQLite", *rows);
			break;
		}
		for (j = 0; j < t->ncols; j++) {
			canon_sqlite(&a, st, j, t->type[j]);
			canon_pg(&b, res, j, t->type[j]);
			if (a.len != b.len || memcmp(a.data, b.data, a.len)) {
				key_of(&key, st, t);
				e = sv_diag_set(d, SV_ERR_CONFLICT, "",
				    "table %s, row %s: column %s is %.40s in "
				    "SQLite, %.40s in PostgreSQL", t->name,
				    key.data, t->col[j], a.data, b.data);
				break;
			}
		}
		PQclear(res);
		res = NULL;
		if (e != SV_OK)
			break;
		(*rows)++;
	}
out:
	PQclear(res);
	/* Drain what is left of the PostgreSQL query. */
	while ((res = PQgetResult(pg)) != NULL)
		PQclear(res);
	sqlite3_finalize(st);
	sv_buf_free(&q);
	sv_buf_free(&a);
	sv_buf_free(&b);
	sv_buf_free(&key);
	return e;
}

/* Opens the SQLite side read-only. */
static enum sv_err
open_sqlite(const char *url, sqlite3 **db, struct sv_diag *d)
{
	const char *path = sqlite_path(url);
	enum sv_err e;

	*db = NULL;
	if (path == NULL || *path == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, "from",
		    "--from must name a SQLite database (sqlite:FILE)");
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		e = sv_diag_set(d, SV_ERR_DB, "from", "%s: %s", path,
		    *db != NULL ? sqlite3_errmsg(*db) : "cannot open");
		sqlite3_close(*db);
		*db = NULL;
		return e;
	}
	sqlite3_busy_timeout(*db, 10000);
	return SV_OK;
}

/*
 * Connects to the PostgreSQL side, reads its schema and checks that the
 * SQLite side has the same tables and columns.
 */
static enum sv_err
open_pg(sqlite3 *db, const char *url, PGconn **pg, struct schema *sc,
    struct sv_diag *d)
{
	enum sv_err e;
	int i;

	*pg = NULL;
	if (!is_pg(url))
		return sv_diag_set(d, SV_ERR_INVALID, "to",
		    "--to must be a postgres:// URL");
	*pg = PQconnectdb(url);
	if (PQstatus(*pg) != CONNECTION_OK)
		return pg_fail(*pg, NULL, "connect", d);
	if ((e = pg_run(*pg, "SET client_min_messages = warning; "
	    "SET extra_float_digits = 1; SET client_encoding = 'UTF8'", d)) !=
	    SV_OK || (e = pg_schema(*pg, sc, d)) != SV_OK)
		return e;
	if (sc->ntables == 0)
		return sv_diag_set(d, SV_ERR_INVALID, "to",
		    "the PostgreSQL database has no samverkan tables");
	for (i = 0; i < sc->ntables; i++)
		if ((e = sqlite_matches(db, &sc->t[i], d)) != SV_OK)
			return e;
	return sqlite_no_extra(db, sc, d);
}

static int
sqlite_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM "
	    "schema_migrations", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

enum sv_err
store_compare(const char *url_a, const char *url_b, int64_t *rows,
    struct sv_diag *d)
{
	struct schema sc = { 0 };
	sqlite3 *db = NULL;
	PGconn *pg = NULL;
	enum sv_err e;
	int64_t n;
	int i;

	*rows = 0;
	if ((e = open_sqlite(url_a, &db, d)) != SV_OK ||
	    (e = open_pg(db, url_b, &pg, &sc, d)) != SV_OK)
		goto out;
	for (i = 0; i < sc.ntables; i++) {
		if ((e = compare_table(db, pg, &sc.t[i], &n, d)) != SV_OK)
			goto out;
		*rows += n;
	}
out:
	schema_free(&sc);
	PQfinish(pg);
	sqlite3_close(db);
	return e;
}

/* Migrates the target's schema to the source's version first. */
static enum sv_err
prepare_target(sqlite3 *src, const char *pg_url, int replace,
    struct sv_diag *d)
{
	struct sv_store *s = NULL;
	enum sv_err e;
	int have, want;

	if ((want = sqlite_version(src)) <= 0)
		return sv_diag_set(d, SV_ERR_INVALID, "from",
		    "not a samverkan database (no schema_migrations)");
	if (want != store_schema_latest())
		return sv_diag_set(d, SV_ERR_INVALID, "from", "schema version "
		    "%d, this program's is %d: run samverkan migrate on it "
		    "first", want, store_schema_latest());
	if ((e = store_open(pg_url, &s, d)) != SV_OK)
		return e;
	have = store_schema_version(s);
	if (have > 0 && !replace) {
		e = sv_diag_set(d, SV_ERR_INVALID, "to", "the PostgreSQL "
		    "database already has a samverkan schema (version %d); "
		    "give a new, empty database, or --replace to overwrite "
		    "its contents", have);
		goto out;
	}
	if ((e = store_migrate(s, NULL, d)) != SV_OK)
		goto out;
	if (store_schema_version(s) != want)
		e = sv_diag_set(d, SV_ERR_INVALID, "to",
		    "schema versions differ after migrating");
out:
	store_close(s);
	return e;
}

/* ALTER TABLE ... DISABLE or ENABLE TRIGGER USER on every table. */
static enum sv_err
triggers(PGconn *pg, const struct schema *sc, const char *how,
    struct sv_diag *d)
{
	struct sv_buf q;
	enum sv_err e = SV_OK;
	int i;

	sv_buf_init(&q, 0);
	for (i = 0; i < sc->ntables && e == SV_OK; i++) {
		sv_buf_reset(&q);
		sv_buf_puts(&q, "ALTER TABLE ");
		qident(&q, sc->t[i].name);
		sv_buf_printf(&q, " %s TRIGGER USER", how);
		e = pg_run(pg, q.data, d);
	}
	sv_buf_free(&q);
	return e;
}

/* Sets the identity sequence of column j past its largest value. */
static enum sv_err
move_sequence(PGconn *pg, const struct table *t, int j, struct sv_diag *d)
{
	struct sv_buf q, name;
	const char *params[2];
	PGresult *res;
	enum sv_err e = SV_OK;

	sv_buf_init(&q, 0);
	sv_buf_init(&name, 0);
	qident(&name, t->name);
	sv_buf_puts(&q, "SELECT setval(pg_get_serial_sequence($1, $2), "
	    "coalesce(max(");
	qident(&q, t->col[j]);
	sv_buf_puts(&q, "), 0) + 1, false) FROM ");
	qident(&q, t->name);
	params[0] = name.data;
	params[1] = t->col[j];
	res = PQexecParams(pg, q.data, 2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		e = pg_fail(pg, res, "setval", d);
	else
		PQclear(res);
	sv_buf_free(&q);
	sv_buf_free(&name);
	return e;
}

enum sv_err
store_migrate_data(const char *sqlite_url, const char *pg_url, int replace,
    FILE *report, struct sv_diag *d)
{
	struct schema sc = { 0 };
	struct sv_buf q;
	sqlite3 *db = NULL;
	PGconn *pg = NULL;
	PGresult *res;
	int64_t n, total = 0;
	enum sv_err e;
	int i, j, intx = 0;

	sv_buf_init(&q, 0);
	if (!is_pg(pg_url)) {
		e = sv_diag_set(d, SV_ERR_INVALID, "to",
		    "--to must be a postgres:// URL");
		goto out;
	}
	if ((e = open_sqlite(sqlite_url, &db, d)) != SV_OK ||
	    (e = prepare_target(db, pg_url, replace, d)) != SV_OK ||
	    (e = open_pg(db, pg_url, &pg, &sc, d)) != SV_OK)
		goto out;

	/* A read transaction on SQLite: one consistent snapshot. */
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if ((e = pg_run(pg, "BEGIN; SET CONSTRAINTS ALL DEFERRED", d)) !=
	    SV_OK)
		goto out;
	intx = 1;
	sv_buf_puts(&q, "TRUNCATE ");
	for (i = 0; i < sc.ntables; i++) {
		if (i > 0)
			sv_buf_puts(&q, ", ");
		qident(&q, sc.t[i].name);
	}
	sv_buf_puts(&q, " RESTART IDENTITY");
	if ((e = pg_run(pg, q.data, d)) != SV_OK)
		goto out;
	if ((e = triggers(pg, &sc, "DISABLE", d)) != SV_OK)
		goto out;
	for (i = 0; i < sc.ntables; i++) {
		struct table *t = &sc.t[i];

		if ((e = copy_table(db, pg, t, &n, d)) != SV_OK)
			goto out;
		for (j = 0; j < t->ncols; j++)
			if (t->identity[j] &&
			    (e = move_sequence(pg, t, j, d)) != SV_OK)
				goto out;
		sv_log(SV_LOG_INFO, "event=copied table=%s rows=%" PRId64,
		    t->name, n);
	}
	/*
	 * Every row is in: check the references now (a table with pending
	 * checks cannot have its triggers switched back on).
	 */
	if ((e = pg_run(pg, "SET CONSTRAINTS ALL IMMEDIATE", d)) != SV_OK ||
	    (e = triggers(pg, &sc, "ENABLE", d)) != SV_OK)
		goto out;
	res = PQexec(pg, "COMMIT");
	intx = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		e = pg_fail(pg, res, "commit", d);
		goto out;
	}
	PQclear(res);

	/* Read everything back and compare. */
	total = 0;
	for (i = 0; i < sc.ntables; i++) {
		if ((e = compare_table(db, pg, &sc.t[i], &n, d)) != SV_OK)
			goto out;
		if (report != NULL)
			fprintf(report, "%s %" PRId64 "\n", sc.t[i].name, n);
		total += n;
	}
	if (report != NULL)
		fprintf(report, "total %" PRId64 " rows copied and compared\n",
		    total);
out:
	if (intx)
		PQclear(PQexec(pg, "ROLLBACK"));
	if (db != NULL)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	schema_free(&sc);
	sv_buf_free(&q);
	PQfinish(pg);
	sqlite3_close(db);
	return e;
}
