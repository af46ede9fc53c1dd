#!/usr/bin/env bash
# Compares two warehouses table by table (issue 10: "every staged and result table
# identical"): the MD5 of each table's rows, sorted, over the columns both have.
# The run log (runs, rejects, grdb_migrations) differs by design and is left out.
#   scripts/compare-warehouses.sh before/warehouse.sqlite after/warehouse.sqlite
set -euo pipefail
a=$1 b=$2
status=0
tables=$(sqlite3 "$a" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('runs', 'rejects', 'grdb_migrations') ORDER BY name")
for t in $tables; do
  cols_a=$(sqlite3 "$a" "SELECT group_concat(quote(name), ',') FROM pragma_table_info('$t') WHERE name NOT IN ('source_run')")
  cols=$(sqlite3 "$b" "SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_info('$t') WHERE name IN ($cols_a)")
  if [ -z "$cols" ]; then echo "MISSING  $t"; status=1; continue; fi
  ha=$(sqlite3 "$a" "SELECT $cols FROM \"$t\"" | sort | md5sum | cut -c1-12)
  hb=$(sqlite3 "$b" "SELECT $cols FROM \"$t\"" | sort | md5sum | cut -c1-12)
  n=$(sqlite3 "$a" "SELECT COUNT(*) FROM \"$t\"")
  if [ "$ha" = "$hb" ]; then echo "same     $t ($n rows, $ha)"; else echo "DIFFERS  $t ($n rows: $ha vs $hb)"; status=1; fi
done
exit $status
