#!/bin/sh
# The office's signing key (made by init, exported by key export) and qr
# verify: genuine payloads, payloads altered in each part, truncated, or
# signed by another office; offline with --key. The payloads are signed by
# the test helper sign-extract with a database's key, as the extract
# command signs them.
. "$(dirname "$0")/../lib.sh"

init_office
KEY=$TMP/data/motcua.key
expect_eq "init makes the private key beside the database, mode 0600" "600" \
	"$(stat -c %a "$KEY" 2>/dev/null)"
expect_code 0 "key export" key export
pub=$(cat "$TMP/out")
expect_eq "prints 44 characters of base64" "yes" \
	"$(echo "$pub" | grep -qE '^[A-Za-z0-9+/]{43}=$' && echo yes)"
expect_grep "the key file names the same public key" "# Public key: $pub" "$KEY"
expect_eq "the public key is the setting signing_public_key" "$pub" \
	"$(sqlite3 "$MOTCUA_DB" "select value from settings where key = 'signing_public_key'")"
expect_code 0 "key export --format json" key export --format json
expect_eq "with the unit and the key id" "000.00.22.H12 ed25519 $pub yes" \
	"$(jq -r '"\(.unit_id) \(.algorithm) \(.public_key) \(.key_id | test("^[0-9a-f]{8}$") | if . then "yes" else "no" end)"' "$TMP/out")"
kid=$(jq -r .key_id "$TMP/out")
expect_code 0 "init again with the same settings" init --training --unit-id 000.00.22.H12 \
	--unit-name "UBND phường Vĩnh Phú"
expect_eq "keeps the key" "$pub" "$("$MOTCUA" key export)"

sign() {  # KIND SERIAL BOOK NUMBER NAME NAME2 EVENT ISSUED
	"$HELPERS/sign-extract" "$MOTCUA_DB" "$@"
}
P=$(sign birth 125/2026/TLKS-BS 01/2019 125 "Nguyễn Thị Thanh Hương" "" 2019-03-05 2026-04-29)
expect_eq "the helper signs a payload" "MC1:" "$(printf '%.4s' "$P")"
expect_eq "compact: under 260 characters" "yes" "$(test ${#P} -lt 260 && echo yes)"

expect_code 0 "qr verify of a genuine payload" qr verify "$P"
expect_out "prints what the extract says" "genuine: signed by this office (key $kid)
  kind:        birth (Trích lục khai sinh)
  register:    book 01/2019, number 125
  name:        Nguyễn Thị Thanh Hương
  born:        2019-03-05
  serial:      125/2026/TLKS-BS
  issued:      2026-04-29
  office:      000.00.22.H12"
expect_code 0 "--format json" qr verify "$P" --format json
expect_eq "for programs" "true|birth|Nguyễn Thị Thanh Hương|null|01/2019|125|125/2026/TLKS-BS|2019-03-05|2026-04-29|$kid" \
	"$(jq -r '[.genuine, .kind, .name, .name2, .book, .number, .serial, .event_date, .issued, .key_id] | map(tostring) | join("|")' "$TMP/out")"

M=$(sign marriage 7/2026/TLKH-BS 01/2020 7 "Lê Văn Đạt" "Phạm Thị Ngọc Ánh" 2020-11-20 2026-04-29)
expect_code 0 "a marriage extract" qr verify "$M"
expect_grep "names the husband" "  husband:     Lê Văn Đạt" "$TMP/out"
expect_grep "and the wife" "  wife:        Phạm Thị Ngọc Ánh" "$TMP/out"
expect_grep "and the day of the marriage" "  married:     2020-11-20" "$TMP/out"
D=$(sign death 3/2026/TLKT-BS 01/2025 40 "Hoàng Văn Bảy" "" 2025-12-31 2026-04-29)
expect_code 0 "a death extract" qr verify "$D"
expect_grep "and the day of death" "  died:        2025-12-31" "$TMP/out"

