/*
 * The PostgreSQL backend of the store, on libpq. One connection per
 * struct sv_store (so one per thread, as with SQLite). Each statement of
 * store/sql.def is prepared once per connection under the name "s<id>"
 * and cached by store.c; values travel as text parameters ($n), int64 and
 * double formatted exactly, blobs as binary bytea parameters. Results
 * come back in text format and are parsed on access, bytea unescaped on
 * demand.
 *
 * Semantics kept equal to the SQLite backend:
 * - Parameters a statement does not reference are ignored (SQLite binds
 *   by name); they are declared as text so the statement still prepares.
 *   Parameters never bound are NULL.
 * - The outermost store_begin also takes a transaction-scoped advisory
 *   lock, so write transactions run one at a time, as with SQLite's
 *   BEGIN IMMEDIATE (the audit hash chain relies on it); statements
 *   outside transactions and readers are never blocked by it.
 * - 23505 (unique) and 23503 (foreign key) give SV_ERR_CONFLICT, other
 *   integrity violations (check, not null) SV_ERR_INVALID, lock and
 *   serialisation failures SV_ERR_CONFLICT ("busy"), anything else
 *   SV_ERR_DB. One difference remains: a failed statement aborts the
 *   enclosing PostgreSQL transaction, so the caller must roll back (every
 *   caller does); later statements in it fail with SV_ERR_DB.
 * - A lost connection is re-established on the next statement outside a
 *   transaction; the statements are prepared again as they are used.
 *
 * Results are read whole (PQexecPrepared), which is what lets a caller
 * interleave two statements on one connection, as store.h allows.
 *
 * Batches (store_batch_run) go in libpq's pipeline mode: every statement
 * sent, one sync, the results read in order: one round trip for all.
 * A batch's further instances of a statement share its server-side
 * prepared statement (same name, own parameters and result). The
 * connection stays in blocking mode: a batch's parameters are a few
 * hundred bytes, far below the socket buffer, so sending cannot stall
 * behind results the server is writing.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/log.h"
#include "core/mem.h"
#include "store/store_impl.h"
#include "store/store_pg.h"

/* Type oids from catalog/pg_type.h (server headers are not installed). */
#define PG_BOOLOID	16
#define PG_BYTEAOID	17
#define PG_TEXTOID	25

/* The advisory lock key of write transactions: "svkn". */
#define PG_WRITE_LOCK	"1937140590"

struct pg_conn {
	PGconn		*pg;
	int64_t		 changes;	/* rows of the last INSERT/UPDATE/DELETE */
	unsigned	 gen;		/* bumped on every reconnect */
};

struct pg_stmt {
	struct pg_stmt	*master;	/* a batch instance's prepared one */
	char		 name[16];
	int		 nparams;	/* highest $n referenced */
	unsigned	 gen;		/* connection generation prepared in */
	Oid		 decl[SV_STMT_MAXPARAM];	/* types given to PQprepare */
	Oid		 type[SV_STMT_MAXPARAM];	/* types the server chose */
	char		*val[SV_STMT_MAXPARAM];
	int		 len[SV_STMT_MAXPARAM];
	int		 fmt[SV_STMT_MAXPARAM];
	char		*own[SV_STMT_MAXPARAM];		/* heap copies */
	char		 num[SV_STMT_MAXPARAM][32];	/* formatted numbers */
	PGresult	*res;
	int		 row;		/* current row, -1 before the first */
	int		 done;		/* ran, no more rows */
	unsigned char	*blob;		/* unescaped bytea of blob_col */
	size_t		 blob_len;
	int		 blob_row, blob_col;
};

static struct pg_conn *
conn(struct sv_store *s)
{
	return s->conn;
}

static struct pg_stmt *
impl(struct sv_stmt *st)
{
	return st->impl;
}

/* Server notices (e.g. "already exists, skipping") go to the debug log. */
static void
pg_notice(void *arg, const char *msg)
{
	size_t n = strlen(msg);

	(void)arg;
	while (n > 0 && msg[n - 1] == '\n')
		n--;
	sv_log(SV_LOG_DEBUG, "event=pg_notice message=\"%.*s\"", (int)n, msg);
}

