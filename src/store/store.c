/*
 * The backend-independent part of the store: choosing a backend from the
 * URL, the prepared-statement cache, nested transactions (savepoints),
 * migrations and the per-connection geometry context.
 */
#include <assert.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "geo/geo.h"
#include "store/migrations.h"
#include "store/store_impl.h"
#include "store/store_pg.h"

const char *const sv_store_backend_names[SV_STORE__MAX] = {
	"sqlite", "postgresql",
};

static _Atomic uint64_t tx_serial;

const char *const sv_sql_text[SV_SQL__MAX][2] = {
#define SV_SQL(id, sqlite_text, pg_text) [id] = { sqlite_text, pg_text },
#include "store/sql.def"
#undef SV_SQL
};

/* Appends n bytes of p to out (size) at *len, truncating. */
static void
put(char *out, size_t size, size_t *len, const char *p, size_t n)
{
	if (*len + 1 >= size)
		return;
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(out + *len, p, n);
	*len += n;
	out[*len] = '\0';
}

/* Is url[i] the start of a "password=" key (URI query or key=value)? */
static int
password_key(const char *url, size_t i)
{
	return strncasecmp(url + i, "password=", 9) == 0 && (i == 0 ||
	    url[i - 1] == '?' || url[i - 1] == '&' || url[i - 1] == ' ');
}

void
store_url_redact(const char *url, char *out, size_t size)
{
	const char *auth, *end, *at = NULL, *colon = NULL, *p;
	size_t len = 0, i = 0, n = strlen(url);

	if (size == 0)
		return;
	out[0] = '\0';
	/* postgresql://user:PASSWORD@host: the last '@' of the authority. */
	if ((auth = strstr(url, "://")) != NULL) {
		auth += 3;
		end = auth + strcspn(auth, "/?#");
		for (p = auth; p < end; p++)
			if (*p == '@')
				at = p;
		if (at != NULL)
			colon = memchr(auth, ':', (size_t)(at - auth));
	}
	while (i < n) {
		if (colon != NULL && url + i == colon + 1) {
			put(out, size, &len, "***", 3);
			i = (size_t)(at - url);
		} else if (password_key(url, i)) {
			put(out, size, &len, url + i, 9);
			put(out, size, &len, "***", 3);
			i += 9;
			i += strcspn(url + i, "& ");
		} else {
			put(out, size, &len, url + i, 1);
			i++;
		}
	}
}

enum sv_err
store_open(const char *url, struct sv_store **out, struct sv_diag *d)
{
	struct sv_store *s;
	const char *path = url;
	enum sv_err e;

	*out = NULL;
	if (url == NULL || *url == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, "db",
		    "no database given (--db, the config file or SAMVERKAN_DB)");
	if (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0) {
		s = sv_calloc(1, sizeof(*s));
		s->backend = SV_STORE_PG;
		if ((e = store_pg_open(s, url, d)) != SV_OK) {
			free(s);
			return e;
		}
		*out = s;
		return SV_OK;
	}
	if (strncmp(url, "sqlite:", 7) == 0)
		path = url + 7;
	if (*path == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, "db", "empty file name");
	s = sv_calloc(1, sizeof(*s));
	s->backend = SV_STORE_SQLITE;
	if ((e = store_sqlite_open(s, path, d)) != SV_OK) {
		free(s);
		return e;
	}
	*out = s;
	return SV_OK;
}

void
store_close(struct sv_store *s)
{
	struct sv_stmt *st;
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < SV_SQL__MAX; i++) {
		/* pool instances first: on PostgreSQL they use the master's name */
		while ((st = s->pool[i]) != NULL) {
			s->pool[i] = st->next;
			s->ops->finalize(st);
			free(st);
		}
		if (s->stmts[i] != NULL) {
			s->ops->finalize(s->stmts[i]);
			free(s->stmts[i]);
		}
	}
	geo_free(s->geo);
	s->ops->close(s);
	free(s);
}

enum sv_store_backend
store_backend(const struct sv_store *s)
{
	return s->backend;
}

const char *
store_sql_text(const struct sv_store *s, enum sv_sql id)
{
	const char *t;

	assert(id < SV_SQL__MAX);
	t = sv_sql_text[id][s->backend == SV_STORE_PG ? 1 : 0];
	return t != NULL ? t : sv_sql_text[id][0];
}

/* Aborts: a statement of the table that does not prepare is a bug. */
static void
prepare_failed(enum sv_sql id, const struct sv_diag *d)
{
	sv_log(SV_LOG_ERROR, "event=sql_prepare_failed id=%d error=\"%s\"",
	    (int)id, d->message);
	abort();
}

