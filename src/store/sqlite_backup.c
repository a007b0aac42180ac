/* sqlite_backup.c: backup and restore of the SQLite store, while a server runs.
 *
 * Both go through SQLite's online backup API. A backup copies the live
 * database in one step inside one read transaction: in WAL mode a reader
 * does not block writers, so the server keeps writing and the copy is the
 * state of one instant. It is written to FILE.tmp, synced, then renamed, so
 * FILE is either absent, the previous backup, or a whole new one.
 *
 * A restore first copies the backup beside the live database (LIVE.restore),
 * checks it there (eala's application_id, this schema, PRAGMA
 * integrity_check), ends every login session and raises the generation number
 * above both databases' (so no cached answer of the server survives), then
 * copies it into the live file with the backup API: one write transaction,
 * which the server's connections see whole at their next read.
 */
#define _GNU_SOURCE
#include "sqlite_int.h"

#include "../core/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EALA_APPLICATION_ID 0x45414c41 /* "EALA", as in store_sqlite.c */
#define LOCK_WAIT_MS 10000             /* how long a restore waits for writers */

static int one_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc = EALA_EIO;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(s) != SQLITE_ROW)
		goto out;
	*out = sqlite3_column_int64(s, 0);
	rc = EALA_OK;
out:
	sqlite3_finalize(s);
	return rc;
}

/* fsync a file, then the folder that holds it (the rename) */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	if (fd < 0 || fsync(fd) != 0)
		rc = -1;
	if (fd >= 0)
		close(fd);
	char *copy = strdup(path);
	if (!copy)
		return -1;
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	return rc;
}

/* Copy src's main database into dst's in one step; busy: retried until
 * LOCK_WAIT_MS, the lock on dst being taken by a writer. */
static int copy_db(sqlite3 *dst, sqlite3 *src, const char *what, char **errmsg)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		*errmsg = xasprintf("%s: %s", what, sqlite3_errmsg(dst));
		return EALA_EIO;
	}
	int rc, waited = 0;
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= LOCK_WAIT_MS)
			break;
		sqlite3_sleep(20);
		waited += 20;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		*errmsg = xasprintf("%s: %s%s", what, sqlite3_errstr(rc),
				    rc == SQLITE_BUSY ? " (the database stayed locked by a writer)" : "");
		return EALA_EIO;
	}
	return EALA_OK;
}

int store_backup(struct store *st, const char *path, int force, char **errmsg)
{
	int rc = EALA_OK;
	sqlite3 *dst = NULL;
	struct stat sb;
	char *tmp = NULL;
	if (!force && stat(path, &sb) == 0) {
		*errmsg = xasprintf("%s already exists: give --force to replace it", path);
		return EALA_ECONFLICT;
	}
	if (!(tmp = xasprintf("%s.tmp", path)))
		return EALA_ENOMEM;
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		*errmsg = xasprintf("cannot create %s: %s", tmp,
				    dst ? sqlite3_errmsg(dst) : "out of memory");
		rc = EALA_EIO;
		goto out;
	}
	char *what = xasprintf("backing up %s to %s", st->path, path);
	rc = copy_db(dst, st->db, what ? what : path, errmsg);
	free(what);
	if (rc)
		goto out;
	if (sqlite3_close(dst) != SQLITE_OK) {
		*errmsg = xasprintf("writing %s: %s", tmp, sqlite3_errmsg(dst));
		rc = EALA_EIO;
		goto out;
	}
	dst = NULL;
	if (sync_path(tmp) != 0 || rename(tmp, path) != 0) {
		*errmsg = xasprintf("cannot write %s: %s", path, strerror(errno));
		rc = EALA_EIO;
		goto out;
	}
	sync_path(path);
out:
	if (dst)
		sqlite3_close(dst);
	if (rc && tmp)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* The backup at path is eala's, at this schema, and whole. */
