/*
 * The PostgreSQL bulk writer of imported incidents (store.h: store_bulk_*).
 * Rows are formatted into COPY's text format in memory; a batch (up to
 * BATCH_ROWS rows or BATCH_BYTES bytes) goes by COPY FROM STDIN into a
 * temporary staging table, and one multi-statement query merges it:
 * match existing incidents by source and external id, insert the new
 * ones, update the changed ones (their incident_area rows replaced),
 * insert the area rows, count, empty the stage. Two round trips
 * per batch instead of about six per row; the triggers of the lägesbild
 * read model fire as they do for single rows.
 *
 * The texts stay here rather than in sql.def: they name a temporary table
 * that exists only during a bulk load (sql.def's statements are prepared
 * on any connection), and COPY cannot be prepared.
 *
 * A key (source, external id) seen twice in one batch makes the batch go
 * first, so the later row meets the earlier one as a stored row, exactly
 * as row by row. Everything runs in the caller's transaction: a failed
 * batch fails the import, which the caller rolls back.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/store_impl.h"

#define BATCH_ROWS	100000
#define BATCH_BYTES	((size_t)64 * 1024 * 1024)
#define COPY_CHUNK	((size_t)256 * 1024)

/*
 * new_id takes the incident's id from the identity sequence as the row
 * arrives, so a new row is never rewritten in the stage (an id drawn for a
 * row that turns out to exist is a harmless gap). %s is the sequence.
 */
static const char stage_fmt[] =
    "CREATE TEMP TABLE IF NOT EXISTS incident_stage ("
    "org_id bigint, category_id bigint, observed_from bigint, "
    "observed_to bigint, x double precision, y double precision, "
    "lat double precision, lon double precision, severity bigint, "
    "people_count bigint, certainty text, description text, source text, "
    "external_id text, status text, created_by bigint, now bigint, "
    "content_hash text, loc_area_id bigint, area_layers text[], "
    "area_ids bigint[], new_id bigint DEFAULT nextval(%s), id bigint, "
    "same boolean NOT NULL DEFAULT false); "
    "TRUNCATE incident_stage";

static const char copy_sql[] =
    "COPY incident_stage (org_id, category_id, observed_from, observed_to, "
    "x, y, lat, lon, severity, people_count, certainty, description, "
    "source, external_id, status, created_by, now, content_hash, "
    "loc_area_id, area_layers, area_ids) FROM STDIN";

/*
 * A stage row is new (id NULL), changed (id set, not same) or unchanged
 * (same). The match names external_id IS NOT NULL so the partial unique
 * index can serve it. Rows go in the order they came (the stage's
 * physical order), as row by row.
 */
static const char merge_sql[] =
    "UPDATE incident_stage s SET id = i.id, "
    "same = coalesce(i.content_hash = s.content_hash, false) "
    "FROM incident i WHERE i.source = s.source "
    "AND i.external_id = s.external_id AND i.external_id IS NOT NULL; "
    "INSERT INTO incident (id, org_id, category_id, observed_from, "
    "observed_to, x, y, lat, lon, severity, people_count, certainty, "
    "description, source, external_id, status, created_by, created_at, "
    "updated_at, content_hash, loc_area_id) SELECT new_id, org_id, "
    "category_id, observed_from, observed_to, x, y, lat, lon, severity, "
    "people_count, certainty, description, source, external_id, status, "
    "created_by, now, now, content_hash, loc_area_id FROM incident_stage "
    "WHERE id IS NULL; "
    "UPDATE incident i SET org_id = s.org_id, category_id = s.category_id, "
    "observed_from = s.observed_from, observed_to = s.observed_to, "
    "x = s.x, y = s.y, lat = s.lat, lon = s.lon, severity = s.severity, "
    "people_count = s.people_count, certainty = s.certainty, "
    "description = s.description, source = s.source, "
    "external_id = s.external_id, status = s.status, updated_at = s.now, "
    "content_hash = s.content_hash, loc_area_id = s.loc_area_id "
    "FROM incident_stage s WHERE NOT s.same AND i.id = s.id; "
    "DELETE FROM incident_area ia USING incident_stage s "
    "WHERE NOT s.same AND ia.incident_id = s.id; "
    "INSERT INTO incident_area (incident_id, layer, area_id) "
    "SELECT coalesce(s.id, s.new_id), a.layer, a.area_id "
    "FROM incident_stage s CROSS JOIN "
    "LATERAL unnest(s.area_layers, s.area_ids) AS a(layer, area_id) "
    "WHERE NOT s.same; "
    "SELECT count(*) FILTER (WHERE id IS NULL), "
    "count(*) FILTER (WHERE id IS NOT NULL AND NOT same), "
    "count(*) FILTER (WHERE same) FROM incident_stage; "
    "TRUNCATE incident_stage";

/* The keys (source US external id) of the batch being built. */
struct keyset {
	char	**v;
	size_t	  cap, n;
};

struct sv_bulk {
	struct sv_store		*s;
	PGconn			*pg;
	struct sv_buf		 buf;	/* the batch in COPY text format */
	size_t			 rows;
	struct keyset		 keys;
	struct sv_bulk_counts	 total;
};

