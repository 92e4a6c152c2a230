/*
 * The store: the one door to the database. Every SQL statement the program
 * runs lives in the statement table (store/sql.def) under an id; callers
 * pick a statement by id, bind typed values to its $1..$n placeholders and
 * step through rows. A backend (SQLite or PostgreSQL) is a vtable
 * behind struct sv_store, so nothing above this header changes when a
 * backend is added.
 *
 * Threads: one struct sv_store per thread (the HTTP server opens one per
 * worker). store_open is cheap; SQLite connections run in WAL mode with a
 * busy timeout, foreign keys on and synchronous=NORMAL.
 *
 * Statements are prepared once per connection and cached; store_stmt hands
 * out the cached statement reset and with its bindings cleared. A statement
 * stays valid until the next store_stmt call for the same id, so a caller
 * may interleave two different statements (e.g. a SELECT loop that runs an
 * INSERT per row), but not two uses of the same id.
 */
#ifndef SV_STORE_H
#define SV_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct sv_store;
struct sv_stmt;
struct sv_geo;

enum sv_store_backend {
	SV_STORE_SQLITE,
	SV_STORE_PG,
	SV_STORE__MAX
};
extern const char *const sv_store_backend_names[SV_STORE__MAX];

/* Statement ids, one per entry of store/sql.def. */
enum sv_sql {
#define SV_SQL(id, sqlite_text, pg_text) id,
#include "sql.def"
#undef SV_SQL
	SV_SQL__MAX
};

/*
 * Opens the database named by url: a file path, "sqlite:PATH" or
 * "file:PATH". "postgres://" and "postgresql://" URLs (libpq's URI
 * syntax) name the PostgreSQL backend (store_pg.c).
 * The file is created if missing; the schema is NOT migrated (call
 * store_migrate). On success *out is owned by the caller (store_close).
 * Errors: SV_ERR_INVALID (bad url), SV_ERR_DB (cannot open), with diag.
 */
enum sv_err	store_open(const char *url, struct sv_store **out,
		    struct sv_diag *);
/*
 * Writes url into out (truncated to size) with any password shown as
 * "***": the one of "postgresql://user:PASSWORD@host" and any
 * "password=..." query or key=value parameter. For messages and logs.
 */
void		store_url_redact(const char *url, char *out, size_t size);
/* Finalises cached statements and closes; NULL is a no-op. */
void		store_close(struct sv_store *);
enum sv_store_backend store_backend(const struct sv_store *);

/*
 * Applies every embedded migration newer than the database's version, each
 * in its own transaction, recording it in schema_migrations. *applied (may
 * be NULL) receives how many were applied. Errors: SV_ERR_DB with the
 * migration's name and the database message in diag.
 */
enum sv_err	store_migrate(struct sv_store *, int *applied, struct sv_diag *);
/* Schema version of the database (0 if never migrated); -1 on error. */
int		store_schema_version(struct sv_store *);
/* Version of the newest migration embedded in the binary. */
int		store_schema_latest(void);

/*
 * Transactions. store_begin nests: only the outermost begin/commit pair
 * touches the database (inner levels are savepoints, so an inner rollback
 * undoes only its own work). Writes without an explicit transaction run in
 * autocommit mode. Errors: SV_ERR_DB (SV_ERR_CONFLICT when busy).
 */
enum sv_err	store_begin(struct sv_store *);
enum sv_err	store_commit(struct sv_store *);
enum sv_err	store_rollback(struct sv_store *);
/* Current nesting depth (0 = no transaction open). */
int		store_tx_depth(const struct sv_store *);
/*
 * An id of the current outermost transaction, unique in the process (0
 * when none is open): lets callers cache what cannot change under them
 * while they hold a write transaction.
 */
uint64_t	store_tx_serial(const struct sv_store *);

/*
 * The cached prepared statement for id, reset and with bindings cleared.
 * Owned by the store. Never NULL: a statement that does not prepare is a
 * bug and aborts with a log line.
 */
struct sv_stmt	*store_stmt(struct sv_store *, enum sv_sql id);

/*
 * Batches of independent reads: statements whose parameters do not
 * depend on each other's rows, sent together. Take each statement with
 * store_batch_stmt (bound as usual), call store_batch_run once, then
 * step each statement as usual and reset it when done. On PostgreSQL the
 * run sends the whole batch in one pipeline (libpq pipeline mode: one
 * round trip for all of them, results read whole); on SQLite, where a
 * statement is a function call, the run does nothing and each statement
 * runs when first stepped, the same batch sequentially.
 *
 * A batch may hold the same id several times: every entry is a statement
 * instance of its own, from a per-connection pool apart from store_stmt's
 * cache (so store_stmt may be used meanwhile, e.g. while reading a
 * batch's rows). One batch at a time per store; its statements stay
 * valid until the next batch takes them or store_batch_free.
 */
struct sv_batch;

struct sv_batch	*store_batch_new(struct sv_store *);
/* The next statement of the batch for id, reset and without bindings. */
struct sv_stmt	*store_batch_stmt(struct sv_batch *, enum sv_sql id);
/*
 * Runs the batch's statements (PostgreSQL: one round trip). Errors: as
 * stmt_step, for the first statement that failed.
 */
enum sv_err	store_batch_run(struct sv_batch *, struct sv_diag *);
/* Statements the batch holds. */
size_t		store_batch_size(const struct sv_batch *);
/* Frees the batch (its statements go back to the pool); NULL is a no-op. */
void		store_batch_free(struct sv_batch *);

/*
 * Binding by placeholder number ($1 is n = 1). Text and blobs are copied.
 * A NULL text binds SQL NULL.
 */
