/* motcua — the province's PostgreSQL schema, in numbered migrations. */
#include <string.h>

#include "province.h"
#include "province-search.h"

/*
 * Every table of a ward's rows has the ward's unit_id first, row-level
 * security, and two policies: a ward's role (a member of motcua_ward,
 * named in wards) reads and writes the rows of its own unit only; the
 * province's readers (members of motcua_reader) read every row. Nobody
 * but the owner deletes: the province is the witness of what wards sent.
 */
#define WARD_TABLE(t) \
	"ALTER TABLE " t " ENABLE ROW LEVEL SECURITY;" \
	"CREATE POLICY ward_rows ON " t " TO motcua_ward" \
	"  USING (unit_id = motcua_unit()) WITH CHECK (unit_id = motcua_unit());" \
	"CREATE POLICY read_rows ON " t " FOR SELECT TO motcua_reader USING (true);" \
	"GRANT SELECT ON " t " TO motcua_reader;"

#define WARD_POLICY(t) \
	"ALTER POLICY ward_rows ON " t \
	"  USING (unit_id = (SELECT motcua_unit())) WITH CHECK (unit_id = (SELECT motcua_unit()));"

#define APPEND_ONLY(t) WARD_TABLE(t) "GRANT SELECT, INSERT ON " t " TO motcua_ward;"
#define IN_PLACE(t) WARD_TABLE(t) "GRANT SELECT, INSERT, UPDATE ON " t " TO motcua_ward;"

/*
 * Makes the unit's partitions of TABLES (a list of SQL strings) that are
 * missing, and leaves its ward's role (wards) the only one granted on
 * them: a role that wrote for the unit before loses them. `province init
 * --ward`. CREATE: "CREATE", or "CREATE OR REPLACE" for a migration that
 * partitions one more table (8).
 */
#define WARD_PARTITIONS(CREATE, TABLES) \
	CREATE " FUNCTION motcua_ward_partitions(unit text) RETURNS void" \
	"  LANGUAGE plpgsql AS $f$" \
	"DECLARE t text; p text; r name; g text;" \
	"BEGIN" \
	"  SELECT role INTO r FROM wards WHERE unit_id = unit;" \
	"  FOREACH t IN ARRAY ARRAY[" TABLES "] LOOP" \
	"    p := motcua_partition(t, unit);" \
	"    IF to_regclass(quote_ident(p)) IS NULL THEN" \
	"      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', p, t, unit);" \
	"    END IF;" \
	"    FOR g IN SELECT DISTINCT a.grantee::regrole::text FROM pg_class c," \
	"        aclexplode(c.relacl) a WHERE c.oid = quote_ident(p)::regclass" \
	"        AND a.grantee <> c.relowner AND a.grantee <> 0 LOOP" \
	"      EXECUTE format('REVOKE ALL ON %I FROM %s', p, g);" \
	"    END LOOP;" \
	"    IF r IS NOT NULL THEN" \
	"      EXECUTE format('GRANT SELECT, INSERT ON %I TO %I', p, r);" \
	"    END IF;" \
	"  END LOOP;" \
	"END $f$;"

