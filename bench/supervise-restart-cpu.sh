#!/usr/bin/env bash
# The daemon's CPU time per crash-to-restart, a figure that a busy machine barely changes (unlike
# wall-clock latency): one service whose Python child exits ~5 ms after it starts, backoff 0; the
# daemon's utime+stime over WINDOW seconds divided by the restarts in that window; the wall-clock
# crash-to-restart median of the same window beside it. With another checkout's root as argument
# (its jar built: `./warden --version` there), both are measured, interleaved, REPEATS times each.
# Usage: bench/supervise-restart-cpu.sh [OTHER_ROOT]   (env REPEATS=3, WINDOW=15, SETTLE=3: seconds
#        between the daemon's first answer and the window; SETTLE=0 WINDOW=8 covers what
#        supervise-restart.sh measures, the JVM's first seconds)
# Results: bench/results/supervise-restart-cpu.txt
set -euo pipefail
WHO=warden
. "$(dirname "$0")/supervise-lib.sh"
need
other=${1:-}
repeats=${REPEATS:-3}
window=${WINDOW:-15}
out="$results/supervise-restart-cpu.txt"
: >"$out"
tick_ms=$((1000 / $(getconf CLK_TCK)))

measure() {   # ROOT LABEL REPEAT
  local r=$3 dir="$work/$2-$3" file="$work/ts/s01" saved=$root
  rm -f "$file"
  root=$1
  warden_config "$dir" 1 crash
  start_warden "$dir"
  root=$saved
  sleep "${SETTLE:-3}"   # JIT warm-up
  local load c0 c1 n0 n1 t0 t1
  load=$(loadavg)
  c0=$(cpu_ticks "$DAEMON_PID"); n0=$(grep -c '^S' "$file"); t0=$(now_ns)
  sleep "$window"
  c1=$(cpu_ticks "$DAEMON_PID"); n1=$(grep -c '^S' "$file"); t1=$(now_ns)
  stop_warden
  "$PY" - "$file" "$t0" "$t1" "$2" "$r" "$(( (c1 - c0) * tick_ms ))" "$((n1 - n0))" "$load" <<'PY' | tee -a "$out"
import statistics, sys
path, t0, t1, label, r, cpu_ms, n, load = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:]
stamps = sorted((int(v), k) for k, v in (line.split() for line in open(path)))
lat = [(b[0] - a[0]) / 1e6 for a, b in zip(stamps, stamps[1:]) if a[1] == "E" and b[1] == "S" and t0 <= a[0] <= t1]
print("%-6s run %s: %s restarts, daemon CPU %s ms = %.2f ms per restart; crash-to-restart median %.1f ms p90 %.1f ms; load %s" % (
    label, r, n, cpu_ms, int(cpu_ms) / max(1, int(n)), statistics.median(lat), sorted(lat)[int(len(lat) * 0.9) - 1], load))
PY
}

for r in $(seq "$repeats"); do
  measure "$root" this "$r"
  [ -n "$other" ] && measure "$other" other "$r"
done
exit 0
