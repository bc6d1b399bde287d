#!/bin/sh
# make install (PREFIX, DESTDIR) and `motcua help COMMAND`.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)

# The tree is already built with the default PREFIX: install that into DESTDIR.
make -s -C "$top" install DESTDIR="$TMP/root" >"$TMP/make.out" 2>&1
expect_eq "make install DESTDIR=... succeeds" "0" "$?"
for f in bin/motcua share/man/man1/motcua.1 share/man/man1/motcua-dossier.1 \
	share/man/man1/motcua-procedure.1 share/man/man1/motcua-holiday.1 \
	share/man/man5/motcua.5 share/bash-completion/completions/motcua \
	share/zsh/vendor-completions/_motcua share/fish/vendor_completions.d/motcua.fish \
	share/locale/vi/LC_MESSAGES/motcua.mo share/man/man1/motcua-report.1 \
	share/man/man1/motcua-notify.1 lib/motcua/motcua-net; do
	expect_eq "installs usr/local/$f" "yes" "$(test -s "$TMP/root/usr/local/$f" && echo yes)"
done
expect_eq "the installed program runs" "motcua 0.1.0" "$("$TMP/root/usr/local/bin/motcua" --version)"
expect_eq "and the shell sender of 0.1.0 is no more (notify send does its work)" "no" \
	"$(test -e "$TMP/root/usr/local/share/motcua/zns-send.sh" && echo yes || echo no)"
make -s -n -C "$top" install DESTDIR=/stage PREFIX=/usr >"$TMP/dry" 2>&1
expect_grep "PREFIX=/usr puts the program in /usr/bin" "/stage/usr/bin/motcua" "$TMP/dry"
expect_grep "and the man pages in /usr/share/man" "/stage/usr/share/man/man1/" "$TMP/dry"

MOTCUA_MANDIR="$top/man" MANPAGER=cat MANWIDTH=80 "$MOTCUA" help dossier >"$TMP/out" 2>"$TMP/err"
expect_eq "motcua help dossier opens its manual page" "0" "$?"
expect_grep "the page is motcua-dossier(1)" "motcua-dossier" "$TMP/out"
MOTCUA_MANDIR="$top/man" MANPAGER=cat "$MOTCUA" help calendar >"$TMP/out" 2>&1
expect_grep "motcua help calendar opens motcua-holiday(1)" "motcua-holiday" "$TMP/out"
MOTCUA_MANDIR="$top/man" MANPAGER=cat "$MOTCUA" help report >"$TMP/out" 2>&1
expect_grep "motcua help report opens motcua-report(1)" "MOTCUA-REPORT" "$TMP/out"
MOTCUA_MANDIR="$top/man" MANPAGER=cat "$MOTCUA" help notify >"$TMP/out" 2>&1
expect_grep "motcua help notify opens motcua-notify(1)" "MOTCUA-NOTIFY" "$TMP/out"
expect_code 2 "motcua help of an unknown command" help frobnicate
expect_code 0 "motcua --help" --help
expect_grep "lists the commands" "  dossier new          receive a dossier and print its receipt slip" "$TMP/out"
expect_code 0 "motcua dossier --help" dossier --help
expect_grep "lists the subcommands" "  update     move a dossier through its lifecycle" "$TMP/out"
expect_code 2 "motcua dossier without a subcommand" dossier
expect_code 2 "motcua with nothing" 
