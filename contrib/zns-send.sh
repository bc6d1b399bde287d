#!/bin/sh
# zns-send.sh - send motcua's queued citizen notifications through Zalo ZNS.
#
# An example sender for a cron job (see README.md, "Nightly jobs"):
#
#   */10 7-20 * * *  ZNS_ACCESS_TOKEN_FILE=/etc/motcua/zns-token \
#                    MOTCUA_DB=/srv/motcua/motcua.db /usr/local/share/motcua/zns-send.sh
#
# It takes the requests that `motcua notify export --format jsonl` prints
# (one ZNS request body per line), posts each one to the ZNS endpoint, and
# records each outcome at once with `motcua notify mark`:
#   - Zalo answers {"error":0,...,"data":{"msg_id":"..."}}: marked sent, with
#     the msg_id; a sent message is never exported again;
#   - Zalo answers another error, or something that is not JSON, or curl
#     fails (no network, timeout): marked failed with that error; the
#     message stays in the outbox and the next run tries it again.
# A message is only ever marked after its own request, so that nothing is
# lost; the one window for a second sending is a crash between Zalo's
# answer and the mark that follows it.
#
# Environment:
#   ZNS_ACCESS_TOKEN       the Official Account's access token, or
#   ZNS_ACCESS_TOKEN_FILE  a file (mode 0600) whose first line is the token
#   ZNS_URL                the endpoint (default
#                          https://business.openapi.zalo.me/message/template)
#   ZNS_TIMEOUT            seconds allowed for one request (default 20)
#   MOTCUA                 the motcua program (default: motcua from PATH);
#                          MOTCUA_DB, MOTCUA_CLERK... as motcua reads them
#
# The token is handed to curl in a private configuration file, never on a
# command line that `ps` would show.
#
# It ends with "zns-send: N sent, N failed" on stdout; each failure is
# also said on stderr. Needs a POSIX sh, curl and jq. Exit status: 0 when
# every message was sent (or there was nothing to send), 1 when some
# failed or could not be marked, 2 when the set-up is wrong (no token, no
# curl or jq, motcua cannot export).
set -u

me=zns-send
motcua=${MOTCUA:-motcua}
url=${ZNS_URL:-https://business.openapi.zalo.me/message/template}
timeout=${ZNS_TIMEOUT:-20}

say() { printf '%s: %s\n' "$me" "$*" >&2; }

for tool in curl jq; do
	command -v "$tool" >/dev/null 2>&1 || { say "$tool is not installed"; exit 2; }
done
token=${ZNS_ACCESS_TOKEN:-}
if [ -z "$token" ] && [ -n "${ZNS_ACCESS_TOKEN_FILE:-}" ]; then
	token=$(head -n 1 "$ZNS_ACCESS_TOKEN_FILE") || { say "cannot read $ZNS_ACCESS_TOKEN_FILE"; exit 2; }
fi
case $token in
"") say "no access token: set ZNS_ACCESS_TOKEN or ZNS_ACCESS_TOKEN_FILE"; exit 2 ;;
*[!A-Za-z0-9._~+/=-]*) say "the access token has characters a token does not have"; exit 2 ;;
esac

umask 077
dir=$(mktemp -d "${TMPDIR:-/tmp}/$me.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
trap 'exit 2' HUP INT TERM
printf 'header = "access_token: %s"\nheader = "Content-Type: application/json"\n' \
	"$token" >"$dir/curl.conf"

"$motcua" notify export --format jsonl >"$dir/requests" </dev/null || {
	say "motcua notify export failed"
	exit 2
}

# mark ID sent|failed [OPTION VALUE]: record an outcome, loudly if that fails.
mark() {
	if ! "$motcua" notify mark "$@" </dev/null; then
		say "could not record message $1 as $2; it may be sent again"
		unmarked=$((unmarked + 1))
	fi
}

sent=0 failed=0 unmarked=0
while IFS= read -r body; do
	id=$(printf '%s\n' "$body" | jq -r '.tracking_id') || continue
	printf '%s' "$body" >"$dir/body"
	if answer=$(curl -sS --max-time "$timeout" -K "$dir/curl.conf" \
		--data-binary "@$dir/body" "$url" 2>"$dir/curl.err" </dev/null); then
		err=$(printf '%s\n' "$answer" | jq -r '.error | tostring' 2>/dev/null) || err=
		if [ "$err" = 0 ]; then
			msg_id=$(printf '%s\n' "$answer" | jq -r '.data.msg_id // empty')
			if [ -n "$msg_id" ]; then
				mark "$id" sent --msg-id "$msg_id"
			else
				mark "$id" sent
			fi
			sent=$((sent + 1))
			continue
		elif [ -n "$err" ] && [ "$err" != null ]; then
			why="ZNS error $err: $(printf '%s\n' "$answer" | jq -r '.message // ""')"
		else
			why="not a ZNS answer: $(printf '%s' "$answer" | tr '\n\t' '  ' | cut -c 1-200)"
		fi
	else
		why="curl exit $?: $(head -n 1 "$dir/curl.err")"
	fi
	say "message $id: $why"
	mark "$id" failed --error "$why"
	failed=$((failed + 1))
done <"$dir/requests"

printf '%s: %d sent, %d failed\n' "$me" "$sent" "$failed"
[ "$failed" -eq 0 ] && [ "$unmarked" -eq 0 ]
