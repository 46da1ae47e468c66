#!/usr/bin/env bash
# CPU per thread name of one process over a window: utime + stime from /proc/PID/task/*/stat, in
# clock ticks (100 a second), largest first, then the whole process in % of one core.
# Usage: bench/thread-cpu.sh PID [SECONDS]   (default 60; threads that exit meanwhile are not listed)
set -euo pipefail
P=$1; S=${2:-60}
snap() {
  local t
  for t in /proc/"$P"/task/*; do
    echo "${t##*/}|$(cat "$t/comm" 2>/dev/null)|$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done
}
total() { sed 's/^.*) //' "/proc/$P/stat" | awk '{print $12 + $13}'; }
a=$(snap); p0=$(total); sleep "$S"; b=$(snap); p1=$(total)
join -t'|' <(echo "$a" | sort) <(echo "$b" | sort) \
  | awk -F'|' '{ d = $5 - $3; if (d > 0) s[$2] += d } END { for (k in s) print s[k], k }' | sort -rn
echo "process total: $((p1 - p0)) ticks in $S s = $(awk -v c=$((p1 - p0)) -v s="$S" 'BEGIN { printf "%.2f", c / s }') % of a core; load $(cut -d' ' -f1-3 /proc/loadavg)"
