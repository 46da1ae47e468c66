#!/usr/bin/env bash
# Idle RSS and live heap of two Warden builds side by side, each a daemon with N `sleep` services:
# VmRSS at 20, 60, 120 and 180 s after the last start, then each one's GC.heap_info and the rows of
# its live-object histogram for int[] and float[] (the metric history's arrays) and the total.
# Usage: bench/idle-heap.sh CHECKOUT_A CHECKOUT_B [SERVICES]   (default 50; builds a jar if stale)
# A checkout of another commit: git worktree add --detach /tmp/x/wt COMMIT (remove it afterwards).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
roots=("$1" "$2") n=${3:-50}
. "$root/bin/find-jdk"; find_jdk >/dev/null
jcmd="$found_jdk/bin/jcmd"
pids=() works=()
stop() {
  for i in "${!pids[@]}"; do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
    rm -rf "${works[$i]}"
  done
}
trap stop EXIT
for checkout in "${roots[@]}"; do
  work=$(mktemp -d /tmp/warden-idle-heap.XXXXXX)
  { echo "server: {host: 127.0.0.1, port: 0}"; echo "services:"
    for i in $(seq 1 "$n"); do echo "  s$i: {command: [sleep, '100000']}"; done; } >"$work/warden.yaml"
  "$checkout/warden" up --config "$work/warden.yaml" >"$work/daemon.out" 2>&1 &
  pids+=($!) works+=("$work")
done
for i in 0 1; do
  for _ in $(seq 1200); do   # bounded: 120 s, a first run builds the jar
    [ "$(cat /proc/${pids[$i]}/task/*/children 2>/dev/null | wc -w)" -ge "$n" ] && break
    kill -0 "${pids[$i]}" 2>/dev/null || { cat "${works[$i]}/daemon.out" >&2; exit 1; }
    sleep 0.1
  done
done
echo "A ${roots[0]} (pid ${pids[0]}), B ${roots[1]} (pid ${pids[1]}), $n services each, $(date -u '+%F %T') UTC"
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
elapsed=0
for at in 20 60 120 180; do
  sleep $((at - elapsed)); elapsed=$at
  echo "$at s: VmRSS A $(rss "${pids[0]}") kB, B $(rss "${pids[1]}") kB"
done
for i in 0 1; do
  echo "== $( [ "$i" = 0 ] && echo A || echo B ) ${roots[$i]}"
  "$jcmd" "${pids[$i]}" GC.heap_info | grep -E 'total'
  "$jcmd" "${pids[$i]}" GC.class_histogram | grep -E '\[[FI] |^Total'
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
