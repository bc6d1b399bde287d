#!/bin/sh
# motcua — the manual pages in Vietnamese (po/man, po4a). Every page named
# in po/man/PAGES is translated in full (no string untranslated or fuzzy),
# made by `make man-vi`, installed by `make install` into share/man/vi,
# read by man in a vi_VN.UTF-8 locale without a warning, with the
# sections and the options of the English page. A page whose translation
# falls behind its English page (make update-po-man leaves what changed
# fuzzy) is not installed in vi, and man shows the English one instead.
#
# Needs po4a, gettext, groff, man-db and locales (scripts/deps.sh).

. "$(dirname "$0")/../lib.sh"

PO=$TOP/po/man
CFG=$PO/po4a.cfg
export MANPAGER=cat PAGER=cat
unset MANWIDTH MANOPT MANROFFOPT MANPATH MOTCUA_MANDIR 2>/dev/null || true

for t in po4a msgattrib msgfmt preconv groff man localedef; do
	command -v "$t" >/dev/null 2>&1 ||
		{ not_ok "$t is not installed (scripts/deps.sh)"; exit 1; }
done

# The vi_VN.UTF-8 locale: the system's, or else made here from the
# locales package's sources (a machine or CI where it was never generated).
if ! locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8'; then
	mkdir -p "$TMP/locale"
	localedef -i vi_VN -f UTF-8 "$TMP/locale/vi_VN.UTF-8" 2>"$TMP/localedef.err" ||
		{ not_ok "localedef vi_VN.UTF-8"; sed 's/^/#   /' "$TMP/localedef.err"; exit 1; }
	VI_LOCPATH=$TMP/locale
fi
# in_vi CMD...: CMD in the vi_VN.UTF-8 locale.
in_vi() {
	env -u LC_ALL -u LANGUAGE LANG=vi_VN.UTF-8 ${VI_LOCPATH:+LOCPATH="$VI_LOCPATH"} "$@"
}
expect_eq "the vi_VN.UTF-8 locale works (charmap UTF-8, no warning)" \
	"UTF-8" "$(in_vi locale charmap 2>&1)"

# 1. po4a.cfg names every English page, with its PO file
#    po/man/<page without section>.vi.po (motcua.5: motcua.5.vi.po), so
#    that `make update-po-man` gives a new page its PO file.
po_of() {  # page -> its PO file, from po4a.cfg
	awk -v p="man/$1" '$1 == "[type:" && $3 == p {
		for (i = 4; i <= NF; i++) if ($i ~ /^pot=/) print substr($i, 5) }' "$CFG" |
		sed 's|.*|po/man/&.vi.po|'
}
for path in "$TOP"/man/*.[15]; do
	page=${path##*/}
	po=$(po_of "$page")
	want=${page%.1}.vi.po
	case $page in *.5) [ -e "$TOP/man/${page%.5}.1" ] || want=${page%.5}.vi.po ;; esac
	expect_eq "po4a.cfg translates man/$page into po/man/$want" "po/man/$want" "$po"
done

# 2. The pages of PAGES are translated in full.
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PO/PAGES" >"$TMP/pages"
n=$(wc -l <"$TMP/pages")
if [ "$n" -ge 5 ]; then ok "po/man/PAGES names $n pages"
else not_ok "po/man/PAGES names only $n pages"
fi
entries() {  # msgattrib options, PO: how many entries it selects
	msgattrib --no-obsolete --no-wrap "$@" | grep -c '^#: '
}
while read -r page; do
	[ -f "$TOP/man/$page" ] || { not_ok "PAGES: no English page man/$page"; continue; }
	po=$(po_of "$page")
	if [ -z "$po" ] || [ ! -f "$TOP/$po" ]; then
		not_ok "$page: no PO file ${po:-in po4a.cfg}"
		continue
	fi
	total=$(entries "$TOP/$po")
	expect_eq "$po: 0 of $total strings untranslated" 0 "$(entries --untranslated "$TOP/$po")"
	expect_eq "$po: 0 of $total strings fuzzy" 0 "$(entries --only-fuzzy "$TOP/$po")"
	if msgfmt -c -o /dev/null "$TOP/$po" 2>"$TMP/msgfmt.err"; then ok "msgfmt -c $po"
	else not_ok "msgfmt -c $po"; sed 's/^/#   /' "$TMP/msgfmt.err" | head -5
	fi
done <"$TMP/pages"

