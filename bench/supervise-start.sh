#!/usr/bin/env bash
# Time to start 50 services until all run, for Warden, supervisord and PM2. Each service is a
# Python child that appends a time.time_ns() stamp as its first instruction, then sleeps.
#  - warm: the daemon runs, its 50 services are stopped; from the start command
#    (warden start --all | supervisorctl start all | pm2 start all) to the last child's first
#    instruction; the command's own wall time too.
#  - cold: from launching the daemon with 50 services (warden up | supervisord -n | pm2 start
#    apps.json, which spawns PM2's daemon) to the last child's first instruction.
#  - floor: the same children started by a plain shell loop, no supervisor: what their own
#    starts cost on this machine.
# Usage: bench/supervise-start.sh [REPEATS]   (env WHO="warden supervisord pm2", SERVICES=50)
# Results: bench/results/supervise-start.txt
set -euo pipefail
. "$(dirname "$0")/supervise-lib.sh"
need
repeats=${1:-5}
n=${SERVICES:-50}
out="$results/supervise-start.txt"
: >"$out"
files=()
for name in $(names "$n"); do files+=("$work/ts/$name"); done

# Warden's own view of the last warm start, from events.log: when the first and the last
# service left "stopped", the median spawn time ("starting" -> "running") per service.
warden_breakdown() {   # T0_NS EVENTS_LOG
  "$PY" - "$1" "$2" <<'PY' | tee -a "$out"
import datetime, json, statistics, sys
t0, path = int(sys.argv[1]), sys.argv[2]
def ns(t):
    whole, frac = t.rstrip("Z").split(".")
    sec = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(sec) * 10**9 + int(frac.ljust(9, "0")[:9])
starting, running = {}, {}
for e in map(json.loads, open(path)):
    t = ns(e["time"])
    if t < t0:
        continue
    if e["to"] == "starting":
        starting.setdefault(e["service"], t)
    elif e["to"] == "running":
        running.setdefault(e["service"], t)
spawn = sorted((running[s] - starting[s]) / 1e6 for s in starting if s in running)
first, last = min(starting.values()), max(starting.values())
print("warden last warm run, events: first 'starting' %.0f ms after the command, last %.0f ms; "
      "%.1f ms between starts on average; starting -> running median %.1f ms, max %.1f ms" % (
      (first - t0) / 1e6, (last - t0) / 1e6, (last - first) / 1e6 / max(1, len(starting) - 1),
      statistics.median(spawn), spawn[-1]))
PY
}

# The floor: the same children started by a shell loop, a fork and an exec each and nothing
# else. On 2 cores their own starts (~10 ms of CPU each) take this long whoever starts them.
for r in $(seq "$repeats"); do
  load=$(loadavg)
  t0=$(now_ns)
  pids=()
  for name in $(names "$n"); do "$PY" -S "$work/sleeper.py" "$work/ts/$name" & pids+=($!); done
  res=$(wait_started "$t0" "${files[@]}"); read -r last first <<<"$res"
  echo "floor warm run $r: all $n running after $last ms (first after $first ms; a shell loop starting them itself); load $load" | tee -a "$out"
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  sleep 1
done

for who in ${WHO:-warden supervisord pm2}; do
  dir="$work/$who"
  config "$who" "$dir" "$n" sleeper
  # cold
  for r in $(seq "$repeats"); do
    load=$(loadavg)
    t0=$(now_ns)
    "launch_$who" "$dir"
    res=$(wait_started "$t0" "${files[@]}"); read -r last first <<<"$res"
    "ready_$who" "$dir"
    echo "$who cold run $r: all $n running after $last ms (first after $first ms); load $load" | tee -a "$out"
    "stop_$who"
    sleep 1
  done
  # warm
  start_"$who" "$dir"
  wait_started 0 "${files[@]}" >/dev/null
  for r in $(seq "$repeats"); do
    ctl "$who" "$dir" stop >/dev/null
    [ "$(count_children sleeper)" = 0 ] || { echo "$who: children left after stop all" >&2; exit 1; }
    sleep 1
    load=$(loadavg)
    t0=$(now_ns)
    ctl "$who" "$dir" start >/dev/null
    t1=$(now_ns)
    res=$(wait_started "$t0" "${files[@]}"); read -r last first <<<"$res"
    echo "$who warm run $r: all $n running after $last ms (first after $first ms; '$(ctl_line "$who" "$dir" start | sed "s|$work|WORK|g")' returned after $(( (t1 - t0) / 1000000 )) ms); load $load" | tee -a "$out"
  done
  [ "$who" = warden ] && warden_breakdown "$t0" "$dir/.warden/events.log"
  "stop_$who"
done

"$PY" - "$out" <<'PY' | tee -a "$out"
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) (cold|warm) run \d+: all \d+ running after ([\d.]+) ms(?:.*returned after (\d+) ms)?", line)
    if m:
        rows.setdefault((m[1], m[2]), []).append((float(m[3]), m[4] and float(m[4])))
for (who, kind), values in rows.items():
    last = statistics.median(v[0] for v in values)
    cmd = [v[1] for v in values if v[1] is not None]
    print("%-12s %s: median %.0f ms to all running (min %.0f, max %.0f)%s" % (
        who, kind, last, min(v[0] for v in values), max(v[0] for v in values),
        "; command returned after median %.0f ms" % statistics.median(cmd) if cmd else ""))
PY
