#!/usr/bin/env bash
# GET /api/v1/system under wrk (throughput, p99) and sequentially (median, p99), with auth + rate
# limiting on and effectively off, beside the peers in the same run: the seed's FastAPI design,
# Glances, node_exporter and nginx `return 200` (the machine's ceiling). Loopback only; every
# process started here is stopped by PID at the end.
# Usage: bench/api-http.sh   (needs: apt-get install -y wrk nginx-light python3-fastapi
#        python3-uvicorn python3-psutil glances prometheus-node-exporter)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-15s}
seq_duration=${SEQ_DURATION:-10s}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
token=bench-token-0123456789abcdef

wait_for() { for _ in $(seq 1 150); do curl -fs -o /dev/null "$@" && return 0; sleep 0.2; done; echo "not up: $*" >&2; return 1; }

# name url [header]
measure() {
  local name=$1 url=$2 header=${3:-X-Bench: 1}
  wrk -t2 -c100 -d1s -H "$header" "$url" >/dev/null 2>&1 || true   # warm-up
  local load seq
  load=$(wrk -t2 -c100 -d"$duration" --latency -H "$header" "$url")
  seq=$(wrk -t1 -c1 -d"$seq_duration" --latency -H "$header" "$url")
  python3 - "$name" "$load" "$seq" <<'PY'
import re, sys
name, load, seq = sys.argv[1:4]
def rps(t): return float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
def pct(t, p):
    m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % p, t)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
def non2xx(t):
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", t); return int(m.group(1)) if m else 0
print(f"| {name} | {rps(load):,.0f} | {pct(load, 99):.2f} | {pct(seq, 50):.3f} | {pct(seq, 99):.3f} | {non2xx(load) + non2xx(seq)} |")
PY
}

start_warden() { # name public-routes
  local dir=$work/$1 port=$2
  mkdir -p "$dir"
  cat > "$dir/warden.yaml" <<YAML
server: {port: $port}
auth:
  tokens: [{user: bench, token: $token, scope: read}]
  publicRoutes: [$3]
rateLimits:
  read: {capacity: 1000000000, refill: 1000000000, period: 1s}
YAML
  "$root/warden" up --config "$dir/warden.yaml" > "$dir/out.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/health"
  sleep 2 # the first sample
}

"$root/warden" --version >/dev/null   # builds the jar when needed
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t2 -c100 -d$duration (throughput, p99) and wrk -t1 -c1 -d$seq_duration (sequential)"
echo
echo "| server and route | req/s | p99 ms (c100) | sequential median ms | sequential p99 ms | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"

start_warden on 54181 "/health"
measure "Warden GET /api/v1/system, auth + rate limit" "http://127.0.0.1:54181/api/v1/system" "Authorization: Bearer $token"
measure "Warden GET /health (public, rate limited)" "http://127.0.0.1:54181/health"
rss_on=$(ps -o rss= -p "$(pgrep -n -P "${pids[-1]}" java || echo "${pids[-1]}")" 2>/dev/null || echo "?")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

start_warden off 54182 "/health, /api/v1/system"
measure "Warden GET /api/v1/system, public + limit never reached" "http://127.0.0.1:54182/api/v1/system"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

if python3_debian=/usr/bin/python3 && $python3_debian -c 'import fastapi, uvicorn, psutil' 2>/dev/null; then
  (cd /work/shared/peers/seed-backend 2>/dev/null || cd "$root/../shared/peers/seed-backend"
   RATE_LIMIT=0 CPU_INTERVAL=0.1 exec $python3_debian -m uvicorn main:app --host 127.0.0.1 --port 54190 --workers 1 --no-access-log) > "$work/seed.log" 2>&1 &
  pids+=($!)
  wait_for http://127.0.0.1:54190/health
  measure "seed design GET /api/system/stats (psutil, interval 0.1)" http://127.0.0.1:54190/api/system/stats
  measure "seed design GET /health" http://127.0.0.1:54190/health
fi
if command -v glances >/dev/null; then
  glances -w --disable-webui -B 127.0.0.1 -p 61208 --disable-check-update > "$work/glances.log" 2>&1 &
  pids+=($!)
  wait_for http://127.0.0.1:61208/api/4/cpu || wait_for http://127.0.0.1:61208/api/3/cpu
  api=4; curl -fs -o /dev/null http://127.0.0.1:61208/api/4/cpu || api=3
  measure "Glances GET /api/$api/cpu" "http://127.0.0.1:61208/api/$api/cpu"
fi
if [ -x /usr/bin/prometheus-node-exporter ]; then
  /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:9100 > "$work/node.log" 2>&1 &
  pids+=($!)
  wait_for http://127.0.0.1:9100/metrics
  measure "node_exporter GET /metrics" http://127.0.0.1:9100/metrics
fi
if command -v nginx >/dev/null; then
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:54199; location / { return 200 'ok'; } } }
CONF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
  pids+=($!)
  wait_for http://127.0.0.1:54199/
  measure "nginx return 200 (1 worker, ceiling)" http://127.0.0.1:54199/
fi
echo
echo "Warden RSS after the auth run: ${rss_on} KB"
