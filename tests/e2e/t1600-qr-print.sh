#!/bin/sh
# qr print: every type read back by zbarimg at every level (SVG through
# rsvg-convert, text through the test helpers), the defaults, the options
# and their limits, dossier codes, and --batch in one process.
. "$(dirname "$0")/../lib.sh"

scan() { zbarimg --raw -q "$1" 2>/dev/null; }
info() { "$HELPERS/pnginfo" "$1"; }

URL="https://dichvucong.binhduong.gov.vn/tra-cuu?ma=000.00.22.H12-260429-0001&pin=7KQ2MZ"
VI="Nguyễn Văn Đức, 12 đường Lê Lợi, phường Vĩnh Phú, tỉnh Bình Dương"

# ---- no database needed for --text ----
real_db=$MOTCUA_DB
export MOTCUA_DB="$TMP/nowhere/motcua.db"
expect_code 0 "qr print --text works without any database" qr print --text "$URL" -o "$TMP/a.png"
expect_eq "and creates none" "no" "$(test -e "$TMP/nowhere" && echo yes || echo no)"
expect_eq "the PNG reads back" "$URL" "$(scan "$TMP/a.png")"

# ---- every type, every level, Vietnamese text and a URL ----
for payload in "$URL" "$VI"; do
	for l in L M Q H; do
		what="level $l, $(printf '%.20s' "$payload")"
		"$MOTCUA" qr print --text "$payload" -l "$l" -o "$TMP/p.png" 2>"$TMP/err"
		expect_eq "png at $what" "$payload" "$(scan "$TMP/p.png")"
		"$MOTCUA" qr print --text "$payload" -l "$l" -t svg -o "$TMP/p.svg" 2>"$TMP/err"
		rsvg-convert "$TMP/p.svg" -o "$TMP/svg.png"
		expect_eq "svg at $what (rsvg-convert)" "$payload" "$(scan "$TMP/svg.png")"
		"$MOTCUA" qr print --text "$payload" -l "$l" -t utf8 >"$TMP/p.txt" 2>"$TMP/err"
		"$HELPERS/halfblock2png" "$TMP/u.png" <"$TMP/p.txt"
		expect_eq "utf8 at $what (half blocks)" "$payload" "$(scan "$TMP/u.png")"
		for t in ansi ascii; do
			"$MOTCUA" qr print --text "$payload" -l "$l" -t "$t" >"$TMP/p.txt" 2>"$TMP/err"
			"$HELPERS/qrtext2png" "$t" "$TMP/t.png" <"$TMP/p.txt"
			expect_eq "$t at $what" "$payload" "$(scan "$TMP/t.png")"
		done
	done
done
expect_code 0 "-o - writes to standard output" qr print --text "$VI" -t svg -o -
expect_grep "an SVG" "<svg xmlns=" "$TMP/out"
expect_eq "with a single path" "1" "$(grep -c '<path' "$TMP/out")"
expect_code 0 "ansi with colours" qr print --text "$URL" -t ansi --foreground 003366 --background ffffee
expect_grep "as 24-bit backgrounds" "$(printf '\033[48;2;0;51;102m')" "$TMP/out"
"$HELPERS/qrtext2png" ansi "$TMP/t.png" <"$TMP/out"
expect_eq "which still scans" "$URL" "$(scan "$TMP/t.png")"

# ---- the defaults and the PNG's header ----
expect_code 0 "-o FILE.png" qr print --text "$URL" -o "$TMP/d.png"
w=$(info "$TMP/d.png" | sed -n 's/^\([0-9]*\)x.*/\1/p')
expect_eq "1-bit palette, 72 dpi, like qrencode" "depth=1 type=palette dpi=72 palette=ffffff,000000" \
	"$(info "$TMP/d.png" | cut -d' ' -f2-)"
expect_eq "4 pixels a module, 4 modules of margin: as qrencode -s 4 -l M" \
	"$(qrencode -s 4 -l M -o "$TMP/q.png" "$URL" && info "$TMP/q.png" | cut -d' ' -f1)" \
	"$(info "$TMP/d.png" | cut -d' ' -f1)"
expect_code 0 "-s 2 -m 1 -d 300" qr print --text "$URL" -s 2 -m 1 -d 300 -o "$TMP/s.png"
n=$(( (w / 4 - 8 + 2) * 2 ))
expect_eq "(modules + 2) x 2 pixels, pHYs 300 dpi" "${n}x$n depth=1 type=palette dpi=300" \
	"$(info "$TMP/s.png" | cut -d' ' -f1-4)"
expect_eq "and it scans" "$URL" "$(scan "$TMP/s.png")"
expect_code 0 "--foreground and --background with alpha" qr print --text "$URL" \
	--foreground 336699 --background FFFFFF00 -o "$TMP/c.png"
expect_eq "in the palette, the alpha in tRNS" "palette=ffffff,336699 trns=00,ff" \
	"$(info "$TMP/c.png" | cut -d' ' -f5-)"
