#!/usr/bin/env bash
# Idle CPU of a Warden daemon minute by minute after its start, per thread (bench/thread-cpu.sh),
# with its RSS: the JIT warms up for minutes at idle, so one 60-s window says little. The daemon
# runs N `sleep` services (metric sampling on, as by default); WARDEN_JAVA_OPTS is passed through,
# so flags can be compared side by side (two copies of this script at once, each its own daemon).
# Usage: bench/supervise-idle.sh [MINUTES] [SERVICES]   (default 5, 50; prints to stdout)
# At the end: /proc/PID/smaps_rollup (anonymous vs file-backed) and, when WARDEN_JAVA_OPTS has
# -XX:NativeMemoryTracking=summary, `jcmd PID VM.native_memory summary`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-5} n=${2:-50}
work=$(mktemp -d /tmp/warden-idle.XXXXXX)
{ echo "server: {host: 127.0.0.1, port: 0}"; echo "services:"
  for i in $(seq 1 "$n"); do echo "  s$i: {command: [sleep, '100000']}"; done; } >"$work/warden.yaml"
"$root/warden" up --config "$work/warden.yaml" >"$work/daemon.out" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
for _ in $(seq 600); do   # bounded: 60 s
  [ "$(cat /proc/$pid/task/*/children 2>/dev/null | wc -w)" -ge "$n" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/daemon.out" >&2; exit 1; }
  sleep 0.1
done
echo "daemon $pid, $n services running at $(date -u +%T), WARDEN_JAVA_OPTS='${WARDEN_JAVA_OPTS:-}'"
sleep 10
echo "RSS 10 s after the last start: $(rss) MB"
for m in $(seq "$minutes"); do
  window=$("$root/bench/thread-cpu.sh" "$pid" 60)
  echo "minute $m, RSS $(rss) MB: $(tail -1 <<<"$window")"
  head -n -1 <<<"$window" | head -4 | sed 's/^/  /'
done
grep -E '^(Rss|Anonymous|Pss_File):' "/proc/$pid/smaps_rollup"
if [[ ${WARDEN_JAVA_OPTS:-} == *NativeMemoryTracking* ]]; then
  . "$root/bin/find-jdk"; find_jdk >/dev/null
  "$found_jdk/bin/jcmd" "$pid" VM.native_memory summary
fi
