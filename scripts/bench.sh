#!/usr/bin/env bash
# The benchmark (SPEC §6; `make bench`). Two shapes of generated exports, each made once
# and cached in bench-data/ (git-ignored):
#   large  500 managers, 100 000 customers, 2 000 000 orders over 12 months, 400 000 visits,
#          60 000 complaints and 100 000 surveys (expected totals), in a clean UTF-8 and a
#          messy (GB18030, Chinese headers, ¥ amounts, UTF-16 visits) variant;
#   bank   the "any shape" set of issue 10: 2 000 managers, 1 100 000 customers, 1 500 000
#          orders, 4 000 000 visits, 600 000 complaints, 1 100 000 surveys (clean variant).
# Per set it runs the release build on each variant from an empty warehouse, prints every
# stage's time and rows/s, wall time and peak memory, runs the DuckDB peer
# (scripts/duckdb-peer.py: the same work from the same clean folder, in a fresh process)
# and prints the wall-time ratio scorecard/duckdb, then times a rerun on unchanged inputs.
# A failed scorecard run is reported (FAILED (exit N), its wall time and peak memory) and
# the benchmark goes on.
#   BENCH_SETS=bank make bench        only the bank-shaped set (default: "large bank bank-monthly";
#                                     bank-monthly: the bank set split by month, a first load then a month added)
#   BENCH_ORDERS=1000000 make bench   the large set at half the orders, to compare memory
#   BIN=/path/to/scorecard bash scripts/bench.sh   another binary (no `swift build`)
# With SCORECARD_TEST_POSTGRES set (`make bench` starts a local server through
# scripts/with-postgres.sh, fsync on), the clean variant also runs against PostgreSQL
# (a new database per set) and the ratio PostgreSQL/SQLite is printed (SPEC §9).
set -euo pipefail
cd "$(dirname "$0")/.."
orders=${BENCH_ORDERS:-2000000}
bin=${BIN:-$(swift build -c release --show-bin-path)/scorecard}
sets=${BENCH_SETS:-large bank bank-monthly}
period=2026-10   # the sets' --last-month: the period scorecard picks by default
mkdir -p bench-data
large="--managers 500 --customers 100000 --months 12 --orders $orders --visits 400000 --complaints 60000 --surveys 100000 --last-month $period --seed 1"
bank_messy=0     # the messy bank set is not generated: see below
bank="--managers 2000 --customers 1100000 --orders 1500000 --visits 4000000 --complaints 600000 --surveys 1100000 --months 12 --last-month $period --seed 1"
# /usr/bin/time gives a run's peak memory (max RSS) even when it fails before printing its own.
timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o bench-data/.maxrss)

generate() {  # folder, sizes, extra flags; generated again when the flags differ from the cached set's
  local start
  if [ "$(cat "bench-data/$1/.complete" 2>/dev/null)" != "$2 $3" ]; then
    rm -rf "bench-data/$1"
    echo "== generating bench-data/$1 (once)"
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    "$bin" generate --out "bench-data/$1" $2 $3 | sed 's/^/   /'
    echo "   generated in $(( ($(date +%s%N) - start) / 1000000000 )) s, $(du -sh "bench-data/$1" | cut -f1)"
    echo "$2 $3" > "bench-data/$1/.complete"
  fi
}

sc_wall=0 sc_peak=""
measure() {  # label, input folder, output folder, more run options; sets sc_wall (ms) and sc_peak (MiB)
  local start end rc=0
  rm -f bench-data/.maxrss
  start=$(date +%s%N)
  "${timer[@]}" "$bin" run --input "$2" --output "$3" --quiet --verbose "${@:4}" > "bench-data/$1.log" 2> "bench-data/$1.err" || rc=$?
  end=$(date +%s%N)
  sc_wall=$(( (end - start) / 1000000 ))
  echo "== $1: $(du -sh "$2" | cut -f1) of exports"
  grep -E "^Rows:|^Unchanged|^  " "bench-data/$1.log" | sed 's/^/   /' || true
  echo "   wall time: $sc_wall ms"
  sc_peak=$(sed -n 's/^  peak memory: \([0-9.]*\) MiB$/\1/p' "bench-data/$1.log")
  if [ -z "$sc_peak" ] && [ -s bench-data/.maxrss ]; then
    sc_peak=$(awk 'END { printf "%.1f", $1 / 1024 }' bench-data/.maxrss)
    echo "   peak memory: $sc_peak MiB (max RSS)"
  fi
  if [ "$rc" != 0 ]; then
    echo "   FAILED (exit $rc)"
    tail -n 5 "bench-data/$1.err" | sed 's/^/   /'
  fi
  return "$rc"
}

