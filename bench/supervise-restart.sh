#!/usr/bin/env bash
# Crash-to-restart latency of Warden, supervisord and PM2, backoff at its minimum: one service
# whose Python child writes a time.time_ns() stamp as its first instruction and another just before
# it exits 1 (~5 ms later); latency = next start stamp - previous exit stamp.
# Usage: bench/supervise-restart.sh [REPEATS]   (env TRIALS=200, SUPERVISORD_TRIALS=55, WARMUP=5)
# Results: bench/results/supervise-restart.txt
set -euo pipefail
. "$(dirname "$0")/supervise-lib.sh"
need
repeats=${1:-3}
trials=${TRIALS:-200}
sv_trials=${SUPERVISORD_TRIALS:-55}
warmup=${WARMUP:-5}
out="$results/supervise-restart.txt"
: >"$out"

# Waits until FILE holds COUNT exit stamps; bounded by SECONDS_MAX.
wait_exits() {
  local file=$1 count=$2 max=$3 i
  for i in $(seq $((max * 10))); do
    [ "$(grep -c '^E' "$file" 2>/dev/null || true)" -ge "$count" ] && return 0
    sleep 0.1
  done
  echo "timeout waiting for $count exits in $file" >&2; return 1
}

measure() {   # WHO REPEAT COUNT
  local who=$1 r=$2 count=$3 dir="$work/$1-$2"
  local file="$work/ts/s01"
  rm -f "$file"
  case $who in
    warden) warden_config "$dir" 1 crash; start_warden "$dir" ;;
    supervisord) supervisord_config "$dir" 1 crash; start_supervisord "$dir" ;;
    pm2) pm2_config "$dir" 1 crash; start_pm2 "$dir" ;;
  esac
  echo "$who run $r: load $(loadavg)" | tee -a "$out"
  wait_exits "$file" $((count + warmup + 1)) $((count * 2 + 60))
  case $who in
    warden) stop_warden ;;
    supervisord) stop_supervisord ;;
    pm2) stop_pm2 ;;
  esac
  cp "$file" "$work/ts/$who-$r.stamps"
}

for r in $(seq "$repeats"); do
  measure warden "$r" "$trials"
  measure pm2 "$r" "$trials"
  measure supervisord "$r" "$sv_trials"
done

"$PY" - "$work/ts" "$repeats" "$warmup" <<'PY' | tee -a "$out"
import statistics, sys
d, repeats, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1)]
for who in ("warden", "supervisord", "pm2"):
    pooled, medians = [], []
    for r in range(1, repeats + 1):
        stamps = []
        for line in open("%s/%s-%d.stamps" % (d, who, r)):
            kind, value = line.split()
            stamps.append((int(value), kind))
        stamps.sort()
        lat = [(b[0] - a[0]) / 1e6 for a, b in zip(stamps, stamps[1:]) if a[1] == "E" and b[1] == "S"]
        lat = lat[warmup:]
        pooled += lat; medians.append(statistics.median(lat))
        print("%-12s run %d: n=%d median %.2f ms p99 %.2f ms max %.2f ms" % (
            who, r, len(lat), statistics.median(lat), pct(lat, 99), max(lat)))
    print("%-12s ALL: n=%d median %.2f ms p99 %.2f ms (median of run medians %.2f ms)" % (
        who, len(pooled), statistics.median(pooled), pct(pooled, 99), statistics.median(medians)))
PY
