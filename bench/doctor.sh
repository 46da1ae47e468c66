#!/usr/bin/env bash
# Wall time of `warden doctor` (the real launcher ./warden, class data archive warm) with 500
# extra `sleep` processes on the machine, against a warden.yaml of 3 services, one of them with 2
# copies running by hand. Starts the sleeps itself and kills exactly those PIDs afterwards.
# Usage: bench/doctor.sh [RUNS]   (default 10; prints every run and the median)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
work=$(mktemp -d)
pids=()
cleanup() {
  if [ ${#pids[@]} -gt 0 ]; then kill "${pids[@]}" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/warden" --version >/dev/null          # builds the jar if needed
cat > "$work/warden.yaml" <<'YAML'
services:
  api:
    command: [sleep, "86401"]
    port: 18080
  worker:
    command: [sleep, "86402"]
  web:
    command: [sleep, "86403"]
    port: 18081
YAML
cd "$work"
for _ in 1 2; do sleep 86401 & pids+=($!); done
for _ in $(seq 500); do sleep 86400 & pids+=($!); done
"$root/warden" doctor >/dev/null || true      # creates the class data archive of short commands
"$root/warden" doctor >/dev/null || true

total=$(ls /proc | grep -c '^[0-9]' || true)
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$root/warden" doctor >/dev/null 2>&1 || true
  cpu=$(tail -1 "$work/cpu")
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms wall, CPU user+sys $(echo "$cpu" | awk '{printf "%d", ($1 + $2) * 1000}') ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
("$root/warden" doctor || true) | tail -1
echo "processes on the machine: $total; cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "median of $runs runs: ${median} ms"
