#!/usr/bin/env bash
# Rate-limit decision latency (issue 22): one token drawn per decision, sequentially, on buckets in
# memory, in Redis (the machine's, 127.0.0.1:6379) and in PostgreSQL (127.0.0.1:5432, database test).
# Usage: bench/rate-limits.sh [DECISIONS]   (from the repository root, after bin/mvn -pl bench -am package)
set -euo pipefail
decisions=${1:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java=${JAVA:-java}
pg=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for store in local redis://127.0.0.1:6379 postgresql; do
  "$java" -XX:+UseSerialGC -cp "$cp" io.warden.bench.RateLimitDecisionCost "$store" "$pg" "$decisions" 2>/dev/null
done