peer() {  # label, clean input folder: the DuckDB peer, then the ratio to the scorecard run before it
  local line wall peak
  echo "== duckdb peer: $2, period $period"
  if ! python3 -c 'import duckdb' 2>/dev/null && ! python3 -m pip install -q duckdb > /dev/null 2>&1; then
    echo "   skipped: duckdb could not be installed (pip install duckdb)"; return 0
  fi
  if ! line=$(python3 scripts/duckdb-peer.py --input "$2" --period "$period" --db "bench-data/duckdb-$1.duckdb" 2> "bench-data/duckdb-$1.err"); then
    echo "   FAILED"; tail -n 5 "bench-data/duckdb-$1.err" | sed 's/^/   /'; return 0
  fi
  echo "   $line"
  wall=$(sed -n 's/.*wall \([0-9]*\) ms.*/\1/p' <<< "$line")
  peak=$(sed -n 's/.*peak \([0-9.]*\) MiB.*/\1/p' <<< "$line")
  echo "   ratio scorecard/duckdb: $(awk -v s="$sc_wall" -v d="$wall" 'BEGIN { printf "%.2f", s / d }')" \
       "(wall $sc_wall ms vs $wall ms$3); peak memory scorecard ${sc_peak:-?} MiB, duckdb $peak MiB"
}

postgres() {  # label, clean input folder, whether the SQLite run succeeded: the same run on PostgreSQL
  local sqlite_wall=$sc_wall db="bench_${1//[^a-z0-9]/_}" uri
  psql -q "$SCORECARD_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  uri=${SCORECARD_TEST_POSTGRES/\/scorecard/\/$db}
  rm -rf "bench-data/out-$1-postgres"
  measure "$1-postgres" "$2" "bench-data/out-$1-postgres" --warehouse "$uri" || return 0
  if [ "$3" = 1 ]; then
    echo "   ratio postgresql/sqlite: $(awk -v p="$sc_wall" -v s="$sqlite_wall" 'BEGIN { printf "%.2f", p / s }')" \
         "(wall $sc_wall ms vs $sqlite_wall ms); client peak memory ${sc_peak:-?} MiB"
  fi
}

bench_set() {  # sizes, messy variant too (1/0), data folders clean and messy, labels clean, messy and rerun
  local sizes=$1 messy=$2 clean=$3 mess=$4 lc=$5 lm=$6 lr=$7 ok=1
  generate "$clean" "$sizes" ""
  if [ "$messy" = 1 ]; then generate "$mess" "$sizes" "--messy"; fi
  rm -rf "bench-data/out-$lc" "bench-data/out-$lm"
  measure "$lc" "bench-data/$clean" "bench-data/out-$lc" || ok=0
  peer "$lc" "bench-data/$clean" "$([ "$ok" = 1 ] || echo ", scorecard failed")"
  if [ -n "${SCORECARD_TEST_POSTGRES:-}" ]; then postgres "$lc" "bench-data/$clean" "$ok"; fi
  if [ "$messy" = 1 ]; then measure "$lm" "bench-data/$mess" "bench-data/out-$lm" || true; fi
  # A rerun after a failed run has no earlier run to be unchanged against: it would only fail again.
  if [ "$ok" = 1 ]; then measure "$lr" "bench-data/$clean" "bench-data/out-$lc" || true
  else echo "== $lr: skipped (the clean run failed)"; fi
}

# The bank set as a CRM exports it by month (scripts/monthly-split.py): the months up to September
# loaded first, then October's files and master lists re-exported a month later (200 new customers,
# one renamed) added to the same warehouse (SPEC §6, "Incremental"; issue 28).
monthly_set() {
  local first_wall first_peak
  generate bank-clean "$bank" ""
  if [ ! -f bench-data/bank-monthly/.complete ]; then
    echo "== splitting bench-data/bank-clean by month (once)"
    rm -rf bench-data/bank-monthly bench-data/bank-october
    python3 scripts/monthly-split.py bench-data/bank-clean bench-data/bank-monthly bench-data/bank-october --hold "$period"
    touch bench-data/bank-monthly/.complete
  fi
  rm -rf bench-data/in-bank-monthly bench-data/out-bank-monthly
  cp -r bench-data/bank-monthly bench-data/in-bank-monthly
  measure bank-monthly-first "bench-data/in-bank-monthly" "bench-data/out-bank-monthly" || return 0
  first_wall=$sc_wall first_peak=$sc_peak
  cp bench-data/bank-october/* bench-data/in-bank-monthly/
  measure bank-monthly-add-october "bench-data/in-bank-monthly" "bench-data/out-bank-monthly" || return 0
  echo "   adding a month / first load: $(awk -v a="$sc_wall" -v f="$first_wall" 'BEGIN { printf "%.2f", a / f }') wall," \
       "peak ${sc_peak} vs ${first_peak} MiB"
}

for set in ${sets//,/ }; do
  case $set in
    bank-monthly) monthly_set ;;
    large) bench_set "$large" 1 "large-clean-$orders" "large-messy-$orders" "clean-$orders" "messy-$orders" "rerun-unchanged-$orders" ;;
    bank)  bench_set "$bank" "$bank_messy" bank-clean bank-messy bank-clean bank-messy bank-rerun-unchanged ;;
    *) echo "BENCH_SETS: unknown set '$set' (large, bank, bank-monthly)" >&2; exit 2 ;;
  esac
done
