#!/usr/bin/env bash
# Runs a command beside a throwaway Citus cluster (SPEC §9): a coordinator and two workers,
# each a PostgreSQL server of its own on 127.0.0.1 (free ports), in a new temporary folder,
# stopped and removed on exit. Needs Citus installed for the machine's PostgreSQL (README,
# "Citus"). The command sees
#   SCORECARD_TEST_POSTGRES      a connection URI to the coordinator's database "scorecard"
#                                (citus created, the workers added)
#   SCORECARD_TEST_CITUS_WORKERS the workers' URIs to their "scorecard" database, space-separated:
#                                the tests make a database of their own on every node
#   scripts/with-citus.sh swift test --filter Citus
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-citus: no PostgreSQL server found (apt-get install postgresql)" >&2
  exit 1
fi
lib=$("$bin/pg_config" --pkglibdir 2>/dev/null || echo "${bin%/bin}/lib")
if [ ! -f "$lib/citus.so" ]; then
  echo "with-citus: Citus is not installed for PostgreSQL $("$bin/postgres" --version | awk '{print $3}') ($lib/citus.so is missing); see the README, \"Citus\"" >&2
  exit 1
fi
workers=${CITUS_WORKERS:-2}

dir=$(mktemp -d /tmp/scorecard-citus.XXXXXX)
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_server() { runuser -u postgres -- "$@"; }
  user=postgres
else
  as_server() { "$@"; }
  user=$(id -un)
fi

stop() {
  for node in "$dir"/node*/; do
    [ -d "$node" ] && as_server "$bin/pg_ctl" -D "$node" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
}
trap stop EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sql() { as_server "$bin/psql" -qX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$user" -d "$2" -c "$3" >/dev/null; }

ports=()
for i in $(seq 0 "$workers"); do
  port=$(free_port)
  ports+=("$port")
  as_server "$bin/initdb" -D "$dir/node$i" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb$i.log" 2>&1 \
    || { cat "$dir/initdb$i.log" >&2; exit 1; }
  # fsync off: a throwaway cluster. Each test makes a database of its own on every node, and
  # the coordinator keeps connections to the workers per database: room for them.
  as_server "$bin/pg_ctl" -D "$dir/node$i" -l "$dir/node$i.log" -w -o "-c port=$port -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories='$dir' -c shared_preload_libraries=citus -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off -c max_connections=400 -c max_worker_processes=32 -c citus.max_shared_pool_size=300" start >/dev/null \
    || { cat "$dir/node$i.log" >&2; exit 1; }
  sql "$port" postgres "CREATE DATABASE scorecard"
  sql "$port" scorecard "CREATE EXTENSION citus"
done
sql "${ports[0]}" scorecard "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})"
uris=()
for p in "${ports[@]:1}"; do
  sql "${ports[0]}" scorecard "SELECT citus_add_node('127.0.0.1', $p)"
  uris+=("postgresql://$user@127.0.0.1:$p/scorecard")
done

export SCORECARD_TEST_POSTGRES="postgresql://$user@127.0.0.1:${ports[0]}/scorecard"
export SCORECARD_TEST_POSTGRES_BIN="$bin"
export SCORECARD_TEST_CITUS_WORKERS="${uris[*]}"
echo "with-citus: coordinator on port ${ports[0]}, workers on ${ports[*]:1} (Citus $(as_server "$bin/psql" -AtqX -h 127.0.0.1 -p "${ports[0]}" -U "$user" -d scorecard -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'"))" >&2
"$@"
