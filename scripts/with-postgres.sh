#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server (SPEC §7, §9): a data folder and
# its Unix socket in a new temporary folder, no TCP port, stopped and removed on exit.
# The command sees SCORECARD_TEST_POSTGRES, a connection URI to an empty database.
# fsync is off for the tests (a throwaway server); WITH_POSTGRES_FSYNC=on for the benchmark.
#   scripts/with-postgres.sh swift test
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found (apt-get install postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/scorecard-pg.XXXXXX)
chmod 755 "$dir"
# initdb refuses to run as root: the server runs as the postgres user then.
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_server() { runuser -u postgres -- "$@"; }
  user=postgres
else
  as_server() { "$@"; }
  user=$(id -un)
fi

stop() {
  as_server "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM

as_server "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=${WITH_POSTGRES_FSYNC:-off} -c max_connections=40" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
as_server "$bin/createdb" -h "$dir" -U "$user" scorecard

export SCORECARD_TEST_POSTGRES="postgresql://$user@/scorecard?host=$dir"
export SCORECARD_TEST_POSTGRES_BIN="$bin"
echo "with-postgres: server for this run at $dir (PostgreSQL $("$bin/postgres" --version | awk '{print $3}'))" >&2
"$@"
