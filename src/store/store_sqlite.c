/*
 * The SQLite backend of the store. $n placeholders are named parameters
 * in SQLite; their indexes are looked up once at prepare time so binding
 * by number costs nothing. Connections run in WAL mode with foreign keys
 * on, synchronous=NORMAL and a busy timeout, one per thread.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/log.h"
#include "store/store_impl.h"

#define BUSY_TIMEOUT_MS	10000

static sqlite3 *
conn(struct sv_store *s)
{
	return s->conn;
}

static sqlite3_stmt *
impl(struct sv_stmt *st)
{
	return st->impl;
}

static enum sv_err
sq_prepare(struct sv_store *s, enum sv_sql id, struct sv_stmt *st,
    struct sv_diag *d)
{
	sqlite3_stmt *p = NULL;
	char name[8];
	int n;

	if (sqlite3_prepare_v3(conn(s), store_sql_text(s, id), -1,
	    SQLITE_PREPARE_PERSISTENT, &p, NULL) != SQLITE_OK)
		return sv_diag_set(d, SV_ERR_DB, "sql", "%s",
		    sqlite3_errmsg(conn(s)));
	st->impl = p;
	for (n = 1; n <= SV_STMT_MAXPARAM; n++) {
		snprintf(name, sizeof(name), "$%d", n);
		st->param[n] = sqlite3_bind_parameter_index(p, name);
	}
	return SV_OK;
}

/* A batch's further instance: simply prepared again. */
static enum sv_err
sq_prepare_more(struct sv_store *s, struct sv_stmt *master,
    struct sv_stmt *st, struct sv_diag *d)
{
	return sq_prepare(s, master->id, st, d);
}

static void
sq_finalize(struct sv_stmt *st)
{
	sqlite3_finalize(impl(st));
}

static void
sq_reset(struct sv_stmt *st)
{
	sqlite3_reset(impl(st));
	sqlite3_clear_bindings(impl(st));
}

static int
idx(struct sv_stmt *st, int n)
{
	if (n < 1 || n > SV_STMT_MAXPARAM)
		return 0;
	return st->param[n];
}

static void
sq_bind_int(struct sv_stmt *st, int n, int64_t v)
{
	int i;

	if ((i = idx(st, n)) > 0)
		sqlite3_bind_int64(impl(st), i, v);
}

static void
sq_bind_double(struct sv_stmt *st, int n, double v)
{
	int i;

	if ((i = idx(st, n)) > 0)
		sqlite3_bind_double(impl(st), i, v);
}

static void
sq_bind_text(struct sv_stmt *st, int n, const char *v)
{
	int i;

	if ((i = idx(st, n)) > 0)
		sqlite3_bind_text(impl(st), i, v, -1, SQLITE_TRANSIENT);
}

static void
sq_bind_blob(struct sv_stmt *st, int n, const void *p, size_t len)
{
	int i;

	if ((i = idx(st, n)) > 0)
		sqlite3_bind_blob64(impl(st), i, p, len, SQLITE_TRANSIENT);
}

static void
sq_bind_null(struct sv_stmt *st, int n)
{
	int i;

	if ((i = idx(st, n)) > 0)
		sqlite3_bind_null(impl(st), i);
}

static enum sv_err
sq_error(sqlite3 *db, int rc, struct sv_diag *d)
{
	int base = rc & 0xff;

	if (base == SQLITE_CONSTRAINT &&
	    (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
	    rc == SQLITE_CONSTRAINT_FOREIGNKEY))
		return sv_diag_set(d, SV_ERR_CONFLICT, "", "%s",
		    sqlite3_errmsg(db));
	if (base == SQLITE_CONSTRAINT)
		return sv_diag_set(d, SV_ERR_INVALID, "", "%s",
		    sqlite3_errmsg(db));
	if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
		return sv_diag_set(d, SV_ERR_CONFLICT, "",
		    "the database is busy: %s", sqlite3_errmsg(db));
	sv_log(SV_LOG_ERROR, "event=sqlite_error rc=%d error=\"%s\"", rc,
	    sqlite3_errmsg(db));
	return sv_diag_set(d, SV_ERR_DB, "", "%s", sqlite3_errmsg(db));
}

static enum sv_err
sq_step(struct sv_stmt *st, int *row, struct sv_diag *d)
{
	int rc;

	rc = sqlite3_step(impl(st));
	if (rc == SQLITE_ROW) {
		*row = 1;
		return SV_OK;
	}
	*row = 0;
	if (rc == SQLITE_DONE)
		return SV_OK;
	rc = sqlite3_extended_errcode(conn(st->store));
	sqlite3_reset(impl(st));
	return sq_error(conn(st->store), rc, d);
}

static int
sq_isnull(struct sv_stmt *st, int col)
{
	return sqlite3_column_type(impl(st), col) == SQLITE_NULL;
}

static int64_t
sq_col_int(struct sv_stmt *st, int col)
{
	return sqlite3_column_int64(impl(st), col);
}

static double
sq_col_double(struct sv_stmt *st, int col)
{
	return sqlite3_column_double(impl(st), col);
}

static const char *
sq_col_text(struct sv_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(impl(st), col);
}

static const void *
sq_col_blob(struct sv_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(impl(st), col);

	*len = (size_t)sqlite3_column_bytes(impl(st), col);
	return p;
}

static enum sv_err
sq_exec(struct sv_store *s, const char *sql, struct sv_diag *d)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(conn(s), sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return SV_OK;
	sqlite3_free(msg);
	return sq_error(conn(s), sqlite3_extended_errcode(conn(s)), d);
}

static int64_t
sq_changes(struct sv_store *s)
{
	return sqlite3_changes64(conn(s));
}

static void
sq_close(struct sv_store *s)
{
	sqlite3_close(conn(s));
}

static const struct sv_store_ops sqlite_ops = {
	.prepare = sq_prepare,
	.prepare_more = sq_prepare_more,
	.finalize = sq_finalize,
	.reset = sq_reset,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.isnull = sq_isnull,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.exec = sq_exec,
	.changes = sq_changes,
	.close = sq_close,
};

enum sv_err
store_sqlite_open(struct sv_store *s, const char *path, struct sv_diag *d)
{
	sqlite3 *db = NULL;
	enum sv_err e;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK) {
		e = sv_diag_set(d, SV_ERR_DB, "db", "%s: %s", path,
		    db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return e;
	}
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	s->conn = db;
	s->ops = &sqlite_ops;
	if ((e = sq_exec(s, "PRAGMA journal_mode = WAL; "
	    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
	    "PRAGMA temp_store = MEMORY", d)) != SV_OK) {
		sv_diag_set(d, e, "db", "%s: cannot set up: %s", path,
		    sqlite3_errmsg(db));
		sqlite3_close(db);
		s->conn = NULL;
		return e;
	}
	return SV_OK;
}