/* The cached statement for id, prepared on first use, not reset. */
static struct sv_stmt *
cached(struct sv_store *s, enum sv_sql id)
{
	struct sv_stmt *st;
	struct sv_diag d;

	assert(id < SV_SQL__MAX);
	if ((st = s->stmts[id]) != NULL)
		return st;
	st = sv_calloc(1, sizeof(*st));
	st->store = s;
	st->id = id;
	sv_diag_clear(&d);
	if (s->ops->prepare(s, id, st, &d) != SV_OK)
		prepare_failed(id, &d);
	s->stmts[id] = st;
	return st;
}

struct sv_stmt *
store_stmt(struct sv_store *s, enum sv_sql id)
{
	struct sv_stmt *st = cached(s, id);

	s->ops->reset(st);
	return st;
}

uint64_t
store_round_trips(const struct sv_store *s)
{
	return s->trips;
}

struct sv_batch {
	struct sv_store	 *s;
	struct sv_stmt	**v;
	size_t		  n, cap;
};

struct sv_batch *
store_batch_new(struct sv_store *s)
{
	struct sv_batch *b = sv_calloc(1, sizeof(*b));

	assert(!s->batching);
	s->batching = 1;
	b->s = s;
	return b;
}

struct sv_stmt *
store_batch_stmt(struct sv_batch *b, enum sv_sql id)
{
	struct sv_store *s = b->s;
	struct sv_stmt **at, *st;
	struct sv_diag d;
	size_t i;

	assert(id < SV_SQL__MAX);
	/* the k-th use of id in this batch takes the k-th pool instance */
	at = &s->pool[id];
	for (i = 0; i < b->n; i++)
		if (b->v[i]->id == id)
			at = &(*at)->next;
	if ((st = *at) == NULL) {
		st = sv_calloc(1, sizeof(*st));
		st->store = s;
		st->id = id;
		sv_diag_clear(&d);
		if (s->ops->prepare_more(s, cached(s, id), st, &d) != SV_OK)
			prepare_failed(id, &d);
		*at = st;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->v = sv_reallocarray(b->v, b->cap, sizeof(*b->v));
	}
	b->v[b->n++] = st;
	s->ops->reset(st);
	return st;
}

enum sv_err
store_batch_run(struct sv_batch *b, struct sv_diag *d)
{
	if (b->n == 0 || b->s->ops->batch == NULL)
		return SV_OK;
	return b->s->ops->batch(b->s, b->v, b->n, d);
}

size_t
store_batch_size(const struct sv_batch *b)
{
	return b->n;
}

void
store_batch_free(struct sv_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		b->s->ops->reset(b->v[i]);
	b->s->batching = 0;
	free(b->v);
	free(b);
}

void
stmt_bind_int(struct sv_stmt *st, int n, int64_t v)
{
	st->store->ops->bind_int(st, n, v);
}

void
stmt_bind_double(struct sv_stmt *st, int n, double v)
{
	st->store->ops->bind_double(st, n, v);
}

void
stmt_bind_text(struct sv_stmt *st, int n, const char *v)
{
	if (v == NULL)
		st->store->ops->bind_null(st, n);
	else
		st->store->ops->bind_text(st, n, v);
}

void
stmt_bind_blob(struct sv_stmt *st, int n, const void *p, size_t len)
{
	if (p == NULL)
		st->store->ops->bind_null(st, n);
	else
		st->store->ops->bind_blob(st, n, p, len);
}

void
stmt_bind_null(struct sv_stmt *st, int n)
{
	st->store->ops->bind_null(st, n);
}

enum sv_err
stmt_step(struct sv_stmt *st, int *row, struct sv_diag *d)
{
	int r = 0;
	enum sv_err e;

	e = st->store->ops->step(st, &r, d);
	if (row != NULL)
		*row = r;
	return e;
}

enum sv_err
stmt_exec(struct sv_stmt *st, struct sv_diag *d)
{
	enum sv_err e;
	int row;

	e = st->store->ops->step(st, &row, d);
	st->store->ops->reset(st);
	return e;
}

void
stmt_reset(struct sv_stmt *st)
{
	st->store->ops->reset(st);
}

int
stmt_isnull(struct sv_stmt *st, int col)
{
	return st->store->ops->isnull(st, col);
}

int64_t
stmt_int(struct sv_stmt *st, int col)
{
	return st->store->ops->col_int(st, col);
}

double
stmt_double(struct sv_stmt *st, int col)
{
	return st->store->ops->col_double(st, col);
}

const char *
stmt_text(struct sv_stmt *st, int col)
{
	return st->store->ops->col_text(st, col);
}

const void *
stmt_blob(struct sv_stmt *st, int col, size_t *len)
{
	return st->store->ops->col_blob(st, col, len);
}

int64_t
store_changes(struct sv_store *s)
{
	return s->ops->changes(s);
}

