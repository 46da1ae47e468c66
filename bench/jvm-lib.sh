# Shared by the bench scripts that measure a running JVM (sourced; needs JAVA_HOME).

live_heap_kb() { # PID: heap used after a full GC (young + old generation lines: "total NK, used NK")
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | awk '/ total [0-9]+K, used [0-9]+K/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub("K,?", "", $(i+1)); s += $(i+1)}} END {print s + 0}'
}

histogram_delta() { # BEFORE AFTER N: the N classes whose live bytes grew most between two GC.class_histogram files
  python3 - "$1" "$2" "$3" <<'PY'
import sys
def read(path):
    sizes = {}
    for line in open(path):
        f = line.split()
        if len(f) >= 4 and f[0].endswith(":") and f[0][:-1].isdigit():
            sizes[f[3]] = (int(f[1]), int(f[2]))
    return sizes
before, after = read(sys.argv[1]), read(sys.argv[2])
before.pop("[Ljdk.internal.vm.FillerElement;", None)
after.pop("[Ljdk.internal.vm.FillerElement;", None)
delta = {k: (v[0] - before.get(k, (0, 0))[0], v[1] - before.get(k, (0, 0))[1]) for k, v in after.items()}
print(f"total {sum(d[1] for d in delta.values()):+,} bytes")
for k, (count, size) in sorted(delta.items(), key=lambda kv: -kv[1][1])[:int(sys.argv[3])]:
    print(f"{size:+12,} B  {count:+8,} objects  {k}")
PY
}

live_objects_kb() { # PID [HISTOGRAM_FILE]: bytes of the objects a full GC leaves (GC.class_histogram's total), in KB;
  # unlike heap_info's "used", this ignores what the JVM allocates between the GC and the reading; the
  # filler arrays the JVM puts in unused space (jdk.internal.vm.FillerElement, up to 6 MB seen) are no objects
  local file=${2:-$(mktemp)}
  "$JAVA_HOME/bin/jcmd" "$1" GC.class_histogram >"$file"
  awk '$1 == "Total" {t = $3} /jdk\.internal\.vm\.FillerElement/ {f += $3} END {print int((t - f) / 1024)}' "$file"
  [ -n "${2:-}" ] || rm -f "$file"
}

wait_idle() { # PID MAX_SECONDS: until the process used under 5 % of a core over 2 s, at most MAX_SECONDS
  local hz a b i
  hz=$(getconf CLK_TCK)
  for ((i = 0; i < $2; i += 2)); do
    a=$(awk '{print $14 + $15}' "/proc/$1/stat")
    sleep 2
    b=$(awk '{print $14 + $15}' "/proc/$1/stat")
    [ $(((b - a) * 100)) -lt $((hz * 2 * 5)) ] && return 0
  done
}
