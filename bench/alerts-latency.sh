#!/usr/bin/env bash
# Condition -> notification received, through a real daemon (issue 18): a rule `up < 1` with
# `for: FOR` on a supervised `sleep` (restart policy no); each cycle kills the service's process
# with SIGKILL (the condition begins at that instant), waits for the firing notification at a
# python3 webhook receiver, starts the service again through the API and waits for the resolved
# one. Prints each latency and the median / p99 / max of the firing ones. Target: p99 <= FOR + 2 s.
# Expected: FOR + up to one evaluation interval (the round that first sees the condition) + delivery.
# Usage: bench/alerts-latency.sh [CYCLES] [FOR]   (from the repository root, after
#        bin/mvn -pl cli -am package -DskipTests). Loopback only; stops what it started, by PID.
set -euo pipefail
cycles=${1:-30}
for=${2:-2s}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$root" "$dir" "$cycles" "$for" <<'PY'
import http.server, json, os, random, signal, socket, statistics, subprocess, sys, threading, time, urllib.request

root, work, cycles, for_ = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
received = []  # (wall time, status)
lock = threading.Condition()

class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with lock:
            for alert in body["alerts"]:
                if alert["labels"].get("alertname") == "bench-down":
                    received.append((time.time(), alert["status"]))
            lock.notify_all()
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a):
        pass

hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=hook.serve_forever, daemon=True).start()
config = os.path.join(work, "warden.yaml")
with open(config, "w") as f:
    f.write(f"""server: {{port: 0}}
alerts:
  defaults: false
  receivers:
    - {{name: bench, url: "http://127.0.0.1:{hook.server_address[1]}/hook", timeout: 2s}}
  rules:
    - {{name: bench-down, service: sleeper, metric: up, op: "<", critical: 1, for: {for_}}}
services:
  sleeper:
    command: [sleep, "100000"]
    restart: {{policy: "no"}}
""")
daemon = subprocess.Popen([os.path.join(root, "warden"), "up", "-c", config],
                          stdout=open(os.path.join(work, "daemon.out"), "w"), stderr=subprocess.STDOUT)
state = os.path.join(work, ".warden")

def api(method, path):
    port = next(l.split("=", 1)[1] for l in open(os.path.join(state, "warden.pid")).read().split() if l.startswith("port="))
    token = open(os.path.join(state, "admin.token")).read().strip()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"{}")

def wait(pred, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = pred()
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.05)
    raise SystemExit("timed out")

def arrival(status, after):
    with lock:
        ok = lock.wait_for(lambda: any(t > after and s == status for t, s in received), timeout=60)
        if not ok:
            raise SystemExit("no " + status + " notification")
        return next(t for t, s in received if t > after and s == status)

try:
    firing, resolved = [], []
    for i in range(cycles + 1):
        pid = wait(lambda: api("GET", "/api/v1/services/sleeper").get("pid"))
        # A round has seen it up and the previous resolved has arrived; the random part spreads the
        # kills over the phase of the 1 s evaluation rounds (else every kill lands at the same phase).
        time.sleep(1.5 + random.random())
        start = time.time()
        os.kill(pid, signal.SIGKILL)
        fired = arrival("firing", start)
        restarted = time.time()
        api("POST", "/api/v1/services/sleeper/start")
        up = time.time()
        done = arrival("resolved", restarted)
        if i > 0:  # the first cycle warms the JIT
            firing.append(fired - start)
            resolved.append(done - up)
            print(f"cycle {i}: firing after {fired - start:.3f} s, resolved {done - up:.3f} s after the start answered", flush=True)
    firing.sort(); resolved.sort()
    p99 = lambda xs: xs[min(len(xs) - 1, int(round(0.99 * len(xs) + 0.5)) - 1)]
    print(f"firing  : n={len(firing)} median {statistics.median(firing):.3f} s, p99 {p99(firing):.3f} s, max {firing[-1]:.3f} s (for {for_})")
    print(f"resolved: n={len(resolved)} median {statistics.median(resolved):.3f} s, p99 {p99(resolved):.3f} s, max {resolved[-1]:.3f} s")
finally:
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(60)
    hook.shutdown()
PY
