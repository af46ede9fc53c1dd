#!/usr/bin/env bash
# The floor under the SQLite warehouse's ingest (issue 10): the sqlite3 shell importing an input
# folder's eight CSVs into the staged tables as a run made them (without the source columns, so
# with less to store), journal and sync off, then building the same period indexes. Prints the
# wall time; compare it with the DuckDB peer's whole run (scripts/duckdb-peer.py).
#   bash scripts/sqlite-import-floor.sh bench-data/bank-clean OUT/warehouse.sqlite
# The warehouse is only read, for its table definitions (any run on any data made them).
set -euo pipefail
input=$1 warehouse=$2
tables="managers customers orders visits complaints surveys service_requests visit_plans"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA threads = 2;"
  for t in $tables; do
    sqlite3 "$warehouse" "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '$t'" \
      | sed 's/, source_run INTEGER, source_file TEXT, source_line INTEGER//'
    echo ";"
  done
  echo ".mode csv"
  for t in $tables; do [ -f "$input/$t.csv" ] && echo ".import --skip 1 $input/$t.csv $t"; done
  sqlite3 "$warehouse" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('${tables// /\',\'}')"
} > "$work/floor.sql"
start=$(date +%s%N)
# Extra columns (survey dimensions) are ignored with a warning per row: counted, not shown.
sqlite3 "$work/floor.db" < "$work/floor.sql" 2> "$work/err" > /dev/null
echo "sqlite3 import of $input: $(( ($(date +%s%N) - start) / 1000000 )) ms, $(grep -c 'extras ignored' "$work/err" || true) rows with extra columns"
