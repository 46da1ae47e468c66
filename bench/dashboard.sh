#!/usr/bin/env bash
# The dashboard's cost: its first load (every file the page loads, gzipped as the daemon sends
# them; budget 150 KB) and the daemon's CPU while overview tabs are open in headless Chromium
# (budget with 50 services: 1 tab <= 1 % of a core, 5 tabs <= 3 %). For each tab count a fresh
# daemon (./warden up) supervises 50 idle services; tabs are opened by io.warden.bench.DashboardTabs
# in one /usr/bin/chromium --headless, signed in on the overview; then the daemon's utime + stime
# are read from /proc/PID/stat at the start and the end of the window. Loopback only; every process
# started here is stopped by PID.
# Usage: bench/dashboard.sh [TABS[,TABS...]] [SECONDS]     e.g. bench/dashboard.sh 0,1,5 60
#   WARMUP=150: seconds between the daemon's start and the window (a fresh daemon's idle CPU falls
#   over its first minutes, see "idle CPU" in BENCHMARKS.md; the window should not measure that).
# Results: bench/results/dashboard.txt and the table printed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
JAVA_HOME=$(find_jdk)
export JAVA_HOME
counts=${1:-0,1,5} seconds=${2:-60} services=${SERVICES:-50} warmup=${WARMUP:-150}
token=bench-dashboard-token-0123456789
[ -x /usr/bin/chromium ] || { echo "dashboard.sh: needs /usr/bin/chromium (bin/install-test-deps)" >&2; exit 1; }
bin/mvn -B -q -DskipTests -pl cli,bench -am package
./warden --version >/dev/null
mkdir -p bench/results
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
pids=()
work=$(mktemp -d)
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime of the whole process
out=bench/results/dashboard.txt
echo "== dashboard: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ), $services services, ${seconds}s windows after ${warmup}s, $(/usr/bin/chromium --version 2>/dev/null | head -1)" | tee "$out"

start_daemon() { # DIR: writes the config, starts ./warden up, prints "PID PORT" (run in a subshell: the caller tracks the PID)
  local dir=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  {
    echo "server: {port: $port}"
    echo "auth:"
    echo "  tokens: [{user: bench, token: $token, scope: read}]"
    echo "services:"
    for i in $(seq -w 1 "$services"); do echo "  idle$i: {command: [sleep, \"100000\"]}"; done
  } >"$dir/warden.yaml"
  ./warden up --config "$dir/warden.yaml" >"$dir/daemon.log" 2>&1 &
  local daemon=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "$daemon $port"
}

# First load: the page, what it links, and every module imported from there, gzipped.
dir=$work/first-load
mkdir -p "$dir"
read -r daemon port < <(start_daemon "$dir")
pids+=("$daemon")
first_load=$(python3 - "$port" <<'PY'
import gzip, re, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
def get(path):
    req = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as r:
        body = r.read()
        text = gzip.decompress(body) if r.headers.get("Content-Encoding") == "gzip" else body
        return len(body), text.decode("utf-8", "replace")
files, sizes, i = ["/"], {}, 0
while i < len(files):
    size, text = get(files[i]); sizes[files[i]] = size
    found = re.findall(r'(?:src|href)="(/ui/[^"]+)"', text) + ["/ui/" + m for m in re.findall(r"from '\./([a-z]+\.js\?v=[0-9a-f]+)'", text)]
    files += [f for f in found if f not in files]
    i += 1
for f in files: print(f"  {sizes[f]:>7} B  {f.split('?')[0]}", file=sys.stderr)
print(sum(sizes.values()), len(files))
PY
)
kill -TERM "$daemon"; wait "$daemon" 2>/dev/null || true
read -r first_bytes first_files <<<"$first_load"
echo "first_load_gzipped_bytes=$first_bytes files=$first_files" | tee -a "$out"

rows=()
for tabs in ${counts//,/ }; do
  dir=$work/t$tabs
  mkdir -p "$dir"
  read -r daemon port < <(start_daemon "$dir")
  pids+=("$daemon")
  sleep "$warmup" # every service started, the JIT's first passes, the start-up's extra CPU over
  if [ "$tabs" -gt 0 ]; then
    "$JAVA_HOME/bin/java" -cp "$cp" io.warden.bench.DashboardTabs "$port" "$token" "$tabs" "$dir" "$dir/release" \
      >"$dir/tabs.txt" 2>&1 &
    client=$!
    pids+=("$client")
    while kill -0 "$client" 2>/dev/null && ! grep -q '^ready' "$dir/tabs.txt"; do sleep 0.2; done
    grep -q '^ready' "$dir/tabs.txt" || { cat "$dir/tabs.txt"; exit 1; }
    sleep 5 # the page's first requests (history, services) are not the steady state
  fi
  t0=$(cpu_ticks "$daemon"); s0=$(date +%s.%N)
  sleep "$seconds"
  t1=$(cpu_ticks "$daemon"); s1=$(date +%s.%N)
  pct=$(awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz / (e - s) * 100}')
  rss=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$daemon/status")
  if [ "$tabs" -gt 0 ]; then touch "$dir/release"; wait "$client" || true; fi
  kill -TERM "$daemon"; wait "$daemon" 2>/dev/null || true
  echo "tabs=$tabs daemon_cpu_pct_of_core=$pct daemon_rss_mb=$rss load=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
  rows+=("| $tabs | $pct | $rss |")
done
echo
echo "first load: $first_bytes bytes gzipped in $first_files files (budget 153600)"
echo "| overview tabs | daemon CPU, % of one core | daemon RSS MB |"
echo "| --- | --- | --- |"
printf '%s\n' "${rows[@]}"