/* Maps a failed result to the project's errors, message in diag. */
static enum sv_err
pg_error(PGconn *pg, const PGresult *res, struct sv_diag *d)
{
	const char *state = NULL, *msg;
	char buf[SV_DIAG_MSG], *p;
	size_t n;

	if (res != NULL)
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	msg = res != NULL ? PQresultErrorMessage(res) : "";
	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(pg);
	snprintf(buf, sizeof(buf), "%s", msg);
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	/* One log line per event: the server's message spans several. */
	for (p = buf; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t' || *p == '"')
			*p = *p == '"' ? '\'' : ' ';
	if (state != NULL && (strcmp(state, "23505") == 0 ||
	    strcmp(state, "23503") == 0))
		return sv_diag_set(d, SV_ERR_CONFLICT, "", "%s", buf);
	if (state != NULL && strncmp(state, "23", 2) == 0)
		return sv_diag_set(d, SV_ERR_INVALID, "", "%s", buf);
	if (state != NULL && (strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
		return sv_diag_set(d, SV_ERR_CONFLICT, "",
		    "the database is busy: %s", buf);
	sv_log(SV_LOG_ERROR, "event=pg_error sqlstate=%s error=\"%s\"",
	    state != NULL ? state : "-", buf);
	return sv_diag_set(d, SV_ERR_DB, "", "%s", buf);
}

/*
 * Re-establishes a broken connection. Prepared statements die with the
 * old session; the generation tells each one to prepare again.
 */
static int
pg_revive(struct pg_conn *c)
{
	if (PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	sv_log(SV_LOG_WARN, "event=pg_reconnect");
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK)
		return -1;
	c->gen++;
	return 0;
}

/* The highest $n in sql and which n occur (seen[n] = 1). */
static int
scan_params(const char *sql, char seen[SV_STMT_MAXPARAM + 1])
{
	const char *p;
	char quote = 0;
	long n;
	int max = 0;

	memset(seen, 0, SV_STMT_MAXPARAM + 1);
	for (p = sql; *p != '\0'; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			continue;
		}
		if (*p != '$' || p[1] < '0' || p[1] > '9')
			continue;
		n = 0;
		while (p[1] >= '0' && p[1] <= '9' && n <= SV_STMT_MAXPARAM) {
			n = n * 10 + (p[1] - '0');
			p++;
		}
		if (n >= 1 && n <= SV_STMT_MAXPARAM) {
			seen[n] = 1;
			if (n > max)
				max = (int)n;
		}
	}
	return max;
}

static enum sv_err
pg_prepare_on(struct sv_store *s, struct pg_stmt *ps, const char *sql,
    struct sv_diag *d)
{
	struct pg_conn *c = conn(s);
	PGresult *res;
	enum sv_err e;
	int i;

	s->trips += 2;		/* prepare, describe */
	res = PQprepare(c->pg, ps->name, sql, ps->nparams, ps->decl);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		e = pg_error(c->pg, res, d);
		PQclear(res);
		return e;
	}
	PQclear(res);
	res = PQdescribePrepared(c->pg, ps->name);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		e = pg_error(c->pg, res, d);
		PQclear(res);
		return e;
	}
	for (i = 0; i < ps->nparams && i < PQnparams(res); i++)
		ps->type[i] = PQparamtype(res, i);
	PQclear(res);
	ps->gen = c->gen;
	return SV_OK;
}

static enum sv_err
pg_prepare(struct sv_store *s, enum sv_sql id, struct sv_stmt *st,
    struct sv_diag *d)
{
	char seen[SV_STMT_MAXPARAM + 1];
	const char *sql = store_sql_text(s, id);
	struct pg_stmt *ps;
	enum sv_err e;
	int n;

	ps = sv_calloc(1, sizeof(*ps));
	snprintf(ps->name, sizeof(ps->name), "s%d", (int)id);
	ps->nparams = scan_params(sql, seen);
	for (n = 1; n <= ps->nparams; n++)
		ps->decl[n - 1] = seen[n] ? 0 : PG_TEXTOID;
	ps->row = -1;
	if ((e = pg_prepare_on(s, ps, sql, d)) != SV_OK) {
		free(ps);
		return e;
	}
	st->impl = ps;
	for (n = 1; n <= SV_STMT_MAXPARAM; n++)
		st->param[n] = n <= ps->nparams ? n : 0;
	return SV_OK;
}

