#!/usr/bin/env bash
# The benchmark (SPEC §6; `make bench`): generates the large data set once into
# bench-data/ (git-ignored) — 500 managers, 100 000 customers, 2 000 000 orders
# over 12 months, 400 000 visits, 60 000 complaints and 100 000 surveys (expected
# totals) — in a clean UTF-8 and a messy (GB18030, Chinese headers, ¥ amounts,
# UTF-16 visits) variant, then runs the release build on each from an empty
# warehouse, prints every stage's time and rows/s, wall time and peak memory, and
# times a rerun on unchanged inputs.
# BENCH_ORDERS=1000000 make bench compares memory at half the orders.
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${BENCH_ORDERS:-2000000}
bin=$(swift build -c release --show-bin-path)/scorecard
mkdir -p bench-data
sizes="--managers 500 --customers 100000 --months 12 --orders $orders --visits 400000 --complaints 60000 --surveys 100000 --last-month 2026-10 --seed 1"

generate() {  # folder, extra flags; generated again when the flags differ from the cached set's
  if [ "$(cat "bench-data/$1/.complete" 2>/dev/null)" != "$sizes $2" ]; then
    rm -rf "bench-data/$1"
    echo "== generating bench-data/$1 (once)"
    # shellcheck disable=SC2086
    "$bin" generate --out "bench-data/$1" $sizes $2 | sed 's/^/   /'
    echo "$sizes $2" > "bench-data/$1/.complete"
  fi
}

measure() {  # label, input folder, output folder
  local start end
  start=$(date +%s%N)
  "$bin" run --input "$2" --output "$3" --quiet --verbose > "bench-data/$1.log"
  end=$(date +%s%N)
  echo "== $1: $(du -sh "$2" | cut -f1) of exports"
  grep -E "^Rows:|^Unchanged|^  " "bench-data/$1.log" | sed 's/^/   /'
  echo "   wall time: $(( (end - start) / 1000000 )) ms"
}

generate "large-clean-$orders" ""
generate "large-messy-$orders" "--messy"
rm -rf "bench-data/out-clean-$orders" "bench-data/out-messy-$orders"
measure "clean-$orders" "bench-data/large-clean-$orders" "bench-data/out-clean-$orders"
measure "messy-$orders" "bench-data/large-messy-$orders" "bench-data/out-messy-$orders"
measure "rerun-unchanged-$orders" "bench-data/large-clean-$orders" "bench-data/out-clean-$orders"