static int check_backup(sqlite3 *db, const char *path, char **errmsg)
{
	int64_t app = 0, version = 0, tables = 0;
	if (one_int(db, "PRAGMA application_id", &app) ||
	    one_int(db, "PRAGMA user_version", &version) ||
	    one_int(db, "SELECT count(*) FROM sqlite_schema", &tables)) {
		*errmsg = xasprintf("%s is not a database: %s", path, sqlite3_errmsg(db));
		return EALA_EINVAL;
	}
	if (app != EALA_APPLICATION_ID || tables == 0) {
		*errmsg = xasprintf("%s is not an eala database", path);
		return EALA_EINVAL;
	}
	if (version > store_schema_version()) {
		*errmsg = xasprintf("%s was made by a newer eala (schema %d; this eala knows up to "
				    "%d): upgrade eala", path, (int)version, store_schema_version());
		return EALA_EVERSION;
	}
	if (version < store_schema_version()) {
		*errmsg = xasprintf("%s is at schema %d, this eala needs %d: run 'eala --db %s init' "
				    "on a copy of it first", path, (int)version,
				    store_schema_version(), path);
		return EALA_EVERSION;
	}
	sqlite3_stmt *s = NULL;
	struct buf problems = {0};
	int rc = EALA_OK, n = 0;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(20)", -1, &s, NULL) != SQLITE_OK) {
		*errmsg = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		return EALA_EINVAL;
	}
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);
		if (line && strcmp(line, "ok") != 0)
			buf_printf(&problems, "%s  %s", n++ ? "\n" : "", line);
	}
	if (step != SQLITE_DONE || n) {
		*errmsg = xasprintf("%s fails its integrity check, not restoring it:\n%s", path,
				    n ? problems.s : sqlite3_errmsg(db));
		rc = EALA_EINVAL;
	}
	sqlite3_finalize(s);
	buf_free(&problems);
	return rc;
}

int store_restore(struct store *st, const char *path, char **errmsg)
{
	int rc = EALA_OK;
	sqlite3 *src = NULL, *work = NULL;
	char *tmp = NULL, *what = NULL;
	int64_t live_app = 0, live_tables = 0, live_gen = 0, gen = 0;
	struct stat sb;

	if (stat(path, &sb) != 0) {
		*errmsg = xasprintf("%s: %s", path, strerror(errno));
		return EALA_ENOTFOUND;
	}
	if (one_int(st->db, "PRAGMA application_id", &live_app) ||
	    one_int(st->db, "SELECT count(*) FROM sqlite_schema", &live_tables))
		return sq_fail(st, errmsg, st->path);
	if (live_app != EALA_APPLICATION_ID && live_tables > 0) {
		*errmsg = xasprintf("%s is not an eala database: not replacing it", st->path);
		return EALA_EVERSION;
	}
	if (live_tables > 0 && one_int(st->db, "SELECT value FROM meta WHERE key = 'generation'",
				       &live_gen))
		live_gen = 0;

	/* the backup, read-only, copied beside the live database to be checked and adjusted */
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*errmsg = xasprintf("cannot open %s: %s", path,
				    src ? sqlite3_errmsg(src) : "out of memory");
		rc = EALA_EIO;
		goto out;
	}
	if ((rc = check_backup(src, path, errmsg)))
		goto out;
	if (!(tmp = xasprintf("%s.restore", st->path))) {
		rc = EALA_ENOMEM;
		goto out;
	}
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &work, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		*errmsg = xasprintf("cannot create %s: %s", tmp,
				    work ? sqlite3_errmsg(work) : "out of memory");
		rc = EALA_EIO;
		goto out;
	}
	what = xasprintf("reading %s", path);
	if ((rc = copy_db(work, src, what ? what : path, errmsg)))
		goto out;
	if (one_int(work, "SELECT value FROM meta WHERE key = 'generation'", &gen))
		gen = 0;
	/* sessions of the backup end (a session closed since must not come back), and
	 * the generation goes above both, so no answer cached before stays valid */
	sqlite3_stmt *s = NULL;
	if (sqlite3_exec(work, "BEGIN; DELETE FROM session;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(work, "UPDATE meta SET value = ?1 WHERE key = 'generation'", -1,
			       &s, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(s, 1, (gen > live_gen ? gen : live_gen) + 1) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE ||
	    sqlite3_exec(work, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		*errmsg = xasprintf("preparing %s: %s", tmp, sqlite3_errmsg(work));
		sqlite3_finalize(s);
		rc = EALA_EIO;
		goto out;
	}
	sqlite3_finalize(s);

	/* the live database replaced in one write transaction */
	free(what);
	what = xasprintf("restoring %s into %s", path, st->path);
	rc = copy_db(st->db, work, what ? what : path, errmsg);
out:
	sqlite3_close(src);
	sqlite3_close(work);
	if (tmp) {
		unlink(tmp);
		static const char *const sides[] = {"-journal", "-wal", "-shm"};
		for (int i = 0; i < 3; i++) {
			char *side = xasprintf("%s%s", tmp, sides[i]);
			if (side)
				unlink(side);
			free(side);
		}
	}
	free(tmp);
	free(what);
	return rc;
}
