#!/usr/bin/env bash
# Wall time of the status command with 50 running services, with hyperfine, in one invocation:
# `warden status`, `supervisorctl status`, `pm2 jlist` (the three daemons run side by side, each
# with its own 50 sleeping Python children).
# Usage: bench/supervise-status.sh [RUNS]   Results: bench/results/supervise-status.{txt,json}
set -euo pipefail
. "$(dirname "$0")/supervise-lib.sh"
need
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
runs=${1:-30}
n=${SERVICES:-50}
out="$results/supervise-status.txt"
pids=()
for who in warden supervisord pm2; do
  config "$who" "$work/$who" "$n" sleeper
  # Each daemon's children get their own stamp files: the three share names s01..s50.
  sed -i "s|$work/ts/|$work/ts/$who-|g" "$work/$who"/*.yaml "$work/$who"/*.conf "$work/$who"/*.json 2>/dev/null || true
  "start_$who" "$work/$who"
  pids+=("$DAEMON_PID")
done
files=()
for who in warden supervisord pm2; do for name in $(names "$n"); do files+=("$work/ts/$who-$name"); done; done
wait_started 0 "${files[@]}" >/dev/null
sleep 5
# The commands must succeed and list every service.
[ "$(ctl warden "$work/warden" status | grep -c running)" = "$n" ] || { echo "warden status: not $n running" >&2; exit 1; }
[ "$(ctl supervisord "$work/supervisord" status | grep -c RUNNING)" = "$n" ] || { echo "supervisorctl: not $n RUNNING" >&2; exit 1; }
# On JDK >= 25 the launcher makes the clients' AOT cache in the background after the first status
# that succeeds (above): every timed run should use it, so wait for it (bounded: 60 s).
(. "$root/bin/find-jdk"; find_jdk >/dev/null; [ "$found_major" -ge 25 ]) && for _ in $(seq 600); do
  [ -f "$root/cli/target/warden-client.aot" ] || [ -f "$root/cli/target/warden-client.aot.failed" ] && break
  sleep 0.1
done
echo "clients' AOT cache: $(ls "$root"/cli/target/warden-client.aot* 2>/dev/null | sed "s|$root/||")"
# Diagnosis, not a product path: the launcher's class data archive for short commands
# (cli/target/warden-cli.jsa) is made by whichever command runs first after a build (often
# --version); the same java line with an archive made by `status` itself shows what that costs.
. "$root/bin/find-jdk"
java_home=$(find_jdk)
trained=("$java_home/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xlog:cds=off -Xlog:cds+dynamic=off
         -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$work/status.jsa" -jar "$root/cli/target/warden.jar"
         status -c "$work/warden/warden.yaml")
"${trained[@]}" >/dev/null; "${trained[@]}" >/dev/null
echo "load before: $(loadavg); launcher's archive: $(ls -l --time-style=+%T "$root"/cli/target/warden-cli.jsa | awk '{print $5, "bytes,", $6}')" | tee "$out"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$results/supervise-status.json" \
  -n 'warden status' "$(ctl_line warden "$work/warden" status)" \
  -n 'warden status (java, archive trained by status)' "${trained[*]}" \
  -n 'supervisorctl status' "$(ctl_line supervisord "$work/supervisord" status)" \
  -n 'pm2 jlist' "$(ctl_line pm2 "$work/pm2" status)" 2>&1 | sed "s|$work|WORK|g" | tee -a "$out"
echo "load after: $(loadavg)" | tee -a "$out"
"$PY" - "$results/supervise-status.json" <<'PY' | tee -a "$out"
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    print("%-22s median %6.1f ms  min %6.1f ms  p90 %6.1f ms  (n=%d)" % (
        r["command"], statistics.median(t) * 1000, t[0] * 1000, t[int(len(t) * 0.9) - 1] * 1000, len(t)))
PY
