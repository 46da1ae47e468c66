#!/usr/bin/env bash
# Assessment create + submit + approve over the API at 50 concurrent clients, against a daemon
# started with the real launcher (./warden up), once with SQLite (default) and once with PostgreSQL
# (127.0.0.1:5432, database test, a fresh schema dropped afterwards).
# Usage: bench/risk-api.sh [CLIENTS] [WARMUP_S] [MEASURE_S]   (results: bench/results/risk-api-*.txt)
#   DAEMON_JFR=/tmp/risk: a JFR recording (profile settings) of the daemon over the measured window,
#     one per database (/tmp/risk-sqlite.jfr, /tmp/risk-postgres.jfr).
#   DATABASES="sqlite": only these of "sqlite postgres".
#   PG_URL_EXTRA="&reWriteBatchedInserts=false": appended to the PostgreSQL URL (driver settings for an A/B).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
JAVA_HOME=$(find_jdk)
export JAVA_HOME
clients=${1:-50} warmup=${2:-10} measure=${3:-30}
bin/mvn -B -q -DskipTests -pl cli,bench -am package
mkdir -p bench/results
cp="bench/target/classes:$(cat bench/target/classpath.txt)"

# CPU ticks of the PostgreSQL server's processes so far (its backends live as long as the pool's connections).
postgres_ticks() {
  awk '$2 == "(postgres)" {t += $14 + $15} END {print t + 0}' /proc/[0-9]*/stat 2>/dev/null || true
}

run() { # NAME STORAGE_YAML (results named NAME-cCLIENTS)
  local name=$1 storage=$2 work port pid
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$work/warden.yaml" <<YAML
server: {port: $port}
auth:
  tokens:
    - {user: author, token: bench-author-token-0001, scope: admin}
    - {user: dev, token: bench-dev-token-00000001, scope: admin, roles: [developer]}
    - {user: lead, token: bench-lead-token-0000001, scope: admin, roles: [lead]}
rateLimits:
  read: {capacity: 1000000, refill: 1000000, period: 1s}
  write: {capacity: 1000000, refill: 1000000, period: 1s}
$storage
YAML
  ./warden up --config "$work/warden.yaml" >"$work/daemon.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "== $name: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ)" \
    | tee "bench/results/risk-api-$name-c$clients.txt"
  # The daemon's CPU time (user + system) over the measured window, sampled when the warm-up ends
  # (the load client's own start-up, ~0.5 s, makes the window slightly late: an approximation).
  (sleep "$warmup"; awk '{print $14 + $15}' "/proc/$pid/stat" >"$work/cpu0"; postgres_ticks >"$work/db0"
   [ -z "${DAEMON_JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=risk settings=profile \
     filename="$DAEMON_JFR-$name.jfr" >/dev/null) &
  local sampler=$!
  "$JAVA_HOME/bin/java" -cp "$cp" io.warden.bench.RiskApiLoad "$port" "$clients" "$warmup" "$measure" \
    bench-author-token-0001 bench-dev-token-00000001 bench-lead-token-0000001 | tee -a "bench/results/risk-api-$name-c$clients.txt"
  local cpu1 cpu0 hz calls
  cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  local db1 db0
  db1=$(postgres_ticks)
  [ -z "${DAEMON_JFR:-}" ] || "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=risk >/dev/null
  wait "$sampler" || true
  cpu0=$(cat "$work/cpu0")
  db0=$(cat "$work/db0")
  hz=$(getconf CLK_TCK)
  calls=$(awk '$2 == "n" {sum += $3} END {print sum}' "bench/results/risk-api-$name-c$clients.txt")
  awk -v d="$((cpu1 - cpu0))" -v hz="$hz" -v calls="$calls" -v s="$measure" -v la="$(cut -d' ' -f1-3 /proc/loadavg)" \
    'BEGIN {printf "daemon CPU %.0f ms in %d s (%.2f cores), %.2f ms per call; load average %s\n", d * 1000 / hz, s, d / hz / s, d * 1000 / hz / calls, la}' \
    | tee -a "bench/results/risk-api-$name-c$clients.txt"
  [ "$name" != postgres ] || awk -v d="$((db1 - db0))" -v hz="$hz" -v calls="$calls" \
    'BEGIN {printf "PostgreSQL server CPU %.0f ms, %.3f ms per call\n", d * 1000 / hz, d * 1000 / hz / calls}' \
    | tee -a "bench/results/risk-api-$name-c$clients.txt"
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$work"
}

databases=${DATABASES:-sqlite postgres}
[[ " $databases " != *" sqlite "* ]] || run sqlite ""
schema="bench_risk_$$"
if [[ " $databases " != *" postgres "* ]]; then
  :
elif psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" 2>/dev/null; then
  run postgres "storage: {url: \"jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema${PG_URL_EXTRA:-}\"}"
  psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE"
else
  echo "PostgreSQL at 127.0.0.1:5432 is unreachable: skipped" >&2
fi
