# motcua — a fake Zalo on 127.0.0.1 for the tests of notify send (sourced
# by tests/e2e/t214*.sh after tests/lib.sh). tests/helpers/fake-zalo plays
# a script of answers, one per request, and logs every request as a line
# of JSON (path, body, time) in $TMP/log.
#
#   fake LINE...        a fake Zalo playing these answers ("200 {json}"),
#                       the three base URLs of motcua pointed at it
#   stop_fake           stops it (also at exit, through EXIT_HOOK)
#   requests            how many requests it was sent
#   logged N KEY        KEY of the Nth request's line
#   zalo_notify_setup   the settings of notify send: templates for
#                       received and done, a token pair, the app's secret

fake_pid=
fake() {
	stop_fake
	printf '%s\n' "$@" >"$TMP/script"
	: >"$TMP/log"
	rm -f "$TMP/port"
	"$HELPERS/fake-zalo" "$TMP/script" "$TMP/log" "$TMP/port" &
	fake_pid=$!
	# Waiting for it to listen, not timing it: up to 30 s on a loaded machine.
	i=0
	while [ ! -s "$TMP/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$TMP/port")
	for k in zns oa oauth; do
		"$MOTCUA" config set zalo_${k}_base_url "http://127.0.0.1:$port"
	done
}
stop_fake() {
	[ -n "$fake_pid" ] || return 0
	kill -KILL "$fake_pid" 2>/dev/null
	wait "$fake_pid" 2>/dev/null
	fake_pid=
}
EXIT_HOOK="stop_fake; $EXIT_HOOK"
requests() { wc -l <"$TMP/log" | tr -d ' '; }
logged() { sed -n "$1p" "$TMP/log" | jq -r ".$2"; }

zalo_notify_setup() {
	"$MOTCUA" config set zns_template_received 214871
	"$MOTCUA" config set zns_template_done 214873
	printf 'tok-a\nref-a\n' >"$TMP/tokens"
	chmod 600 "$TMP/tokens"
	printf 'sek-1\n' >"$TMP/secret"
	chmod 600 "$TMP/secret"
	"$MOTCUA" config set zalo_token_file "$TMP/tokens"
	"$MOTCUA" config set zalo_app_id 1234567890
	"$MOTCUA" config set zalo_app_secret_file "$TMP/secret"
}
