/* motcua — db backup: a consistent, verified copy that never overwrites. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit-private.h"
#include "i18n.h"

/* Flushes a file (or a folder's entry list) to the disk. */
static int sync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

static void remove_copy(const char *tmp)
{
	static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
	char p[4200];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", tmp, suffix[i]);
		unlink(p);
	}
}

/* The copy, from one read snapshot of the source, with its chain head. */
static mc_status copy(mc_db *db, const char *tmp, const char *path,
		      mc_backup_result *res)
{
	sqlite3 *dst = NULL;
	mc_status rc = MC_OK;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return rc;
	}
	/* The head is read in the snapshot that the backup copies. */
	if ((rc = mc_db_exec(db, "BEGIN")) != MC_OK ||
	    (rc = mc_audit_head(db, &res->head_id, res->head)) != MC_OK) {
		mc_db_rollback(db);
		sqlite3_close(dst);
		return rc;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->sq, "main");
	int r = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
	if (b)
		sqlite3_backup_finish(b);
	mc_db_rollback(db);
	if (r == SQLITE_BUSY || r == SQLITE_LOCKED)
		rc = mc_db_fail(db, MC_BUSY,
				_("the database is busy (another clerk is writing); try again"));
	else if (r != SQLITE_DONE)
		rc = mc_db_fail(db, MC_IO, _("%s: the copy failed: %s"), path,
				sqlite3_errmsg(dst));
	/* A copy is one file, read where it is kept (read-only media too)
	 * without the -wal and -shm that a reader of a WAL file makes and
	 * cannot remove; restored, it is WAL again (core/upgrade.c). */
	else if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = mc_db_fail(db, MC_IO, _("%s: the copy failed: %s"), path,
				sqlite3_errmsg(dst));
	if (sqlite3_close(dst) != SQLITE_OK && rc == MC_OK)
		rc = mc_db_fail(db, MC_IO, _("%s: the copy failed: %s"), path, "close");
	return rc;
}

/* Opens the copy afresh: it must be whole, and end where the source did. */
static mc_status verify(mc_db *db, const char *tmp, const char *path,
			const mc_backup_result *res)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	char what[200] = "";
	int64_t id = 0;
	if (sqlite3_open_v2(tmp, &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		snprintf(what, sizeof what, "%s", sqlite3_errmsg(c));
	} else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		snprintf(what, sizeof what, "integrity_check: %s", sqlite3_column_text(st, 0));
	} else {
		sqlite3_finalize(st);
		st = NULL;
		char head[65];
		memcpy(head, mc_audit_genesis, sizeof head);
		if (sqlite3_prepare_v2(c, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
				       -1, &st, NULL) != SQLITE_OK) {
			snprintf(what, sizeof what, "%s", sqlite3_errmsg(c));
		} else if (sqlite3_step(st) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			snprintf(head, sizeof head, "%s", sqlite3_column_text(st, 1));
		}
		if (!*what && (id != res->head_id || strcmp(head, res->head) != 0))
			snprintf(what, sizeof what,
				 _("its audit log ends at record %lld, the database's at %lld"),
				 (long long)id, (long long)res->head_id);
	}
	sqlite3_finalize(st);
	sqlite3_close(c);
	if (*what)
		return mc_db_fail(db, MC_IO, _("%s: the copy does not verify: %s"), path, what);
	return MC_OK;
}

/* Puts the verified copy in place, never over an existing file. */
static mc_status place(mc_db *db, const char *tmp, const char *path)
{
	struct stat sb;
	if (link(tmp, path) != 0) {
		int err = errno;
		/* Some file systems (FAT on a USB stick) have no links. */
		if (err == EEXIST || lstat(path, &sb) == 0)
			return mc_db_fail(db, MC_CANT_CREATE,
					  _("%s: already exists; a backup is never overwritten"), path);
		if (rename(tmp, path) != 0)
			return mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, mc_strerror(errno));
	} else {
		unlink(tmp);
	}
	char *copy = strdup(path);
	if (!copy)
		return MC_NOMEM;
	int r = sync_path(dirname(copy), 1);
	free(copy);
	if (r != 0)
		return mc_db_fail(db, MC_IO, "%s: %s", path, mc_strerror(errno));
	return MC_OK;
}

mc_status mc_db_backup(mc_db *db, const char *path, mc_backup_result *res)
{
	struct stat sb;
	char tmp[4200];
	memset(res, 0, sizeof *res);
	if (lstat(path, &sb) == 0)
		return mc_db_fail(db, MC_CANT_CREATE,
				  _("%s: already exists; a backup is never overwritten"), path);
	if (strlen(path) > 4000)
		return mc_db_fail(db, MC_CANT_CREATE, _("%s: the name is too long"), path);
	/* Beside the target, so that putting it in place is a link. */
	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, mc_strerror(errno));
	close(fd);

	mc_status rc = copy(db, tmp, path, res);
	if (rc == MC_OK)
		rc = verify(db, tmp, path, res);
	if (rc == MC_OK && sync_path(tmp, 0) != 0)
		rc = mc_db_fail(db, MC_IO, "%s: %s", path, mc_strerror(errno));
	if (rc == MC_OK && stat(tmp, &sb) == 0)
		res->bytes = (long long)sb.st_size;
	if (rc == MC_OK)
		rc = place(db, tmp, path);
	if (rc != MC_OK)
		remove_copy(tmp);
	return rc;
}
