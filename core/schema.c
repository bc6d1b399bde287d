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

	/* 2: the civil status registers, their search index, the extracts
	 * issued. Columns are those of the CSV files (SPEC 6.1); empty values
	 * are NULL; dates are YYYY-MM-DD. */
	"CREATE TABLE births ("
	"  id INTEGER PRIMARY KEY,"
	"  book TEXT NOT NULL, number INTEGER NOT NULL,"
	"  registered_on TEXT NOT NULL,"
	"  full_name TEXT NOT NULL,"
	"  sex TEXT NOT NULL CHECK (sex IN ('Nam', 'Nữ')),"
	"  date_of_birth TEXT NOT NULL,"
	"  place_of_birth TEXT, ethnicity TEXT, nationality TEXT, hometown TEXT,"
	"  id_number TEXT,"
	"  father_name TEXT, father_birth_year INTEGER, father_ethnicity TEXT,"
	"  father_nationality TEXT, father_residence TEXT,"
	"  mother_name TEXT, mother_birth_year INTEGER, mother_ethnicity TEXT,"
	"  mother_nationality TEXT, mother_residence TEXT,"
	"  declarant TEXT, registrar TEXT, note TEXT,"
	"  clerk TEXT NOT NULL, entered_at INTEGER NOT NULL,"
	"  UNIQUE (book, number)"
	");"
	"CREATE INDEX births_id_number ON births(id_number) WHERE id_number IS NOT NULL;"

	"CREATE TABLE marriages ("
	"  id INTEGER PRIMARY KEY,"
	"  book TEXT NOT NULL, number INTEGER NOT NULL,"
	"  registered_on TEXT NOT NULL,"
	"  husband_name TEXT NOT NULL, wife_name TEXT NOT NULL,"
	"  husband_date_of_birth TEXT, husband_ethnicity TEXT, husband_nationality TEXT,"
	"  husband_residence TEXT, husband_id_number TEXT,"
	"  wife_date_of_birth TEXT, wife_ethnicity TEXT, wife_nationality TEXT,"
	"  wife_residence TEXT, wife_id_number TEXT,"
	"  registrar TEXT, note TEXT,"
	"  clerk TEXT NOT NULL, entered_at INTEGER NOT NULL,"
	"  UNIQUE (book, number)"
	");"
	"CREATE INDEX marriages_husband_id ON marriages(husband_id_number)"
	"  WHERE husband_id_number IS NOT NULL;"
	"CREATE INDEX marriages_wife_id ON marriages(wife_id_number)"
	"  WHERE wife_id_number IS NOT NULL;"

	"CREATE TABLE deaths ("
	"  id INTEGER PRIMARY KEY,"
	"  book TEXT NOT NULL, number INTEGER NOT NULL,"
	"  registered_on TEXT NOT NULL,"
	"  full_name TEXT NOT NULL,"
	"  died_on TEXT NOT NULL,"
	"  sex TEXT CHECK (sex IN ('Nam', 'Nữ')),"
	"  date_of_birth TEXT, ethnicity TEXT, nationality TEXT, id_number TEXT,"
	"  died_at_time TEXT, place_of_death TEXT, cause TEXT,"
	"  declarant TEXT, registrar TEXT, note TEXT,"
	"  clerk TEXT NOT NULL, entered_at INTEGER NOT NULL,"
	"  UNIQUE (book, number)"
	");"
	"CREATE INDEX deaths_id_number ON deaths(id_number) WHERE id_number IS NOT NULL;"

	/* The names, folded (core/fold.c), in a contentless FTS5 index: one
	 * row per entry, its rowid made of the entry's id, kind and the length
	 * of its names (core/register-private.h). name: the person or the
	 * husband; spouse: the wife; father, mother.
	 * Positions are kept (detail=full): without content, FTS5 can tell a
	 * ranking function which column matched only from them. */
	"CREATE VIRTUAL TABLE register_names USING fts5("
	"  name, spouse, father, mother,"
	"  content='', columnsize=0, tokenize='ascii');"
	/* Every word of the index, so that a word typed in part becomes the
	 * few words it begins (FTS5 would merge whole doclists for "w"*). */
	"CREATE TABLE register_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;"

	/* The certified extracts issued: serial {seq}/{year}/TLKS-BS... per
	 * kind and year of issue. Append-only. */
	"CREATE TABLE extracts ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('birth', 'marriage', 'death')),"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  serial TEXT NOT NULL UNIQUE,"
	"  entry_id INTEGER NOT NULL,"
	"  issued_at INTEGER NOT NULL,"         /* Unix seconds              */
	"  day INTEGER NOT NULL,"               /* local day number of issue */
	"  clerk TEXT NOT NULL,"
	"  requester TEXT NOT NULL,"
	"  copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 99),"
	"  fee INTEGER NOT NULL CHECK (fee >= 0),"
	"  dossier TEXT REFERENCES dossiers(code),"
	"  UNIQUE (kind, year, seq)"
	");"
	"CREATE INDEX extracts_day ON extracts(day);"
	"CREATE INDEX extracts_entry ON extracts(kind, entry_id);"
	"CREATE TRIGGER extracts_no_update BEFORE UPDATE ON extracts"
	" BEGIN SELECT RAISE(ABORT, 'the extract log is append-only'); END;"
	"CREATE TRIGGER extracts_no_delete BEFORE DELETE ON extracts"
	" BEGIN SELECT RAISE(ABORT, 'the extract log is append-only'); END;",
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
	/* 5: the search index's words are tagged with their name and its
	 * length (core/register-private.h), without positions or columns
	 * (detail=none): a search reads the tags in the order of its hits
	 * and stops at its limit. The upgrade fills it from the entries
	 * (reg_index_all). */
	"DROP TABLE register_names;"
	"CREATE VIRTUAL TABLE register_names USING fts5("
	"  name, content='', detail=none, tokenize='ascii');",
	/* 6: a real office's day (corrections, cancellations, reprints and
	 * voids). Tables are rebuilt (CHECKs widened) with the foreign keys
	 * off (core/upgrade.c). New columns are NULL by default, so the rows
	 * already audited keep their hashes. */
	/* Procedures: kind 'extract' for extract copies of any register. */
	"CREATE TABLE procedures_new ("
	"  code      TEXT PRIMARY KEY,"
	"  name      TEXT NOT NULL,"
	"  days      INTEGER NOT NULL CHECK (days BETWEEN 0 AND 365),"
	"  fee       INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),"
	"  kind      TEXT CHECK (kind IN ('extract','birth','marriage','death')),"
	"  documents TEXT NOT NULL DEFAULT ''"
	") WITHOUT ROWID;"
	"INSERT INTO procedures_new(code, name, days, fee, kind, documents)"
	"  SELECT code, name, days, fee, kind, documents FROM procedures;"
	"DROP TABLE procedures;"
	"ALTER TABLE procedures_new RENAME TO procedures;"
	/* The due time promised on the slip, moved only by supplement waits;
	 * NULL while it is due_at (never rescheduled). */
	"ALTER TABLE dossiers ADD COLUMN promised_at INTEGER;"
	"CREATE INDEX dossiers_phone ON dossiers(phone) WHERE phone IS NOT NULL;"
	"CREATE INDEX dossiers_id_number ON dossiers(id_number) WHERE id_number IS NOT NULL;"
	/* A history line that is not a status change: 'amend' (changes: a
	 * JSON object {"field":["old","new"],...}), 'note', 'cancel'. NULL:
	 * a status change or a reschedule, as before. */
	"ALTER TABLE dossier_history ADD COLUMN event TEXT"
	"  CHECK (event IN ('amend','note','cancel'));"
	"ALTER TABLE dossier_history ADD COLUMN changes TEXT;"
	/* Each run of the portal export, so that a dossier already sent to
	 * the portal is known (a cancellation is refused then). */
	"CREATE TABLE portal_exports ("
	"  id      INTEGER PRIMARY KEY,"
	"  at      INTEGER NOT NULL,"
	"  since   INTEGER,"                    /* --since, NULL: all      */
	"  rows    INTEGER NOT NULL,"
	"  clerk   TEXT NOT NULL"
	");"
	/* Messages: 'dropped' when they no longer make sense (a cancelled
	 * dossier, a 'done' message once the result is returned). */
	"CREATE TABLE notifications_new ("
	"  id             INTEGER PRIMARY KEY,"
	"  dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),"
	"  event          TEXT NOT NULL CHECK (event IN"
	"                   ('received','supplement','done','rescheduled','rejected')),"
	"  phone          TEXT NOT NULL,"
	"  code           TEXT NOT NULL,"
	"  applicant      TEXT NOT NULL,"
	"  procedure_name TEXT NOT NULL,"
	"  due_at         INTEGER NOT NULL,"
	"  reason         TEXT,"
	"  created_at     INTEGER NOT NULL,"
	"  state          TEXT NOT NULL DEFAULT 'pending'"
	"                   CHECK (state IN ('pending','failed','sent','dropped')),"
	"  attempts       INTEGER NOT NULL DEFAULT 0,"
	"  last_error     TEXT,"
	"  msg_id         TEXT,"
	"  sent_at        INTEGER,"
	"  updated_at     INTEGER NOT NULL,"
	"  dropped_why    TEXT"                 /* why it was dropped       */
	");"
	"INSERT INTO notifications_new(id, dossier_id, event, phone, code, applicant,"
	"  procedure_name, due_at, reason, created_at, state, attempts, last_error,"
	"  msg_id, sent_at, updated_at)"
	"  SELECT id, dossier_id, event, phone, code, applicant, procedure_name, due_at,"
	"  reason, created_at, state, attempts, last_error, msg_id, sent_at, updated_at"
	"  FROM notifications;"
	"DROP TABLE notifications;"
	"ALTER TABLE notifications_new RENAME TO notifications;"
	"CREATE INDEX notifications_unsent ON notifications(id)"
	"  WHERE state IN ('pending','failed');"
	"CREATE INDEX notifications_dossier ON notifications(dossier_id);"
	"CREATE TRIGGER notifications_sent_final BEFORE UPDATE ON notifications"
	" WHEN OLD.state = 'sent'"
	" BEGIN SELECT RAISE(ABORT, 'a sent notification stays sent'); END;"
	"CREATE TRIGGER notifications_dropped_final BEFORE UPDATE ON notifications"
	" WHEN OLD.state = 'dropped'"
	" BEGIN SELECT RAISE(ABORT, 'a dropped notification stays dropped'); END;"
	/* Extracts: the signed QR payload as issued (a reprint carries the
	 * same), and what happened to an issue after it: reprints and a void,
	 * append-only like the log itself. */
	"ALTER TABLE extracts ADD COLUMN payload TEXT;"
	"CREATE TABLE extract_events ("
	"  id         INTEGER PRIMARY KEY,"
	"  extract_id INTEGER NOT NULL REFERENCES extracts(id),"
	"  at         INTEGER NOT NULL,"
	"  clerk      TEXT NOT NULL,"
	"  action     TEXT NOT NULL CHECK (action IN ('reprint','void')),"
	"  reason     TEXT"
	");"
	"CREATE INDEX extract_events_extract ON extract_events(extract_id, id);"
	"CREATE UNIQUE INDEX extract_events_one_void ON extract_events(extract_id)"
	"  WHERE action = 'void';"
	"CREATE TRIGGER extract_events_no_update BEFORE UPDATE ON extract_events"
	" BEGIN SELECT RAISE(ABORT, 'the extract log is append-only'); END;"
	"CREATE TRIGGER extract_events_no_delete BEFORE DELETE ON extract_events"
	" BEGIN SELECT RAISE(ABORT, 'the extract log is append-only'); END;"
	/* Corrections of register entries typed wrong (data entry, not the
	 * legal "cai chinh"): the entry is changed in place, each amendment
	 * kept here with its reason. changes: {"field":["old","new"],...}. */
	"CREATE TABLE register_amendments ("
	"  id       INTEGER PRIMARY KEY,"
	"  kind     TEXT NOT NULL CHECK (kind IN ('birth','marriage','death')),"
	"  entry_id INTEGER NOT NULL,"
	"  at       INTEGER NOT NULL,"
	"  clerk    TEXT NOT NULL,"
	"  reason   TEXT NOT NULL,"
	"  changes  TEXT NOT NULL"
	");"
	"CREATE INDEX register_amendments_entry ON register_amendments(kind, entry_id, id);"
	"CREATE TRIGGER register_amendments_no_update BEFORE UPDATE ON register_amendments"
	" BEGIN SELECT RAISE(ABORT, 'register amendments are append-only'); END;"
	"CREATE TRIGGER register_amendments_no_delete BEFORE DELETE ON register_amendments"
	" BEGIN SELECT RAISE(ABORT, 'register amendments are append-only'); END;",
	/* 7: the applicants' names, folded (core/fold.c), in a contentless
	 * FTS5 index for dossier find (core/dossier-find.c): one row per
	 * dossier, its rowid made of its time of receipt and its id
	 * (dossier-private.h), so that hits come newest first. Words typed
	 * one or two letters long are read from FTS5's own index of those
	 * prefixes; every word of the index is in dossier_terms, so that a
	 * longer word typed in part becomes the few words it begins. Not
	 * audited: it is made from the dossiers, and the upgrade fills it
	 * from them (dossier_names_all). */
	"CREATE VIRTUAL TABLE dossier_names USING fts5("
	"  name, content='', detail=none, columnsize=0, prefix='1 2', tokenize='ascii');"
	"CREATE TABLE dossier_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;",
	/* 8: each audit record also keeps the operating-system account that
	 * ran the command (core/audit.c), beside the clerk's name, which is
	 * only what was typed. NULL in the records written before: their
	 * hashes do not cover it (core/audit.h). */
	"ALTER TABLE audit_log ADD COLUMN os_user TEXT;",
	/* 9: the outbox is audited (core/notify.c records every message
	 * written; the upgrade records those already there) and keeps every
	 * message: one no longer to be sent is dropped, never deleted. */
	"CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications"
	" BEGIN SELECT RAISE(ABORT, 'the outbox keeps every message'); END;",
	/* 10: bulk exports of citizens' data (decree 13/2023): who took which
	 * rows where (core/export-log.c). Append-only and audited. */
	"CREATE TABLE data_exports ("
	"  id       INTEGER PRIMARY KEY,"
	"  at       INTEGER NOT NULL,"
	"  clerk    TEXT NOT NULL,"
	"  account  TEXT,"                      /* the operating-system account */
	"  command  TEXT NOT NULL,"
	"  filters  TEXT NOT NULL DEFAULT '',"
	"  target   TEXT NOT NULL,"             /* a file, or - for stdout     */
	"  rows     INTEGER NOT NULL CHECK (rows >= 0)"
	");"
	"CREATE TRIGGER data_exports_no_update BEFORE UPDATE ON data_exports"
	" BEGIN SELECT RAISE(ABORT, 'the log of data exports is append-only'); END;"
	"CREATE TRIGGER data_exports_no_delete BEFORE DELETE ON data_exports"
	" BEGIN SELECT RAISE(ABORT, 'the log of data exports is append-only'); END;",
	/* 11: each procedure's field (lĩnh vực) in the national catalogue,
	 * which the portal's sync names (MaLinhVuc, TenLinhVuc); NULL when
	 * not known, which leaves the audited rows' hashes as they were (a
	 * NULL column is no part of a row's hash, core/audit.c). The upgrade
	 * gives the seeded procedures their field's name (core/procedure.c). */
	"ALTER TABLE procedures ADD COLUMN field_code TEXT;"
	"ALTER TABLE procedures ADD COLUMN field_name TEXT;",
	/* 12: the inbox of the office's Zalo Official Account (core/inbox.c):
	 * one row per text, image or file message, once per Zalo msg_id,
	 * stored by the webhook of motcua serve and handled by a clerk, either
	 * with a dossier received from it or without one (done). Audited, and
	 * kept: a message is never deleted, and once handled it stays so. The
	 * sender's Zalo user id goes with a dossier received from a message;
	 * NULL for the others, which leaves the audited dossiers' hashes as
	 * they were (a NULL column is no part of a row's hash). */
	"CREATE TABLE inbox ("
	"  id          INTEGER PRIMARY KEY,"
	"  msg_id      TEXT NOT NULL UNIQUE,"   /* Zalo's message.msg_id      */
	"  event       TEXT NOT NULL CHECK (event IN"
	"                ('user_send_text','user_send_image','user_send_file')),"
	"  sender      TEXT NOT NULL,"          /* Zalo's sender.id           */
	"  text        TEXT,"
	"  attachments TEXT,"                   /* JSON [{type,url,name}]     */
	"  sent_at     INTEGER NOT NULL,"       /* the event's time, seconds  */
	"  received_at INTEGER NOT NULL,"
	"  done_at     INTEGER,"
	"  done_by     TEXT,"
	"  dossier_id  INTEGER REFERENCES dossiers(id),"
	"  CHECK ((done_at IS NULL) = (done_by IS NULL)),"
	"  CHECK (dossier_id IS NULL OR done_at IS NOT NULL)"
	");"
	"CREATE INDEX inbox_pending ON inbox(id) WHERE done_at IS NULL;"
	"CREATE TRIGGER inbox_no_delete BEFORE DELETE ON inbox"
	" BEGIN SELECT RAISE(ABORT, 'the inbox keeps every message'); END;"
	"CREATE TRIGGER inbox_done_final BEFORE UPDATE ON inbox"
	" WHEN OLD.done_at IS NOT NULL"
	" BEGIN SELECT RAISE(ABORT, 'a handled message stays handled'); END;"
	"ALTER TABLE dossiers ADD COLUMN zalo_user_id TEXT;",
	/* 13: motcua notify send (core/notify-send.c). Two more states:
	 * 'sending', a request under way or whose answer never came (it may
	 * have been delivered: never sent again by itself), and 'abandoned',
	 * given up after the attempts allowed. New columns, NULL by default,
	 * so that the audited rows keep their hashes (core/audit.h): the
	 * applicant's Zalo user id and the time of their last message to the
	 * Official Account (an OA message is allowed within a window after
	 * it), the channel of the last attempt ('zns' or 'oa'), and the time
	 * before which the next attempt waits. The table is made again for
	 * its CHECK, its columns in the same order. */
	"CREATE TABLE notifications_new ("
	"  id             INTEGER PRIMARY KEY,"
	"  dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),"
	"  event          TEXT NOT NULL CHECK (event IN"
	"                   ('received','supplement','done','rescheduled','rejected')),"
	"  phone          TEXT NOT NULL,"
	"  code           TEXT NOT NULL,"
	"  applicant      TEXT NOT NULL,"
	"  procedure_name TEXT NOT NULL,"
	"  due_at         INTEGER NOT NULL,"
	"  reason         TEXT,"
	"  created_at     INTEGER NOT NULL,"
	"  state          TEXT NOT NULL DEFAULT 'pending'"
	"                   CHECK (state IN ('pending','failed','sent','dropped',"
	"                                    'sending','abandoned')),"
	"  attempts       INTEGER NOT NULL DEFAULT 0,"
	"  last_error     TEXT,"
	"  msg_id         TEXT,"
	"  sent_at        INTEGER,"
	"  updated_at     INTEGER NOT NULL,"
	"  dropped_why    TEXT,"
	"  zalo_user_id   TEXT,"
	"  zalo_user_at   INTEGER,"
	"  channel        TEXT CHECK (channel IN ('zns','oa')),"
	"  next_at        INTEGER"
	");"
	"INSERT INTO notifications_new(id, dossier_id, event, phone, code, applicant,"
	"  procedure_name, due_at, reason, created_at, state, attempts, last_error,"
	"  msg_id, sent_at, updated_at, dropped_why)"
	"  SELECT id, dossier_id, event, phone, code, applicant, procedure_name, due_at,"
	"  reason, created_at, state, attempts, last_error, msg_id, sent_at, updated_at,"
	"  dropped_why FROM notifications;"
	"DROP TABLE notifications;"
	"ALTER TABLE notifications_new RENAME TO notifications;"
	"CREATE INDEX notifications_unsent ON notifications(id)"
	"  WHERE state IN ('pending','failed');"
	"CREATE INDEX notifications_dossier ON notifications(dossier_id);"
	"CREATE TRIGGER notifications_sent_final BEFORE UPDATE ON notifications"
	" WHEN OLD.state = 'sent'"
	" BEGIN SELECT RAISE(ABORT, 'a sent notification stays sent'); END;"
	"CREATE TRIGGER notifications_dropped_final BEFORE UPDATE ON notifications"
	" WHEN OLD.state = 'dropped'"
	" BEGIN SELECT RAISE(ABORT, 'a dropped notification stays dropped'); END;"
	"CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications"
	" BEGIN SELECT RAISE(ABORT, 'the outbox keeps every message'); END;",

	/* 14: the office that registered an entry, when not this unit (a
	 * commune merged into the ward keeps its books' own office), and the
	 * inbox by sender. A late
	 * column (core/register-columns.c): stored after clerk and
	 * entered_at, NULL in every entry made before, which leaves their
	 * hashes as they were. */
	"ALTER TABLE births ADD COLUMN registering_office TEXT;"
	"ALTER TABLE marriages ADD COLUMN registering_office TEXT;"
	"ALTER TABLE deaths ADD COLUMN registering_office TEXT;"
	/* The last message of a Zalo user, which opens the window of an OA
	 * message (core/notify-send.c). */
	"CREATE INDEX inbox_sender ON inbox(sender, sent_at);",
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