static const char *const migrations[] = {
	/* 1: the wards and their roles, every ward's rows, the pushes and the
	 * incidents of the witness. Columns as in the ward's tables
	 * (core/schema.c); times in Unix seconds like theirs. */
	"DO $$ BEGIN"
	"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_ward') THEN"
	"    CREATE ROLE motcua_ward NOLOGIN; END IF;"
	"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'motcua_reader') THEN"
	"    CREATE ROLE motcua_reader NOLOGIN; END IF;"
	"END $$;"

	"CREATE TABLE province_migrations ("
	"  version    integer PRIMARY KEY,"
	"  applied_at timestamptz NOT NULL DEFAULT now()"
	");"
	"GRANT SELECT ON province_migrations TO motcua_ward, motcua_reader;"

	/* One PostgreSQL role per ward: `province ward add UNIT ROLE`. */
	"CREATE TABLE wards ("
	"  unit_id  text PRIMARY KEY,"
	"  role     name NOT NULL UNIQUE,"
	"  added_at timestamptz NOT NULL DEFAULT now()"
	");"
	"ALTER TABLE wards ENABLE ROW LEVEL SECURITY;"
	"CREATE POLICY own_ward ON wards FOR SELECT TO motcua_ward USING (role = current_user);"
	"CREATE POLICY read_wards ON wards FOR SELECT TO motcua_reader USING (true);"
	"GRANT SELECT ON wards TO motcua_ward, motcua_reader;"
	/* The unit of the role connected; NULL for any other role, whose
	 * rows are then none. */
	"CREATE FUNCTION motcua_unit() RETURNS text LANGUAGE sql STABLE"
	"  AS 'SELECT unit_id FROM wards WHERE role = current_user';"

	"CREATE TABLE procedures ("
	"  unit_id text NOT NULL, code text NOT NULL, name text NOT NULL,"
	"  days bigint NOT NULL, fee bigint NOT NULL, kind text, documents text,"
	"  field_code text, field_name text,"
	"  PRIMARY KEY (unit_id, code)"
	");"
	IN_PLACE("procedures")

	"CREATE TABLE dossiers ("
	"  unit_id text NOT NULL, id bigint NOT NULL, code text NOT NULL,"
	"  day bigint NOT NULL, seq bigint NOT NULL, pin text NOT NULL,"
	"  procedure text NOT NULL, days bigint NOT NULL, applicant text NOT NULL,"
	"  id_number text, phone text, email text, address text,"
	"  channel text NOT NULL, delivery text NOT NULL, documents text, sets bigint,"
	"  note text, status text NOT NULL,"
	"  received_at bigint NOT NULL, due_at bigint NOT NULL, finished_at bigint,"
	"  returned_at bigint, paused_at bigint, clerk text NOT NULL,"
	"  updated_at bigint NOT NULL, promised_at bigint,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	/* A dossier's code holds its unit's code: one code, one dossier. */
	"CREATE UNIQUE INDEX dossiers_code ON dossiers(code);"
	"CREATE INDEX dossiers_received ON dossiers(unit_id, received_at);"
	IN_PLACE("dossiers")

	"CREATE TABLE dossier_history ("
	"  unit_id text NOT NULL, id bigint NOT NULL, dossier_id bigint NOT NULL,"
	"  at bigint NOT NULL, status text NOT NULL, clerk text NOT NULL,"
	"  note text, reason text, old_due bigint, new_due bigint,"
	"  event text, changes text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	"CREATE INDEX dossier_history_dossier ON dossier_history(unit_id, dossier_id, id);"
	APPEND_ONLY("dossier_history")

	/* The registers, each entry with the folded words of its names
	 * (core/fold.c: motcua folds, PostgreSQL's unaccent leaves đ). */
	"CREATE TABLE births ("
	"  unit_id text NOT NULL, id bigint NOT NULL, book text NOT NULL,"
	"  number bigint NOT NULL, registered_on text NOT NULL, full_name text NOT NULL,"
	"  sex text NOT NULL, date_of_birth text NOT NULL, place_of_birth text,"
	"  ethnicity text, nationality text, hometown text, id_number text,"
	"  father_name text, father_birth_year bigint, father_ethnicity text,"
	"  father_nationality text, father_residence text,"
	"  mother_name text, mother_birth_year bigint, mother_ethnicity text,"
	"  mother_nationality text, mother_residence text,"
	"  declarant text, registrar text, note text, clerk text NOT NULL,"
	"  entered_at bigint NOT NULL, words text[] NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	IN_PLACE("births")

	"CREATE TABLE marriages ("
	"  unit_id text NOT NULL, id bigint NOT NULL, book text NOT NULL,"
	"  number bigint NOT NULL, registered_on text NOT NULL,"
	"  husband_name text NOT NULL, wife_name text NOT NULL,"
	"  husband_date_of_birth text, husband_ethnicity text, husband_nationality text,"
	"  husband_residence text, husband_id_number text,"
	"  wife_date_of_birth text, wife_ethnicity text, wife_nationality text,"
	"  wife_residence text, wife_id_number text,"
	"  registrar text, note text, clerk text NOT NULL, entered_at bigint NOT NULL,"
	"  words text[] NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	IN_PLACE("marriages")

	"CREATE TABLE deaths ("
	"  unit_id text NOT NULL, id bigint NOT NULL, book text NOT NULL,"
	"  number bigint NOT NULL, registered_on text NOT NULL, full_name text NOT NULL,"
	"  died_on text NOT NULL, sex text, date_of_birth text, ethnicity text,"
	"  nationality text, id_number text, died_at_time text, place_of_death text,"
	"  cause text, declarant text, registrar text, note text,"
	"  clerk text NOT NULL, entered_at bigint NOT NULL, words text[] NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	IN_PLACE("deaths")

	"CREATE TABLE register_amendments ("
	"  unit_id text NOT NULL, id bigint NOT NULL, kind text NOT NULL,"
	"  entry_id bigint NOT NULL, at bigint NOT NULL, clerk text NOT NULL,"
	"  reason text NOT NULL, changes text NOT NULL,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("register_amendments")

	"CREATE TABLE extracts ("
	"  unit_id text NOT NULL, id bigint NOT NULL, kind text NOT NULL,"
	"  year bigint NOT NULL, seq bigint NOT NULL, serial text NOT NULL,"
	"  entry_id bigint NOT NULL, issued_at bigint NOT NULL, day bigint NOT NULL,"
	"  clerk text NOT NULL, requester text NOT NULL, copies bigint NOT NULL,"
	"  fee bigint NOT NULL, dossier text, payload text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("extracts")

	"CREATE TABLE extract_events ("
	"  unit_id text NOT NULL, id bigint NOT NULL, extract_id bigint NOT NULL,"
	"  at bigint NOT NULL, clerk text NOT NULL, action text NOT NULL, reason text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("extract_events")

	/* The ward's audit log as the ward chained it (core/audit.h): what
	 * the province holds is the cursor of the next push, and the copy
	 * against which a rewritten history is found. */
	"CREATE TABLE audit_log ("
	"  unit_id text NOT NULL, id bigint NOT NULL, at bigint NOT NULL,"
	"  clerk text NOT NULL, command text NOT NULL, tbl text NOT NULL,"
	"  key text NOT NULL, change text NOT NULL, row_hash text,"
	"  prev_hash text NOT NULL, hash text NOT NULL, os_user text,"
	"  PRIMARY KEY (unit_id, id)"
	");"
	APPEND_ONLY("audit_log")

	/* One row per batch committed: the last push of each ward. */
	"CREATE TABLE pushes ("
	"  unit_id text NOT NULL, id bigserial PRIMARY KEY,"
	"  at timestamptz NOT NULL DEFAULT now(),"
	"  first_record bigint NOT NULL, last_record bigint NOT NULL, rows bigint NOT NULL"
	");"
	"CREATE INDEX pushes_unit ON pushes(unit_id, at);"
	APPEND_ONLY("pushes")
	"GRANT USAGE ON SEQUENCE pushes_id_seq TO motcua_ward;"

	/* A push refused because the ward's log no longer extends the
	 * province's copy: the first record that differs, both hashes. */
	"CREATE TABLE incidents ("
	"  unit_id text NOT NULL, id bigserial PRIMARY KEY,"
	"  at timestamptz NOT NULL DEFAULT now(),"
	"  record bigint NOT NULL, province_hash text, ward_hash text"
	");"
	APPEND_ONLY("incidents")
	"GRANT USAGE ON SEQUENCE incidents_id_seq TO motcua_ward;",

	/* 2: the indexes of the province's commands: the registers' folded
	 * words (GIN, `province search`), the dossiers by procedure. */
	"CREATE INDEX births_words ON births USING gin (words);"
	"CREATE INDEX marriages_words ON marriages USING gin (words);"
	"CREATE INDEX deaths_words ON deaths USING gin (words);"
	"CREATE INDEX dossiers_procedure ON dossiers(procedure, received_at);",

	/* 3: the wards' policies call motcua_unit() once per statement, not
	 * once per row: as a sub-select it is an initPlan, where the bare
	 * call of a STABLE function is made again for every row a push
	 * moves in (bench/sync.sh, docs/scale.md). */
	WARD_POLICY("procedures") WARD_POLICY("dossiers") WARD_POLICY("dossier_history")
	WARD_POLICY("births") WARD_POLICY("marriages") WARD_POLICY("deaths")
	WARD_POLICY("register_amendments") WARD_POLICY("extracts")
	WARD_POLICY("extract_events") WARD_POLICY("audit_log") WARD_POLICY("pushes")
	WARD_POLICY("incidents"),

	/* 4: the office that registered an entry, when not its ward (a
	 * commune merged into it): the ward's schema 14. The checkpoints of
	 * the wards' chains (core/witness.h), one sent by each push at the
	 * record it ends on, signed with the ward's key, with that key as
	 * the ward then gave it: `province check` verifies each against the
	 * first key the ward gave and the province's copy of the chain. */
	"ALTER TABLE births ADD COLUMN registering_office text;"
	"ALTER TABLE marriages ADD COLUMN registering_office text;"
	"ALTER TABLE deaths ADD COLUMN registering_office text;"
	"CREATE TABLE checkpoints ("
	"  unit_id text NOT NULL, record bigint NOT NULL, line text NOT NULL,"
	"  public_key text NOT NULL,"
	"  received_at timestamptz NOT NULL DEFAULT now(),"
	"  PRIMARY KEY (unit_id, record)"
	");"
	APPEND_ONLY("checkpoints") WARD_POLICY("checkpoints")
	/* Each ward's card as its citizens' page shows it (core/citizen.h:
	 * the settings unit_name, office_address, office_phone, office_hours,
	 * workweek, utc_offset), brought up to date by each push, so that
	 * `motcua serve --province` shows a dossier as its ward does. */
	"CREATE TABLE ward_offices ("
	"  unit_id text PRIMARY KEY, unit_name text NOT NULL, office_address text NOT NULL,"
	"  office_phone text NOT NULL, office_hours text NOT NULL, workweek text NOT NULL,"
	"  utc_offset_min integer NOT NULL,"
	"  updated_at timestamptz NOT NULL DEFAULT now()"
	");"
	IN_PLACE("ward_offices") WARD_POLICY("ward_offices"),

	/* 5: the history of the dossiers and the audit log partitioned by
	 * unit, one partition per ward (named by motcua_partition()), on
	 * which the ward's role alone is granted SELECT and INSERT: a push
	 * COPYs their new rows straight into its partitions, where
	 * PostgreSQL refuses COPY into the parent, whose row-level security
	 * still guards every read and write through it. A partition has no
	 * row-level security of its own; a row of another unit is refused
	 * by the partition's bound. The rows of schema 4 are moved in. */
	"CREATE FUNCTION motcua_partition(tbl text, unit text) RETURNS text"
	"  LANGUAGE sql IMMUTABLE AS $f$"
	"  SELECT CASE WHEN octet_length(tbl || '@' || unit) <= 63 THEN tbl || '@' || unit"
	"    ELSE tbl || '@' || md5(unit) END $f$;"
	/* Makes the unit's partitions that are missing, and leaves its
	 * ward's role (wards) the only one granted on them: a role that
	 * wrote for the unit before loses them. `province init --ward`. */
	WARD_PARTITIONS("CREATE", "'dossier_history', 'audit_log'")
	"REVOKE EXECUTE ON FUNCTION motcua_ward_partitions(text) FROM PUBLIC;"
	"ALTER TABLE dossier_history RENAME TO dossier_history_4;"
	"ALTER INDEX dossier_history_pkey RENAME TO dossier_history_4_pkey;"
	"ALTER INDEX dossier_history_dossier RENAME TO dossier_history_4_dossier;"
	"CREATE TABLE dossier_history (LIKE dossier_history_4, PRIMARY KEY (unit_id, id))"
	"  PARTITION BY LIST (unit_id);"
	"CREATE INDEX dossier_history_dossier ON dossier_history(unit_id, dossier_id, id);"
	APPEND_ONLY("dossier_history") WARD_POLICY("dossier_history")
	"ALTER TABLE audit_log RENAME TO audit_log_4;"
	"ALTER INDEX audit_log_pkey RENAME TO audit_log_4_pkey;"
	"CREATE TABLE audit_log (LIKE audit_log_4, PRIMARY KEY (unit_id, id))"
	"  PARTITION BY LIST (unit_id);"
	APPEND_ONLY("audit_log") WARD_POLICY("audit_log")
	"SELECT motcua_ward_partitions(unit_id) FROM ("
	"  SELECT unit_id FROM wards UNION SELECT unit_id FROM dossier_history_4"
	"  UNION SELECT unit_id FROM audit_log_4) u;"
	"INSERT INTO dossier_history SELECT * FROM dossier_history_4;"
	"INSERT INTO audit_log SELECT * FROM audit_log_4;"
	"DROP TABLE dossier_history_4, audit_log_4;",

	/* 6: province search in one statement, newest first without
	 * reading every match (issue 15, docs/scale.md). */
	mc_province_search_6,

	/* 7: the walk down signatures (issue 15, docs/scale.md). */
	mc_province_search_7,

	/* 8: the dossiers partitioned by unit as their history is (5): a
	 * push COPYs the dossiers new to the province straight into its
	 * ward's partition, where through the parent each went by a staging
	 * table and an INSERT (bench/sync.sh, docs/scale.md). A dossier's
	 * code holds its unit's: unique with the unit, as the partitions
	 * require, and still found by the code alone (code first). */
	WARD_PARTITIONS("CREATE OR REPLACE", "'dossiers', 'dossier_history', 'audit_log'")
	"ALTER TABLE dossiers RENAME TO dossiers_7;"
	"ALTER INDEX dossiers_pkey RENAME TO dossiers_7_pkey;"
	"ALTER INDEX dossiers_code RENAME TO dossiers_7_code;"
	"ALTER INDEX dossiers_received RENAME TO dossiers_7_received;"
	"ALTER INDEX dossiers_procedure RENAME TO dossiers_7_procedure;"
	"CREATE TABLE dossiers (LIKE dossiers_7, PRIMARY KEY (unit_id, id))"
	"  PARTITION BY LIST (unit_id);"
	"CREATE UNIQUE INDEX dossiers_code ON dossiers(code, unit_id);"
	"CREATE INDEX dossiers_received ON dossiers(unit_id, received_at);"
	"CREATE INDEX dossiers_procedure ON dossiers(procedure, received_at);"
	IN_PLACE("dossiers") WARD_POLICY("dossiers")
	"SELECT motcua_ward_partitions(unit_id) FROM ("
	"  SELECT unit_id FROM wards UNION SELECT unit_id FROM dossiers_7) u;"
	"INSERT INTO dossiers SELECT * FROM dossiers_7;"
	"DROP TABLE dossiers_7;",

	/* 9: the words' shares kept in a table (issue 15, docs/scale.md). */
	mc_province_words_9,

	/* 10: the walk's row check a nested loop, the words that others
	 * imply (issue 15, docs/scale.md). */
	mc_province_search_10,

	/* 11: the search run by motcua (net/province-search.c), the
	 * function dropped (issue 15, docs/scale.md). */
	mc_province_search_11,

	/* 12: the share of each name's length, for the search's estimates
	 * (issue 15, docs/scale.md). */
	mc_province_words_12,
};