/* A batch instance: the master's server-side statement, own values. */
static enum sv_err
pg_prepare_more(struct sv_store *s, struct sv_stmt *master,
    struct sv_stmt *st, struct sv_diag *d)
{
	struct pg_stmt *m = impl(master), *ps;
	int n;

	(void)s;
	(void)d;
	ps = sv_calloc(1, sizeof(*ps));
	ps->master = m;
	memcpy(ps->name, m->name, sizeof(ps->name));
	ps->nparams = m->nparams;
	memcpy(ps->decl, m->decl, sizeof(ps->decl));
	memcpy(ps->type, m->type, sizeof(ps->type));
	ps->gen = m->gen;
	ps->row = -1;
	st->impl = ps;
	for (n = 1; n <= SV_STMT_MAXPARAM; n++)
		st->param[n] = master->param[n];
	return SV_OK;
}

static void
drop_result(struct pg_stmt *ps)
{
	PQclear(ps->res);
	ps->res = NULL;
	ps->row = -1;
	ps->done = 0;
	PQfreemem(ps->blob);
	ps->blob = NULL;
}

static void
clear_param(struct pg_stmt *ps, int i)
{
	free(ps->own[i]);
	ps->own[i] = NULL;
	ps->val[i] = NULL;
	ps->len[i] = 0;
	ps->fmt[i] = 0;
}

static void
pg_reset(struct sv_stmt *st)
{
	struct pg_stmt *ps = impl(st);
	int i;

	drop_result(ps);
	for (i = 0; i < ps->nparams; i++)
		clear_param(ps, i);
}

static void
pg_finalize(struct sv_stmt *st)
{
	struct pg_stmt *ps = impl(st);
	struct pg_conn *c = conn(st->store);
	char sql[32];
	PGresult *res;

	if (ps == NULL)
		return;
	pg_reset(st);
	if (ps->master == NULL && c != NULL && c->pg != NULL &&
	    ps->gen == c->gen &&
	    PQstatus(c->pg) == CONNECTION_OK) {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", ps->name);
		st->store->trips++;
		res = PQexec(c->pg, sql);
		PQclear(res);
	}
	free(ps);
	st->impl = NULL;
}

/* The 0-based slot of $n, or -1 when the statement does not use it. */
static int
slot(struct sv_stmt *st, int n)
{
	struct pg_stmt *ps = impl(st);

	if (n < 1 || n > ps->nparams)
		return -1;
	clear_param(ps, n - 1);
	return n - 1;
}

static void
pg_bind_int(struct sv_stmt *st, int n, int64_t v)
{
	struct pg_stmt *ps = impl(st);
	int i;

	if ((i = slot(st, n)) < 0)
		return;
	snprintf(ps->num[i], sizeof(ps->num[i]), "%" PRId64, v);
	ps->val[i] = ps->num[i];
}

static void
pg_bind_double(struct sv_stmt *st, int n, double v)
{
	struct pg_stmt *ps = impl(st);
	int i;

	if ((i = slot(st, n)) < 0)
		return;
	/* 17 significant digits round-trip every double exactly. */
	snprintf(ps->num[i], sizeof(ps->num[i]), "%.17g", v);
	ps->val[i] = ps->num[i];
}

static void
pg_bind_bytes(struct sv_stmt *st, int n, const void *p, size_t len,
    int binary)
{
	struct pg_stmt *ps = impl(st);
	int i;

	if ((i = slot(st, n)) < 0)
		return;
	ps->own[i] = sv_malloc(len + 1);
	memcpy(ps->own[i], p, len);
	ps->own[i][len] = '\0';
	ps->val[i] = ps->own[i];
	ps->len[i] = (int)len;
	ps->fmt[i] = binary;
}