void	stmt_bind_int(struct sv_stmt *, int n, int64_t v);
void	stmt_bind_double(struct sv_stmt *, int n, double v);
void	stmt_bind_text(struct sv_stmt *, int n, const char *s);
void	stmt_bind_blob(struct sv_stmt *, int n, const void *p, size_t len);
void	stmt_bind_null(struct sv_stmt *, int n);

/*
 * Runs or advances the statement: SV_OK with *row = 1 when a row is
 * available, *row = 0 when done (row may be NULL for statements without
 * rows). Unique or foreign-key violations give SV_ERR_CONFLICT, anything
 * else SV_ERR_DB; diag (may be NULL) gets the database message.
 */
enum sv_err	stmt_step(struct sv_stmt *, int *row, struct sv_diag *);
/* Runs a statement expected to return no rows or to be stepped once. */
enum sv_err	stmt_exec(struct sv_stmt *, struct sv_diag *);
/* Resets the statement (releases read locks early); optional. */
void		stmt_reset(struct sv_stmt *);

/*
 * Column access on the current row, 0-based. Text and blob pointers are
 * valid until the next step or reset of this statement; copy to keep.
 */
int		 stmt_isnull(struct sv_stmt *, int col);
int64_t		 stmt_int(struct sv_stmt *, int col);
double		 stmt_double(struct sv_stmt *, int col);
const char	*stmt_text(struct sv_stmt *, int col);	/* NULL if NULL */
const void	*stmt_blob(struct sv_stmt *, int col, size_t *len);

/*
 * Round trips to the database server on this connection so far: every
 * statement run, prepare, script and batch (one for a whole batch), not
 * the bulk writer's COPY. SQLite runs in the process: always 0. For
 * tests and benchmarks.
 */
uint64_t	 store_round_trips(const struct sv_store *);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t		 store_changes(struct sv_store *);

/*
 * The geometry context of this connection (PROJ and GEOS handles, cached
 * point-in-polygon indexes per area layer), created on first use and
 * freed by store_close. Since a store is used by one thread, so is this.
 */
struct sv_geo	*store_geo(struct sv_store *);

/*
 * A consistent online copy of the database into the new file out (SQLite
 * backup API; writers may go on meanwhile), checked with integrity_check
 * and renamed into place only when complete. *pages (may be NULL) gets
 * the page count. Errors: SV_ERR_CONFLICT (out exists, or the database
 * stayed busy), SV_ERR_IO, SV_ERR_DB, SV_ERR_INVALID (PostgreSQL: use
 * pg_dump). Implemented in store/store_backup.c.
 */
enum sv_err	store_backup(struct sv_store *, const char *out, int *pages,
		    struct sv_diag *);
/* PRAGMA integrity_check: SV_OK or SV_ERR_DB with its first message. */
enum sv_err	store_check(struct sv_store *, struct sv_diag *);

/*
 * Bulk loading of imported incidents (the importer's write path). The
 * caller validates and resolves every row (domain/incident.c) and hands
 * the finished row to the writer, inside its own transaction. The writer
 * keeps the row-by-row semantics: a row is keyed by source and external
 * id, new keys are inserted, a changed content hash updates the row and
 * replaces its areas, an equal hash leaves it alone; a later row with the
 * key of an earlier one sees the earlier one written.
 *
 * PostgreSQL (store_pg_bulk.c): rows go by COPY into a temporary staging
 * table and are merged into incident and incident_area by a fixed set of
 * set-based statements per batch, one round trip for the merge, instead
 * of about six round trips per row. SQLite has no bulk writer (*out is
 * NULL): its statements are function calls, so the caller writes row by
 * row through the statement table.
 */
struct sv_bulk;

struct sv_bulk_area {
	const char	*layer;
	int64_t		 area_id;
};

struct sv_bulk_incident {
	int64_t		 org_id, category_id;
	int64_t		 observed_from, observed_to;
	int		 has_observed_to;
	double		 x, y, lat, lon;
	int		 severity;
	int		 people_count;		/* -1: NULL */
	const char	*certainty;
	const char	*description;		/* NULL or "": NULL */
	const char	*source;
	const char	*external_id;
	const char	*status;
	int64_t		 created_by;		/* 0: NULL */
	int64_t		 now;			/* created_at / updated_at */
	const char	*content_hash;
	int64_t		 loc_area_id;		/* 0: NULL */
	const struct sv_bulk_area *areas;
	size_t		 nareas;
};

struct sv_bulk_counts {
	int64_t		 added, updated, unchanged;
};

/*
 * Opens a bulk writer on s, which must be inside a transaction; *out is
 * NULL when the backend has none (SQLite). Errors: SV_ERR_DB.
 */
enum sv_err	store_bulk_open(struct sv_store *, struct sv_bulk **out,
		    struct sv_diag *);
/* Queues one row (copied); may write a batch. SV_ERR_DB/CONFLICT fatal. */
enum sv_err	store_bulk_add(struct sv_bulk *, const struct sv_bulk_incident *,
		    struct sv_diag *);
/* Writes what is queued; c (may be NULL) gets the totals so far. */
enum sv_err	store_bulk_flush(struct sv_bulk *, struct sv_bulk_counts *c,
		    struct sv_diag *);
/* Totals of the batches written so far. */
void		store_bulk_counts(const struct sv_bulk *, struct sv_bulk_counts *);
/* Frees the writer; queued rows not flushed are dropped. NULL is a no-op. */
void		store_bulk_free(struct sv_bulk *);

/* Text of statement id for this backend (for logging and tests). */
const char	*store_sql_text(const struct sv_store *, enum sv_sql id);

#endif
