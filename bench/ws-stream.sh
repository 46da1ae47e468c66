#!/usr/bin/env bash
# WebSocket clients subscribed to `system` at the sampler's default 1 Hz against a daemon started
# with the real launcher (./warden up): delivery lag (arrival minus the sample's data.at), pushes
# received against expected, clients dropped, daemon RSS idle and under load, live heap (after a
# full GC, jcmd) idle and under load. One fresh daemon per client count. Loopback only; every
# process started here is stopped by PID; the load client stops by itself.
# Usage: bench/ws-stream.sh [CLIENTS[,CLIENTS...]] [SECONDS]   e.g. bench/ws-stream.sh 1000,5000,10000 60
#   DAEMON_HEAP=512m: the daemon's maximum heap instead of the launcher's (through WARDEN_JAVA_OPTS,
#   which the launcher puts after its own flags).
#   DAEMON_JFR=/tmp/ws.jfr: a JFR recording (profile settings) of the daemon over the measured window.
# Results: bench/results/ws-stream-cN.txt (raw key=value, heap, class histogram) and the table here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
JAVA_HOME=$(find_jdk)
export JAVA_HOME
counts=${1:-1000,5000,10000} seconds=${2:-60}
token=bench-stream-token-0123456789
# Each connection is a socket in the daemon and one in the client JVM; the JVM raises its soft
# limit to the hard one by itself, this covers the launcher's shell and anything it forks.
ulimit -n "$(ulimit -Hn)"
bin/mvn -B -q -DskipTests -pl cli,bench -am package
./warden --version >/dev/null # refreshes the launcher's class data archive if the jar changed
mkdir -p bench/results
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
pids=()
work=$(mktemp -d)
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

. bench/jvm-lib.sh

