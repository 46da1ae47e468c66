#!/usr/bin/env bash
# Daemon RSS and idle CPU of Warden, supervisord and PM2 (one daemon at a time):
#  - RSS (VmRSS of the daemon process: Warden's JVM, supervisord, PM2's God daemon) idle with 1
#    and with 50 sleeping Python services, 10 s after the last one started;
#  - CPU (utime + stime from /proc/PID/stat) of the daemon over IDLE_SECONDS (default 60) with 50
#    services, twice; Warden's metric sampler runs (it is on by default);
#  - RSS after each of 20 cycles of stop all / start all of the 50 (flat or not), and 10 s after;
#    ROUNDS=N repeats that N times.
# Usage: bench/supervise-resources.sh [WHO...]   Results: bench/results/supervise-resources.txt
set -euo pipefail
. "$(dirname "$0")/supervise-lib.sh"
need
idle=${IDLE_SECONDS:-60}
cycles=${CYCLES:-20}
rounds=${ROUNDS:-1}   # ROUNDS=3: the churn three times, to tell growth that stops from a leak
n=${SERVICES:-50}
out="$results/supervise-resources.txt"
[ $# -gt 0 ] || set -- warden supervisord pm2
: >"$out"
hz=$(getconf CLK_TCK)

for who in "$@"; do
  # one service
  dir="$work/$who-1"
  config "$who" "$dir" 1 sleeper
  rm -f "$work/ts/s01"
  "start_$who" "$dir"
  wait_started 0 "$work/ts/s01" >/dev/null
  sleep 10
  echo "$who rss idle 1 service: $(( $(rss_kb "$DAEMON_PID") / 1024 )) MB; load $(loadavg)" | tee -a "$out"
  "stop_$who"

  # fifty
  dir="$work/$who-$n"
  config "$who" "$dir" "$n" sleeper
  files=()
  for name in $(names "$n"); do rm -f "$work/ts/$name"; files+=("$work/ts/$name"); done
  "start_$who" "$dir"
  wait_started 0 "${files[@]}" >/dev/null
  sleep 10
  echo "$who rss idle $n services: $(( $(rss_kb "$DAEMON_PID") / 1024 )) MB; load $(loadavg)" | tee -a "$out"
  for w in 1 2; do
    c0=$(cpu_ticks "$DAEMON_PID"); t0=$(now_ns); l0=$(loadavg)
    sleep "$idle"
    c1=$(cpu_ticks "$DAEMON_PID"); t1=$(now_ns)
    echo "$who cpu idle $n services window $w: $(( c1 - c0 )) ticks in $(( (t1 - t0) / 1000000 )) ms =" \
      "$(awk -v c=$((c1 - c0)) -v hz="$hz" -v ms=$(( (t1 - t0) / 1000000 )) 'BEGIN { printf "%.2f", 100 * c / hz / (ms / 1000) }') % of a core;" \
      "load $l0 -> $(loadavg)" | tee -a "$out"
  done
  for round in $(seq "$rounds"); do
    series=""
    for c in $(seq "$cycles"); do
      ctl "$who" "$dir" stop >/dev/null
      t0=$(now_ns)
      ctl "$who" "$dir" start >/dev/null
      wait_started "$t0" "${files[@]}" >/dev/null
      series+=" $(( $(rss_kb "$DAEMON_PID") / 1024 ))"
    done
    [ "$rounds" = 1 ] && what="the churn" || what="churn $round of $rounds"
    echo "$who rss after each of $cycles stop/start cycles (MB):$series" | tee -a "$out"
    sleep 10
    echo "$who rss 10 s after $what: $(( $(rss_kb "$DAEMON_PID") / 1024 )) MB; children running: $(count_children sleeper); load $(loadavg)" | tee -a "$out"
  done
  "stop_$who"
done