expect_code 0 "svg colours" qr print --text "$URL" --foreground 336699 -o "$TMP/c.svg"
expect_grep "the path takes the foreground" '<path fill="#336699"' "$TMP/c.svg"
expect_code 0 "-o FILE.svg means svg" qr print --text "$URL" -o "$TMP/e.svg"
expect_eq "an XML file" "<?xml" "$(head -c 5 "$TMP/e.svg")"
expect_code 0 "-o FILE.txt means utf8" qr print --text "$URL" -o "$TMP/e.txt"
expect_grep "half blocks" "▀" "$TMP/e.txt"
expect_code 0 "any other -o FILE is a PNG, as qrencode writes" qr print --text "$URL" -o "$TMP/e.dat"
expect_eq "a PNG" "PNG" "$(head -c 4 "$TMP/e.dat" | tail -c 3)"
"$MOTCUA" qr print --text "$URL" >"$TMP/pipe.out" 2>"$TMP/err"
expect_eq "into a pipe or a file: a PNG" "$URL" "$(scan "$TMP/pipe.out")"
if script -qec "'$MOTCUA' qr print --text '$URL'" /dev/null >"$TMP/tty" 2>&1 </dev/null; then
	tr -d '\r' <"$TMP/tty" >"$TMP/tty.txt"
	expect_grep "on a terminal: half blocks" "▀" "$TMP/tty.txt"
	expect_grep "in black on white" "$(printf '\033[30;47m')" "$TMP/tty.txt"
	"$HELPERS/halfblock2png" "$TMP/tty.png" <"$TMP/tty.txt"
	expect_eq "that scan" "$URL" "$(scan "$TMP/tty.png")"
else
	not_ok "script(1) cannot run qr print on a pseudo-terminal"
fi
script -qec "'$MOTCUA' qr print --text x -t png" /dev/null >"$TMP/tty" 2>&1 </dev/null
expect_eq "a PNG to a terminal is refused (exit 2)" "2" "$?"

# ---- limits and bad values ----
big=$(head -c 2332 /dev/zero | tr '\0' x)
expect_code 65 "a payload too large for level M" qr print --text "$big" -o "$TMP/big.png"
expect_err "names the limit" \
	"motcua: payload of 2332 bytes is too large for a QR code at level M (at most 2331 bytes)"
expect_eq "and writes no file" "no" "$(test -e "$TMP/big.png" && echo yes || echo no)"
expect_code 0 "fits at level L" qr print --text "$big" -l L -o "$TMP/big.png"
expect_eq "which scans" "$big" "$(scan "$TMP/big.png")"
expect_code 65 "an empty payload" qr print --text "" -o "$TMP/e.png"
expect_err "says so" "motcua: the payload is empty"
expect_code 2 "-l X" qr print --text x -l X -o "$TMP/x.png"
expect_err "names the levels" "motcua: --level: \"X\" is not L, M, Q or H
usage: motcua qr print [CODE | --text STRING | --batch] [-t png|svg|utf8|ansi|ascii] [-o FILE|DIR|-] [-s PIXELS] [-m MODULES] [-l L|M|Q|H] [-d DPI] [--foreground RRGGBB[AA]] [--background RRGGBB[AA]]"
expect_code 2 "-s 0" qr print --text x -s 0 -o "$TMP/x.png"
expect_err "gives the range" "motcua: --size: \"0\" is not a number from 1 to 100"
expect_code 2 "-s 101" qr print --text x -s 101 -o "$TMP/x.png"
expect_code 2 "-m 65" qr print --text x -m 65 -o "$TMP/x.png"
expect_code 2 "-m -1" qr print --text x -m -1 -o "$TMP/x.png"
expect_code 2 "-d 0" qr print --text x -d 0 -o "$TMP/x.png"
expect_code 2 "-t eps" qr print --text x -t eps
expect_code 2 "--foreground red" qr print --text x --foreground red -o "$TMP/x.png"
expect_err "names the form" "motcua: --foreground: \"red\" is not a colour RRGGBB or RRGGBBAA (hexadecimal)
usage: motcua qr print [CODE | --text STRING | --batch] [-t png|svg|utf8|ansi|ascii] [-o FILE|DIR|-] [-s PIXELS] [-m MODULES] [-l L|M|Q|H] [-d DPI] [--foreground RRGGBB[AA]] [--background RRGGBB[AA]]"
expect_code 2 "colours on utf8" qr print --text x -t utf8 --background 000000
expect_code 2 "both a CODE and --text" qr print CODE --text x
expect_code 2 "neither" qr print
expect_code 73 "an -o FILE that cannot be created" qr print --text x -o "$TMP/no/such/x.png"
if [ -w /dev/full ]; then
	expect_code 74 "a full disk" qr print --text x -o /dev/full
fi

