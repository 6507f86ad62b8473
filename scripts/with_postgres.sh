#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, with
# DATABASE_URL pointing at it, then remove the cluster.
#
#   scripts/with_postgres.sh .venv/bin/pytest lainaamo/scheduling
#   scripts/with_postgres.sh .venv/bin/python bench/run.py
#
# The cluster lives in a temporary directory, listens on a unix socket there and on
# 127.0.0.1 at a free port, and trades durability for speed (fsync off). PG_BINDIR chooses the server binaries; by default the newest under
# /usr/lib/postgresql/*/bin, else initdb on PATH. PostgreSQL refuses to run as root, so as
# root the server runs as PG_RUN_AS (default postgres, else nobody).
set -euo pipefail

cd "$(dirname "$0")/.."

ci() { [[ ${CI:-} =~ ^([Tt]rue|TRUE|1|yes)$ ]]; }

find_bindir() {
    if [[ -n ${PG_BINDIR:-} ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $dir ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

bindir=$(find_bindir)
if [[ -z $bindir || ! -x $bindir/initdb || ! -x $bindir/pg_ctl ]]; then
    if ci; then
        echo "PostgreSQL server not installed: CI must run this on PostgreSQL" >&2
        exit 1
    fi
    echo "PostgreSQL server not installed: skipping the PostgreSQL run of: $*"
    exit 0
fi

tmp=$(mktemp -d /tmp/lainaamo-pg.XXXXXX)
data=$tmp/data
log=$tmp/server.log

cleanup() {
    local status=$?
    if [[ -f $data/postmaster.pid ]]; then
        as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
printf '%s\n' "$password" >"$tmp/pwfile"

if [[ $(id -u) == 0 ]]; then
    pg_user=${PG_RUN_AS:-postgres}
    id "$pg_user" >/dev/null 2>&1 || pg_user=nobody
    chown -R "$pg_user" "$tmp"
    as_pg() { (cd "$tmp" && runuser -u "$pg_user" -- "$@"); }
else
    as_pg() { (cd "$tmp" && "$@"); }
fi

# The bootstrap superuser is the test role: Django creates the test database, and the
# scheduling migration creates the btree_gist extension.
as_pg "$bindir/initdb" -D "$data" --username=lainaamo --pwfile="$tmp/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >/dev/null
rm -f "$tmp/pwfile"

cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Another process may take the free port before the server binds it; try a few.
started=
for _ in 1 2 3; do
    port=$(free_port)
    if as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null; then
        started=1
        break
    fi
done
if [[ -z $started ]]; then
    echo "PostgreSQL did not start; its log:" >&2
    cat "$log" >&2 || true
    exit 1
fi

as_pg "$bindir/createdb" -h "$tmp" -p "$port" -U lainaamo lainaamo
echo "$("$bindir/postgres" --version) on 127.0.0.1:$port, data in $data"

status=0
DATABASE_URL="postgres://lainaamo:$password@127.0.0.1:$port/lainaamo" "$@" || status=$?
exit "$status"