int mc_province_schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *mc_province_migration(int version)
{
	if (version < 1 || version > mc_province_schema_count())
		return NULL;
	return migrations[version - 1];
}

/* What a migration leaves to do outside its transaction. */
const char *mc_province_after(int version)
{
	/* 7: the registers' pages marked all-visible, for the walk's
	 * index-only scans (VACUUM cannot run in a transaction). */
	return version == 7 ? "VACUUM births, marriages, deaths" : NULL;
}

const struct mc_province_table mc_province_tables[] = {
	{ "procedures", "code, name, days, fee, kind, documents, field_code, field_name",
	  "code", 1 },
	{ "dossiers", "id, code, day, seq, pin, procedure, days, applicant, id_number, phone,"
	  " email, address, channel, delivery, documents, sets, note, status, received_at,"
	  " due_at, finished_at, returned_at, paused_at, clerk, updated_at, promised_at",
	  "id", 1 },
	{ "dossier_history", "id, dossier_id, at, status, clerk, note, reason, old_due, new_due,"
	  " event, changes", "id", 0 },
	{ "births", "id, book, number, registered_on, full_name, sex, date_of_birth,"
	  " place_of_birth, ethnicity, nationality, hometown, id_number, father_name,"
	  " father_birth_year, father_ethnicity, father_nationality, father_residence,"
	  " mother_name, mother_birth_year, mother_ethnicity, mother_nationality,"
	  " mother_residence, declarant, registrar, note, clerk, entered_at, registering_office,"
	  " words, sig", "id", 1 },
	{ "marriages", "id, book, number, registered_on, husband_name, wife_name,"
	  " husband_date_of_birth, husband_ethnicity, husband_nationality, husband_residence,"
	  " husband_id_number, wife_date_of_birth, wife_ethnicity, wife_nationality,"
	  " wife_residence, wife_id_number, registrar, note, clerk, entered_at,"
	  " registering_office, words, sig", "id", 1 },
	{ "deaths", "id, book, number, registered_on, full_name, died_on, sex, date_of_birth,"
	  " ethnicity, nationality, id_number, died_at_time, place_of_death, cause, declarant,"
	  " registrar, note, clerk, entered_at, registering_office, words, sig", "id", 1 },
	{ "register_amendments", "id, kind, entry_id, at, clerk, reason, changes", "id", 0 },
	{ "extracts", "id, kind, year, seq, serial, entry_id, issued_at, day, clerk, requester,"
	  " copies, fee, dossier, payload", "id", 0 },
	{ "extract_events", "id, extract_id, at, clerk, action, reason", "id", 0 },
	{ "audit_log", "id, at, clerk, command, tbl, key, change, row_hash, prev_hash, hash,"
	  " os_user", "id", 0 },
};

const size_t mc_province_ntables = sizeof mc_province_tables / sizeof mc_province_tables[0];

int mc_province_has_words(const struct mc_province_table *t)
{
	return strstr(t->cols, ", words") != NULL;
}
