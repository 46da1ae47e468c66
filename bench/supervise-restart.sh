#!/usr/bin/env bash
# Crash-to-restart latency of Warden, supervisord and PM2, backoff at its minimum: one service
# whose Python child writes a time.time_ns() stamp as its first instruction and another just before
# it exits 1 (~5 ms later); latency = next start stamp - previous exit stamp.
# The floor: the same child run again and again by a shell loop (a fork and an exec, nothing
# else), the restart no supervisor can beat on this machine.
# Usage: bench/supervise-restart.sh [REPEATS]   (env TRIALS=200, SUPERVISORD_TRIALS=55, WARMUP=5,
#        WHO="floor warden pm2 supervisord": which to measure, e.g. WHO=warden for a quick before/after)
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
  local file=$1 count=$2 max=$3 i seen
  for i in $(seq $((max * 10))); do
    seen=$(grep -c '^E' "$file" 2>/dev/null) || seen=${seen:-0}   # no file yet: 0
    [ "$seen" -ge "$count" ] && return 0
    sleep 0.1
  done
  echo "timeout waiting for $count exits in $file" >&2; return 1
}

measure() {   # WHO REPEAT COUNT
  local who=$1 r=$2 count=$3 dir="$work/$1-$2"
  local file="$work/ts/s01" loop_pid
  rm -f "$file"
  case $who in
    warden) warden_config "$dir" 1 crash; start_warden "$dir" ;;
    supervisord) supervisord_config "$dir" 1 crash; start_supervisord "$dir" ;;
    pm2) pm2_config "$dir" 1 crash; start_pm2 "$dir" ;;
    floor) for _ in $(seq $((count + warmup + 1))); do "$PY" -S "$work/crash.py" "$file" || true; done & loop_pid=$! ;;
  esac
  echo "$who run $r: load $(loadavg)" | tee -a "$out"
  wait_exits "$file" $((count + warmup + 1)) $((count * 2 + 60))
  case $who in
    warden) stop_warden ;;
    supervisord) stop_supervisord ;;
    pm2) stop_pm2 ;;
    floor) wait "$loop_pid" ;;
  esac
  cp "$file" "$work/ts/$who-$r.stamps"
  [ "$who" = warden ] && cp "$dir/.warden/events.log" "$work/ts/$who-$r.events"
  return 0
}

who_list=${WHO:-floor warden pm2 supervisord}
for r in $(seq "$repeats"); do
  for who in $who_list; do
    measure "$who" "$r" "$([ "$who" = supervisord ] && echo "$sv_trials" || echo "$trials")"
  done
done

"$PY" - "$work/ts" "$repeats" "$warmup" $who_list <<'PY' | tee -a "$out"
import statistics, sys
d, repeats, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1)]
for who in [w for w in ("floor", "warden", "supervisord", "pm2") if w in sys.argv[4:]]:
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

[[ " $who_list " == *" warden "* ]] || exit 0
# Where Warden's time goes, from its own events (events.log, ns timestamps) between the stamps:
# death -> "exited" event (the JDK's reaper sees the exit), "exited" -> "backoff" -> "starting"
# (the scheduled restart runs), "starting" -> "running" (spawn: ProcessBuilder.start and the
# bookkeeping around it), "running" -> the child's first instruction (exec + Python start).
"$PY" - "$work/ts" "$repeats" "$warmup" <<'PY' | tee -a "$out"
import datetime, json, statistics, sys
d, repeats, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def ns(t):
    whole, frac = t.rstrip("Z").split(".")
    sec = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(sec) * 10**9 + int(frac.ljust(9, "0")[:9])
steps = ["exited", "backoff", "starting", "running"]
segments = {}
for r in range(1, repeats + 1):
    points = [(int(v), k) for k, v in (line.split() for line in open("%s/warden-%d.stamps" % (d, r)))]
    points += [(ns(e["time"]), e["to"]) for e in map(json.loads, open("%s/warden-%d.events" % (d, r)))]
    points.sort()
    seen = 0
    for i, (t, kind) in enumerate(points):
        if kind != "E":
            continue
        nxt = {}
        for t2, k2 in points[i + 1:]:
            nxt.setdefault(k2, t2)
            if k2 == "S":
                break
        if "S" not in nxt or any(s not in nxt for s in steps):
            continue
        seen += 1
        if seen <= warmup:
            continue
        marks = [("death", t)] + [(s, nxt[s]) for s in steps] + [("first instruction", nxt["S"])]
        for (a, ta), (b, tb) in zip(marks, marks[1:]):
            segments.setdefault("%s -> %s" % (a, b), []).append((tb - ta) / 1e6)
print("warden breakdown (all runs, ms):")
for name, v in segments.items():
    v.sort()
    print("  %-30s median %6.2f  p90 %6.2f  max %6.2f" % (name, statistics.median(v), v[int(len(v) * 0.9) - 1], v[-1]))
PY
