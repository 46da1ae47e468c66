package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The trim's full collection in a JVM with the daemon's heap flags: it gives back all but the
 * minimum free share of the old generation, where a plain full collection keeps MaxHeapFreeRatio's.
 */
class HeapTrimTest {

    /** The daemon's heap flags, from the launcher's {@code up} line. */
    private static final List<String> DAEMON_HEAP = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx256m",
            "-XX:NewSize=8m", "-XX:MaxNewSize=16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:-ShrinkHeapInSteps");

    @Test
    void trim_keepsOnlyTheMinimumFreeShare_andPutsTheFlagBack() throws Exception {
        String[] tight = run("tight").split(" ");
        String[] plain = run("plain").split(" ");
        long tightCommitted = Long.parseLong(tight[0]);
        long tightUsed = Long.parseLong(tight[1]);
        long plainCommitted = Long.parseLong(plain[0]);
        long plainUsed = Long.parseLong(plain[1]);
        // 10 % free at most (plus the collector's alignment), against about 30 % for a plain collection.
        assertThat(tightCommitted).isLessThan((long) (tightUsed / 0.87));
        assertThat(plainCommitted).isGreaterThan((long) (plainUsed / 0.80));
        assertThat(tight[2]).isEqualTo("30");
    }

    /** Runs {@link Probe} in a JVM of its own; its one line: old committed, old used, MaxHeapFreeRatio after. */
    private static String run(String mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(DAEMON_HEAP);
        command.addAll(List.of("-cp", ChildClassPath.ofThisJvm(), Probe.class.getName(), mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** Promotes ~40 MB, lets ~30 MB of it die, then collects with the trim or plainly. */
    static final class Probe {
        public static void main(String[] args) {
            List<byte[]> kept = new ArrayList<>();
            List<byte[]> dropped = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                (i % 4 == 0 ? kept : dropped).add(new byte[1 << 20]);
            }
            System.gc(); // everything to the old generation, which grows to hold it
            dropped.clear();
            if (args[0].equals("tight")) {
                HeapTrim.collectTight();
            } else {
                System.gc();
            }
            MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Tenured"))
                    .findFirst().orElseThrow();
            String max = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapFreeRatio").getValue();
            System.out.println(old.getUsage().getCommitted() + " " + old.getUsage().getUsed() + " " + max + " "
                    + kept.size());
        }
    }
}
