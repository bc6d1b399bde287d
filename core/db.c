/* motcua — the register database: connecting, errors, transactions. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-private.h"
#include "i18n.h"
#include "text.h"

mc_status mc_db_fail(mc_db *db, mc_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->err, sizeof db->err, fmt, ap);
	va_end(ap);
	return st;
}

/* A rule of the schema that a change would break, said in words of the
 * register, not SQLite's text. The checks before a write catch what a
 * user can type; reaching this is refused data all the same. */
static mc_status constraint_fail(mc_db *db, const char *what)
{
	switch (sqlite3_extended_errcode(db->sq)) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: refused: the register already holds a row with the same key"),
				  what);
	case SQLITE_CONSTRAINT_NOTNULL:
		return mc_db_fail(db, MC_BAD_INPUT, _("%s: refused: a required value is missing"),
				  what);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: refused: it refers to something the register does not hold"),
				  what);
	default:
		return mc_db_fail(db, MC_BAD_INPUT,
				  _("%s: refused: a value is outside what the register allows"), what);
	}
}

mc_status mc_db_sqlfail(mc_db *db, const char *what)
{
	int code = sqlite3_extended_errcode(db->sq) & 0xff;
	if (code == SQLITE_NOTADB)
		return mc_db_fail(db, MC_NO_INPUT, _("%s: not a motcua database (%s)"),
				  db->path, sqlite3_errmsg(db->sq));
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return mc_db_fail(db, MC_BUSY,
				  _("the database is busy (another clerk is writing); try again"));
	/* A trigger's RAISE() speaks the program's own words (the logs are
	 * append-only): as it is. */
	if (code == SQLITE_CONSTRAINT &&
	    sqlite3_extended_errcode(db->sq) != SQLITE_CONSTRAINT_TRIGGER)
		return constraint_fail(db, what);
	return mc_db_fail(db, MC_DB, "%s: %s", what, sqlite3_errmsg(db->sq));
}

sqlite3_stmt *mc_db_prepare(mc_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK) {
		mc_db_sqlfail(db, "prepare");
		return NULL;
	}
	return st;
}

void mc_db_keep_statements(mc_db *db)
{
	db->keep = 1;
}

sqlite3_stmt *mc_db_prepare_kept(mc_db *db, const char *sql)
{
	struct mc_kept *k = NULL;
	if (!db->keep)
		return mc_db_prepare(db, sql);
	for (size_t i = 0; i < db->n_kept && !k; i++)
		if (db->kept[i].sql == sql || strcmp(db->kept[i].sql, sql) == 0)
			k = &db->kept[i];
	/* In use further up the stack: this call gets its own. */
	if (k && sqlite3_stmt_busy(k->st))
		return mc_db_prepare(db, sql);
	if (k)
		return k->st;
	if (db->n_kept == MC_DB_KEPT)
		return mc_db_prepare(db, sql);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->sq, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		mc_db_sqlfail(db, "prepare");
		return NULL;
	}
	db->kept[db->n_kept].sql = sql;
	db->kept[db->n_kept++].st = st;
	return st;
}

void mc_db_done(mc_db *db, sqlite3_stmt *st)
{
	for (size_t i = 0; i < db->n_kept; i++)
		if (db->kept[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	sqlite3_finalize(st);
}

mc_status mc_db_exec_kept(mc_db *db, const char *sql)
{
	if (!db->keep)
		return mc_db_exec(db, sql);
	sqlite3_stmt *st = mc_db_prepare_kept(db, sql);
	if (!st)
		return MC_DB;
	int r = sqlite3_step(st);
	mc_status rc = r == SQLITE_DONE || r == SQLITE_ROW ? MC_OK : mc_db_sqlfail(db, "exec");
	mc_db_done(db, st);
	return rc;
}

int mc_db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

char *mc_db_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? strdup((const char *)t) : NULL;
}

sqlite3_stmt *mc_db_prepare_built(mc_db *db, mc_strbuf *sql)
{
	sqlite3_stmt *st = NULL;
	if (sql->oom || !sql->s)
		mc_db_fail(db, MC_NOMEM, "out of memory");
	else
		st = mc_db_prepare(db, sql->s);
	mc_strbuf_release(sql);
	return st;
}

mc_status mc_db_exec(mc_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->sq, sql, NULL, NULL, &msg) != SQLITE_OK) {
		mc_status st = mc_db_sqlfail(db, "exec");
		sqlite3_free(msg);
		return st;
	}
	return MC_OK;
}

const char *mc_errmsg(const mc_db *db)
{
	return db ? db->err : "out of memory";
}

