#!/usr/bin/env bash
# The benchmark (SPEC §6; `make bench`): generates the large data set once into
# bench-data/ (git-ignored) — 500 managers, 100 000 customers, 2 000 000 orders
# over 12 months with their visits, complaints and surveys — in a clean UTF-8 and
# a messy (GB18030, Chinese headers, ¥ amounts, UTF-16 visits) variant, then runs
# the release build on each from an empty warehouse, prints every stage's time
# and rows/s, wall time and peak memory, and times a rerun on unchanged inputs.
# BENCH_ORDERS=1000000 make bench compares memory at half the orders.
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${BENCH_ORDERS:-2000000}
bin=$(swift build -c release --show-bin-path)/scorecard
mkdir -p bench-data

generate() {  # folder, extra flags
  if [ ! -f "bench-data/$1/.complete" ]; then
    rm -rf "bench-data/$1"
    echo "== generating bench-data/$1 (once)"
    "$bin" generate --out "bench-data/$1" --managers 500 --customers 100000 --months 12 --orders "$orders" \
      --last-month 2026-10 --seed 1 $2 | sed 's/^/   /'
    touch "bench-data/$1/.complete"
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
