#!/usr/bin/env bash
# Per-request cost of GET /api/v1/system on one Warden build: daemon CPU time per request
# (utime+stime from /proc) and bytes allocated per request (JFR jdk.ThreadAllocationStatistics over
# the measured wrk run, divided by wrk's request count). Both are steadier than req/s on a shared
# machine; interleave builds (ROOT=a checkout of main, then this one, then main again ...).
# Loopback only; the daemon started here is stopped by PID.
# Usage: bench/api-http-cost.sh [ROOT] [auth|public] [DURATION]   (needs wrk, python3)
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/..}" && pwd) mode=${2:-auth} duration=${3:-10s}
jdk=$(. "$root/bin/find-jdk" && find_jdk)
token=bench-token-0123456789abcdef
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$mode" = auth ]; then public="/health"; header="Authorization: Bearer $token"; else public="/health, /api/v1/system"; header="X-Bench: 1"; fi
cat > "$work/warden.yaml" <<YAML
server: {port: $port}
auth:
  tokens: [{user: bench, token: $token, scope: read}]
  publicRoutes: [$public]
rateLimits:
  read: {capacity: 1000000000, refill: 1000000000, period: 1s}
YAML
"$root/warden" up --config "$work/warden.yaml" > "$work/out.log" 2>&1 &
pid=$!
url=http://127.0.0.1:$port/api/v1/system
for _ in $(seq 150); do curl -fs -o /dev/null -H "$header" "$url" && break; sleep 0.2; done
curl -fs -o /dev/null -H "$header" "$url" || { echo "daemon not answering; log:" >&2; tail -5 "$work/out.log" >&2; exit 1; }
wrk -t2 -c100 -d5s -H "$header" "$url" > /dev/null   # warm-up (JIT)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
load=$(cut -d' ' -f1-3 /proc/loadavg)
"$jdk/bin/jcmd" "$pid" JFR.start name=cost settings=default > /dev/null
c0=$(cpu)
out=$(wrk -t2 -c100 -d"$duration" --latency -H "$header" "$url")
c1=$(cpu)
"$jdk/bin/jcmd" "$pid" JFR.stop name=cost filename="$work/cost.jfr" > /dev/null
"$jdk/bin/jfr" print --json --events jdk.ThreadAllocationStatistics "$work/cost.jfr" > "$work/alloc.json"
python3 - "$out" "$c0" "$c1" "$(getconf CLK_TCK)" "$work/alloc.json" "$mode" "$load" "$root" <<'PY'
import collections, json, re, sys
out, c0, c1, tck, alloc, mode, load, root = sys.argv[1:9]
n = int(re.search(r"(\d+) requests in", out).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
m = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", out)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
per_thread = collections.defaultdict(list)
for e in json.load(open(alloc))["recording"]["events"]:
    v = e["values"]
    per_thread[v["thread"]["javaThreadId"] if v["thread"] else None].append(v["allocated"])
allocated = sum(max(xs) - min(xs) for xs in per_thread.values())
cpu_us = (float(c1) - float(c0)) / int(tck) * 1e6 / n
print(f"{root} {mode}: {rps:,.0f} req/s, p99 {p99:.2f} ms, {cpu_us:.1f} us CPU/request, "
      f"{allocated / n:,.0f} B allocated/request, non-2xx {bad.group(1) if bad else 0}, load {load}")
PY
