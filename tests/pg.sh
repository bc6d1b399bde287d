# motcua — a throw-away PostgreSQL 15 cluster for the province's tests
# (sourced by tests/e2e/t22*.sh after tests/lib.sh).
#
# Debian's binaries (scripts/deps.sh installs postgresql), never another
# pg_ctl found first in PATH. The tests run as root: initdb and pg_ctl run
# as the postgres user, in a folder of /tmp that it owns, and the server
# listens only on a Unix socket in that folder (no TCP). pg_stop, run at
# exit, stops it at once (-m immediate) and removes the folder.
#
#   pg_start            starts the cluster; sets PGDIR (its socket's folder)
#   pg_url USER [DB]    a libpq connection string for USER (DB: province)
#   pg_sql SQL          runs SQL as the superuser postgres (psql, tuples only)
#   pg_stop             stops it (also in the EXIT trap)
#   pool_start DIR HOST USER...
#                       a pgbouncer in transaction mode before the database
#                       province of the server whose socket is in HOST, its
#                       own socket in DIR (port 6432), letting USERs in
#                       (trusted); its pid in DIR/pgbouncer.pid, its log in
#                       DIR/pgbouncer.log (the tests' and the benches')
#   pool_url DIR USER   a libpq connection string for USER through it
#
# Connections are trusted on the socket: which role a command acts as is
# what its connection string says, so that row-level security is tested
# role by role. Roles made here: ward_a, ward_b (one per ward) and reader.

PG_BIN=/usr/lib/postgresql/15/bin
PGDIR=

pg_stop() {
	if [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate -s stop \
			>/dev/null 2>&1
	fi
	[ -n "$PGDIR" ] && rm -rf "$PGDIR"
	PGDIR=
}

pg_start() {
	if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ] || ! id postgres >/dev/null 2>&1; then
		not_ok "PostgreSQL 15 is not installed ($PG_BIN): run scripts/deps.sh"
		exit 1
	fi
	PGDIR=$(mktemp -d /tmp/motcua-pg.XXXXXX) || exit 1
	chown postgres "$PGDIR"
	chmod 0700 "$PGDIR"
	EXIT_HOOK="pg_stop; $EXIT_HOOK"
	if ! runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDIR/data" -A trust -U postgres \
			-E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1; then
		not_ok "initdb failed"; sed 's/^/#   /' "$PGDIR/initdb.log" | tail -5
		exit 1
	fi
	if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -s \
			-o "-c listen_addresses= -k $PGDIR -c fsync=off -c full_page_writes=off" \
			start >/dev/null 2>&1; then
		not_ok "the PostgreSQL server did not start"; sed 's/^/#   /' "$PGDIR/server.log" | tail -5
		exit 1
	fi
	PG_DB=postgres pg_sql "CREATE DATABASE province" >/dev/null &&
	pg_sql "CREATE ROLE ward_a LOGIN; CREATE ROLE ward_b LOGIN; CREATE ROLE reader LOGIN" \
		>/dev/null || { not_ok "the test's database and roles"; exit 1; }
	unset PGHOST PGPORT PGDATABASE PGUSER PGSERVICE PGPASSWORD 2>/dev/null || true
}

pg_url() { echo "host=$PGDIR dbname=${2:-province} user=$1"; }

pg_sql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At -h "$PGDIR" -U postgres -d "${PG_DB:-province}" \
		-c "$1" 2>&1
}
pool_start() {
	dir=$1 host=$2
	shift 2
	mkdir -p "$dir"
	cat >"$dir/pgbouncer.ini" <<EOF
[databases]
province = host=$host dbname=province
[pgbouncer]
listen_addr =
unix_socket_dir = $dir
listen_port = 6432
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
default_pool_size = 2
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
	: >"$dir/users.txt"
	for u in "$@"; do
		printf '"%s" ""\n' "$u" >>"$dir/users.txt"
	done
	chown -R postgres "$dir"
	runuser -u postgres -- pgbouncer -d "$dir/pgbouncer.ini" >/dev/null 2>&1
}
pool_url() { echo "host=$1 port=6432 dbname=province user=$2"; }
