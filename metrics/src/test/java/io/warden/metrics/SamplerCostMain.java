package io.warden.metrics;

import io.warden.os.HostClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints what sampling costs with 50 tracked idle services (each a real {@code sleep} child).
 * Not a test: timings are printed, never asserted. Run (about 2 minutes):
 *
 * <pre>{@code
 * bin/mvn -B -q -pl metrics test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * cd metrics && java -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
 *     -cp target/classes:target/test-classes:$(cat target/cp.txt) io.warden.metrics.SamplerCostMain
 * }</pre>
 *
 * <p>Part 1 drives {@code tick()} directly, after 300 back-to-back warm-up ticks, 350 ms apart (OSHI caches counters for 300 ms, so
 * closer ticks would look cheaper than real ones), for each process reader. Part 2 runs the
 * real sampler thread at the default 1 s interval and reports the whole JVM's CPU over it,
 * which includes JIT and GC: the figure to hold against the 0.5 %-of-a-core target.
 */
public final class SamplerCostMain {

    private static final int SERVICES = 50;
    private static final int TICKS = 40;
    private static final int WARM_UP_TICKS = 300;

    private SamplerCostMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Children children = new Children()) {
            MetricsSampler[] samplers = {
                MetricsSampler.create(SamplerSettings.defaults(), HostClock.system(), true),
                MetricsSampler.create(SamplerSettings.defaults(), HostClock.system(), false),
            };
            for (int i = 0; i < SERVICES; i++) {
                TrackedProcess service = Children.tracked("svc" + i, children.idle());
                for (MetricsSampler sampler : samplers) {
                    sampler.track(service);
                }
            }
            measureTicks("host only", MetricsSampler.create(SamplerSettings.defaults(), HostClock.system()));
            measureTicks("procfs", samplers[0]);
            measureTicks("oshi  ", samplers[1]);
            measureThread(samplers[0].tracked(), false);
            measureThread(samplers[0].tracked(), true);
        }
    }

    private static void measureTicks(String label, MetricsSampler sampler) {
        sampler.prime();
        for (int i = 0; i < WARM_UP_TICKS; i++) {
            sampler.tick(); // back to back: compiles the hot paths as an hour of sampling would
        }
        long[] cpu = new long[TICKS];
        long[] wall = new long[TICKS];
        for (int i = 0; i < TICKS; i++) {
            LockSupport.parkNanos(Duration.ofMillis(350).toNanos());
            sampler.tick();
            Sample.TickCost cost = sampler.latest().orElseThrow().cost();
            cpu[i] = cost.cpuNanos();
            wall[i] = cost.wallNanos();
        }
        Sample last = sampler.latest().orElseThrow();
        long[] steadyCpu = cpu;
        long[] steadyWall = wall;
        System.out.printf("%s: %d trees (%d processes) | tick CPU median %.2f ms, max %.2f ms | wall median %.2f ms,"
                        + " max %.2f ms (%d ticks; max includes a tree rescan)%n",
                label, last.processes().size(),
                last.processes().values().stream().mapToInt(ProcessTreeSample::processCount).sum(),
                median(steadyCpu) / 1e6, max(steadyCpu) / 1e6, median(steadyWall) / 1e6, max(steadyWall) / 1e6, TICKS);
        sampler.close();
    }

    /** The whole JVM's CPU over 30 s with the sampler thread running, or not (the baseline). */
    private static void measureThread(java.util.Map<String, TrackedProcess> tracked, boolean run)
            throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (MetricsSampler sampler = MetricsSampler.create(SamplerSettings.defaults(), HostClock.system())) {
            tracked.values().forEach(sampler::track);
            if (run) {
                sampler.start();
            }
            Thread.sleep(2_000); // the code is compiled by part 1
            java.util.Map<String, Long> threadsBefore = threadCpu();
            long cpuBefore = os.getProcessCpuTime();
            long wallBefore = System.nanoTime();
            SamplerStats statsBefore = sampler.stats();
            Thread.sleep(30_000);
            long cpu = os.getProcessCpuTime() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            SamplerStats stats = sampler.stats();
            long ticks = stats.ticks() - statsBefore.ticks();
            java.util.Map<String, Long> threadsAfter = threadCpu();
            threadsAfter.forEach((name, nanos) -> {
                long used = nanos - threadsBefore.getOrDefault(name, 0L);
                if (used > 1_000_000) {
                    System.out.printf("  thread %-40s %.1f ms%n", name, used / 1e6);
                }
            });
            if (!run) {
                System.out.printf("baseline, sampler not started: whole JVM %.3f %% of a core over %.0f s%n",
                        100.0 * cpu / wall, wall / 1e9);
                return;
            }
            System.out.printf("sampler thread at 1 s, %d trees: whole JVM %.3f %% of a core over %.0f s; sampler thread "
                            + "%.2f ms CPU per tick (%d ticks) = %.3f %% of a core%n",
                    tracked.size(), 100.0 * cpu / wall, wall / 1e9,
                    (stats.totalCpuNanos() - statsBefore.totalCpuNanos()) / 1e6 / ticks, ticks,
                    100.0 * (stats.totalCpuNanos() - statsBefore.totalCpuNanos()) / wall);
        }
    }

    /** CPU nanoseconds per live Java thread name (JIT and GC threads are not Java threads). */
    private static java.util.Map<String, Long> threadCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> result = new java.util.HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                result.merge(info.getThreadName(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return result;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
