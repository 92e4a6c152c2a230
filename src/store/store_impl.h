/*
 * Inside the store: the backend vtable and the structs the backends
 * share. Only store.c and the store_<backend>.c files include this.
 */
#ifndef SV_STORE_IMPL_H
#define SV_STORE_IMPL_H

#include "store/store.h"

#define SV_STMT_MAXPARAM	24

struct sv_store_ops {
	/* Prepares statement id; *impl is backend data. */
	enum sv_err	(*prepare)(struct sv_store *, enum sv_sql,
			    struct sv_stmt *, struct sv_diag *);
	void		(*finalize)(struct sv_stmt *);
	void		(*reset)(struct sv_stmt *);
	void		(*bind_int)(struct sv_stmt *, int, int64_t);
	void		(*bind_double)(struct sv_stmt *, int, double);
	void		(*bind_text)(struct sv_stmt *, int, const char *);
	void		(*bind_blob)(struct sv_stmt *, int, const void *,
			    size_t);
	void		(*bind_null)(struct sv_stmt *, int);
	enum sv_err	(*step)(struct sv_stmt *, int *, struct sv_diag *);
	int		(*isnull)(struct sv_stmt *, int);
	int64_t		(*col_int)(struct sv_stmt *, int);
	double		(*col_double)(struct sv_stmt *, int);
	const char	*(*col_text)(struct sv_stmt *, int);
	const void	*(*col_blob)(struct sv_stmt *, int, size_t *);
	/* Runs a script of several statements without parameters. */
	enum sv_err	(*exec)(struct sv_store *, const char *sql,
			    struct sv_diag *);
	int64_t		(*changes)(struct sv_store *);
	/*
	 * A further instance of the prepared statement master (same id),
	 * for batches; *impl is backend data.
	 */
	enum sv_err	(*prepare_more)(struct sv_store *, struct sv_stmt *master,
			    struct sv_stmt *, struct sv_diag *);
	/* Runs n bound statements together; NULL: each runs when stepped. */
	enum sv_err	(*batch)(struct sv_store *, struct sv_stmt *const *,
			    size_t n, struct sv_diag *);
	void		(*close)(struct sv_store *);
};

struct sv_stmt {
	struct sv_store	*store;
	enum sv_sql	 id;
	void		*impl;
	int		 param[SV_STMT_MAXPARAM + 1];	/* $n -> backend index */
	struct sv_stmt	*next;		/* the batch pool's next instance */
};

struct sv_store {
	enum sv_store_backend		 backend;
	const struct sv_store_ops	*ops;
	void				*conn;
	struct sv_stmt			*stmts[SV_SQL__MAX];
	struct sv_stmt			*pool[SV_SQL__MAX];	/* batches */
	int				 batching;	/* a batch is open */
	uint64_t			 trips;		/* server round trips */
	int				 depth;
	uint64_t			 serial;
	struct sv_geo			*geo;
};

/* The SQLite backend: opens path into s (conn, ops). */
enum sv_err	store_sqlite_open(struct sv_store *s, const char *path,
		    struct sv_diag *);

/* The libpq connection (PGconn *) of a PostgreSQL store. */
void		*store_pg_native(struct sv_store *s);
/*
 * The project's error for a failed libpq result (a PGresult *, may be
 * NULL for a connection failure), message in diag; as for statements.
 */
enum sv_err	store_pg_fail(struct sv_store *s, const void *res,
		    struct sv_diag *);
/* The PostgreSQL bulk writer (store_pg_bulk.c), for store_bulk_open. */
enum sv_err	store_pg_bulk_open(struct sv_store *s, struct sv_bulk **out,
		    struct sv_diag *);

/* Statement texts, indexed by id: [0] SQLite, [1] PostgreSQL. */
extern const char *const sv_sql_text[SV_SQL__MAX][2];

#endif