enum sv_err
store_begin(struct sv_store *s)
{
	char sql[48];
	enum sv_err e;

	if (s->depth == 0) {
		e = s->ops->exec(s, s->backend == SV_STORE_SQLITE ?
		    "BEGIN IMMEDIATE" : "BEGIN", NULL);
		s->serial = atomic_fetch_add(&tx_serial, 1) + 1;
	}
	else {
		snprintf(sql, sizeof(sql), "SAVEPOINT sv_%d", s->depth);
		e = s->ops->exec(s, sql, NULL);
	}
	if (e == SV_OK)
		s->depth++;
	return e;
}

enum sv_err
store_commit(struct sv_store *s)
{
	char sql[48];
	enum sv_err e;

	assert(s->depth > 0);
	if (s->depth == 1)
		e = s->ops->exec(s, "COMMIT", NULL);
	else {
		snprintf(sql, sizeof(sql), "RELEASE sv_%d", s->depth - 1);
		e = s->ops->exec(s, sql, NULL);
	}
	if (e == SV_OK)
		s->depth--;
	return e;
}

enum sv_err
store_rollback(struct sv_store *s)
{
	char sql[80];
	enum sv_err e;

	assert(s->depth > 0);
	if (s->depth == 1)
		e = s->ops->exec(s, "ROLLBACK", NULL);
	else {
		snprintf(sql, sizeof(sql), "ROLLBACK TO sv_%d; RELEASE sv_%d",
		    s->depth - 1, s->depth - 1);
		e = s->ops->exec(s, sql, NULL);
	}
	s->depth--;
	return e;
}

int
store_tx_depth(const struct sv_store *s)
{
	return s->depth;
}

uint64_t
store_tx_serial(const struct sv_store *s)
{
	return s->depth > 0 ? s->serial : 0;
}

static const struct sv_migration *
migrations(const struct sv_store *s)
{
	return s->backend == SV_STORE_PG ? sv_migrations_pg :
	    sv_migrations_sqlite;
}

int
store_schema_latest(void)
{
	const struct sv_migration *m;
	int v = 0;

	for (m = sv_migrations_sqlite; m->version != 0; m++)
		v = m->version;
	return v;
}

int
store_schema_version(struct sv_store *s)
{
	struct sv_stmt *st;
	int row, v = -1;

	if (s->ops->exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_at INTEGER NOT NULL)", NULL) != SV_OK)
		return -1;
	st = store_stmt(s, SQL_MIGRATION_VERSION);
	if (stmt_step(st, &row, NULL) == SV_OK && row)
		v = (int)stmt_int(st, 0);
	stmt_reset(st);
	return v;
}

enum sv_err
store_migrate(struct sv_store *s, int *applied, struct sv_diag *d)
{
	const struct sv_migration *m;
	struct sv_stmt *st;
	struct sv_diag sub;
	enum sv_err e = SV_OK;
	int have, n = 0;

	sv_diag_clear(&sub);
	if ((have = store_schema_version(s)) < 0)
		return sv_diag_set(d, SV_ERR_DB, "db",
		    "cannot read schema_migrations");
	for (m = migrations(s); m->version != 0; m++) {
		if (m->version <= have)
			continue;
		if ((e = store_begin(s)) != SV_OK) {
			sv_diag_set(d, e, "db", "cannot begin migration %04d",
			    m->version);
			goto out;
		}
		if ((e = s->ops->exec(s, m->sql, &sub)) != SV_OK) {
			store_rollback(s);
			sv_diag_set(d, SV_ERR_DB, "db", "migration %04d_%s: %s",
			    m->version, m->name, sub.message);
			e = SV_ERR_DB;
			goto out;
		}
		st = store_stmt(s, SQL_MIGRATION_RECORD);
		stmt_bind_int(st, 1, m->version);
		stmt_bind_text(st, 2, m->name);
		stmt_bind_int(st, 3, (int64_t)time(NULL));
		if ((e = stmt_exec(st, d)) != SV_OK ||
		    (e = store_commit(s)) != SV_OK) {
			store_rollback(s);
			goto out;
		}
		sv_log(SV_LOG_INFO, "event=migrated version=%d name=%s",
		    m->version, m->name);
		n++;
	}
out:
	if (applied != NULL)
		*applied = n;
	return e;
}

struct sv_geo *
store_geo(struct sv_store *s)
{
	if (s->geo == NULL)
		s->geo = geo_new();
	return s->geo;
}

enum sv_err
store_bulk_open(struct sv_store *s, struct sv_bulk **out, struct sv_diag *d)
{
	*out = NULL;
	if (s->backend != SV_STORE_PG)
		return SV_OK;
	return store_pg_bulk_open(s, out, d);
}
