#!/usr/bin/env bash
# Whole-process overhead of `warden run --name x -- true` against plain `true`, and JVM start
# time, with hyperfine (Debian package). Usage: bench/run-overhead.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-jdk
java_home=$(find_jdk)
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
./warden --version >/dev/null               # builds the jar if needed
work=$(mktemp -d)
cd "$work"
"$root/warden" run --name warm -- true       # creates the class data archive
mkdir -p "$root/bench/results"
hyperfine -N --warmup 5 --runs 40 --export-json "$root/bench/results/run-overhead.json" \
  -n 'true' 'true' \
  -n 'java -version' "$java_home/bin/java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version" \
  -n 'warden run -- true' "$root/warden run --name x -- true" \
  -n 'java -jar warden.jar run -- true (no launcher, no archive)' \
     "$java_home/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $root/cli/target/warden.jar run --name y -- true"
python3 - "$root/bench/results/run-overhead.json" <<'PY'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))["results"]
base = statistics.median(runs[0]["times"]) * 1000
for r in runs:
    t = sorted(r["times"]); med = statistics.median(t) * 1000
    p90 = t[int(len(t) * 0.9) - 1] * 1000
    print(f"{r['command'][:60]:60s} median {med:7.1f} ms  p90 {p90:7.1f} ms  overhead vs true {med - base:7.1f} ms")
PY
rm -rf "$work"
