#!/usr/bin/env bash
# Every supervision benchmark of issue 3, Warden beside supervisord and PM2, in one run, with the
# machine and the load average recorded. Takes about 25 minutes.
# Usage: bench/supervise-all.sh   (PM2=/path/to/pm2 if pm2 is not on PATH)
# Results: bench/results/supervise-*.txt
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/results"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
  # (not `pm2 --version`: it starts a God daemon in ~/.pm2)
  pm2_dir=$(dirname "$(readlink -f "${PM2:-$(command -v pm2)}")")/..
  echo "peers: supervisord $(supervisord --version 2>/dev/null), pm2 $(node -p "require('$pm2_dir/package.json').version"), $(/usr/bin/python3 --version)"
  echo "python3 -S start (hyperfine, 30 runs):"
  hyperfine -N --warmup 5 --runs 30 '/usr/bin/python3 -S -c pass' 2>&1 | grep -E 'Time|Range'
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$here/results/supervise-machine.txt"
"$here/supervise-restart.sh" 3
"$here/supervise-start.sh" 5
"$here/supervise-status.sh" 30
"$here/supervise-resources.sh"
"$here/supervise-duplicates.sh"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$here/results/supervise-machine.txt"