static void
pg_bind_text(struct sv_stmt *st, int n, const char *v)
{
	struct pg_stmt *ps = impl(st);
	int bytea;

	/* Text into a bytea parameter is stored as its bytes, as in SQLite. */
	bytea = n >= 1 && n <= ps->nparams &&
	    ps->type[n - 1] == PG_BYTEAOID;
	pg_bind_bytes(st, n, v, strlen(v), bytea);
}

static void
pg_bind_blob(struct sv_stmt *st, int n, const void *p, size_t len)
{
	pg_bind_bytes(st, n, p, len, 1);
}

static void
pg_bind_null(struct sv_stmt *st, int n)
{
	(void)slot(st, n);
}

static int
is_change(const char *status)
{
	return strncmp(status, "INSERT", 6) == 0 ||
	    strncmp(status, "UPDATE", 6) == 0 ||
	    strncmp(status, "DELETE", 6) == 0 ||
	    strncmp(status, "MERGE", 5) == 0;
}

static void
note_changes(struct pg_conn *c, PGresult *res)
{
	const char *n;

	if (!is_change(PQcmdStatus(res)))
		return;
	n = PQcmdTuples(res);
	c->changes = *n != '\0' ? strtoll(n, NULL, 10) : 0;
}

/*
 * Prepares the statement again after a reconnect (a batch instance: its
 * master, whose types it then takes).
 */
static enum sv_err
current(struct sv_stmt *st, struct sv_diag *d)
{
	struct pg_conn *c = conn(st->store);
	struct pg_stmt *ps = impl(st);
	struct pg_stmt *m = ps->master != NULL ? ps->master : ps;
	enum sv_err e;

	if (ps->gen == c->gen)
		return SV_OK;
	if (m->gen != c->gen && (e = pg_prepare_on(st->store, m,
	    store_sql_text(st->store, st->id), d)) != SV_OK)
		return e;
	memcpy(ps->type, m->type, sizeof(ps->type));
	ps->gen = m->gen;
	return SV_OK;
}

/* Executes the statement, preparing it again after a reconnect. */
static PGresult *
run(struct sv_stmt *st, struct sv_diag *d, enum sv_err *e)
{
	struct pg_conn *c = conn(st->store);
	struct pg_stmt *ps = impl(st);

	if ((*e = current(st, d)) != SV_OK)
		return NULL;
	st->store->trips++;
	return PQexecPrepared(c->pg, ps->name, ps->nparams,
	    (const char *const *)ps->val, ps->len, ps->fmt, 0);
}

static enum sv_err
pg_step(struct sv_stmt *st, int *row, struct sv_diag *d)
{
	struct sv_store *s = st->store;
	struct pg_conn *c = conn(s);
	struct pg_stmt *ps = impl(st);
	ExecStatusType status;
	enum sv_err e;
	int attempt;

	*row = 0;
	if (ps->done)
		return SV_OK;
	if (ps->res == NULL) {
		for (attempt = 0; ; attempt++) {
			ps->res = run(st, d, &e);
			if (e != SV_OK)
				return e;
			status = PQresultStatus(ps->res);
			if (status == PGRES_TUPLES_OK ||
			    status == PGRES_COMMAND_OK)
				break;
			e = pg_error(c->pg, ps->res, d);
			PQclear(ps->res);
			ps->res = NULL;
			if (PQstatus(c->pg) == CONNECTION_OK)
				return e;
			/* Only a statement outside a transaction is retried. */
			if (pg_revive(c) != 0 || attempt > 0 || s->depth > 0)
				return e;
		}
		note_changes(c, ps->res);
		ps->row = -1;
	}
	PQfreemem(ps->blob);
	ps->blob = NULL;
	if (++ps->row < PQntuples(ps->res)) {
		*row = 1;
		return SV_OK;
	}
	ps->done = 1;
	return SV_OK;
}

static const char *
value(struct sv_stmt *st, int col)
{
	struct pg_stmt *ps = impl(st);

	if (ps->res == NULL || ps->done || ps->row < 0 ||
	    col < 0 || col >= PQnfields(ps->res) ||
	    PQgetisnull(ps->res, ps->row, col))
		return NULL;
	return PQgetvalue(ps->res, ps->row, col);
}

