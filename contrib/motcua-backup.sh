#!/bin/sh
# motcua-backup.sh — the nightly backup of a motcua register, with rotation.
#
#   motcua-backup.sh DIR [KEEP]
#
# Writes DIR/motcua-YYYYMMDD-HHMMSS.db with `motcua db backup` (a
# consistent copy taken while clerks work, mode 0600, verified), checks the
# copy with `motcua db check` (the audit chain and every row) against the
# newest older copy (whose audit records must all still be there), and only
# then removes the oldest motcua-*.db of DIR so that KEEP remain (default
# 30). When the backup fails, or the copy shows a problem (a register
# changed behind the program's back), nothing is removed: the older copies
# are the evidence. The exit status is motcua's (0 when all went well).
#
# The database is the one motcua would use: --db is not needed when
# MOTCUA_DB is set (or the default is right). A crontab line, every night
# at 22:15, keeping 30 copies:
#
#   15 22 * * *  MOTCUA_DB=/srv/motcua/motcua.db /usr/local/bin/motcua-backup.sh /srv/backup/motcua 30
#
# MOTCUA names the program (default: motcua on PATH); MOTCUA_BACKUP_STAMP
# replaces the time stamp of the file name (for tests and replays).
set -u
MOTCUA=${MOTCUA:-motcua}
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: motcua-backup.sh DIR [KEEP]" >&2
	exit 2
fi
dir=$1
keep=${2:-30}
case $keep in
'' | *[!0-9]* | 0)
	echo "motcua-backup: KEEP: \"$keep\" is not a number of copies (1 or more)" >&2
	exit 2 ;;
esac
stamp=${MOTCUA_BACKUP_STAMP:-$(date +%Y%m%d-%H%M%S)}
case $stamp in
[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]) ;;
*)
	echo "motcua-backup: MOTCUA_BACKUP_STAMP: \"$stamp\" is not YYYYMMDD-HHMMSS" >&2
	exit 2 ;;
esac

umask 077
if ! mkdir -p "$dir"; then
	echo "motcua-backup: cannot create $dir" >&2
	exit 73
fi
file=$dir/motcua-$stamp.db
# The newest copy before this one: every audit record it holds must still
# be in the register, the same (a log rewritten as a whole is caught).
prev=$(ls "$dir" | grep -E '^motcua-[0-9]{8}-[0-9]{6}\.db$' | sort | tail -n 1)
"$MOTCUA" -q db backup "$file" || exit $?
if [ -n "$prev" ]; then
	set -- --against "$dir/$prev"
else
	set --
fi
if ! "$MOTCUA" --db "$file" db check "$@" >"$file.check" 2>&1; then
	echo "motcua-backup: $file: the register has problems; no old copy removed:" >&2
	cat "$file.check" >&2
	rm -f "$file.check"
	exit 1
fi
rm -f "$file.check"

# The newest KEEP copies stay; the names sort by time.
ls "$dir" | grep -E '^motcua-[0-9]{8}-[0-9]{6}\.db$' | sort -r | tail -n +"$((keep + 1))" |
	while read -r old; do
		rm -f "$dir/$old"
	done
exit 0
