#!/usr/bin/env bash
# Issue 23's load proof: HTTP clients on a mix of routes (reads, a few admin writes, anonymous
# requests; io.warden.bench.ApiLoad) and WebSocket clients subscribed to topics, all at once,
# against a daemon started with the real launcher (./warden up) with four services and six tokens.
# Fails (exit 1) on any error other than a 429 (refused, reset or timed-out connections, a WebSocket
# closed by the server, any unexpected status such as a 5xx) and when the daemon's live heap after a
# full GC (the total of jcmd GC.class_histogram, which collects first) is more than 10 % above what it
# was before the load.
# "Before" is taken after a warm-up (a short, small run of the same mix, every route served once at
# least: lazily built caches are not growth); "after" once every client has gone, SETTLE seconds
# passed and the daemon is idle (under 5 % of a core over 2 s, at most 120 s more). Loopback only; every process started here is stopped by PID; the clients stop by themselves.
# Usage: bench/api-load.sh [HTTP_CLIENTS] [WS_CLIENTS] [SECONDS]   (default 1000 2000 60)
#   SETTLE=10: seconds between the end of the load and the "after" heap.
#   RATE_LIMITS=generous (default): each reader token may draw 1,000 reads/s, so most reads do real
#     work and the daemon is saturated; RATE_LIMITS=shipped: the shipped read, write, anonymous and
#     health buckets (most requests answered 429). Both raise the stream bucket (2,000 connects from
#     six users) and the asset bucket (one address for every client).
# Descriptors: each connection is a socket in the daemon and one in the client JVM. The script raises
# its soft limit to the hard one (which needs >= 8192) and sets server.maxConnections to
# HTTP + WS + 500 (the default cap, half of the descriptors left after a reserve, would allow ~4,000
# at ulimit -n 8192 and ~9,900 at 20,000: the explicit cap documents what this run needs).
# Results: bench/results/api-load-hH-wW.txt
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
JAVA_HOME=$(find_jdk)
export JAVA_HOME
http_clients=${1:-1000} ws_clients=${2:-2000} seconds=${3:-60} settle=${SETTLE:-10}
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 8192 ]; then
  echo "api-load: ulimit -n is $(ulimit -n) (hard limit); 3,000 connections need >= 8192 (raise the hard limit, e.g. in /etc/security/limits.conf)" >&2
  exit 2
fi
bin/mvn -B -q -DskipTests -pl cli,bench -am package
./warden --version >/dev/null # refreshes the launcher's class data archive if the jar changed
mkdir -p bench/results
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
. bench/jvm-lib.sh

readers=bench-read-token-000000001,bench-read-token-000000002,bench-read-token-000000003,bench-read-token-000000004
admins=bench-admin-token-00000001,bench-admin-token-00000002
services=ticker,sleeper,worker,idle
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
{
  echo "server: {port: $port, maxConnections: $((http_clients + ws_clients + 500))}"
  echo "auth:"
  echo "  tokens:"
  i=0; for t in ${readers//,/ }; do i=$((i + 1)); echo "    - {user: reader$i, token: $t, scope: read}"; done
  i=0; for t in ${admins//,/ }; do i=$((i + 1)); echo "    - {user: admin$i, token: $t, scope: admin}"; done
  echo "rateLimits:"
  case ${RATE_LIMITS:-generous} in
    generous) echo "  read: {capacity: 2000, refill: 1000, period: 1s}" ;;
    shipped) ;;
    *) echo "api-load: RATE_LIMITS is generous or shipped, not $RATE_LIMITS" >&2; exit 2 ;;
  esac
  cat <<'YAML'
  stream: {capacity: 5000, refill: 1000, period: 1s}
  asset: {capacity: 1000, refill: 500, period: 1s}
services:
  ticker:
    command: [sh, -c, "i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 1; done"]
  sleeper:
    command: [sleep, "100000"]
  worker:
    command: [sh, -c, "while true; do echo working; sleep 2; done"]
  idle:
    command: [sleep, "100000"]
