/* motcua — the schema, in numbered migrations keyed on PRAGMA user_version.
 *
 * Migration N brings a database from version N-1 to N. A released
 * migration is never edited: changes come as a new one at the end.
 */
#include <stddef.h>
#include "schema.h"

static const char *const migrations[] = {
	/* 1: settings, procedures, dossiers with their history, calendar */
	"CREATE TABLE settings ("
	"  key   TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE procedures ("
	"  code      TEXT PRIMARY KEY,"
	"  name      TEXT NOT NULL,"
	"  days      INTEGER NOT NULL CHECK (days BETWEEN 0 AND 365),"
	"  fee       INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),"
	"  kind      TEXT CHECK (kind IN ('birth','marriage','death')),"
	"  documents TEXT NOT NULL DEFAULT ''"   /* one paper per line */
	") WITHOUT ROWID;"

	"CREATE TABLE dossiers ("
	"  id          INTEGER PRIMARY KEY,"
	"  code        TEXT NOT NULL UNIQUE,"
	"  unit_id     TEXT NOT NULL,"
	"  day         INTEGER NOT NULL,"       /* receipt date, day number  */
	"  seq         INTEGER NOT NULL CHECK (seq >= 1),"
	"  pin         TEXT NOT NULL,"
	"  procedure   TEXT NOT NULL REFERENCES procedures(code),"
	"  days        INTEGER NOT NULL,"       /* legal time at receipt      */
	"  applicant   TEXT NOT NULL,"
	"  id_number   TEXT,"
	"  phone       TEXT,"
	"  email       TEXT,"
	"  address     TEXT,"
	"  channel     TEXT NOT NULL CHECK (channel IN ('counter','online','post')),"
	"  delivery    TEXT NOT NULL CHECK (delivery IN ('counter','post')),"
	"  documents   TEXT NOT NULL DEFAULT '',"
	"  sets        INTEGER NOT NULL DEFAULT 1 CHECK (sets BETWEEN 1 AND 99),"
	"  note        TEXT,"
	"  status      TEXT NOT NULL,"
	"  received_at INTEGER NOT NULL,"       /* Unix seconds               */
	"  due_at      INTEGER NOT NULL,"
	"  finished_at INTEGER,"
	"  returned_at INTEGER,"
	"  paused_at   INTEGER,"                /* entered 'supplement'       */
	"  clerk       TEXT NOT NULL,"
	"  updated_at  INTEGER NOT NULL,"
	"  UNIQUE (unit_id, day, seq)"
	");"
	"CREATE INDEX dossiers_status ON dossiers(status, due_at);"
	"CREATE INDEX dossiers_received ON dossiers(received_at);"
	"CREATE INDEX dossiers_procedure ON dossiers(procedure);"

	"CREATE TABLE dossier_history ("
	"  id         INTEGER PRIMARY KEY,"
	"  dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
	"  at         INTEGER NOT NULL,"
	"  status     TEXT NOT NULL,"
	"  clerk      TEXT NOT NULL,"
	"  note       TEXT,"
	"  reason     TEXT,"
	"  old_due    INTEGER,"
	"  new_due    INTEGER"
	");"
	"CREATE INDEX dossier_history_dossier ON dossier_history(dossier_id, id);"
	/* History is append-only: no program path rewrites it. */
	"CREATE TRIGGER dossier_history_no_update BEFORE UPDATE ON dossier_history"
	" BEGIN SELECT RAISE(ABORT, 'dossier history is append-only'); END;"
	"CREATE TRIGGER dossier_history_no_delete BEFORE DELETE ON dossier_history"
	" BEGIN SELECT RAISE(ABORT, 'dossier history is append-only'); END;"

	"CREATE TABLE holidays ("
	"  date       TEXT PRIMARY KEY,"        /* YYYY-MM-DD                 */
	"  name       TEXT NOT NULL DEFAULT '',"
	"  is_workday INTEGER NOT NULL CHECK (is_workday IN (0, 1))"
	") WITHOUT ROWID;",

	/* 3: notification outbox, and the indexes of the reports and of the
	 * portal sync. Each message keeps what it says as it was queued. */
	"CREATE TABLE notifications ("
	"  id             INTEGER PRIMARY KEY,"
	"  dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),"
	"  event          TEXT NOT NULL CHECK (event IN"
	"                   ('received','supplement','done','rescheduled','rejected')),"
	"  phone          TEXT NOT NULL,"       /* national form, 0...        */
	"  code           TEXT NOT NULL,"
	"  applicant      TEXT NOT NULL,"
	"  procedure_name TEXT NOT NULL,"
	"  due_at         INTEGER NOT NULL,"    /* the due time at the event  */
	"  reason         TEXT,"
	"  created_at     INTEGER NOT NULL,"
	"  state          TEXT NOT NULL DEFAULT 'pending'"
	"                   CHECK (state IN ('pending','failed','sent')),"
	"  attempts       INTEGER NOT NULL DEFAULT 0,"
	"  last_error     TEXT,"
	"  msg_id         TEXT,"                /* the provider's message id  */
	"  sent_at        INTEGER,"
	"  updated_at     INTEGER NOT NULL"
	");"
	"CREATE INDEX notifications_unsent ON notifications(id) WHERE state <> 'sent';"
	"CREATE INDEX notifications_dossier ON notifications(dossier_id);"
	/* Nothing is sent twice: a sent message is final. */
	"CREATE TRIGGER notifications_sent_final BEFORE UPDATE ON notifications"
	" WHEN OLD.state = 'sent'"
	" BEGIN SELECT RAISE(ABORT, 'a sent notification stays sent'); END;"
	"CREATE INDEX dossiers_updated ON dossiers(updated_at);"
	/* Covers the summary: grouped by procedure without sorting, and
	 * every other summary reads it instead of the wide rows. */
	"CREATE INDEX dossiers_report ON dossiers(procedure, received_at, status,"
	"  due_at, finished_at, paused_at);",
	/* 4: audit log: one record per change, chained by hash (core/audit.c).
	 * AUTOINCREMENT keeps in sqlite_sequence the highest id ever given, so
	 * that records removed from the end of the log are noticed. */
	"CREATE TABLE audit_log ("
	"  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  at        INTEGER NOT NULL,"         /* Unix seconds               */
	"  clerk     TEXT NOT NULL,"
	"  command   TEXT NOT NULL,"            /* "dossier update"            */
	"  tbl       TEXT NOT NULL,"            /* the table changed          */
	"  key       TEXT NOT NULL,"            /* the row's key in it        */
	"  change    TEXT NOT NULL,"            /* JSON                       */
	"  row_hash  TEXT,"                     /* the row after; NULL: gone  */
	"  prev_hash TEXT NOT NULL,"
	"  hash      TEXT NOT NULL"
	");"
	"CREATE INDEX audit_log_object ON audit_log(tbl, key, id);"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
};

int mc_schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *mc_schema_migration(int version)
{
	if (version < 1 || version > mc_schema_count())
		return NULL;
	return migrations[version - 1];
}
