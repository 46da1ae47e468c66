#!/usr/bin/env bash
# Shared by bench/supervise-*.sh (sourced, not run): one temp work dir per run, the Python child
# programs, config generators and start/stop helpers for Warden, supervisord and PM2, and a trap
# that stops everything this run started (by PID, never by name) even when a step fails.
#
# Needs: Debian's supervisor and hyperfine (apt-get install -y supervisor hyperfine), PM2 from npm
# on PATH or in $PM2 (npm install --prefix /tmp/pm2 pm2; PM2=/tmp/pm2/node_modules/.bin/pm2).
# Every child runs `/usr/bin/python3 -S WORK/child.py ...`: the work dir in its command line is the
# marker used to count and clean up this run's processes, and nothing else is ever signalled.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=/usr/bin/python3
PM2=${PM2:-$(command -v pm2 || true)}
results="$root/bench/results"
mkdir -p "$results"

# WHO (where a script supports it) limits a run to some of the three, e.g. WHO=warden.
need() {
  local who=" ${WHO:-warden supervisord pm2} "
  [[ $who != *" supervisord "* ]] || command -v supervisord >/dev/null \
    || { echo "needs supervisord: apt-get install -y supervisor" >&2; exit 1; }
  [[ $who != *" pm2 "* ]] || { [ -n "$PM2" ] && [ -x "$PM2" ]; } \
    || { echo "needs PM2: npm install -g pm2, or PM2=/path/to/pm2" >&2; exit 1; }
  [ -x "$PY" ] || { echo "needs $PY" >&2; exit 1; }
  "$root/warden" --version >/dev/null   # builds the jar if needed, before anything is timed
}

work=$(mktemp -d "${TMPDIR:-/tmp}/warden-supervise.XXXXXX")
daemon_pids=()          # Warden daemons and supervisords started by this run
export PM2_HOME="$work/pm2"

# PIDs of the processes whose command line contains STRING (read from /proc; this bench only).
pids_with() {
  "$PY" -c '
import os, sys
me = os.getpid()
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == me:
        continue
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        continue
    if sys.argv[1] in cmd:
        print(pid)' "$1"
}
# The processes of this run: every process whose command line names the work dir.
run_pids() { pids_with "$work/"; }

# True when PID runs and its command line names this run's work dir (a PID is never trusted alone).
ours() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$work/"; }

