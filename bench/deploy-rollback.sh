#!/usr/bin/env bash
# Critical breach -> old version serving again, through a real daemon (issue 19). The service `web`
# is the deploy module's fixture (python3 fixture_service.py PORT VERSION MODE) at v1; each trial
# deploys v2 in mode `bad` (every second request answers 500) through the API with an assessment
# whose monitoring threshold is the 5xx rate scraped from the service's own /metrics
# (rate(http_requests_total{code="500"}[1s]), critical > 2/s). One client loop GETs / every 10 ms:
# it is the load that moves the counter and the clock. The latency runs from the first 500 it sees
# (the breach injected: the bad version serves) to the first `v1` it sees again (the old version
# serves). Also measured: the fixture's own cold start (python3 started -> `/` answers), the floor.
# Watch settings (update block), kept small so the figure is the reaction, not the schedule:
#   interval 100ms, failureLimit 1, minHealthyTime 100ms, health probe every 100ms, window 60s.
# Target: median and p99 <= 2 s + the service's start; expected about minHealthyTime + two
# scrapes (a rate needs two) + a stop + the old version's start.
# Usage: bench/deploy-rollback.sh [TRIALS]   (default 20; from the repository root, after
#        bin/mvn -pl cli -am package -DskipTests). Stops by itself after ~7 minutes of trials
#        (prints how many fit). Loopback only; stops what it started, by PID.
set -euo pipefail
trials=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$root" "$dir" "$trials" <<'PY'
import json, os, signal, socket, statistics, subprocess, sys, time, urllib.error, urllib.request

root, work, trials = sys.argv[1], sys.argv[2], int(sys.argv[3])
budget_end = time.time() + 420  # the trials stop by themselves after 7 minutes
fixture = os.path.join(root, "deploy/src/test/resources/io/warden/deploy/fixture_service.py")

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def fetch(port, timeout=0.5):
    """(status, body) of GET /, or None when nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except Exception:
        return None

p99 = lambda xs: sorted(xs)[min(len(xs) - 1, int(round(0.99 * len(xs) + 0.5)) - 1)]
def summary(name, xs):
    xs = sorted(xs)
    return (f"{name}: n={len(xs)} median {statistics.median(xs) * 1000:.1f} ms, p99 {p99(xs) * 1000:.1f} ms, "
            f"min {xs[0] * 1000:.1f} ms, max {xs[-1] * 1000:.1f} ms")

# The floor: the fixture's own cold start, python3 started -> `/` answers (polled every 10 ms).
starts = []
for i in range(trials):
    port = free_port()
    t0 = time.time()
    proc = subprocess.Popen(["python3", fixture, str(port), "v1", "good"])
    try:
        while fetch(port, 0.2) is None:
            if time.time() - t0 > 30:
                raise SystemExit("the fixture did not answer in 30 s")
            time.sleep(0.01)
        starts.append(time.time() - t0)
    finally:
        proc.terminate(); proc.wait(10)
print(summary("service cold start (floor)", starts), flush=True)

port = free_port()
# A MEDIUM assessment must be approved (lead and qa) before it may go with a deploy.
TOKENS = {user: f"bench-{user}-{os.urandom(8).hex()}" for user in ("ann", "lee", "quinn")}
config = os.path.join(work, "warden.yaml")
with open(config, "w") as f:
    f.write(f"""server: {{port: 0}}
rateLimits:
  read: {{capacity: 10000, refill: 10000, period: 1s}}
  write: {{capacity: 10000, refill: 10000, period: 1s}}
auth:
  tokens:
    - {{user: ann, token: {TOKENS["ann"]}, scope: admin, roles: [developer]}}
    - {{user: lee, token: {TOKENS["lee"]}, scope: admin, roles: [lead]}}
    - {{user: quinn, token: {TOKENS["quinn"]}, scope: admin, roles: [qa]}}
