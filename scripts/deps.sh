#!/bin/sh
# The one list of Debian packages that building, the demo and the tests
# need. `make demo` and `make check` run this first: as root it installs
# whatever is missing (non-interactively); as another user it only says
# what is missing. `scripts/deps.sh --bench` also installs what only the
# benchmarks in bench/ run against (nginx, wrk); the tests never need them.
set -eu

packages="
make gcc pkg-config gettext
libsqlite3-dev libqrencode-dev libpng-dev libcsv-dev libutf8proc-dev
libcairo2-dev libpango1.0-dev libsodium-dev nettle-dev fonts-liberation2
libedit-dev
sqlite3 qrencode zbar-tools poppler-utils librsvg2-bin jq
groff-base man-db bsdextrautils util-linux coreutils po4a locales
bash zsh fish valgrind clang libclang-rt-14-dev
gnumeric
libmicrohttpd-dev libcurl4-gnutls-dev libjson-c-dev curl
libpq-dev postgresql pgbouncer
chromium
"
if [ "${1:-}" = "--bench" ]; then
	packages="$packages nginx-light wrk"
fi

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq </dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing </dev/null
else
	echo "missing Debian packages:$missing" >&2
	echo "run 'sudo apt-get install$missing' (or this target as root)" >&2
	exit 1
fi
