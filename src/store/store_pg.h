/*
 * What the PostgreSQL backend offers beyond the store vtable: opening a
 * connection into a struct sv_store (store.c calls this for postgres://
 * URLs), and moving a whole SQLite installation into PostgreSQL with
 * COPY (samverkan migrate-data). Only store.c and the CLI include this.
 */
#ifndef SV_STORE_PG_H
#define SV_STORE_PG_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

struct sv_store;

/*
 * Connects s to the PostgreSQL server named by url (a libpq URI or
 * connection string) and installs the backend's ops. Errors: SV_ERR_DB
 * with the server's message (password redacted) in diag.
 */
enum sv_err	store_pg_open(struct sv_store *s, const char *url,
		    struct sv_diag *);

/*
 * Copies every table of the SQLite database at sqlite_url into the
 * PostgreSQL database at pg_url, in one transaction: the target is
 * migrated to the same schema version, must have been empty before (or
 * replace is set, which empties it), gets every row with its ids (COPY,
 * user triggers off, foreign keys checked at commit) and its identity
 * sequences set past the largest id. Then every table is read back from
 * both sides in primary-key order and compared value by value. One line
 * per table ("table rows") goes to report (may be NULL).
 * Errors: SV_ERR_INVALID (bad URLs, schema versions differ, target not
 * empty), SV_ERR_CONFLICT (a row differs after the copy; the message names
 * table and key), SV_ERR_DB, all with diag.
 */
enum sv_err	store_migrate_data(const char *sqlite_url, const char *pg_url,
		    int replace, FILE *report, struct sv_diag *);

/*
 * Compares every table of two databases (SQLite or PostgreSQL, either
 * side) row by row in primary-key order, with the same value rules as
 * store_migrate_data; *rows gets the number of rows compared. SV_OK when
 * equal, SV_ERR_CONFLICT (first difference in diag) when not.
 */
enum sv_err	store_compare(const char *url_a, const char *url_b,
		    int64_t *rows, struct sv_diag *);

#endif