update: {{healthyDeadline: 20s, minHealthyTime: 100ms, window: 60s, interval: 100ms, failureLimit: 1}}
services:
  web:
    command: [python3, "{fixture}", "{port}", v1, good]
    port: {port}
    health: {{http: "http://127.0.0.1:{port}/health", interval: 100ms}}
""")
daemon = subprocess.Popen([os.path.join(root, "warden"), "up", "-c", config],
                          stdout=open(os.path.join(work, "daemon.out"), "w"), stderr=subprocess.STDOUT)
state = os.path.join(work, ".warden")

def api(method, path, body=None, ctype="application/json", user=None):
    port_ = next(l.split("=", 1)[1] for l in open(os.path.join(state, "warden.pid")).read().split() if l.startswith("port="))
    token = TOKENS[user] if user else open(os.path.join(state, "admin.token")).read().strip()
    req = urllib.request.Request(f"http://127.0.0.1:{port_}{path}", method=method,
                                 data=None if body is None else body.encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": ctype})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path}: {e.code} {e.read().decode()}")

def wait(pred, timeout=60, what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = pred()
            if v:
                return v
        except SystemExit:
            raise
        except Exception:
            pass
        time.sleep(0.05)
    raise SystemExit("timed out waiting for " + what)

example = open(os.path.join(root, "examples/assessments/process-management.yaml")).read()
example = example.replace("services: [control-center-backend]", "services: [web]")
assessment = example[:example.index("monitoring:")] + """monitoring:
  - {metric: "prometheus:#rate(http_requests_total{code=\\"500\\"}[1s])", expected: "0/s", warning: "> 0.5", critical: "> 2"}
""" + example[example.index("checklists:"):]

try:
    wait(lambda: api("GET", "/api/v1/services/web") and fetch(port) == (200, "v1"), what="v1 serving")
    latencies, verdicts = [], []
    for i in range(trials + 1):  # the first trial warms the JIT and opens the governance store
        if i > 0 and time.time() > budget_end:
            print(f"time budget spent: {len(latencies)} of {trials} trials", flush=True)
            break
        aid = api("POST", "/api/v1/assessments", assessment, "application/yaml", user="ann")["id"]
        api("POST", f"/api/v1/assessments/{aid}/submit", "", user="ann")
        for approver in ("lee", "quinn"):
            api("POST", f"/api/v1/assessments/{aid}/approve", '{"comment": "bench"}', user=approver)
        body = json.dumps({"set": [f'command=[python3, "{fixture}", "{port}", v2, bad]'],
                           "assessment": aid})
        deploy = api("POST", "/api/v1/services/web/deploy", body, user="ann")["id"]
        breach = back = None
        end = time.time() + 60
        while back is None and time.time() < end:
            t = time.time()
            got = fetch(port)
            now = time.time()
            if got and got[0] == 500 and breach is None:
                breach = now
            elif got == (200, "v1") and breach is not None:
                back = now
            time.sleep(max(0.0, 0.01 - (now - t)))
        if back is None:
            raise SystemExit(f"trial {i}: v1 not serving again within 60 s (breach seen: {breach is not None})")
        record = wait(lambda: (d := api("GET", f"/api/v1/deploys/{deploy}")["deploy"])["phase"]
                      in ("rolled_back", "failed", "promoted") and d, what="the deploy's end")
        if i > 0:
            latencies.append(back - breach)
            verdicts.append(record["verdict"])
            print(f"trial {i}: {(back - breach) * 1000:.1f} ms ({record['phase']}, {record['verdict']}: "
                  f"{record.get('reason', '')[record.get('reason', '').find('threshold'):][:160]})", flush=True)
    print(summary("breach -> old version serving", latencies))
    print("verdicts: " + ", ".join(f"{v} x{verdicts.count(v)}" for v in sorted(set(verdicts))))
    print("settings: interval 100ms, failureLimit 1, minHealthyTime 100ms, health probe 100ms, "
          "threshold rate(http_requests_total{code=\"500\"}[1s]) critical > 2/s, client GET / every 10 ms")
finally:
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(60)
PY