# ---- a dossier's code ----
expect_code 66 "a CODE without a database" qr print 000.00.22.H12-260429-0001 -o "$TMP/x.png"
export MOTCUA_DB=$real_db
init_office
code=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Nguyễn Văn A")
pin=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$code'")
lookup="https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$code&pin=$pin"
expect_code 0 "qr print CODE" qr print "$code" -o "$TMP/code.png"
expect_eq "is the dossier's lookup URL" "$lookup" "$(scan "$TMP/code.png")"
expect_code 0 "in any letter case" qr print "$(echo "$code" | tr 'H' 'h')" -t svg -o "$TMP/code.svg"
rsvg-convert "$TMP/code.svg" -o "$TMP/code.svg.png"
expect_eq "the same URL" "$lookup" "$(scan "$TMP/code.svg.png")"
expect_code 1 "an unknown code" qr print 000.00.22.H12-260429-0099 -o "$TMP/x.png"
expect_err "is not found" "motcua: no dossier 000.00.22.H12-260429-0099"
"$MOTCUA" config set lookup_url "" >/dev/null
expect_code 0 "without lookup_url" qr print "$code" -o "$TMP/bare.png"
expect_eq "the code itself" "$code" "$(scan "$TMP/bare.png")"
"$MOTCUA" config set lookup_url 'https://dichvucong.binhduong.gov.vn/tra-cuu?ma={code}&pin={pin}' >/dev/null

# ---- --batch: one process, one file per line ----
code2=$("$MOTCUA" -q dossier new --procedure 2.000635 --applicant "Trần Thị B")
pin2=$(sqlite3 "$MOTCUA_DB" "select pin from dossiers where code = '$code2'")
batch() {  # ARGS... < lines (not from a pipe: rc must reach this shell)
	"$MOTCUA" qr print --batch "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
printf '%s\n%s\n\n%s\r\n%s\n' "$code" "$URL" "$VI" "$code2" >"$TMP/in"
batch -o "$TMP/b" <"$TMP/in"
expect_eq "--batch writes every line (exit 0)" "0" "$rc"
expect_eq "codes by name, other payloads by line number" \
	"$(printf '%s\n' 0002.png 0004.png "$code.png" "$code2.png" | LC_ALL=C sort)" \
	"$(ls "$TMP/b" | LC_ALL=C sort)"
expect_eq "a code is its lookup URL" "$lookup" "$(scan "$TMP/b/$code.png")"
expect_eq "the second code" "https://dichvucong.binhduong.gov.vn/tra-cuu?ma=$code2&pin=$pin2" \
	"$(scan "$TMP/b/$code2.png")"
expect_eq "a URL is itself" "$URL" "$(scan "$TMP/b/0002.png")"
expect_eq "Vietnamese text, its CR dropped" "$VI" "$(scan "$TMP/b/0004.png")"
expect_eq "1-bit PNGs" "depth=1 type=palette" "$(info "$TMP/b/0002.png" | cut -d' ' -f2-3)"
printf '%s\n%s\n' "$code" "$VI" >"$TMP/in"
batch -o "$TMP/bs" -t svg -s 3 <"$TMP/in"
expect_eq "-t svg" "$code.svg 0002.svg" "$(ls "$TMP/bs" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
rsvg-convert "$TMP/bs/0002.svg" -o "$TMP/bs.png"
expect_eq "which scan" "$VI" "$(scan "$TMP/bs.png")"
printf '%s\n000.00.22.H12-260429-0099\n%s\n%s\n' "$URL" "$big" "$VI" >"$TMP/in"
batch -o "$TMP/bad" <"$TMP/in"
expect_eq "bad lines: exit code of the first (not found)" "1" "$rc"
expect_err "each named by its line" "motcua: -:2: no dossier 000.00.22.H12-260429-0099
motcua: -:3: payload of 2332 bytes is too large for a QR code at level M (at most 2331 bytes)"
expect_eq "the good lines are written" "0001.png 0004.png" "$(ls "$TMP/bad" | tr '\n' ' ' | sed 's/ $//')"
seq 1 300 | sed 's|^|https://example.vn/ma/|' >"$TMP/in"
batch -o "$TMP/many" <"$TMP/in"
expect_eq "300 lines, 300 files" "0 300" "$rc $(ls "$TMP/many" | wc -l)"
expect_eq "the 300th" "https://example.vn/ma/300" "$(scan "$TMP/many/0300.png")"
printf 'x\n' >"$TMP/in"
batch <"$TMP/in"
expect_eq "--batch without -o DIR is a usage error" "2" "$rc"
printf 'x\n' >"$TMP/in"
batch -o "$TMP/u" -t utf8 <"$TMP/in"
expect_eq "--batch writes png or svg only" "2" "$rc"
printf 'x\n' >"$TMP/in"
batch -o "$TMP/u" --text y <"$TMP/in"
expect_eq "--batch takes no --text" "2" "$rc"
: >"$TMP/file"
printf 'x\n' >"$TMP/in"
batch -o "$TMP/file" <"$TMP/in"
expect_eq "-o a file that is not a folder (exit 73)" "73" "$rc"
printf '%s\n' "$URL" | MOTCUA_DB="$TMP/nowhere/x.db" "$MOTCUA" qr print --batch -o "$TMP/nodb" \
	>/dev/null 2>&1
expect_eq "--batch of payloads needs no database" "$URL" "$(scan "$TMP/nodb/0001.png")"