rows=()
for clients in ${counts//,/ }; do
  dir=$work/c$clients
  mkdir -p "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$dir/warden.yaml" <<YAML
server: {port: $port}
auth:
  tokens: [{user: bench, token: $token, scope: read}]
rateLimits:   # every client connects from 127.0.0.1: one bucket for all of them
  stream: {capacity: 1000000, refill: 1000000, period: 1s}
YAML
  env ${DAEMON_HEAP:+WARDEN_JAVA_OPTS=-Xmx$DAEMON_HEAP} ./warden up --config "$dir/warden.yaml" >"$dir/daemon.log" 2>&1 &
  daemon=$!
  pids+=("$daemon")
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  sleep 3 # a few samples, the JIT's first pass
  out=bench/results/ws-stream-c$clients.txt
  {
    echo "== $clients clients, ${seconds}s: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "daemon: ./warden up (flags: $(tr '\0' ' ' <"/proc/$daemon/cmdline" | grep -o -- '-X[^ ]*' | tr '\n' ' ')${DAEMON_HEAP:+, -Xmx$DAEMON_HEAP from WARDEN_JAVA_OPTS})"
  } | tee "$out"
  heap_idle=$(live_heap_kb "$daemon")
  "$JAVA_HOME/bin/jcmd" "$daemon" GC.class_histogram >"$dir/histogram-idle.txt" 2>/dev/null || true
  "$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xms256m -Xmx3g -Ddaemon.pid="$daemon" -cp "$cp" \
    io.warden.bench.StreamLoad "$port" "$clients" "$seconds" "$token" "$dir/release" >"$dir/load.txt" 2>&1 &
  client=$!
  pids+=("$client")
  while kill -0 "$client" 2>/dev/null && ! grep -q '^measuring' "$dir/load.txt"; do sleep 0.2; done
  gc0=$("$JAVA_HOME/bin/jstat" -gc "$daemon" | tail -1)
  [ -z "${DAEMON_JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$daemon" JFR.start name=ws settings=profile filename="$DAEMON_JFR" >/dev/null
  while kill -0 "$client" 2>/dev/null && ! grep -q '^holding' "$dir/load.txt"; do sleep 0.2; done
  gc1=$("$JAVA_HOME/bin/jstat" -gc "$daemon" | tail -1)
  [ -z "${DAEMON_JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$daemon" JFR.stop name=ws >/dev/null
  heap_load=$(live_heap_kb "$daemon")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$daemon/status")
  fds=$(ls "/proc/$daemon/fd" | wc -l)
  "$JAVA_HOME/bin/jcmd" "$daemon" GC.class_histogram >"$dir/histogram-load.txt" 2>/dev/null || true
  touch "$dir/release"
  wait "$client" || true
  {
    cat "$dir/load.txt"
    echo "daemon_heap_live_idle_kb=$heap_idle"
    echo "daemon_heap_live_load_kb=$heap_load"
    # jstat -gc columns: ... YGC YGCT FGC FGCT CGC CGCT GCT (counted from the end)
    echo "$gc0|$gc1" | awk -F'|' '{split($1, a, " "); split($2, b, " "); n = length(a);
      printf "daemon_gc_window=young %d (%.0f ms), full %d (%.0f ms)\n", b[n-6] - a[n-6], (b[n-5] - a[n-5]) * 1000, b[n-4] - a[n-4], (b[n-3] - a[n-3]) * 1000}'
    echo "daemon_threads_load=$threads"
    echo "daemon_fds_load=$fds"
    echo "load_average_after=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "-- daemon live heap per open client, by class (class histograms under load minus idle)"
    python3 - "$dir/histogram-idle.txt" "$dir/histogram-load.txt" "$(sed -n 's/^open_at_end=//p' "$dir/load.txt")" <<'PY'
import sys
def read(path):
    sizes = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 4 and f[0].endswith(":") and f[0][:-1].isdigit():
            sizes[f[3]] = (int(f[1]), int(f[2]))
    return sizes
idle, load, n = read(sys.argv[1]), read(sys.argv[2]), max(1, int(sys.argv[3] or 1))
delta = {k: (v[0] - idle.get(k, (0, 0))[0], v[1] - idle.get(k, (0, 0))[1]) for k, v in load.items()}
total = sum(d[1] for d in delta.values())
print(f"total {total / n:,.0f} bytes per client")
for k, (count, size) in sorted(delta.items(), key=lambda kv: -kv[1][1])[:12]:
    print(f"{size / n:9,.0f} B  {count / n:6.2f} objects  {k}")
PY
  } | tee -a "$out"
  kill -TERM "$daemon"
  wait "$daemon" 2>/dev/null || true
  get() { sed -n "s/^$1=//p" "$dir/load.txt" | head -1; }
  rss_idle=$(get daemon_rss_idle_kb) rss_end=$(get daemon_rss_end_kb) rss_peak=$(get daemon_rss_peak_kb)
  open=$(get open_at_start)
  rows+=("| $clients | $(get connected) ($(get ramp_s) s) | $(get pushes_received) / $(get pushes_expected) | $(get closed_by_server) \
| $(get lag_median_ms) | $(get lag_p99_ms) | $(get lag_p999_ms) | $(get lag_max_ms) \
| $((rss_idle / 1024)) / $((rss_end / 1024)) (peak $((rss_peak / 1024))) \
| $(awk -v a="$rss_idle" -v b="$rss_end" -v n="$open" 'BEGIN {printf "%.1f", n ? (b - a) / n : 0}') \
| $((heap_idle / 1024)) / $((heap_load / 1024)) \
| $(awk -v a="$heap_idle" -v b="$heap_load" -v n="$open" 'BEGIN {printf "%.1f", n ? (b - a) / n : 0}') \
| $(get daemon_cpu_pct) / $(get client_cpu_pct) | $(get daemon_cpu_us_per_push) |")
done

echo
echo "| clients | connected (ramp) | pushes received / expected | closed by server | lag median ms | p99 ms | p99.9 ms | max ms | daemon RSS MB idle / load | RSS KB per client | live heap MB idle / load | heap KB per client | CPU % daemon / client | daemon CPU us per push |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