static int
pg_isnull(struct sv_stmt *st, int col)
{
	return value(st, col) == NULL;
}

static int64_t
pg_col_int(struct sv_stmt *st, int col)
{
	const char *v = value(st, col);
	char *end;
	int64_t n;

	if (v == NULL)
		return 0;
	if (PQftype(impl(st)->res, col) == PG_BOOLOID)
		return *v == 't';
	errno = 0;
	n = strtoll(v, &end, 10);
	/* A real read as an integer truncates, as in SQLite. */
	if (*end == '.' || *end == 'e' || *end == 'E' || errno == ERANGE)
		return (int64_t)strtod(v, NULL);
	return n;
}

static double
pg_col_double(struct sv_stmt *st, int col)
{
	const char *v = value(st, col);

	if (v == NULL)
		return 0.0;
	if (PQftype(impl(st)->res, col) == PG_BOOLOID)
		return *v == 't' ? 1.0 : 0.0;
	return strtod(v, NULL);
}

static const char *
pg_col_text(struct sv_stmt *st, int col)
{
	return value(st, col);
}

static const void *
pg_col_blob(struct sv_stmt *st, int col, size_t *len)
{
	struct pg_stmt *ps = impl(st);
	const char *v = value(st, col);

	*len = 0;
	if (v == NULL)
		return NULL;
	if (PQftype(ps->res, col) != PG_BYTEAOID) {
		*len = (size_t)PQgetlength(ps->res, ps->row, col);
		return v;
	}
	if (ps->blob == NULL || ps->blob_row != ps->row ||
	    ps->blob_col != col) {
		PQfreemem(ps->blob);
		ps->blob = PQunescapeBytea((const unsigned char *)v,
		    &ps->blob_len);
		if (ps->blob == NULL)
			abort();	/* out of memory */
		ps->blob_row = ps->row;
		ps->blob_col = col;
	}
	*len = ps->blob_len;
	return ps->blob;
}

static enum sv_err
pg_exec(struct sv_store *s, const char *sql, struct sv_diag *d)
{
	struct pg_conn *c = conn(s);
	ExecStatusType status;
	PGresult *res;
	enum sv_err e = SV_OK;

	if (s->depth == 0 && pg_revive(c) != 0)
		return pg_error(c->pg, NULL, d);
	/* The outermost BEGIN serialises writers, as BEGIN IMMEDIATE does. */
	if (strcmp(sql, "BEGIN") == 0 || strcmp(sql, "BEGIN IMMEDIATE") == 0)
		sql = "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")";
	s->trips++;
	res = PQexec(c->pg, sql);
	status = PQresultStatus(res);
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
	    status != PGRES_EMPTY_QUERY)
		e = pg_error(c->pg, res, d);
	else
		note_changes(c, res);
	PQclear(res);
	return e;
}

/*
 * One query's result in a pipeline into *out (NULL when the connection
 * failed), anything more up to the NULL that ends the query dropped;
 * returns its status.
 */
static ExecStatusType
pipeline_result(PGconn *pg, PGresult **out)
{
	ExecStatusType status;
	PGresult *res, *more;

	*out = NULL;
	if ((res = PQgetResult(pg)) == NULL)
		return PGRES_FATAL_ERROR;
	while ((more = PQgetResult(pg)) != NULL)
		PQclear(more);
	status = PQresultStatus(res);
	*out = res;
	return status;
}

/* One pipeline of the batch v; see pg_batch. */
static enum sv_err
pipeline(struct sv_store *s, struct sv_stmt *const *v, size_t n,
    struct sv_diag *d)
{
	struct pg_conn *c = conn(s);
	ExecStatusType status;
	struct pg_stmt *ps;
	PGresult *res;
	enum sv_err e = SV_OK;
	size_t i, sent;