/* mkdir -p for the database's folder; new folders are private (0700). */
static int make_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0700);
		*p = '/';
		if (r != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

/* Creates the file itself 0600 so that SQLite (which gives its -wal and
 * -shm files the database's mode) never makes anything world-readable. */
static mc_status create_file(mc_db *db, const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return MC_NOMEM;
	int r = make_parents(copy);
	free(copy);
	if (r != 0)
		return mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, mc_strerror(errno));
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return mc_db_fail(db, MC_CANT_CREATE, "%s: %s", path, mc_strerror(errno));
	if (fd >= 0)
		close(fd);
	return MC_OK;
}

mc_status mc_db_user_version(mc_db *db, int *version)
{
	sqlite3_stmt *st = mc_db_prepare(db, "PRAGMA user_version");
	if (!st)
		return MC_DB;
	*version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return MC_OK;
}

/* Can the file, and the folder that would hold its -wal and -shm, be
 * written? access() says no on read-only media even to root. */
static int writable(const char *path)
{
	char *dir = strdup(path);
	if (!dir)
		return 0;
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	int yes = access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(dir);
	return yes;
}

char *mc_db_uri(const char *path, int read_only)
{
	static const char hex[] = "0123456789ABCDEF";
	mc_strbuf u = MC_STRBUF_INIT;
	/* "file://" and an absolute path: a path of "//x" is not a host. */
	mc_strbuf_addf(&u, "%s", path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			mc_strbuf_addf(&u, "%c", *p);
		else
			mc_strbuf_addf(&u, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	if (read_only)
		mc_strbuf_addf(&u, "?mode=ro%s", writable(path) ? "" : "&immutable=1");
	if (u.oom) {
		mc_strbuf_release(&u);
		return NULL;
	}
	return u.s;
}

mc_status mc_db_connect(const char *path, mc_db_mode mode, int busy_ms, mc_db **out)
{
	mc_db *db = calloc(1, sizeof *db);
	*out = db;
	if (!db || !(db->path = strdup(path)))
		return MC_NOMEM;
	db->offset_min = MC_OFFSET_UNKNOWN;
	db->data_version = -1;
	db->mode = mode;

	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (mode != MC_DB_CREATE)
			return mc_db_fail(db, MC_NO_INPUT,
					  _("%s: no database here"),
					  path);
		mc_status rc = create_file(db, path);
		if (rc != MC_OK)
			return rc;
		db->created = 1;
	} else if (!S_ISREG(sb.st_mode)) {
		return mc_db_fail(db, MC_NO_INPUT, _("%s: not a regular file"), path);
	}

	/* No allocation statistics: they take a global mutex on every
	 * malloc, and a register import makes millions. (Refused, harmlessly,
	 * once SQLite is initialised.) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* What only reads opens read-only: nothing it does can change the
	 * file, and a backup on read-only media can be read. */
	char *uri = mc_db_uri(path, mode == MC_DB_READ);
	if (!uri)
		return MC_NOMEM;
	int flags = (mode == MC_DB_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
	int r = sqlite3_open_v2(uri, &db->sq, flags, NULL);
	free(uri);
	if (r != SQLITE_OK)
		return mc_db_fail(db, MC_NO_INPUT, "%s: %s", path,
				  db->sq ? sqlite3_errmsg(db->sq) : "cannot open");
	sqlite3_busy_timeout(db->sq, busy_ms);
	sqlite3_extended_result_codes(db->sq, 1);
	/* SQLite opens a file it cannot write read-only, silently: a command
	 * that writes says so before it starts, in words. */
	if (mode != MC_DB_READ && sqlite3_db_readonly(db->sq, "main") == 1)
		return mc_db_fail(db, MC_IO,
				  _("%s: cannot be written (a read-only file, folder or medium), and this command writes to the database"),
				  path);

	/* FULL: a code printed on a slip must survive a power cut, or the
	 * next receipt would be given the same code. */
	mc_status rc = mc_db_exec(db, "PRAGMA foreign_keys = ON;"
				      "PRAGMA synchronous = FULL;");
	if (rc != MC_OK)
		return rc;
	/* WAL is a property of the file: set once, when it is created. */
	if (db->created)
		rc = mc_db_exec(db, "PRAGMA journal_mode = WAL");
	return rc;
}

int mc_db_created(const mc_db *db)
{
	return db->created;
}

void mc_db_disconnect(mc_db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->n_kept; i++)
		sqlite3_finalize(db->kept[i].st);
	sqlite3_close(db->sq);
	free(db->path);
	free(db->clerk);
	free(db->command);
	free(db->overrides);
	free(db);
}

mc_status mc_db_set_clerk(mc_db *db, const char *clerk)
{
	char *c = NULL, why[96];
	mc_status rc = mc_text_clean(clerk, 0, 64, &c);
	if (rc == MC_BAD_INPUT && mc_text_invisible_why(clerk, why, sizeof why))
		return mc_db_fail(db, rc, "%s: %s",
					  mc_field_option("clerk", (char[16]){ 0 }, 16), why);
	if (rc != MC_OK)
		return mc_db_fail(db, rc, _("clerk: \"%s\" is not a valid name"), clerk);
	if (!*c) {
		free(c);
		return mc_db_fail(db, MC_BAD_INPUT, _("clerk: must not be empty"));
	}
	free(db->clerk);
	db->clerk = c;
	return MC_OK;
}

mc_status mc_db_set_command(mc_db *db, const char *command)
{
	char *c = strdup(command);
	if (!c)
		return MC_NOMEM;
	free(db->command);
	db->command = c;
	return MC_OK;
}

const char *mc_db_clerk(const mc_db *db)
{
	return db->clerk ? db->clerk : "";
}

void mc_db_set_now(mc_db *db, mc_time now)
{
	db->now = now;
}

mc_time mc_db_now(const mc_db *db)
{
	return db->now;
}

int mc_db_offset(mc_db *db)
{
	if (db->offset_min == MC_OFFSET_UNKNOWN) {
		sqlite3_stmt *st = mc_db_prepare_kept(db,
			"SELECT value FROM settings WHERE key = 'utc_offset'");
		/* Unset or unreadable: the setting's default, +07:00. */
		int off = 7 * 60;
		if (st && sqlite3_step(st) == SQLITE_ROW)
			mc_parse_offset((const char *)sqlite3_column_text(st, 0), &off);
		mc_db_done(db, st);
		db->offset_min = off;
	}
	return db->offset_min;
}

mc_status mc_db_begin(mc_db *db)
{
	if (sqlite3_exec(db->sq, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return mc_db_sqlfail(db, "begin");
	return MC_OK;
}

mc_status mc_db_commit(mc_db *db)
{
	if (sqlite3_exec(db->sq, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		mc_status rc = mc_db_sqlfail(db, "commit");
		mc_db_rollback(db);
		return rc;
	}
	return MC_OK;
}

void mc_db_rollback(mc_db *db)
{
	if (!sqlite3_get_autocommit(db->sq))
		sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
}

/* Outside a transaction: BEGIN IMMEDIATE ... COMMIT. Inside one: a
 * savepoint, so that a failing inner operation undoes only itself and
 * the outer one decides. */
mc_status mc_db_snapshot(mc_db *db, mc_db_atomic_fn fn, void *ud)
{
	if (!sqlite3_get_autocommit(db->sq))
		return fn(db, ud);
	mc_status st = mc_db_exec_kept(db, "BEGIN");
	if (st != MC_OK)
		return st;
	st = fn(db, ud);
	/* Nothing was written: the end of a read transaction cannot fail
	 * in a way that matters, and it must end in any case. */
	if (db->keep) {
		sqlite3_stmt *c = mc_db_prepare_kept(db, "COMMIT");
		int r = c ? sqlite3_step(c) : SQLITE_ERROR;
		mc_db_done(db, c);
		if (r != SQLITE_DONE && !sqlite3_get_autocommit(db->sq))
			sqlite3_exec(db->sq, "COMMIT", NULL, NULL, NULL);
	} else {
		sqlite3_exec(db->sq, "COMMIT", NULL, NULL, NULL);
	}
	return st;
}

void mc_db_tune_for_threads(void)
{
	/* Without the count of memory in use, each allocation of SQLite no
	 * longer takes one mutex shared by every connection of the process. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

mc_status mc_db_atomic(mc_db *db, mc_db_atomic_fn fn, void *ud)
{
	int outer = sqlite3_get_autocommit(db->sq);
	mc_status st = outer ? mc_db_begin(db) : mc_db_exec(db, "SAVEPOINT mc_atomic");
	if (st != MC_OK)
		return st;
	st = fn(db, ud);
	if (outer)
		return st == MC_OK ? mc_db_commit(db) : (mc_db_rollback(db), st);
	if (st != MC_OK)
		sqlite3_exec(db->sq, "ROLLBACK TO mc_atomic", NULL, NULL, NULL);
	sqlite3_exec(db->sq, "RELEASE mc_atomic", NULL, NULL, NULL);
	return st;
}
