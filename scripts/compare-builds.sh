#!/usr/bin/env bash
# Runs two builds of scorecard on the same inputs and compares what they leave (issue 27:
# "behaviour unchanged"): every staged and result table (scripts/compare-warehouses.sh), the
# workbook's unzipped XML, the Markdown and the CSV files.
#   scripts/compare-builds.sh OLD_BIN NEW_BIN [SETS]   (PIPELINE=FILE: a pipeline both builds read)
# SETS (default "sample messy"): sample = input/ run for 2026-09 then the default period;
# messy = a generated messy set (GB18030, UTF-16, Chinese headers, broken rows); bank = a
# bank-shaped set (many customers per manager, scaled down); any folder = that folder.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 sets=${3:-sample messy}
work=${COMPARE_DIR:-$(mktemp -d)}
status=0
inputs() {  # set name -> input folder (generated once, with the old binary)
  case $1 in
    sample) echo input ;;
    messy) [ -d "$work/messy-in" ] || "$old" generate --out "$work/messy-in" --managers 30 --customers 1500 --messy --last-month 2026-10 --seed 7 >/dev/null
           echo "$work/messy-in" ;;
    bank) [ -d "$work/bank-in" ] || "$old" generate --out "$work/bank-in" --managers 200 --customers 110000 --orders 150000 --visits 400000 \
             --complaints 60000 --surveys 110000 --months 12 --last-month 2026-10 --seed 1 >/dev/null
          echo "$work/bank-in" ;;
    *) echo "$1" ;;
  esac
}
for set in $sets; do
  in=$(inputs "$set")
  for side in old new; do
    bin=$old; [ $side = new ] && bin=$new
    out="$work/$set-$side"
    rm -rf "$out"
    "$bin" run ${PIPELINE:+--pipeline "$PIPELINE"} --input "$in" --output "$out" --period 2026-09 --as-of '2026-11-05 00:00' --quiet >/dev/null 2>&1 || true
    "$bin" run ${PIPELINE:+--pipeline "$PIPELINE"} --input "$in" --output "$out" --as-of '2026-11-05 00:00' --quiet >/dev/null 2>&1 || true
    for x in "$out"/*/*.xlsx; do [ -e "$x" ] && { mkdir -p "$x.d"; unzip -o -q "$x" -d "$x.d"; rm "$x"; }; done
    rm -f "$out"/*/run.json
  done
  echo "== $set"
  # compare-warehouses.sh exits non-zero when a table differs: its lines other than "same …" are shown then.
  if tables=$(bash scripts/compare-warehouses.sh "$work/$set-old/warehouse.sqlite" "$work/$set-new/warehouse.sqlite"); then
    echo "   tables identical"
  else
    grep -v '^same' <<< "$tables" || true
    status=1
  fi
  if diff -r -q -x 'warehouse.sqlite*' -x 'scorecard.lock' -x core.xml "$work/$set-old" "$work/$set-new"; then
    echo "   files identical: $(find "$work/$set-new" -type f ! -name 'warehouse.sqlite*' | wc -l)"
  else
    status=1
  fi
done
echo "(in $work)"
exit $status
