#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the consent log's tests and benchmarks (Debian's
# postgresql package): initdb into a new folder, the server on a Unix socket in that folder
# (and no TCP port), fsync on as in production, stopped and removed at the end.
#
#   scripts/pg-cluster.sh run -- CMD ARGS…   starts a cluster, runs CMD with PASSERELLE_TEST_PG
#                                            set to its libpq conninfo, then stops and removes it
#                                            (also on failure or Ctrl+C); exits with CMD's status
#   scripts/pg-cluster.sh start DIR          starts one in DIR (new or empty); prints the conninfo
#   scripts/pg-cluster.sh stop DIR           stops it (the folder stays)
#   scripts/pg-cluster.sh resume DIR         starts a stopped one again (the fault tests)
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that
# the package creates (runuser), and its folder is made for that user.
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg-cluster: PostgreSQL's server is not installed (scripts/install-deps.sh installs Debian's postgresql)" >&2
  exit 3
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The conninfo of the cluster in $1: its socket folder, its port, the owner as user.
conninfo() {
  local user; user="$( [ "$(id -u)" = 0 ] && echo postgres || id -un )"
  echo "host=$1 port=$(cat "$1/port") dbname=postgres user=$user"
}

start() {
  local dir="$1"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
  as_owner "$bin/initdb" --no-sync -D "$dir/data" -A trust -U "$( [ "$(id -u)" = 0 ] && echo postgres || id -un )" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 3; }
  # A port nobody listens on, chosen here (the socket's name is made of it).
  local port
  port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  echo "$port" | as_owner tee "$dir/port" >/dev/null
  resume "$dir"
  conninfo "$dir"
}

resume() {
  local dir="$1"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $(cat "$dir/port") -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 3; }
}

stop() {
  as_owner "$bin/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start "${2:?pg-cluster: start DIR}" ;;
  stop) stop "${2:?pg-cluster: stop DIR}" ;;
  resume) resume "${2:?pg-cluster: resume DIR}" ;;
  run)
    shift
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || { echo "pg-cluster: run -- CMD ARGS…" >&2; exit 2; }
    dir="$(mktemp -d /tmp/passerelle-pg.XXXXXX)"
    trap 'stop "$dir"; rm -rf "$dir"' EXIT
    trap 'exit 130' INT TERM
    PASSERELLE_TEST_PG="$(start "$dir")"
    export PASSERELLE_TEST_PG PASSERELLE_TEST_PG_DIR="$dir"
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
    ;;
  *) echo "usage: scripts/pg-cluster.sh run -- CMD ARGS… | start DIR | stop DIR | resume DIR" >&2; exit 2 ;;
esac
