#!/usr/bin/env bash
# Where the daemon's RSS goes, against a bare Helidon SE server run with the same JVM flags, the
# same class data sharing and the same Helidon jars: the bare server, then `warden up` with 0, 1 and
# 50 sleeping Python services, each alone, REPEATS times (default 3), medians reported.
# Each process runs with -XX:NativeMemoryTracking=summary and is read SETTLE seconds (default 30)
# after it answers (the services running): VmRSS split by mapping (/proc/PID/smaps: anonymous
# memory, the two class data archives, libjvm.so, other files; of the anonymous memory, what the
# Java heap and the code cache have resident), NMT's committed Java heap, code cache, class
# metadata, thread stacks and malloc, and the classes loaded, by library.
# Each process runs once before it is measured, so its dynamic class data archive exists.
# Usage: bench/rss-accounting.sh [REPEATS]   Results: bench/results/rss-accounting.txt
set -euo pipefail
WHO=warden
. "$(dirname "$0")/supervise-lib.sh"
need
repeats=${1:-3}
settle=${SETTLE:-30}
out="$results/rss-accounting.txt"
jdk=$(. "$root/bin/find-jdk" && find_jdk)
lib="$root/cli/target/lib"

# The daemon's JVM flags, read from the launcher so the two cannot drift apart.
flags=$(sed -n '/^  up) flags=(/,/archive=up ;;/p' "$root/warden" | sed -e 's/^  up) flags=(//' -e 's/) archive=up ;;//' | tr -s ' \n' ' ')
[[ $flags == *-XX:+UseSerialGC* ]] || { echo "cannot read the daemon's flags from $root/warden" >&2; exit 1; }
read -r -a daemon_flags <<<"$flags"

# The bare server: Helidon SE's quickstart, one route, on the Helidon jars only.
mkdir -p "$work/bare"
cat >"$work/bare/Bare.java" <<'JAVA'
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

public class Bare {
    public static void main(String[] args) {
        WebServer server = WebServer.builder().host("127.0.0.1").port(Integer.parseInt(args[0]))
                .routing(HttpRouting.builder().get("/health", (req, res) -> res.send("ok")))
                .build().start();
        System.out.println("listening on " + server.port());
    }
}
JAVA
helidon_cp=$(ls "$lib"/helidon-*.jar | paste -sd:)
"$jdk/bin/javac" -d "$work/bare/classes" -cp "$helidon_cp" "$work/bare/Bare.java"
# A jar, not a directory: class data sharing archives classes from jars only.
"$jdk/bin/jar" --create --file "$work/bare/bare.jar" -C "$work/bare/classes" .
bare_cp="$work/bare/bare.jar:$helidon_cp"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

launch_bare() {
  local port
  port=$(free_port)
  # The class data sharing flags the launcher adds to every command, with an archive of its own.
  "$jdk/bin/java" "${daemon_flags[@]}" -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$work/bare/bare.jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 \
    -XX:NativeMemoryTracking=summary -cp "$bare_cp" Bare "$port" "$work/" >"$work/bare/out.log" 2>&1 &
  DAEMON_PID=$!
  daemon_pids+=("$DAEMON_PID")
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/health" && return 0; sleep 0.1; done
  echo "the bare server did not answer" >&2; cat "$work/bare/out.log" >&2; return 1
}

launch_daemon() {   # N: warden up with N sleeper services, NMT on
  local n=$1 dir="$work/warden-$1" files=() name
  config warden "$dir" "$n" sleeper
  for name in $(names "$n"); do rm -f "$work/ts/$name"; files+=("$work/ts/$name"); done
  WARDEN_JAVA_OPTS=-XX:NativeMemoryTracking=summary start_warden "$dir"
  daemon_pids+=("$DAEMON_PID")
  [ "$n" = 0 ] || wait_started 0 "${files[@]}" >/dev/null
}

