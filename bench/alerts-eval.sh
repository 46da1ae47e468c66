#!/usr/bin/env bash
# CPU of one round of the standing alerts (issue 18): 1,000 rules over 50 services, once with
# Warden's own metrics only and once with 200 rate() rules scraping 50 Prometheus endpoints
# served by one python3 http.server (another process, so its CPU is not counted; keep-alive).
# Usage: bench/alerts-eval.sh [ROUNDS]   (from the repository root, after bin/mvn -pl bench -am package)
set -euo pipefail
rounds=${1:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java=${JAVA:-java}

dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for i in $(seq 0 49); do
  {
    echo '# TYPE http_requests_total counter'
    for code in 200 201 204 301 400 401 403 404 429 500 502 503; do
      for path in /health /api/items /api/orders /api/users /login; do
        echo "http_requests_total{code=\"$code\",method=\"GET\",path=\"$path\"} $((RANDOM * 10))"
      done
    done
  } > "$dir/metrics-$i.prom"
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Keep-alive (HTTP/1.1) and a backlog for 50 parallel scrapes, as exporters have.
python3 - "$dir" "$port" >/dev/null 2>&1 <<'PY' &
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer.request_queue_size = 128
server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])),
                                         functools.partial(Handler, directory=sys.argv[1]))
server.serve_forever()
PY
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/metrics-0.prom" >/dev/null && break; sleep 0.1; done

echo "== own metrics only"
"$java" -Xmx256m -cp "$cp" io.warden.bench.AlertsEvalCost 1000 50 0 - 100 "$rounds"
echo "== with 200 scraped rate() rules over 50 endpoints (60 series each)"
"$java" -Xmx256m -cp "$cp" io.warden.bench.AlertsEvalCost 1000 50 200 "http://127.0.0.1:$port" 30 "$((rounds / 3))"