YAML
} >"$work/warden.yaml"
./warden up --config "$work/warden.yaml" >"$work/daemon.log" 2>&1 &
daemon=$!
pids+=("$daemon")
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
sleep 3 # a few samples, the JIT's first pass
# The stops of the load's restarts: a flooded API must not delay them (a stop of a child that
# exits on TERM takes milliseconds; the KILL is due after the 10-s stop timeout).
stop_latencies() { # EVENTS_LOG
  python3 - "$1" <<'PY'
import datetime, json, sys
def at(text):
    return datetime.datetime.fromisoformat(text[:26].rstrip("Z") + "+00:00").timestamp()
stopping, stops, restarts, killed = {}, [], [], 0
for line in open(sys.argv[1]):
    event = json.loads(line)
    name, to = event.get("service"), event.get("to")
    if event.get("from") == to:
        continue  # a note (which code runs), not a transition
    if to == "stopping":
        stopping[name] = at(event["time"])
    elif to == "stopped" and name in stopping:
        stops.append(at(event["time"]) - stopping[name])
        killed += " 0 killed" not in event["reason"]
    elif to == "running" and name in stopping:
        restarts.append(at(event["time"]) - stopping.pop(name))
def summary(values):
    values = sorted(values)
    return "none" if not values else "%d, median %.0f ms, max %.0f ms" % (
        len(values), 1000 * values[len(values) // 2], 1000 * values[-1])
print("stops=" + summary(stops) + " (" + str(killed) + " with a KILL)")
print("restarts=" + summary(restarts))
PY
}
load() { # HTTP WS SECONDS: the load client, its exit status returned
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms128m -Xmx1g -cp "$cp" io.warden.bench.ApiLoad "$port" "$1" "$2" "$3" \
    "$readers" "$admins" "$services"
}
out=bench/results/api-load-h$http_clients-w$ws_clients-${RATE_LIMITS:-generous}.txt
{
  echo "== $http_clients HTTP + $ws_clients WebSocket clients, ${seconds}s, rate limits ${RATE_LIMITS:-generous}: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "daemon: ./warden up (flags: $(tr '\0' ' ' <"/proc/$daemon/cmdline" | grep -o -- '-X[^ ]*' | tr '\n' ' ')), ulimit -n $(ulimit -n), maxConnections $((http_clients + ws_clients + 500))"
  heap_fresh=$(live_objects_kb "$daemon")
  echo "-- warm-up: 50 HTTP + 50 WebSocket clients, 10 s"
  warm=0; load 50 50 10 >"$work/warmup.txt" || warm=$?
  grep -E '^(requests|errors|verdict)' "$work/warmup.txt"
  sleep "$settle"
  heap_before=$(live_objects_kb "$daemon" "$work/histogram-before.txt")
  fds_before=$(ls "/proc/$daemon/fd" | wc -l)
  threads_before=$(awk '/^Threads:/ {print $2}' "/proc/$daemon/status")
  echo "-- load"
  cpu0=$(awk '{print $14 + $15}' "/proc/$daemon/stat")
  rc=0; load "$http_clients" "$ws_clients" "$seconds" || rc=$?
  cpu1=$(awk '{print $14 + $15}' "/proc/$daemon/stat")
  sleep "$settle"
  wait_idle "$daemon" 120
  heap_after=$(live_objects_kb "$daemon" "$work/histogram-after.txt")
  fds_after=$(ls "/proc/$daemon/fd" | wc -l)
  threads_after=$(awk '/^Threads:/ {print $2}' "/proc/$daemon/status")
  echo "-- daemon"
  echo "daemon_alive=$(kill -0 "$daemon" 2>/dev/null && echo yes || echo no)"
  echo "daemon_cpu_s=$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}')"
  echo "daemon_heap_live_fresh_kb=$heap_fresh"
  echo "daemon_heap_live_before_kb=$heap_before"
  echo "daemon_heap_live_after_kb=$heap_after"
  echo "daemon_fds_before=$fds_before daemon_fds_after=$fds_after"
  echo "daemon_threads_before=$threads_before daemon_threads_after=$threads_after"
  echo "daemon_log_lines=$(wc -l <"$work/daemon.log") (WARN $(grep -c WARN "$work/daemon.log" || true), ERROR $(grep -c ERROR "$work/daemon.log" || true))"
  echo "-- daemon log lines by kind (times, numbers and names masked)"
  sed -E 's/^[0-9:.]+ //; s/[0-9]+/N/g' "$work/daemon.log" | cut -c1-160 | sort | uniq -c | sort -rn | head -8
  echo "-- stops and restarts (events.log: stopping -> stopped, stopping -> running)"
  stop_latencies "$work/.warden/events.log"
  echo "-- live heap growth by class (after minus before, top 10)"
  histogram_delta "$work/histogram-before.txt" "$work/histogram-after.txt" 10
  heap_ok=$(awk -v a="$heap_before" -v b="$heap_after" 'BEGIN {print (b <= a * 1.10) ? "yes" : "no"}')
  echo "heap_ratio=$(awk -v a="$heap_before" -v b="$heap_after" 'BEGIN {printf "%.3f", b / a}') (limit 1.100)"
  if [ "$warm" = 0 ] && [ "$rc" = 0 ] && [ "$heap_ok" = yes ]; then
    echo "RESULT: PASS"
  else
    echo "RESULT: FAIL (warm-up exit $warm, load exit $rc, heap within 10 %: $heap_ok)"
  fi
} 2>&1 | tee "$out"
grep -q '^RESULT: PASS' "$out"
