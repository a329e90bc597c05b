#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster on 127.0.0.1 for the live tests: `initdb` in DIR
# (once), password authentication for user `quorum`, the server's socket and log in DIR too.
# PostgreSQL refuses to run as root, so under root the cluster belongs to `nobody`.
#
# Usage: scripts/postgres-server.sh start|stop PORT DIR
#   the store URL is then postgres://quorum:$(cat DIR/password)@127.0.0.1:PORT/postgres?sslmode=disable
set -euo pipefail
action="$1" port="$2" dir="$3"

bin=""
for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin="$candidate"; done
if [ -z "$bin" ]; then
    echo "postgres-server: no PostgreSQL server here (Debian: apt-get install postgresql)" >&2
    exit 3
fi
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(setpriv --reuid=nobody --regid=nogroup --clear-groups --); fi

case "$action" in
start)
    mkdir -p "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        # A password the tests read from the file; never on a command line, where ps would show it.
        head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
        [ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$dir"
        "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U quorum --pwfile="$dir/password" --auth=scram-sha-256 \
            -E UTF8 --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null \
        || { tail -20 "$dir/postgres.log" >&2; exit 1; }
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
    ;;
*)
    echo "usage: $0 start|stop PORT DIR" >&2
    exit 2
    ;;
esac