# A string that two pages share has one translation: po4a (split mode)
# reads all the PO files as one, where a string translated two ways is
# fuzzy, and then makes neither page, nor any other page with it.
sed 's|^|po_of |' "$TMP/pages" >"$TMP/pos.sh"
(cd "$TOP" && . "$TMP/pos.sh") >"$TMP/pos" 2>/dev/null
(cd "$TOP" && xargs msgcat --more-than=1 -o "$TMP/shared.po" <"$TMP/pos")
shared=$(entries "$TMP/shared.po")
conflicts=$(entries --only-fuzzy "$TMP/shared.po")
if [ "$shared" -gt 0 ] && [ "$conflicts" -eq 0 ]; then
	ok "the PO files of PAGES agree on the $shared strings they share"
else
	not_ok "$conflicts of $shared strings shared by PO files of PAGES are fuzzy or translated differently"
	msgattrib --only-fuzzy --no-obsolete "$TMP/shared.po" | grep '^msgid' | sed 's/^/#   /' | head -10
fi

# 3. make install puts the English pages in man1, man5 and the Vietnamese
#    ones in vi/man1, vi/man5.
ROOT=$TMP/root
MANROOT=$ROOT/usr/local/share/man
make -s -C "$TOP" install-man DESTDIR="$ROOT" >"$TMP/make.out" 2>&1
expect_eq "make install-man DESTDIR=... succeeds" 0 "$?"
for path in "$TOP"/man/*.[15]; do
	page=${path##*/}
	expect_eq "installs share/man/man${page##*.}/$page" yes \
		"$(cmp -s "$path" "$MANROOT/man${page##*.}/$page" && echo yes)"
done
while read -r page; do
	expect_eq "installs share/man/vi/man${page##*.}/$page" yes \
		"$(test -s "$MANROOT/vi/man${page##*.}/$page" && echo yes)"
done <"$TMP/pages"

# render FILE: the page as plain text on very long lines, unhyphenated.
render() {
	preconv "$1" | groff -man -Tutf8 -P-cbou -rLL=4000n -rHY=0 2>/dev/null |
		LC_ALL=C sed -e 's/\xe2\x80\x90/-/g' -e 's/\xe2\x88\x92/-/g'
}
# options FILE: the long options the rendered page names, one per line.
options() {
	render "$1" | grep -o -- '--[a-z][a-z0-9-]*' | LC_ALL=C sort -u
}

# 4. Each Vietnamese page is clean roff, reads without a warning in the
#    vi_VN.UTF-8 locale, has Vietnamese headings, and has the English
#    page's sections and options.
for vi in "$MANROOT"/vi/man[15]/*; do
	[ -e "$vi" ] || continue
	page=${vi##*/}
	en=$TOP/man/$page
	out=$(preconv "$vi" | groff -man -Tutf8 -ww -z 2>&1)
	if [ -z "$out" ]; then ok "vi/$page: preconv | groff -Tutf8 -ww -z prints nothing"
	else not_ok "vi/$page: groff warns"; printf '%s\n' "$out" | sed 's/^/#   /' | head -10
	fi
	out=$(MANWIDTH=80 in_vi man -l "$vi" 2>&1 >"$TMP/man.out")
	if [ -z "$out" ]; then ok "vi/$page: LANG=vi_VN.UTF-8 man -l at 80 columns, no warning"
	else not_ok "vi/$page: man -l warns"; printf '%s\n' "$out" | sed 's/^/#   /' | head -10
	fi
	MANWIDTH=80 LC_ALL=C man -l "$TOP/man/$page" >"$TMP/man.en" 2>/dev/null
	for h in "NAME:TÊN" "SYNOPSIS:TÓM TẮT" "DESCRIPTION:MÔ TẢ"; do
		grep -qx "${h%%:*}" "$TMP/man.en" || continue
		if grep -qxF "${h#*:}" "$TMP/man.out"; then ok "vi/$page has the heading ${h#*:} (${h%%:*})"
		else not_ok "vi/$page has no heading ${h#*:} (${h%%:*})"
		fi
	done
	if grep -qx 'NAME\|SYNOPSIS\|DESCRIPTION' "$TMP/man.out"; then
		not_ok "vi/$page keeps English headings"
		grep -x 'NAME\|SYNOPSIS\|DESCRIPTION' "$TMP/man.out" | sed 's/^/#   /'
	else ok "vi/$page has no NAME, SYNOPSIS or DESCRIPTION heading left"
	fi
	if [ ! -f "$en" ]; then not_ok "vi/$page has no English page"; continue; fi
	expect_eq "vi/$page has the sections and subsections of man/$page" \
		"$(grep -c '^\.S[HS]' "$en")" "$(grep -c '^\.S[HS]' "$vi")"
	render "$en" | grep -c '^[^ ]' >"$TMP/en.h"
	render "$vi" | grep -c '^[^ ]' >"$TMP/vi.h"
	expect_eq "vi/$page renders as many headings as man/$page" "$(cat "$TMP/en.h")" "$(cat "$TMP/vi.h")"
	options "$en" >"$TMP/en.opts"
	options "$vi" >"$TMP/vi.opts"
	missing=$(LC_ALL=C comm -23 "$TMP/en.opts" "$TMP/vi.opts" | tr '\n' ' ')
	if [ -z "$missing" ]; then ok "vi/$page names the $(wc -l <"$TMP/en.opts") options of man/$page"
	else not_ok "vi/$page lacks options of man/$page: $missing"
	fi
done

# 5. man finds the Vietnamese page in a vi_VN.UTF-8 locale, the English
#    one otherwise, and so does `motcua help`.
first=$(head -1 "$TMP/pages")
name=${first%.*} sec=${first##*.}
expect_eq "LANG=vi_VN.UTF-8 man -w $name: the page in vi/man$sec" \
	"$MANROOT/vi/man$sec/$first" "$(MANPATH=$MANROOT in_vi man -w "$sec" "$name" 2>&1)"
expect_eq "LANG=C man -w $name: the English page" \
	"$MANROOT/man$sec/$first" "$(MANPATH=$MANROOT LC_ALL=C man -w "$sec" "$name" 2>&1)"
if grep -qx 'motcua-holiday.1' "$TMP/pages"; then
	MANPATH=$MANROOT MANWIDTH=80 in_vi "$MOTCUA" help calendar >"$TMP/out" 2>"$TMP/err"
	expect_eq "LANG=vi_VN.UTF-8 motcua help calendar succeeds" 0 "$?"
	expect_grep "... and shows motcua-holiday(1) in Vietnamese" "MÔ TẢ" "$TMP/out"
fi

make -s -C "$TOP" uninstall DESTDIR="$ROOT" >"$TMP/make.out" 2>&1
expect_eq "make uninstall removes the Vietnamese pages" "" \
	"$(find "$MANROOT/vi" -type f 2>/dev/null)"

# 6. After an English page changes, update-po-man makes what changed fuzzy,
#    and the page is no longer made nor installed in vi: man falls back to
#    English. In a copy of the tree.
T=$TMP/tree
mkdir -p "$T/po"
cp -R "$TOP/Makefile" "$TOP/man" "$T/" && cp -R "$PO" "$T/po/" && rm -rf "$T/build"
awk '!done && /^\.SH DESCRIPTION/ { on = 1 }
	on && !done && /^[^.]/ { $0 = $0 " Revised."; done = 1 } { print }' \
	"$TOP/man/$first" >"$T/man/$first"
if cmp -s "$TOP/man/$first" "$T/man/$first"; then not_ok "could not change man/$first in the copy"
else ok "a sentence of man/$first's DESCRIPTION changed (in a copy)"
fi
po=$(po_of "$first")
make -s -C "$T" update-po-man >"$TMP/update.out" 2>&1
expect_eq "make update-po-man succeeds" 0 "$?"
expect_eq "$po: the changed paragraph is now fuzzy" 1 "$(entries --only-fuzzy "$T/$po")"
make -s -C "$T" install-man DESTDIR="$T/root" >"$TMP/make.out" 2>&1
expect_eq "make install-man in the copy succeeds" 0 "$?"
expect_eq "$first is no longer made in vi" no "$(test -e "$T/build/man/vi/$first" && echo yes || echo no)"
expect_eq "... nor installed in vi/man$sec" no \
	"$(test -e "$T/root/usr/local/share/man/vi/man$sec/$first" && echo yes || echo no)"
other=$(sed -n 2p "$TMP/pages")
expect_eq "$other, still translated in full, is installed in vi" yes \
	"$(test -s "$T/root/usr/local/share/man/vi/man${other##*.}/$other" && echo yes)"
expect_eq "LANG=vi_VN.UTF-8 man -w $name now gives the English page" \
	"$T/root/usr/local/share/man/man$sec/$first" \
	"$(MANPATH=$T/root/usr/local/share/man in_vi man -w "$sec" "$name" 2>&1)"
