#!/bin/sh
# ZNS parameters at the lengths of their template types: a name of 30
# characters, the dossier code whole, a procedure and a reason of 200;
# a longer text is cut after a whole word and ends with "…".
. "$(dirname "$0")/../lib.sh"
init_office
"$MOTCUA" config set zns_template_received 1
"$MOTCUA" config set zns_template_supplement 2
"$MOTCUA" config set zns_template_rejected 3

new() { "$MOTCUA" -q dossier new --procedure 2.000635 "$@" </dev/null; }
up() { "$MOTCUA" dossier update "$@" >/dev/null </dev/null; }
# data CODE EVENT KEY: one parameter of one exported request (each event
# has its own template)
data() {
	case $2 in received) t=1 ;; supplement) t=2 ;; rejected) t=3 ;; esac
	"$MOTCUA" notify export </dev/null | jq -r --arg c "$1" --arg t "$t" \
		"select(.template_data.dossier_code == \$c and .template_id == \$t) | .template_data.$3"
}

# The office's own words go whole where they used to be cut at 30.
a=$(new --applicant "Trần Văn Bình" --phone 0912345678)
r="Bổ sung bản sao Giấy chứng nhận quyền sử dụng đất có chứng thực"
up "$a" --status supplement --reason "$r"
expect_eq "a supplement reason of 63 characters goes whole" "$r" "$(data "$a" supplement reason)"

# A reason longer than 200 characters: whole words, then "…".
w="giấy tờ nhà đất"
long="$w"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do long="$long, $w"; done
b=$(new --applicant "Lê Thị Cúc" --phone 0912345679)
up "$b" --status rejected --reason "$long"
got=$(data "$b" rejected reason)
expect_eq "a reason of $(printf '%s' "$long" | jq -Rr length) characters keeps at most 200, ending in …" \
	"199 true" "$(printf '%s' "$got" | jq -Rr 'length | tostring') $(printf '%s' "$got" | jq -Rr 'endswith(" giấy tờ nhà…") | tostring')"
kept=${got%…}
case "$long" in
"$kept"*) ok "the kept part is the reason's beginning, cut between words" ;;
*) not_ok "the kept part is not the reason's beginning: $kept" ;;
esac

# Names: 30 characters at most.
c=$(new --applicant "Nguyễn Thị Ngọc Phương Thảo Ủy" --phone 0912345680)
expect_eq "a name of exactly 30 characters goes whole" "Nguyễn Thị Ngọc Phương Thảo Ủy" "$(data "$c" received customer_name)"
d=$(new --applicant "Nguyễn Thị Ngọc Phương Thảo Uyên" --phone 0912345681)
expect_eq "one of 32 is cut after a word" "Nguyễn Thị Ngọc Phương Thảo…" "$(data "$d" received customer_name)"

# The dossier code is never cut, at the longest unit_id (35 characters).
"$MOTCUA" --db "$TMP/long.db" init --training --unit-id 000.00.22.H12.PHUONG.VINH.PHU.ABCDE \
	--unit-name "UBND phường Vĩnh Phú" >/dev/null
"$MOTCUA" --db "$TMP/long.db" config set zns_template_received 1
code=$("$MOTCUA" --db "$TMP/long.db" -q dossier new --procedure 2.000635 --applicant "A" --phone 0912345678 </dev/null)
expect_eq "a code of 47 characters goes whole" "$code 47" \
	"$("$MOTCUA" --db "$TMP/long.db" notify export | jq -r '.template_data.dossier_code + " " + (.template_data.dossier_code | length | tostring)')"

# Every request of the outbox keeps within its types' limits.
expect_eq "every parameter within its limit" "true" \
	"$("$MOTCUA" notify export | jq -s 'all(.[].template_data; (.customer_name | length) <= 30 and (.dossier_code | length) <= 50 and (.procedure_name | length) <= 200 and ((.reason // "") | length) <= 200) and length == 6')"
