/*
 * Online backup and integrity check. For SQLite the backup API copies the
 * database page by page while other connections keep reading and
 * writing; a step that meets a writer's lock waits and retries, and a
 * write by another connection during the copy makes SQLite restart it, so
 * the copy is one consistent snapshot. The copy is written to a temporary
 * file beside the target, checked with integrity_check, synced and then
 * renamed into place, so a crash never leaves a half-written backup under
 * the target name. PostgreSQL is backed up with its own tools (pg_dump,
 * base backups); store_backup refuses it with a message saying so.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/store_impl.h"

#define BACKUP_PAGES	1024	/* pages per step */
#define BACKUP_TRIES	600	/* busy retries, 50 ms apart */

static void
nap(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* PRAGMA integrity_check on db; SV_OK if it says "ok". */
static enum sv_err
check_db(sqlite3 *db, struct sv_diag *d)
{
	sqlite3_stmt *st = NULL;
	enum sv_err e = SV_OK;
	const unsigned char *t;
	int rc;

	rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sv_diag_set(d, SV_ERR_DB, "", "integrity_check: %s",
		    sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	t = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	if (t == NULL || strcmp((const char *)t, "ok") != 0)
		e = sv_diag_set(d, SV_ERR_DB, "", "integrity_check: %s",
		    t != NULL ? (const char *)t : sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return e;
}

enum sv_err
store_check(struct sv_store *s, struct sv_diag *d)
{
	if (s->backend != SV_STORE_SQLITE)
		return sv_diag_set(d, SV_ERR_INVALID, "db", "the integrity "
		    "check is for SQLite; PostgreSQL checks its own pages");
	return check_db(s->conn, d);
}

static enum sv_err
fsync_path(const char *path, int dir, struct sv_diag *d)
{
	int fd, rc;

	fd = open(path, (dir ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sv_diag_set(d, SV_ERR_IO, "out", "%s: %s", path,
		    strerror(errno));
	rc = fsync(fd);
	close(fd);
	if (rc != 0)
		return sv_diag_set(d, SV_ERR_IO, "out", "fsync %s: %s", path,
		    strerror(errno));
	return SV_OK;
}

enum sv_err
store_backup(struct sv_store *s, const char *out, int *pages,
    struct sv_diag *d)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	char tmp[4096], dir[4096];
	const char *slash;
	enum sv_err e = SV_OK;
	int rc, tries = 0;

	if (pages != NULL)
		*pages = 0;
	if (s->backend != SV_STORE_SQLITE)
		return sv_diag_set(d, SV_ERR_INVALID, "db", "backup copies "
		    "SQLite databases; back up PostgreSQL with pg_dump or a "
		    "base backup");
	if (out == NULL || *out == '\0' || (size_t)snprintf(tmp, sizeof(tmp),
	    "%s.tmp-%ld", out, (long)getpid()) >= sizeof(tmp))
		return sv_diag_set(d, SV_ERR_INVALID, "out", "bad output path");
	if (access(out, F_OK) == 0)
		return sv_diag_set(d, SV_ERR_CONFLICT, "out",
		    "%s exists; choose a new name", out);
	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		e = sv_diag_set(d, SV_ERR_IO, "out", "%s: %s", tmp,
		    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", s->conn, "main")) == NULL) {
		e = sv_diag_set(d, SV_ERR_DB, "", "backup: %s",
		    sqlite3_errmsg(dst));
		goto out;
	}
	for (;;) {
		rc = sqlite3_backup_step(b, BACKUP_PAGES);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK)
			continue;
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
		    tries++ < BACKUP_TRIES) {
			nap();
			continue;
		}
		e = sv_diag_set(d, rc == SQLITE_BUSY ? SV_ERR_CONFLICT :
		    SV_ERR_DB, "", "backup: %s", sqlite3_errstr(rc));
		goto out;
	}
	if (pages != NULL)
		*pages = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	b = NULL;
	if ((e = check_db(dst, d)) != SV_OK)
		goto out;
	/* Closing the copy checkpoints it: the one file is complete. */
	sqlite3_close(dst);
	dst = NULL;
	if ((e = fsync_path(tmp, 0, d)) != SV_OK)
		goto out;
	if (rename(tmp, out) != 0) {
		e = sv_diag_set(d, SV_ERR_IO, "out", "rename to %s: %s", out,
		    strerror(errno));
		goto out;
	}
	slash = strrchr(out, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash == out ? 1 :
		    slash - out), out);
	e = fsync_path(dir, 1, d);
out:
	if (b != NULL)
		sqlite3_backup_finish(b);
	if (dst != NULL)
		sqlite3_close(dst);
	if (e != SV_OK)
		unlink(tmp);
	return e;
}
