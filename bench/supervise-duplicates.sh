#!/usr/bin/env bash
# Duplicates after a supervisor crash: 10 running services, kill -9 of the supervisor (Warden's
# daemon, supervisord, PM2's God daemon), then start it again the normal way and count the child
# processes (python3 running WORK/sleeper.py: the work dir in their command line is the marker).
# Warden: `warden up` again. supervisord: `supervisord -n -c` again. PM2 (two ways, after
# `pm2 save`): `pm2 resurrect` and `pm2 start apps.json`.
# Usage: bench/supervise-duplicates.sh   Results: bench/results/supervise-duplicates.txt
set -euo pipefail
. "$(dirname "$0")/supervise-lib.sh"
need
n=10
out="$results/supervise-duplicates.txt"
: >"$out"

count_after() {   # waits SETTLE s, then prints the child count
  sleep "${SETTLE:-5}"
  count_children sleeper
}

for case in warden supervisord pm2-resurrect pm2-start; do
  who=${case%%-*}
  dir="$work/dup-$case"
  config "$who" "$dir" "$n" sleeper
  files=()
  for name in $(names "$n"); do rm -f "$work/ts/$name"; files+=("$work/ts/$name"); done
  "start_$who" "$dir"
  wait_started 0 "${files[@]}" >/dev/null
  [ "$who" = pm2 ] && pm2 save >/dev/null
  before=$(count_children sleeper)
  kill -KILL "$DAEMON_PID"
  wait "$DAEMON_PID" 2>/dev/null || true   # (PM2's daemon is not our child: nothing to wait for)
  sleep 1
  orphans=$(count_children sleeper)
  case $case in
    warden) start_warden "$dir" ;;
    supervisord) start_supervisord "$dir" ;;
    pm2-resurrect) pm2 resurrect >>"$dir/daemon.out" 2>&1; DAEMON_PID=$(cat "$PM2_HOME/pm2.pid") ;;
    pm2-start) pm2 start "$dir/apps.json" >>"$dir/daemon.out" 2>&1; DAEMON_PID=$(cat "$PM2_HOME/pm2.pid") ;;
  esac
  after=$(count_after)
  view=""
  case $who in
    warden) view="warden status: $("$root/warden" status --json -c "$dir/warden.yaml" | "$PY" -c 'import json,sys; s=json.load(sys.stdin)["services"]; print(sum(x["state"] == "running" for x in s), "running,", sum(x.get("reason", "").startswith("adopted") for x in s), "adopted")')" ;;
    supervisord) view="supervisorctl status: $(ctl supervisord "$dir" status | grep -c RUNNING) RUNNING" ;;
    pm2) view="pm2 jlist: $("$PM2" jlist | "$PY" -c 'import json,sys; print(sum(a["pm2_env"]["status"] == "online" for a in json.load(sys.stdin)))') online" ;;
  esac
  "stop_$who"
  sleep 2
  left=$(count_children sleeper)
  echo "$case: $before children before kill -9, $orphans still running after it, $after after the restart ($view); $left left after a clean stop of the new daemon; load $(loadavg)" | tee -a "$out"
  for pid in $(pids_with "$PY -S $work/sleeper.py"); do kill -KILL "$pid" 2>/dev/null || true; done
  [ "$who" = pm2 ] && rm -rf "$PM2_HOME"
  sleep 1
done