static uint64_t
key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* Adds key (taken) unless present: 1 added, 0 already there (freed). */
static int
keyset_add(struct keyset *k, char *key)
{
	char **old;
	size_t i, j, oldcap;

	if (k->n * 2 >= k->cap) {
		old = k->v;
		oldcap = k->cap;
		k->cap = k->cap ? k->cap * 2 : 1024;
		k->v = sv_calloc(k->cap, sizeof(*k->v));
		for (i = 0; i < oldcap; i++) {
			if (old[i] == NULL)
				continue;
			for (j = key_hash(old[i]) & (k->cap - 1); k->v[j];
			    j = (j + 1) & (k->cap - 1))
				;
			k->v[j] = old[i];
		}
		free(old);
	}
	for (i = key_hash(key) & (k->cap - 1); k->v[i] != NULL;
	    i = (i + 1) & (k->cap - 1))
		if (strcmp(k->v[i], key) == 0) {
			free(key);
			return 0;
		}
	k->v[i] = key;
	k->n++;
	return 1;
}

static void
keyset_clear(struct keyset *k)
{
	size_t i;

	for (i = 0; i < k->cap; i++) {
		free(k->v[i]);
		k->v[i] = NULL;
	}
	k->n = 0;
}

/* Appends s as a field of COPY's text format (NULL as \N). */
static void
put_text(struct sv_buf *b, const char *s)
{
	if (s == NULL) {
		sv_buf_puts(b, "\\N");
		return;
	}
	for (; *s != '\0'; s++) {
		switch (*s) {
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
			sv_buf_putc(b, *s);
		}
	}
}

static void
put_int(struct sv_buf *b, int64_t v, int null)
{
	if (null)
		sv_buf_puts(b, "\\N");
	else
		sv_buf_printf(b, "%" PRId64, v);
}

/* Exactly, as the statement path binds doubles. */
static void
put_double(struct sv_buf *b, double v)
{
	sv_buf_printf(b, "%.17g", v);
}

/* The layers as a text[] literal, each element quoted. */
static void
put_layers(struct sv_buf *b, const struct sv_bulk_incident *r)
{
	struct sv_buf el;
	const char *p;
	size_t i;

	sv_buf_init(&el, 0);
	sv_buf_putc(&el, '{');
	for (i = 0; i < r->nareas; i++) {
		if (i > 0)
			sv_buf_putc(&el, ',');
		sv_buf_putc(&el, '"');
		for (p = r->areas[i].layer; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				sv_buf_putc(&el, '\\');
			sv_buf_putc(&el, *p);
		}
		sv_buf_putc(&el, '"');
	}
	sv_buf_putc(&el, '}');
	sv_buf_putc(&el, '\0');
	put_text(b, el.data);
	sv_buf_free(&el);
}

static void
put_row(struct sv_buf *b, const struct sv_bulk_incident *r)
{
	size_t i;

	put_int(b, r->org_id, 0);
	sv_buf_putc(b, '\t');
	put_int(b, r->category_id, 0);
	sv_buf_putc(b, '\t');
	put_int(b, r->observed_from, 0);
	sv_buf_putc(b, '\t');
	put_int(b, r->observed_to, !r->has_observed_to);
	sv_buf_putc(b, '\t');
	put_double(b, r->x);
	sv_buf_putc(b, '\t');
	put_double(b, r->y);
	sv_buf_putc(b, '\t');
	put_double(b, r->lat);
	sv_buf_putc(b, '\t');
	put_double(b, r->lon);
	sv_buf_putc(b, '\t');
	put_int(b, r->severity, 0);
	sv_buf_putc(b, '\t');
	put_int(b, r->people_count, r->people_count < 0);
	sv_buf_putc(b, '\t');
	put_text(b, r->certainty);
	sv_buf_putc(b, '\t');
	put_text(b, r->description && *r->description ? r->description : NULL);
	sv_buf_putc(b, '\t');
	put_text(b, r->source);
	sv_buf_putc(b, '\t');
	put_text(b, r->external_id);
	sv_buf_putc(b, '\t');
	put_text(b, r->status);
	sv_buf_putc(b, '\t');
	put_int(b, r->created_by, r->created_by == 0);
	sv_buf_putc(b, '\t');
	put_int(b, r->now, 0);
	sv_buf_putc(b, '\t');
	put_text(b, r->content_hash);
	sv_buf_putc(b, '\t');
	put_int(b, r->loc_area_id, r->loc_area_id == 0);
	sv_buf_putc(b, '\t');
	put_layers(b, r);
	sv_buf_putc(b, '\t');
	sv_buf_putc(b, '{');
	for (i = 0; i < r->nareas; i++)
		sv_buf_printf(b, "%s%" PRId64, i > 0 ? "," : "",
		    r->areas[i].area_id);
	sv_buf_puts(b, "}\n");
}

