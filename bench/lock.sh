#!/usr/bin/env bash
# Lock acquire + release latency in process (JMH, sample mode: median and p99).
# Usage: bench/lock.sh   (results: bench/results/lock.txt)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
JAVA_HOME=$(find_jdk)
export JAVA_HOME
bin/mvn -B -q -DskipTests -pl bench -am package
mkdir -p bench/results
"$JAVA_HOME/bin/java" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main \
  -rf text -rff bench/results/lock-jmh.txt LockBenchmark 2>&1 | tee bench/results/lock.txt \
  | grep -E 'acquireAndRelease(:p0.50|:p0.99|  )|Score'
