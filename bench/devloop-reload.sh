#!/usr/bin/env bash
# The development loop (issue 21): from a file write to the new process serving the new code, for
# `warden run --watch` (debounce 200 ms, the default, and 50 ms) and nodemon (--delay 200ms) when it
# installs with npm, against the service's own start time (python3 app.py, started cold, until it
# answers). The service is a tiny Python HTTP server whose source holds its version; each round
# rewrites the source and polls GET / every 2 ms until the new version answers.
# Usage: bench/devloop-reload.sh [ROUNDS]   (default 40)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-40}
cd "$root"
./warden --version >/dev/null               # builds the jar if needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nodemon=""
if command -v npm >/dev/null && (cd "$work" && timeout 180 npm install --silent --no-audit --no-fund nodemon \
    >/dev/null 2>&1); then
  nodemon="$work/node_modules/.bin/nodemon"
fi
mkdir -p "$root/bench/results"
out="$root/bench/results/devloop-reload-$(date -u +%F).txt"
python3 - "$root" "$work" "$rounds" "$nodemon" <<'PY' | tee "$out"
import os, signal, socket, statistics, subprocess, sys, time, urllib.request

root, work, rounds, nodemon = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
app_dir = os.path.join(work, "app")
os.makedirs(app_dir, exist_ok=True)
APP = '''import http.server, sys
VERSION = "%s"
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = VERSION.encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
'''

def write(version):
    with open(os.path.join(app_dir, "app.py"), "w") as f:
        f.write(APP % version)

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def answer(port):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=1) as r:
            return r.read().decode()
    except Exception:
        return None

def wait_for(port, version, limit=30.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if answer(port) == version:
            return time.perf_counter()
        time.sleep(0.002)
    raise SystemExit("timed out waiting for %s on %d" % (version, port))

def stats(name, ms):
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(round(len(ms) * 0.99)) - 1)]
    print("%-44s median %7.1f ms  p99 %7.1f ms  min %7.1f  max %7.1f  (n=%d)" % (
        name, statistics.median(ms), p99, ms[0], ms[-1], len(ms)))
    return statistics.median(ms), p99

print("load average before:", open("/proc/loadavg").read().split()[:3], "rounds:", rounds)
# The service's own start time: a cold python3 app.py until it answers.
own = []
write("v0")
for i in range(rounds):
    port = free_port()
    t0 = time.perf_counter()
    p = subprocess.Popen([python, "app.py", str(port)], cwd=app_dir)
    t1 = wait_for(port, "v0")
    own.append((t1 - t0) * 1000)
    p.terminate(); p.wait()
own_median, own_p99 = stats("service start (python3 app.py), cold", own)

def leftovers(port):
    """PIDs of this script's service (app.py on this round's port) still running."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                argv = open("/proc/%s/cmdline" % entry, "rb").read().split(b"\0")
            except OSError:
                continue
            if b"app.py" in argv and str(port).encode() in argv:
                found.append(int(entry))
    return found

def measure(name, command, settle=0.4):
    write("v0")
    port = free_port()
    cmd = [c.replace("PORT", str(port)) for c in command]
    p = subprocess.Popen(cmd, cwd=app_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        wait_for(port, "v0", 60)
        time.sleep(1.0)
        took = []
        for i in range(1, rounds + 1):
            version = "v%d" % i
            t0 = time.perf_counter()
            write(version)
            t1 = wait_for(port, version)
            took.append((t1 - t0) * 1000)
            time.sleep(settle)
        return stats(name, took)
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait()
        time.sleep(1.0)
        left = leftovers(port)
        if left:  # a tool that leaves its child behind on TERM: say so, and end what this script started
            print("%s: left %d service process(es) running after TERM (PIDs %s); killed" % (name, len(left), left))
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

warden = os.path.join(root, "warden")
state = os.path.join(work, "state")
results = {}
results["warden 200ms"] = measure("warden run --watch app.py (debounce 200ms)",
    [warden, "run", "--name", "dev", "--state-dir", state, "--watch", "app.py", "--", python, "app.py", "PORT"])
results["warden 50ms"] = measure("warden run --watch app.py --debounce 50ms",
    [warden, "run", "--name", "dev", "--state-dir", state, "--watch", "app.py", "--debounce", "50ms", "--",
     python, "app.py", "PORT"])
if nodemon:
    version = subprocess.run([nodemon, "--version"], capture_output=True, text=True).stdout.strip()
    results["nodemon"] = measure("nodemon %s --delay 200ms" % version,
        [nodemon, "--quiet", "--delay", "200ms", "--watch", "app.py", "--signal", "SIGTERM", "--exec",
         python + " app.py PORT"])
else:
    print("nodemon: not measured (npm install nodemon failed or npm is missing)")
budget = 300 + own_median
print("budget: 300 ms + the service's own start (median %.1f ms) = %.1f ms" % (own_median, budget))
for name, (median, p99) in results.items():
    print("%-14s median %s, p99 %s the budget" % (name, "within" if median <= budget else "OVER",
          "within" if p99 <= 300 + own_p99 else "OVER"))
print("load average after:", open("/proc/loadavg").read().split()[:3])
PY