/* Sends the batch by COPY. */
static enum sv_err
copy_batch(struct sv_bulk *bk, struct sv_diag *d)
{
	PGresult *res;
	enum sv_err e = SV_OK;
	size_t off, n;

	res = PQexec(bk->pg, copy_sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		e = store_pg_fail(bk->s, res, d);
		PQclear(res);
		return e;
	}
	PQclear(res);
	for (off = 0; off < bk->buf.len; off += n) {
		n = bk->buf.len - off < COPY_CHUNK ? bk->buf.len - off :
		    COPY_CHUNK;
		if (PQputCopyData(bk->pg, bk->buf.data + off, (int)n) != 1)
			break;
	}
	PQputCopyEnd(bk->pg, off < bk->buf.len ? "send failed" : NULL);
	while ((res = PQgetResult(bk->pg)) != NULL) {
		if (e == SV_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			e = store_pg_fail(bk->s, res, d);
		PQclear(res);
	}
	return e;
}

/* Merges the staged batch; adds its counts to the totals. */
static enum sv_err
merge_batch(struct sv_bulk *bk, struct sv_diag *d)
{
	PGresult *res;
	ExecStatusType st;
	enum sv_err e = SV_OK;
	int got = 0;

	if (PQsendQuery(bk->pg, merge_sql) != 1)
		return store_pg_fail(bk->s, NULL, d);
	while ((res = PQgetResult(bk->pg)) != NULL) {
		st = PQresultStatus(res);
		if (e != SV_OK)
			;
		else if (st == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
		    PQnfields(res) == 3) {
			bk->total.added += strtoll(PQgetvalue(res, 0, 0), NULL,
			    10);
			bk->total.updated += strtoll(PQgetvalue(res, 0, 1),
			    NULL, 10);
			bk->total.unchanged += strtoll(PQgetvalue(res, 0, 2),
			    NULL, 10);
			got = 1;
		} else if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
			e = store_pg_fail(bk->s, res, d);
		PQclear(res);
	}
	if (e == SV_OK && !got)
		e = sv_diag_set(d, SV_ERR_DB, "", "the import merge gave no "
		    "counts");
	return e;
}

enum sv_err
store_bulk_flush(struct sv_bulk *bk, struct sv_bulk_counts *c,
    struct sv_diag *d)
{
	enum sv_err e = SV_OK;

	if (bk->rows > 0) {
		if ((e = copy_batch(bk, d)) == SV_OK)
			e = merge_batch(bk, d);
		sv_buf_reset(&bk->buf);
		bk->rows = 0;
		keyset_clear(&bk->keys);
	}
	if (c != NULL)
		*c = bk->total;
	return e;
}

enum sv_err
store_bulk_add(struct sv_bulk *bk, const struct sv_bulk_incident *r,
    struct sv_diag *d)
{
	struct sv_buf key;
	enum sv_err e;

	sv_buf_init(&key, 0);
	sv_buf_puts(&key, r->source);
	sv_buf_putc(&key, '\x1f');
	sv_buf_puts(&key, r->external_id);
	sv_buf_putc(&key, '\0');
	if (!keyset_add(&bk->keys, sv_buf_steal(&key))) {
		/* The key again: write the batch, then start with this one. */
		if ((e = store_bulk_flush(bk, NULL, d)) != SV_OK)
			return e;
		return store_bulk_add(bk, r, d);
	}
	put_row(&bk->buf, r);
	bk->rows++;
	if (bk->rows >= BATCH_ROWS || bk->buf.len >= BATCH_BYTES)
		return store_bulk_flush(bk, NULL, d);
	return SV_OK;
}

void
store_bulk_counts(const struct sv_bulk *bk, struct sv_bulk_counts *c)
{
	*c = bk->total;
}

void
store_bulk_free(struct sv_bulk *bk)
{
	if (bk == NULL)
		return;
	keyset_clear(&bk->keys);
	free(bk->keys.v);
	sv_buf_free(&bk->buf);
	free(bk);
}

enum sv_err
store_pg_bulk_open(struct sv_store *s, struct sv_bulk **out,
    struct sv_diag *d)
{
	struct sv_bulk *bk;
	struct sv_buf sql;
	PGresult *res;
	enum sv_err e;

	*out = NULL;
	if (store_tx_depth(s) == 0)
		return sv_diag_set(d, SV_ERR_INVALID, "", "a bulk load runs "
		    "inside a transaction");
	bk = sv_calloc(1, sizeof(*bk));
	bk->s = s;
	bk->pg = store_pg_native(s);
	sv_buf_init(&bk->buf, BATCH_BYTES * 2);
	/* The stage names incident's sequence, whatever it is called. */
	res = PQexec(bk->pg, "SELECT quote_literal(pg_get_serial_sequence("
	    "'incident', 'id'))");
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 ||
	    PQgetisnull(res, 0, 0)) {
		e = store_pg_fail(s, res, d);
		PQclear(res);
		store_bulk_free(bk);
		return e;
	}
	sv_buf_init(&sql, 0);
	sv_buf_printf(&sql, stage_fmt, PQgetvalue(res, 0, 0));
	PQclear(res);
	res = PQexec(bk->pg, sql.data);
	sv_buf_free(&sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		e = store_pg_fail(s, res, d);
		PQclear(res);
		store_bulk_free(bk);
		return e;
	}
	PQclear(res);
	*out = bk;
	return SV_OK;
}
