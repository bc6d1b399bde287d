# motcua — a day at the counter whose text for people is gathered, for
# the language tests (tests/e2e/t1950-lang-vi.sh, t1951-lang-c.sh); sourced
# after lib.sh, in the language under test.
#
# lang_session: runs the session; every human text (stdout and stderr of
# commands that print for people) is appended to $TMP/human, one block
# per command headed by "### ARGS". Machine outputs (JSON, CSV, -q) and
# the official documents are not gathered: they never follow the language.

# say ARGS...: motcua for a person; its output gathered
say() {
	printf '### %s\n' "$*" >>"$TMP/human"
	"$MOTCUA" "$@" >>"$TMP/human" 2>&1 </dev/null
	echo "### exit $?" >>"$TMP/human"
}

# on_tty ISO-TIME ARGS...: the same on a pseudo-terminal (headers, late days)
on_tty() {
	now=$1; shift
	printf '### (tty) %s\n' "$*" >>"$TMP/human"
	MOTCUA_NOW=$now script -qec "$MOTCUA $*" /dev/null </dev/null 2>&1 |
		tr -d '\r' >>"$TMP/human"
}

# quiet ARGS...: motcua for a script: its value on stdout, nothing gathered
quiet() { "$MOTCUA" -q "$@" </dev/null 2>>"$TMP/quiet.err"; }

lang_session() {
	: >"$TMP/human"
	say init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" \
		--province "Bình Dương"
	say procedure list
	c1=$(quiet dossier new --procedure 2.000635 --applicant "Nguyễn Văn An" --phone 0912345678)
	c2=$(quiet dossier new --procedure 1.004873 --applicant "Trần Thị Bình" --phone 0987654321)
	c3=$(quiet dossier new --procedure 2.000815 --applicant "Lê Văn Cường")
	say dossier new --procedure 2.000635 --applicant "Phạm Dũng" --phone 0123456789 --slip none
	say dossier new --procedure 9.999999 --applicant "Phạm Dũng" --slip none
	say dossier status "$c1"
	say dossier update "$c1" --status processing
	say dossier update "$c1" --status supplement
	say dossier update "$c1" --status supplement --reason "thiếu tờ khai"
	say dossier update "$c1" --status received
	say dossier update "$c3" --status rejected --reason "không đúng thẩm quyền"
	say dossier update "$c3" --status processing
	say dossier amend "$c2" --phone 0987654322 --reason "gõ nhầm"
	say dossier note "$c2" "đã gọi điện"
	say dossier update "$c2" --due "2026-05-20 09:00"
	say dossier status "$c2"
	say dossier list
	say dossier list --status received
	say dossier find "Bình"
	MOTCUA_NOW=2026-06-30T09:00:00+07:00 say dossier list --overdue
	MOTCUA_NOW=2026-06-30T09:00:00+07:00 say dossier status "$c2"
	on_tty 2026-06-30T09:00:00+07:00 dossier list
	say holiday list --year 2026
	say holiday add 2026-12-31 --name "Nghỉ cuối năm"
	say holiday add 2026-02-31 --name "Ngày sai"
	say holiday list --year 2026
	say calendar due --from "2026-04-29 09:00" --days 3
	say notify list
	say notify mark 1 sent
	say notify mark 2 failed --error "hết hạn mức"
	say notify list
	say report summary
	say report summary --by procedure
	say register import birth "$FIXTURES/registers/births-roundtrip.csv"
	say register import birth "$TMP/none.csv"
	say register search "nguyen duc"
	say register show birth 01/2019 1
	say extract birth 01/2019 1 --requester "Nguyễn Văn An" -o "$TMP/extract.pdf"
	say extract list
	say report extracts
	say db check
	say config list
	say qr print --text "abc" -t ascii
	say procedure import "$TMP/missing/procedures.csv"
	say db backup "/proc/motcua-backup.db"
	lang_field_errors
}

# lang_field_errors: the refusals that name a field: an option as typed
# (--name), a CSV cell by its column and a setting by its key (the literal
# typed, in a sentence: "cột name", "thiết lập cutoff"), a value with no
# name to type by a word (số)
lang_field_errors() {
	say init --training --unit-id 000.00.22.H12 --unit-name "UBND phường khác" \
		--province "Bình Dương"
	say config set office_hours frob
	say notify mark 2 failed --error "$(printf 'hết\342\200\213hạn')"
	say dossier note "$c2" "$(printf 'đã\342\200\213gọi')"
	say holiday add 2026-12-30 --name "$(printf 'Nghỉ\tbù')"
	printf 'date,name,kind\n2026-02-31,Ngày sai,\n2026-05-06,"Nghỉ\342\200\213bù",\n' \
		>"$TMP/holidays-bad.csv"
	say holiday import "$TMP/holidays-bad.csv"
	say procedure add --code "2 000" --name "Thủ tục" --days 3
	printf 'code,name,days\n9.000001,Thủ tục chín,ba\n' >"$TMP/procedures-bad.csv"
	say procedure import "$TMP/procedures-bad.csv"
	say register import birth "$FIXTURES/registers/births-bad.csv"
	say register show birth 01/2019 abc
	say register show birth "$(printf '01/2019\342\200\213')" 1
	say register add birth --book 01/2020 --number 1 --registered-on 2020-01-02 \
		--full-name "Lê Văn 2" --date-of-birth 2020-01-01 --sex Nam
	say register add birth --book 01/2020 --number 1 --registered-on 2020-01-02 \
		--full-name "Lê Văn Hai" --date-of-birth 2020-01-01 --sex Nam --father-birth-year 1990
	say extract birth --id-number 12345 --requester "Nguyễn Văn An" -o "$TMP/x.pdf"
}

# human_text: the gathered text without what is never translated: the
# session's headers, folders, options (--reason), the values that
# --status takes, named in parentheses after their Vietnamese word, and
# the columns of a CSV file and the keys of settings, named as typed after
# "cột" and "thiết lập".
human_text() {
	sed -e '/^### /d' -e "s|$FIXTURES|FIXTURES|g" -e "s|$TMP|TMP|g" \
		-e 's/--[a-z][a-z-]*//g' -e 's/([a-z]*)//g' -e 's/cột [a-z_]*//g' \
		-e 's/thiết lập [a-z_]*://g' "$TMP/human"
}

# machine_outputs FILE: what scripts read (JSON, CSV, -q) of the session's
# database, all in FILE, to compare across languages
machine_outputs() {
	for args in "dossier list --format json" "dossier list --format csv" \
		"-q dossier list" "dossier status $c2 --format json" \
		"holiday list --year 2026 --format csv" "-q holiday list --year 2026" \
		"notify list --format json" "-q notify list" "procedure list --format csv" \
		"-q procedure list" "extract list --format json" "-q extract list" \
		"report summary --format json" "report extracts --format csv" \
		"register search nguyen --format json" "-q register search nguyen" \
		"dossier find Bình --format csv" "-q dossier find Bình" \
		"-q calendar due --from 2026-04-29T09:00 --days 3" \
		"calendar due --from 2026-04-29T09:00 --days 3 --format json" \
		"audit log $c1 --format json"
	do
		printf '### %s\n' "$args"
		# shellcheck disable=SC2086
		"$MOTCUA" $args 2>&1 </dev/null
	done >"$1"
}