# Through a real QR code and a real scanner, read from standard input.
"$MOTCUA" qr print --text "$P" -o "$TMP/p.png"
zbarimg --raw -q "$TMP/p.png" 2>/dev/null | "$MOTCUA" qr verify - >"$TMP/out" 2>"$TMP/err"
expect_eq "scanned and piped to qr verify -: genuine" "genuine: signed by this office (key $kid)" \
	"$(head -1 "$TMP/out")"

# ---- altered, truncated, not ours ----
fields=${P#MC1:}
fields=${fields%%.*}
sig=${P#*.}
flip() {  # STRING POSITION: the string with that character changed
	printf '%s' "$1" | awk -v i="$2" '{ c = substr($0, i, 1); r = (c == "A") ? "B" : "A";
		print substr($0, 1, i - 1) r substr($0, i + 1) }'
}
expect_code 1 "the prefix altered" qr verify "MC2:$fields.$sig"
expect_err "is not an extract" "motcua: NOT AN EXTRACT: this code does not begin with MC1:"
expect_code 1 "one character of the fields altered (the name)" \
	qr verify "MC1:$(flip "$fields" 60).$sig"
expect_err "is refused as altered" \
	"motcua: ALTERED: the signature does not match the contents; this is not a genuine extract"
expect_code 1 "the last character of the fields altered (the issue date)" \
	qr verify "MC1:$(flip "$fields" ${#fields}).$sig"
expect_code 1 "one character of the signature altered" qr verify "MC1:$fields.$(flip "$sig" 20)"
expect_err "is refused as altered" \
	"motcua: ALTERED: the signature does not match the contents; this is not a genuine extract"
msig=${M#*.}
expect_code 1 "another extract's genuine signature under these fields" qr verify "MC1:$fields.$msig"
expect_grep "altered" "ALTERED" "$TMP/err"
expect_code 1 "truncated in the signature" qr verify "$(printf '%.200s' "$P")"
expect_err "says so" "motcua: TRUNCATED: the signature is missing or cut short; scan the code again"
expect_code 1 "truncated before the signature" qr verify "MC1:$fields"
expect_grep "truncated" "TRUNCATED" "$TMP/err"
expect_code 1 "truncated in the fields" qr verify "$(printf '%.50s' "$P")"
expect_code 1 "any other text" qr verify "https://example.vn/"
expect_grep "not an extract" "NOT AN EXTRACT" "$TMP/err"

# Another office, with its own key.
B_DB=$TMP/b/motcua.db
MOTCUA_DB=$B_DB "$MOTCUA" init --training --unit-id 000.00.33.K01 --unit-name "UBND xã Tân Hiệp" >/dev/null
bpub=$(MOTCUA_DB=$B_DB "$MOTCUA" key export)
bkid=$(MOTCUA_DB=$B_DB "$MOTCUA" key export --format json | jq -r .key_id)
expect_eq "another office has another key" "yes" "$(test "$bpub" != "$pub" && echo yes)"
B=$("$HELPERS/sign-extract" "$B_DB" birth 9/2026/TLKS-BS 01/2021 9 "Võ Minh Khôi" "" 2021-01-02 2026-04-29)
expect_code 1 "its extract, checked with this office's key" qr verify "$B"
expect_err "names both keys" \
	"motcua: ANOTHER KEY: this code names key $bkid, not this office's key $kid; it was issued elsewhere, or altered"
expect_code 0 "checked with its own key (--key)" qr verify "$B" --key "$bpub"
expect_grep "genuine with the key given" "genuine: signed with the key given ($bkid)" "$TMP/out"
hex=$(printf '%s' "$bpub" | base64 -d | od -An -tx1 | tr -d ' \n')
expect_code 0 "--key in hexadecimal" qr verify "$B" --key "$hex"
MOTCUA_DB="$TMP/nowhere/x.db" "$MOTCUA" qr verify "$B" --key "$bpub" >"$TMP/out" 2>"$TMP/err"
expect_eq "--key needs no database" "0 no" "$? $(test -e "$TMP/nowhere" && echo yes || echo no)"
expect_code 1 "this office's extract with the other key" qr verify "$P" --key "$bpub"
expect_grep "another key" "ANOTHER KEY: this code names key $kid, not this office's key $bkid" "$TMP/err"
expect_code 2 "a bad --key" qr verify "$P" --key "not-a-key"
expect_err "is a usage error" "motcua: --key: \"not-a-key\" is not a public key (44 characters of base64 or 64 hex digits)
usage: motcua qr verify PAYLOAD|- [--key PUBKEY]"
expect_code 2 "no payload" qr verify

# ---- a database made before signing gets its key on first need ----
OLD=$TMP/old/motcua.db
MOTCUA_DB=$OLD "$MOTCUA" init --training --unit-id 000.00.22.H12 --unit-name "UBND phường Vĩnh Phú" >/dev/null
rm -f "$TMP/old/motcua.key"
sqlite3 "$OLD" "delete from settings where key = 'signing_public_key'"
MOTCUA_DB=$OLD "$MOTCUA" qr verify "$P" >"$TMP/out" 2>"$TMP/err"
expect_eq "qr verify on an office without a key: exit 1" "1" "$?"
expect_err "says so" "motcua: $OLD: this office has no signing key yet"
MOTCUA_DB=$OLD "$MOTCUA" key export >"$TMP/out" 2>"$TMP/err"
expect_eq "key export makes one (exit 0)" "0" "$?"
expect_eq "the key file appears, mode 0600" "600" "$(stat -c %a "$TMP/old/motcua.key" 2>/dev/null)"
expect_eq "and the printed key is its public half" "# Public key: $(cat "$TMP/out")" \
	"$(grep '^# Public key' "$TMP/old/motcua.key")"
O=$("$HELPERS/sign-extract" "$OLD" birth 1/2026/TLKS-BS 01/2019 1 "Đinh Thị Hoa" "" 2019-01-01 2026-04-29)
MOTCUA_DB=$OLD "$MOTCUA" qr verify "$O" >"$TMP/out" 2>&1
expect_eq "which signs and verifies" "0" "$?"
# Its key file lost: refused, and no new key is made behind the office's back.
mv "$TMP/old/motcua.key" "$TMP/old/saved.key"
"$HELPERS/sign-extract" "$OLD" birth 2/2026/TLKS-BS 01/2019 2 "Đinh Thị Hoa" "" 2019-01-01 2026-04-29 \
	>"$TMP/out" 2>"$TMP/err"
expect_eq "signing without the key file fails" "65" "$?"
expect_grep "naming the file" "$TMP/old/motcua.key: cannot read the office's signing key" "$TMP/err"
expect_eq "and makes no new key" "no" "$(test -e "$TMP/old/motcua.key" && echo yes || echo no)"

# A payload is signed by whoever holds the key (--key names any): its
# fields are shown made harmless, never as terminal controls.
evil=$(printf 'Lê Văn\033[2J\033[1A\rgenuine')
"$HELPERS/forge-payload" KS 000.00.22.H12 "9/2026/TLKS-BS" 01/2019 9 "$evil" "" 20190305 20260429 \
	>"$TMP/forged"
fkey=$(sed -n 1p "$TMP/forged") H=$(sed -n 2p "$TMP/forged")
expect_code 0 "a payload of another key, with terminal controls in its name" qr verify "$H" --key "$fkey"
expect_grep "shows them escaped" '  name:        Lê Văn\x1B[2J\x1B[1A\x0Dgenuine' "$TMP/out"
expect_eq "and sends no control character to the terminal" "0" \
	"$(LC_ALL=C tr -d '\n' <"$TMP/out" | LC_ALL=C tr -cd '\000-\037\177' | wc -c)"
expect_code 0 "in JSON" qr verify "$H" --key "$fkey" --format json
expect_eq "the name is the signed one, escaped as JSON" "$evil" "$(jq -r .name "$TMP/out")"
head -c 5000 /dev/zero | tr '\0' 'A' >"$TMP/long"
"$MOTCUA" qr verify - <"$TMP/long" >"$TMP/out" 2>"$TMP/err"
expect_eq "a payload of 5,000 bytes on standard input: exit 65" "65" "$?"
expect_err "is refused as no QR code's" "motcua: payload: longer than 4096 bytes; this is not a QR code's"
