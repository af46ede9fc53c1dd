#!/bin/sh
# Exits 0 when today is the month's first working day: Monday–Friday, not a holiday listed
# (YYYY-MM-DD, one a line) in /etc/scorecard/holidays, and no earlier day of the month was one.
# China's adjusted working weekends (调休) are listed in /etc/scorecard/workdays the same way.
holidays=${SCORECARD_HOLIDAYS:-/etc/scorecard/holidays}
workdays=${SCORECARD_WORKDAYS:-/etc/scorecard/workdays}
is_working() {
  day=$1
  grep -qx "$day" "$workdays" 2>/dev/null && return 0
  grep -qx "$day" "$holidays" 2>/dev/null && return 1
  [ "$(date -d "$day" +%u)" -le 5 ]
}
today=$(date +%F)
is_working "$today" || exit 1
d=$(date +%Y-%m-01)
while [ "$d" != "$today" ]; do
  is_working "$d" && exit 1
  d=$(date -d "$d + 1 day" +%F)
done
exit 0