# One line of figures (KB) for PID: smaps groups, NMT categories, classes loaded.
read_process() {
  local pid=$1
  "$jdk/bin/jcmd" "$pid" VM.native_memory summary >"$work/nmt.txt"
  "$jdk/bin/jcmd" "$pid" PerfCounter.print >"$work/perf.txt"
  "$jdk/bin/jcmd" "$pid" GC.heap_info >"$work/heap.txt"
  "$PY" - "$pid" "$work/nmt.txt" "$work/perf.txt" "$work/heap.txt" <<'PY'
import re, sys
pid, nmt_path, perf_path, heap_path = sys.argv[1:]
# The heap's address range: from the lowest to the highest bound GC.heap_info prints.
bounds = [int(a, 16) for a in re.findall(r"0x[0-9a-f]+", open(heap_path).read())]
heap_lo, heap_hi = min(bounds), max(bounds)
groups = {"anon": 0, "jsa_app": 0, "jsa_jdk": 0, "libjvm": 0, "files": 0}
resident = {"heap": 0, "code": 0}   # parts of anon: the Java heap, executable (the code cache)
name = ""
for line in open("/proc/%s/smaps" % pid):
    head = line.split()
    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
        start = int(head[0].split("-")[0], 16)
        name, perms = (head[5] if len(head) > 5 else ""), head[1]
    elif head[0] == "Rss:":
        kb = int(head[1])
        if name.endswith("classes.jsa"): groups["jsa_jdk"] += kb
        elif name.endswith(".jsa"): groups["jsa_app"] += kb
        elif name.endswith("libjvm.so"): groups["libjvm"] += kb
        elif name.startswith("/"): groups["files"] += kb
        else:
            groups["anon"] += kb
            if heap_lo <= start < heap_hi: resident["heap"] += kb
            elif "x" in perms: resident["code"] += kb
nmt = open(nmt_path).read()
def committed(category):
    m = re.search(r"-\s+%s \(reserved=\d+KB, committed=(\d+)KB" % re.escape(category), nmt)
    return int(m.group(1)) if m else 0
malloc = int(re.search(r"^\s+malloc: (\d+)KB", nmt, re.M).group(1))
perf = dict(l.split("=", 1) for l in open(perf_path).read().split("\n") if "=" in l)
loaded = sum(int(perf["java.cls.%s" % k]) for k in ("loadedClasses", "sharedLoadedClasses")) \
    - sum(int(perf["java.cls.%s" % k]) for k in ("unloadedClasses", "sharedUnloadedClasses"))
rss = sum(groups.values())
print("rss=%d anon=%d jsa_app=%d jsa_jdk=%d libjvm=%d files=%d heap_rss=%d code_rss=%d heap=%d code=%d "
      "metaspace=%d class=%d threads=%d malloc=%d nmt_self=%d classes=%d" % (
      rss, groups["anon"], groups["jsa_app"], groups["jsa_jdk"], groups["libjvm"], groups["files"],
      resident["heap"], resident["code"],
      committed("Java Heap"), committed("Code"), committed("Metaspace"), committed("Class"),
      committed("Thread"), malloc, committed("Native Memory Tracking"), loaded))
PY
}

# Classes loaded by PID, by library (the first package names that tell them apart).
classes_by_library() {
  "$jdk/bin/jcmd" "$1" VM.class_hierarchy | sed -e 's/^[| -]*//' -e 's/[ /].*//' | "$PY" -c '
import collections, sys
groups = [("io.warden.", "Warden"), ("io.helidon.", "Helidon"), ("com.fasterxml.jackson.", "Jackson"),
          ("ch.qos.logback.", "Logback"), ("org.slf4j.", "SLF4J"), ("org.yaml.snakeyaml.", "SnakeYAML"),
          ("oshi.", "OSHI"), ("com.sun.jna.", "JNA"), ("io.micrometer.", "Micrometer"),
          ("io.prometheus.", "Prometheus client"), ("io.github.bucket4j.", "Bucket4j"), ("org.jdbi.", "Jdbi"),
          ("java.", "JDK"), ("javax.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK"), ("com.sun.", "JDK")]
count = collections.Counter()
for name in sys.stdin.read().split():
    if "." not in name: continue
    count[next((g for p, g in groups if name.startswith(p)), "other")] += 1
print(", ".join("%s %d" % kv for kv in count.most_common()))'
}

: >"$out"
echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) cores, $("$jdk/bin/java" -version 2>&1 | head -1); settle ${settle}s, NMT on" | tee -a "$out"
echo "# daemon flags: $flags" | tee -a "$out"
for what in bare 0 1 50; do
  for r in $(seq 0 "$repeats"); do   # run 0 makes the class data archive; it is not counted
    if [ "$what" = bare ]; then launch_bare; else launch_daemon "$what"; fi
    sleep "$settle"
    if [ "$r" -gt 0 ]; then
      echo "$what run $r: $(read_process "$DAEMON_PID"); load $(loadavg)" | tee -a "$out"
      [ "$r" = 1 ] && echo "$what classes by library: $(classes_by_library "$DAEMON_PID")" | tee -a "$out"
    fi
    stop_warden
  done
done

# Medians per configuration, in MB.
"$PY" - "$out" <<'PY' | tee -a "$out"
import collections, re, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r"^(\S+) run \d+: (.*); load", line)
    if m:
        runs[m.group(1)].append({k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))})
keys = ["rss", "anon", "jsa_app", "jsa_jdk", "libjvm", "files", "heap_rss", "code_rss", "heap", "code", "metaspace", "class",
        "threads", "malloc", "nmt_self", "classes"]
print("median (MB; classes: count) | " + " | ".join(keys))
for what, rows in runs.items():
    cells = []
    for k in keys:
        v = statistics.median(r[k] for r in rows)
        cells.append("%d" % v if k == "classes" else "%.1f" % (v / 1024))
    print("%s | %s" % (what if what == "bare" else "warden, %s services" % what, " | ".join(cells)))
PY