cleanup() {
  local pid
  set +e
  for pid in "${daemon_pids[@]}"; do ours "$pid" && kill -TERM "$pid" 2>/dev/null; done
  [ -n "$PM2" ] && [ -d "$PM2_HOME" ] && timeout 20 "$PM2" kill >/dev/null 2>&1
  for _ in $(seq 50); do
    local alive=0
    for pid in "${daemon_pids[@]}"; do ours "$pid" && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in "${daemon_pids[@]}"; do ours "$pid" && kill -KILL "$pid" 2>/dev/null; done
  # Children left behind on purpose (kill -9 of a supervisor) or by a failure: this run's only.
  for pid in $(run_pids); do kill -KILL "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the children -------------------------------------------------------------------------
# crash.py FILE: appends "S <ns>" as its first instruction, "E <ns>" just before it exits 1 after
# ~5 ms. sleeper.py FILE: appends "S <ns>", then sleeps. Both write with O_APPEND (one write each).
cat >"$work/crash.py" <<'PY'
import time; t = time.time_ns()
import os, sys
f = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
os.write(f, b"S %d\n" % t)
time.sleep(0.005)
os.write(f, b"E %d\n" % time.time_ns())
os._exit(1)
PY
cat >"$work/sleeper.py" <<'PY'
import time; t = time.time_ns()
import os, sys
f = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
os.write(f, b"S %d\n" % t)
os.close(f)
while True:
    time.sleep(3600)
PY
mkdir -p "$work/ts"

now_ns() { local t=$EPOCHREALTIME; echo "${t/./}000"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# utime + stime of one process, in clock ticks.
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

# Number of this run's child processes (python3 running WORK/KIND.py), optionally for one kind.
count_children() { pids_with "$PY -S $work/${1:-}" | wc -l; }

# Waits until every FILE in the list has an "S" line newer than T0 (ns); prints the newest such
# first-start per file minus T0 in ms (i.e. time until the last one started). Bounded: 30 s.
wait_started() {
  local t0=$1; shift
  "$PY" - "$t0" "$@" <<'PY'
import os, sys, time
t0 = int(sys.argv[1]); files = sys.argv[2:]; deadline = time.time() + 30
def first_after(path):
    try:
        with open(path) as f:
            for line in f:
                kind, _, value = line.partition(" ")
                if kind == "S" and int(value) > t0:
                    return int(value)
    except (FileNotFoundError, ValueError):
        pass
    return None
while True:
    starts = [first_after(p) for p in files]
    if all(s is not None for s in starts):
        print("%.1f %.1f" % ((max(starts) - t0) / 1e6, (min(starts) - t0) / 1e6))
        break
    if time.time() > deadline:
        sys.exit("timeout: %d of %d started" % (sum(s is not None for s in starts), len(files)))
    time.sleep(0.005)
PY
}

# ---- configs: N services running KIND (crash|sleeper), one timestamp file each -----------------
names() { local i; for i in $(seq 1 "$1"); do printf 's%02d\n' "$i"; done; }

warden_config() {   # DIR N KIND -> DIR/warden.yaml
  local dir=$1 n=$2 kind=$3 name
  mkdir -p "$dir"
  { echo "server: {host: 127.0.0.1, port: 0}"
    # warden start/stop --all sends one request per service: above the default write limit (20 at once).
    echo "rateLimits: {write: {capacity: 1000, refill: 1000, period: 1s}}"
    echo "services:"
    for name in $(names "$n"); do
      echo "  $name:"
      echo "    command: [$PY, -S, $work/$kind.py, $work/ts/$name]"
      echo "    restart:"
      echo "      policy: always"
      echo "      backoff: {initial: 0ms, jitter: 0}"
      echo "      startLimit: {burst: 1000000, interval: 1s}"
      echo "    stop: {timeout: 2s}"
    done
  } >"$dir/warden.yaml"
}

supervisord_config() {   # DIR N KIND -> DIR/supervisord.conf
  local dir=$1 n=$2 kind=$3 name
  mkdir -p "$dir/logs"
  { cat <<EOF
[unix_http_server]
file=$dir/supervisor.sock
[supervisord]
nodaemon=true
logfile=$dir/supervisord.log
pidfile=$dir/supervisord.pid
childlogdir=$dir/logs
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$dir/supervisor.sock
EOF
    for name in $(names "$n"); do
      printf '[program:%s]\ncommand=%s -S %s/%s.py %s/ts/%s\nstartsecs=0\nautorestart=true\nstopwaitsecs=2\n' \
        "$name" "$PY" "$work" "$kind" "$work" "$name"
    done
  } >"$dir/supervisord.conf"
}

pm2_config() {   # DIR N KIND -> DIR/apps.json
  local dir=$1 n=$2 kind=$3
  mkdir -p "$dir"
  "$PY" - "$dir" "$n" "$kind" "$work" "$PY" <<'PY' >"$dir/apps.json"
import json, sys
d, n, kind, work, py = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
apps = [{"name": "s%02d" % i, "script": py, "args": ["-S", "%s/%s.py" % (work, kind), "%s/ts/s%02d" % (work, i)],
         "interpreter": "none", "autorestart": True, "restart_delay": 0, "min_uptime": 0,
         "max_restarts": 1000000, "kill_timeout": 2000,
         "out_file": "%s/logs/s%02d.out" % (d, i), "error_file": "%s/logs/s%02d.err" % (d, i)}
        for i in range(1, n + 1)]
print(json.dumps({"apps": apps}, indent=1))
PY
}

# ---- daemons ------------------------------------------------------------------------------
# launch_WHO DIR starts the daemon in the background and sets DAEMON_PID (Warden's JVM, supervisord,
# PM2's God daemon); ready_WHO DIR returns once its control command answers (bounded: 30 s);
# start_WHO DIR does both; stop_WHO stops DAEMON_PID cleanly (its services with it).
# PM2 has no foreground daemon: `pm2 start apps.json` spawns the God daemon and returns.
launch_warden() {
  "$root/warden" up --config "$1/warden.yaml" >>"$1/daemon.out" 2>&1 &
  DAEMON_PID=$!
  daemon_pids+=("$DAEMON_PID")
}
ready_warden() {
  local i
  for i in $(seq 300); do
    "$root/warden" status -c "$1/warden.yaml" >/dev/null 2>&1 && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$1/daemon.out" >&2; return 1; }
    sleep 0.1
  done
  echo "warden did not answer in 30 s" >&2; return 1
}
stop_warden() {   # [SECONDS before SIGKILL, default 30]
  kill -TERM "$DAEMON_PID" 2>/dev/null || true
  timeout "${1:-30}" tail --pid="$DAEMON_PID" -f /dev/null || kill -KILL "$DAEMON_PID" 2>/dev/null || true
}

launch_supervisord() {
  supervisord -n -c "$1/supervisord.conf" >>"$1/daemon.out" 2>&1 &
  DAEMON_PID=$!
  daemon_pids+=("$DAEMON_PID")
}
ready_supervisord() {
  local i
  for i in $(seq 300); do
    supervisorctl -c "$1/supervisord.conf" pid >/dev/null 2>&1 && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$1/daemon.out" >&2; return 1; }
    sleep 0.1
  done
  echo "supervisord did not answer in 30 s" >&2; return 1
}
# supervisord stops its 50 programs one after another and was seen to need more than 30 s; a
# SIGKILL then leaves them running and the next step finds them.
stop_supervisord() { stop_warden 120; }

pm2() { timeout 60 "$PM2" "$@"; }
launch_pm2() {
  mkdir -p "$1/logs"
  pm2 start "$1/apps.json" >>"$1/daemon.out" 2>&1
  DAEMON_PID=$(cat "$PM2_HOME/pm2.pid")
}
ready_pm2() { pm2 ping >/dev/null; }
stop_pm2() { pm2 kill >/dev/null 2>&1 || true; }

start_warden() { launch_warden "$1"; ready_warden "$1"; }
start_supervisord() { launch_supervisord "$1"; ready_supervisord "$1"; }
start_pm2() { launch_pm2 "$1"; ready_pm2 "$1"; }

# WHO's own commands on the daemon of DIR: status, start all, stop all.
ctl() {   # WHO DIR status|start|stop
  local who=$1 dir=$2 what=$3
  case $who/$what in
    warden/status) "$root/warden" status -c "$dir/warden.yaml" ;;
    warden/*) "$root/warden" "$what" --all -c "$dir/warden.yaml" ;;
    supervisord/status) supervisorctl -c "$dir/supervisord.conf" status ;;
    supervisord/*) supervisorctl -c "$dir/supervisord.conf" "$what" all ;;
    pm2/status) "$PM2" jlist ;;
    pm2/*) pm2 "$what" all ;;
  esac
}
# The command line of ctl, for reports and hyperfine.
ctl_line() {
  local who=$1 dir=$2 what=$3
  case $who/$what in
    warden/status) echo "$root/warden status -c $dir/warden.yaml" ;;
    warden/*) echo "$root/warden $what --all -c $dir/warden.yaml" ;;
    supervisord/status) echo "supervisorctl -c $dir/supervisord.conf status" ;;
    supervisord/*) echo "supervisorctl -c $dir/supervisord.conf $what all" ;;
    pm2/status) echo "$PM2 jlist" ;;
    pm2/*) echo "$PM2 $what all" ;;
  esac
}

# Writes the config of WHO with N services of KIND into DIR.
config() { "$1_config" "$2" "$3" "$4"; }