	for (i = 0; i < n; i++) {
		drop_result(impl(v[i]));
		if ((e = current(v[i], d)) != SV_OK)
			return e;
	}
	if (PQenterPipelineMode(c->pg) != 1)
		return pg_error(c->pg, NULL, d);
	s->trips++;
	for (sent = 0; sent < n; sent++) {
		ps = impl(v[sent]);
		if (PQsendQueryPrepared(c->pg, ps->name, ps->nparams,
		    (const char *const *)ps->val, ps->len, ps->fmt, 0) != 1) {
			e = pg_error(c->pg, NULL, d);
			break;
		}
	}
	if (PQpipelineSync(c->pg) != 1) {
		/* the connection is gone; the next statement revives it */
		if (e == SV_OK)
			e = pg_error(c->pg, NULL, d);
		return e;
	}
	for (i = 0; i < sent; i++) {
		status = pipeline_result(c->pg, &res);
		if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
			ps = impl(v[i]);
			ps->res = res;
			ps->row = -1;
			continue;
		}
		/* the first failure names the error; the rest were skipped */
		if (e == SV_OK)
			e = pg_error(c->pg, res, d);
		PQclear(res);
		if (PQstatus(c->pg) != CONNECTION_OK)
			return e;
	}
	res = PQgetResult(c->pg);	/* PGRES_PIPELINE_SYNC */
	PQclear(res);
	if (PQexitPipelineMode(c->pg) != 1 && e == SV_OK)
		e = pg_error(c->pg, NULL, d);
	if (e != SV_OK)
		for (i = 0; i < n; i++)
			drop_result(impl(v[i]));
	return e;
}

/* As pg_step: a batch outside a transaction is retried on a new session. */
static enum sv_err
pg_batch(struct sv_store *s, struct sv_stmt *const *v, size_t n,
    struct sv_diag *d)
{
	struct pg_conn *c = conn(s);
	enum sv_err e;

	if (s->depth == 0 && pg_revive(c) != 0)
		return pg_error(c->pg, NULL, d);
	e = pipeline(s, v, n, d);
	if (e != SV_OK && PQstatus(c->pg) != CONNECTION_OK &&
	    s->depth == 0 && pg_revive(c) == 0)
		e = pipeline(s, v, n, d);
	return e;
}

static int64_t
pg_changes(struct sv_store *s)
{
	return conn(s)->changes;
}

static void
pg_close(struct sv_store *s)
{
	struct pg_conn *c = conn(s);

	if (c == NULL)
		return;
	PQfinish(c->pg);
	free(c);
	s->conn = NULL;
}

void *
store_pg_native(struct sv_store *s)
{
	return conn(s)->pg;
}

enum sv_err
store_pg_fail(struct sv_store *s, const void *res, struct sv_diag *d)
{
	return pg_error(conn(s)->pg, res, d);
}

static const struct sv_store_ops pg_ops = {
	.prepare = pg_prepare,
	.prepare_more = pg_prepare_more,
	.batch = pg_batch,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.isnull = pg_isnull,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.exec = pg_exec,
	.changes = pg_changes,
	.close = pg_close,
};

enum sv_err
store_pg_open(struct sv_store *s, const char *url, struct sv_diag *d)
{
	static const char *const keys[] = {
		"dbname", "application_name", "client_encoding", NULL,
	};
	const char *vals[] = { url, "samverkan", "UTF8", NULL };
	struct pg_conn *c;
	PGresult *res;
	char shown[256];
	enum sv_err e;

	c = sv_calloc(1, sizeof(*c));
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (c->pg == NULL)
		abort();	/* out of memory */
	if (PQstatus(c->pg) != CONNECTION_OK) {
		store_url_redact(url, shown, sizeof(shown));
		e = sv_diag_set(d, SV_ERR_DB, "db", "%s: %s", shown,
		    PQerrorMessage(c->pg));
		PQfinish(c->pg);
		free(c);
		return e;
	}
	PQsetNoticeProcessor(c->pg, pg_notice, NULL);
	s->conn = c;
	s->ops = &pg_ops;
	/* Shortest exact float output whatever the server's default. */
	res = PQexec(c->pg, "SET extra_float_digits = 1; "
	    "SET client_min_messages = warning");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		e = pg_error(c->pg, res, d);
		PQclear(res);
		pg_close(s);
		return e;
	}
	PQclear(res);
	return SV_OK;
}
