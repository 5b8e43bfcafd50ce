#!/usr/bin/env bash
# A real PostgreSQL 15 + PostGIS 3 for the tests: `start DIR` makes a new cluster in a fresh
# temporary folder under /tmp (which the server's user can reach, unlike a clone under /root), on
# a free port of 127.0.0.1, run by an unprivileged user (the current one, or the `postgres`
# account Debian's package made when this runs as root), with PostGIS in database
# countyatlas_test; it writes DIR/conninfo (libpq words) for the tests and DIR/cluster (where the
# cluster is). `stop DIR` stops it and removes both. Called by ctest's fixtures
# (tests/CMakeLists.txt), so a failing test still stops the server.
set -euo pipefail
action=$1 dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (package postgresql-15)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  [ ! -f "$dir/cluster" ] || stop  # one left by a run that was killed
  mkdir -p "$dir"
  local cluster
  cluster=$(mktemp -d /tmp/countyatlas-pg.XXXXXX)
  echo "$cluster" >"$dir/cluster"
  [ "$(id -u)" -ne 0 ] || chown postgres "$cluster"
  as_owner "$bin/initdb" -D "$cluster/data" -U countyatlas --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  # Trust for the tests' own role; a second role must give its password (the wrong-password test).
  cat >"$cluster/data/pg_hba.conf" <<'HBA'
host all reader 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
local all all trust
HBA
  local port started=0
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" && continue
    if as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
         -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60" start >/dev/null; then
      started=1; break
    fi
  done
  [ "$started" = 1 ] || { cat "$cluster/server.log" >&2; exit 1; }
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U countyatlas)
  "${psql[@]}" -d postgres -c "CREATE DATABASE countyatlas_test"
  "${psql[@]}" -d countyatlas_test -c "CREATE EXTENSION postgis; CREATE ROLE reader LOGIN PASSWORD 'right-password'; GRANT ALL ON SCHEMA public TO reader; GRANT CREATE ON DATABASE countyatlas_test TO reader"
  echo "host=127.0.0.1 port=$port dbname=countyatlas_test user=countyatlas" >"$dir/conninfo"
  echo "$("$bin/postgres" --version | awk '{print "PostgreSQL", $3}') with PostGIS on 127.0.0.1:$port, data in $cluster"
}

stop() {
  local cluster
  cluster=$(cat "$dir/cluster" 2>/dev/null || true)
  if [ -n "$cluster" ] && [ -d "$cluster/data" ]; then
    as_owner "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null || true
    rm -rf "$cluster"
  fi
  rm -rf "$dir"
}

"$action"
