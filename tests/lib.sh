# motcua — helpers for the end-to-end tests (sourced by tests/e2e/t*.sh).
#
# Each script runs the real program ($MOTCUA) against a fresh database in
# its own temporary folder, with the clock fixed by MOTCUA_NOW. Every check
# prints "ok - ..." or "not ok - ..." with the difference.

set -u
TEST_NAME=$(basename "$0" .sh)
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
case $TESTS_DIR in */e2e) TESTS_DIR=${TESTS_DIR%/e2e} ;; esac
FIXTURES=$TESTS_DIR/fixtures
TOP=$(cd "$TESTS_DIR/.." && pwd)

# Run by hand (sh tests/e2e/tNNNN-topic.sh), a script tests the tree it is
# in, as `make` built it; tests/run.sh names another build through these.
: "${MOTCUA:=$TOP/motcua}" "${MOTCUA_HELPERS:=$TOP/build/tests}"
: "${MOTCUA_LOCALEDIR:=$TOP/build/locale}"
case $MOTCUA in */*) [ -x "$MOTCUA" ] ||
	{ echo "not ok - $TEST_NAME: no program at $MOTCUA (run make, or set MOTCUA)"; exit 1; } ;;
esac
export MOTCUA MOTCUA_HELPERS MOTCUA_LOCALEDIR
HELPERS=$MOTCUA_HELPERS
TMP=$(mktemp -d "${TMPDIR:-/tmp}/motcua-$TEST_NAME.XXXXXX")
# What a script started (a server, a PostgreSQL cluster) is stopped at
# exit by the commands in EXIT_HOOK, before the folder goes.
EXIT_HOOK=
trap 'eval "$EXIT_HOOK"; rm -rf "$TMP"' EXIT

export MOTCUA_DB="$TMP/data/motcua.db"
export MOTCUA_CLERK=lan
export MOTCUA_NOW="2026-04-29T09:00:00+07:00"
export LC_ALL=C.UTF-8
unset LANGUAGE LANG NO_COLOR MOTCUA_FORMAT 2>/dev/null || true
# The paper renderer (motcua-paper.so) of the build under test: the folder
# above its helpers, unless tests/run.sh says.
: "${MOTCUA_MODULEDIR:=${HELPERS%/tests}}"
export MOTCUA_MODULEDIR
# An ASan build run alone: the leak check's suppressions of tests/run.sh.
: "${LSAN_OPTIONS:=suppressions=$TOP/tests/lsan.supp:print_suppressions=0}" "${G_SLICE:=always-malloc}"
export LSAN_OPTIONS G_SLICE

# mc ARGS...: run motcua, stdout to $TMP/out, stderr to $TMP/err, code to $rc
mc() {
	"$MOTCUA" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	return 0
}

ok()     { echo "ok - $TEST_NAME: $*"; }
not_ok() { echo "not ok - $TEST_NAME: $*"; }

# expect_code N DESC ARGS...: run motcua and check its exit status
expect_code() {
	want=$1 desc=$2; shift 2
	mc "$@"
	if [ "$rc" -eq "$want" ]; then ok "$desc (exit $want)"
	else
		not_ok "$desc: exit $rc, want $want"
		sed 's/^/#   stderr: /' "$TMP/err" | head -5
	fi
}

# expect_out DESC EXPECTED: the last command's stdout is exactly EXPECTED
# (MC_DUMP=FILE: when it is not, what was printed is copied to FILE)
expect_out() {
	desc=$1
	printf '%s\n' "$2" >"$TMP/want"
	if cmp -s "$TMP/want" "$TMP/out"; then ok "$desc"
	else
		not_ok "$desc"
		[ -n "${MC_DUMP:-}" ] && cp "$TMP/out" "$MC_DUMP"
		diff -u "$TMP/want" "$TMP/out" | sed 's/^/#   /' | head -40
	fi
}

# expect_empty DESC: the last command printed nothing on stdout
expect_empty() {
	if [ ! -s "$TMP/out" ]; then ok "$1"
	else
		not_ok "$1"
		sed 's/^/#   out: /' "$TMP/out" | head -10
	fi
}

# expect_err DESC EXPECTED: the last command's stderr is exactly EXPECTED
expect_err() {
	desc=$1
	printf '%s\n' "$2" >"$TMP/want"
	if cmp -s "$TMP/want" "$TMP/err"; then ok "$desc"
	else
		not_ok "$desc"
		diff -u "$TMP/want" "$TMP/err" | sed 's/^/#   /' | head -40
	fi
}

# expect_eq DESC WANT GOT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"
	else
		not_ok "$1"
		printf '#   want: %s\n#   got:  %s\n' "$2" "$3"
	fi
}

# expect_grep DESC PATTERN FILE: FILE has a line matching PATTERN (fixed)
expect_grep() {
	if grep -qF -- "$2" "$3"; then ok "$1"
	else
		not_ok "$1: no \"$2\""
		sed 's/^/#   /' "$3" | head -20
	fi
}

# db_snapshot: a dump of the database, to show that a failed command
# changed nothing
db_snapshot() { sqlite3 "$MOTCUA_DB" .dump; }

# schema_undo_14 DB: takes a database of today's schema back to the shape
# of version 13 (before migration 14 of core/schema.c: the registers'
# registering office, the inbox by sender). For a database whose entries
# have none.
schema_undo_14() {
	sqlite3 "$1" "ALTER TABLE births DROP COLUMN registering_office;
		ALTER TABLE marriages DROP COLUMN registering_office;
		ALTER TABLE deaths DROP COLUMN registering_office;
		DROP INDEX inbox_sender; PRAGMA user_version = 13;"
}

# schema_undo_12 DB: takes a database of today's schema back to the shape
# of version 11 (before migration 12 of core/schema.c: the Zalo inbox and
# the dossiers' Zalo user id), the inbox's records taken out of the audit
# log (audit-forget). For a database whose dossiers came from no message.
schema_undo_12() {
	schema_undo_14 "$1" &&
	"$HELPERS/audit-forget" "$1" inbox &&
	sqlite3 "$1" "DROP TABLE inbox; ALTER TABLE dossiers DROP COLUMN zalo_user_id;
		PRAGMA user_version = 11;"
}

# schema_undo_11 DB: takes a database of today's schema back to the shape
# of version 10 (before migration 11 of core/schema.c: the procedures'
# fields). The procedures' records lose the two keys, their rows' hashes
# are made from the rows without them, and the log is chained again, as a
# version 10 program made it (forge-audit --rehash-rows, --rehash).
schema_undo_11() {
	schema_undo_12 "$1" &&
	sqlite3 "$1" "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
		ALTER TABLE procedures DROP COLUMN field_code;
		ALTER TABLE procedures DROP COLUMN field_name;
		UPDATE audit_log SET change = json_remove(change, '$.field_code', '$.field_name')
		 WHERE tbl = 'procedures';" &&
	"$HELPERS/forge-audit" "$1" --rehash-rows procedures &&
	"$HELPERS/forge-audit" "$1" --rehash &&
	sqlite3 "$1" "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
		BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
		CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
		BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
		PRAGMA user_version = 10;"
}

# schema_undo_10 DB: takes a database of today's schema back to the shape
# of version 9 (before migration 10 of core/schema.c: the log of data
# exports), its records taken out of the audit log (audit-forget).
schema_undo_10() {
	schema_undo_11 "$1" &&
	"$HELPERS/audit-forget" "$1" data_exports &&
	sqlite3 "$1" "DROP TABLE IF EXISTS data_exports; PRAGMA user_version = 9;"
}

# schema_undo_9 DB: takes a database of today's schema back to the shape
# of version 8 (before migration 9 of core/schema.c: the outbox audited):
# the outbox's records leave the audit log, whose other records are
# chained again (audit-forget), as a version 8 database had them.
schema_undo_9() {
	schema_undo_10 "$1" &&
	"$HELPERS/audit-forget" "$1" notifications &&
	sqlite3 "$1" "DROP TRIGGER IF EXISTS notifications_no_delete;
		PRAGMA user_version = 8;"
}

# schema_undo_8 DB: takes a database of today's schema back to the shape
# of version 7 (before migration 8 of core/schema.c: the system account of
# each audit record, and those after it). The records lose their os_user,
# so their hashes are made again as a version-7 program made them
# (forge-audit --rehash).
schema_undo_8() {
	schema_undo_9 "$1" &&
	sqlite3 "$1" "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
		ALTER TABLE audit_log DROP COLUMN os_user;" &&
	"$HELPERS/forge-audit" "$1" --rehash &&
	sqlite3 "$1" "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
		BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
		CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
		BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
		PRAGMA user_version = 7;"
}

# schema_undo_7 DB: takes a database of today's schema back to the shape
# of version 6 (before migration 7 of core/schema.c: the index of the
# applicants' names, and those after it).
schema_undo_7() {
	schema_undo_8 "$1"
	sqlite3 "$1" "DROP TABLE IF EXISTS dossier_names; DROP TABLE IF EXISTS dossier_terms;
		PRAGMA user_version = 6;"
}

# schema_undo_6 DB: takes a database of today's schema back to the shape
# of version 5 (before migration 6 of core/schema.c, and those after it),
# for the tests that make an old register out of a new one and upgrade it
# again. Tables that migration 6 rebuilds are left as they are.
schema_undo_6() {
	schema_undo_7 "$1"
	sqlite3 "$1" "DROP TABLE IF EXISTS extract_events;
		DROP TABLE IF EXISTS register_amendments; DROP TABLE IF EXISTS portal_exports;
		DROP INDEX IF EXISTS dossiers_phone; DROP INDEX IF EXISTS dossiers_id_number;
		DROP TRIGGER IF EXISTS notifications_dropped_final;
		ALTER TABLE dossiers DROP COLUMN promised_at;
		ALTER TABLE dossier_history DROP COLUMN event;
		ALTER TABLE dossier_history DROP COLUMN changes;
		ALTER TABLE extracts DROP COLUMN payload;
		PRAGMA user_version = 5;"
}

# init_office: a fresh office with the usual test settings. The tests
# were written with 2.000635 (extract copies) as a 3-day procedure, as it
# was seeded before schema 6 (SPEC 3 now seeds it same-day: t0200 and
# t1210 check the seed itself); the office keeps its 3 days here, as an
# office may correct a time with `procedure add --replace`.
#
# A test database is a training copy (init --training): the only kind that
# takes its clock from MOTCUA_NOW, and whose documents say so.
init_office() {
	"$MOTCUA" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
		--province "Bình Dương" \
		--lookup-url 'https://dichvucong.binhduong.gov.vn/tra-cuu?ma={code}&pin={pin}' \
		>/dev/null 2>"$TMP/init.err" || { not_ok "init failed"; cat "$TMP/init.err"; exit 1; }
	[ "${SEEDED_CATALOGUE:-}" ] && return 0
	"$MOTCUA" procedure add --replace --code 2.000635 --name "Cấp bản sao trích lục hộ tịch" \
		--days 3 --fee 8000 --kind extract --doc "Tờ khai cấp bản sao trích lục hộ tịch" \
		--doc "Giấy tờ tùy thân của người yêu cầu" >/dev/null 2>"$TMP/init.err" ||
		{ not_ok "procedure add failed"; cat "$TMP/init.err"; exit 1; }
}

# init_office_on ISO-TIME: init_office with the clock at ISO-TIME, for a
# test that receives dossiers dated before its MOTCUA_NOW (a receipt is
# never dated before the office's first day).
init_office_on() {
	office_saved_now=$MOTCUA_NOW
	MOTCUA_NOW=$1
	init_office
	MOTCUA_NOW=$office_saved_now
}

# completion_path: a folder with motcua in it, "$TMP/bin", for the shell
# completions to run it as `motcua` (made once).
completion_path() {
	[ -e "$TMP/bin/motcua" ] && return 0
	mkdir -p "$TMP/bin"
	ln -s "$MOTCUA" "$TMP/bin/motcua"
}

# bash_complete FILE WORDS...: what the bash completion FILE (its _motcua)
# offers for the last of WORDS, sorted, one per line; its stderr goes to
# $TMP/comp.err.
bash_complete() {
	completion_path
	[ -f "$TMP/complete.bash" ] || cat >"$TMP/complete.bash" <<'EOF'
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_motcua
printf '%s\n' "${COMPREPLY[@]}"
EOF
	PATH="$TMP/bin:$PATH" bash "$TMP/complete.bash" "$@" 2>"$TMP/comp.err" |
		grep -v '^$' | LC_ALL=C sort
}

# serve_start [OPTION...]: motcua serve on a free loopback port, in the
# background, its log in $TMP/serve.log; sets SERVE_PID and PORT once it
# listens (it says so on its log's first line), and stops it at exit.
serve_start() {
	: >"$TMP/serve.log"
	"$MOTCUA" serve --listen 127.0.0.1:0 "$@" 2>"$TMP/serve.log" </dev/null &
	SERVE_PID=$!
	EXIT_HOOK="kill $SERVE_PID 2>/dev/null; wait $SERVE_PID 2>/dev/null; $EXIT_HOOK"
	PORT=
	n=0
	# Waiting for it to listen, not timing it: up to 120 s on a loaded machine.
	while [ -z "$PORT" ] && [ $n -lt 1200 ] && kill -0 $SERVE_PID 2>/dev/null; do
		PORT=$(sed -n '1s/.* port \([0-9][0-9]*\),.*/\1/p' "$TMP/serve.log")
		[ -n "$PORT" ] || sleep 0.1
		n=$((n + 1))
	done
	if [ -z "$PORT" ]; then
		not_ok "motcua serve did not start"
		sed 's/^/#   log: /' "$TMP/serve.log" | head -5
		exit 1
	fi
	BASE=http://127.0.0.1:$PORT
}

# serve_stop: SIGTERM to the server; its exit status in serve_rc.
serve_stop() {
	kill -TERM $SERVE_PID
	wait $SERVE_PID
	serve_rc=$?
	EXIT_HOOK=${EXIT_HOOK#"kill $SERVE_PID 2>/dev/null; wait $SERVE_PID 2>/dev/null; "}
}
