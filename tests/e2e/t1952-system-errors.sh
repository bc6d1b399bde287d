#!/bin/sh
# Readable system errors: a missing file, a folder that refuses a new file
# and a full disk give their reason in motcua's own Vietnamese (UTF-8
# whatever the locale's character set) or in English, never the C
# library's translation turned into "?" by an ASCII locale; whether the
# vi_VN.UTF-8 locale was generated or not.
. "$(dirname "$0")/../lib.sh"

init_office

# Tests run as root: paths that refuse whatever the permissions.
MISSING=$TMP/no-such-folder/births.csv       # ENOENT
REFUSED=/sys/motcua-test.png                 # sysfs refuses new files: EACCES
NOTDIR=/etc/passwd/motcua-test.png           # ENOTDIR
FULL=/dev/full                               # ENOSPC on write

# errors: the four failures, their messages in $TMP/errs, the codes in $TMP/codes
errors() {
	: >"$TMP/errs"
	: >"$TMP/codes"
	for args in "register import birth $MISSING" "qr print --text abc -t png -o $REFUSED" \
		"qr print --text abc -t png -o $NOTDIR" "qr print --text abc -t png -o $FULL"
	do
		# shellcheck disable=SC2086
		"$MOTCUA" $args >/dev/null 2>>"$TMP/errs" </dev/null
		echo $? >>"$TMP/codes"
	done
}

VI="motcua: $MISSING: không có tệp hoặc thư mục này
motcua: $REFUSED: không có quyền truy cập
motcua: $NOTDIR: không phải là thư mục
motcua: $FULL: lỗi ghi: ổ đĩa đã hết chỗ trống"
EN="motcua: $MISSING: No such file or directory
motcua: $REFUSED: Permission denied
motcua: $NOTDIR: Not a directory
motcua: $FULL: write error: No space left on device"
CODES="66 73 73 74"

# check DESC WANT: the messages are WANT exactly, with no "?"
check() {
	printf '%s\n' "$2" >"$TMP/want"
	if cmp -s "$TMP/want" "$TMP/errs"; then ok "$1"
	else
		not_ok "$1"
		diff -u "$TMP/want" "$TMP/errs" | sed 's/^/#   /' | head -20
	fi
	expect_eq "$1: exit codes" "$CODES" "$(tr '\n' ' ' <"$TMP/codes" | sed 's/ $//')"
}

# The issue's machine: no Vietnamese locale, an ASCII character set.
( unset LC_ALL; LANG=C; LANGUAGE=vi; export LANG LANGUAGE; errors
  check "LANGUAGE=vi under LANG=C: Vietnamese, readable" "$VI" )
( LC_ALL=C; LANGUAGE=vi; export LC_ALL LANGUAGE; errors
  check "LANGUAGE=vi under LC_ALL=C: Vietnamese, readable" "$VI" )
( unset LC_ALL; LANG=vi_VN.UTF-8; export LANG; errors
  check "LANG=vi_VN.UTF-8 never generated: Vietnamese" "$VI" )
( unset LC_ALL; LANG=C; export LANG; errors
  check "LANG=C: English" "$EN" )
errors
check "C.UTF-8: English" "$EN"

# The same with the vi_VN.UTF-8 locale generated (in a folder of the test's
# own, through LOCPATH: the machine's locales are left alone).
command -v localedef >/dev/null 2>&1 ||
	{ not_ok "localedef is missing (libc-bin): cannot generate vi_VN.UTF-8"; exit 0; }
mkdir -p "$TMP/locales"
if localedef -i vi_VN -f UTF-8 "$TMP/locales/vi_VN.UTF-8" >"$TMP/localedef.out" 2>&1; then
	( unset LC_ALL; LANG=vi_VN.UTF-8; LOCPATH=$TMP/locales; export LANG LOCPATH
	  expect_eq "the generated locale is the one in use" "vi_VN.UTF-8" \
		"$(locale 2>/dev/null | sed -n 's/^LC_CTYPE="\(.*\)"$/\1/p')"
	  errors
	  check "LANG=vi_VN.UTF-8 generated: Vietnamese" "$VI" )
	( unset LC_ALL; LANG=vi_VN.UTF-8; LC_MESSAGES=C; LOCPATH=$TMP/locales
	  export LANG LC_MESSAGES LOCPATH; errors
	  check "vi_VN.UTF-8 with English messages: English" "$EN" )
else
	not_ok "localedef could not generate vi_VN.UTF-8"
	sed 's/^/#   /' "$TMP/localedef.out" | head -5
fi

# SQLite's own reason stays English (motcua(1), LANGUAGE), inside
# motcua's Vietnamese sentence, and readable.
printf 'not a database\n' >"$TMP/not.db"
( LC_ALL=C; LANGUAGE=vi; export LC_ALL LANGUAGE
  expect_code 66 "a file that is not a database" --db "$TMP/not.db" procedure list
  expect_err "its reason: Vietnamese, with SQLite's words" \
"motcua: $TMP/not.db: không phải là cơ sở dữ liệu motcua (file is not a database)" )
