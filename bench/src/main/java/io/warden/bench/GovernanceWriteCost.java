package io.warden.bench;

import io.warden.governance.GovernanceConfig;
import io.warden.governance.GovernanceService;
import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.export.AssessmentCodec;
import io.warden.governance.store.GovernanceStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The assessment store's cost per write without HTTP: {@code threads} threads run the risk API
 * benchmark's flow (create, submit, approve as developer, approve as lead) on a
 * {@link GovernanceService} in this process, closed loop; prints writes per second and this
 * process's CPU time per write (the service, JDBC, SQLite's native code, the group commit).
 *
 * <p>Usage: {@code GovernanceWriteCost JDBC_URL THREADS WARMUP_S MEASURE_S}.
 */
public final class GovernanceWriteCost {

    private GovernanceWriteCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: GovernanceWriteCost JDBC_URL THREADS WARMUP_S MEASURE_S");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[1]);
        AtomicLong writes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (GovernanceStore store = GovernanceStore.open(args[0])) {
            GovernanceService service = new GovernanceService(store, GovernanceConfig.DEFAULTS, Clock.systemUTC());
            AssessmentContent content = new AssessmentCodec().readJson(RiskApiLoad.ASSESSMENT.formatted(0), "bench", AssessmentContent.class);
            Approver author = new Approver("author", List.of());
            Approver developer = new Approver("dev", List.of("developer"));
            Approver lead = new Approver("lead", List.of("lead"));
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        try {
                            String id = service.create(author, content).id();
                            service.submit(id, author);
                            service.approve(id, developer, "ok");
                            service.approve(id, lead, "ok");
                            writes.addAndGet(4);
                        } catch (RuntimeException e) {
                            if (failures.incrementAndGet() <= 3) {
                                System.err.println("failed: " + e);
                            }
                        }
                    }
                }));
            }
            Thread.sleep(Long.parseLong(args[2]) * 1000);
            long cpu0 = cpuNanos();
            long commit0 = committerCpuNanos();
            long writes0 = writes.get();
            long start = System.nanoTime();
            Thread.sleep(Long.parseLong(args[3]) * 1000);
            long cpu = cpuNanos() - cpu0;
            long commit = committerCpuNanos() - commit0;
            long n = writes.get() - writes0;
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
            System.out.printf("%s threads %d: %.0f writes/s, CPU %.3f ms per write (%.2f cores; the committer"
                            + " thread %.3f ms), failures %d, load %.1f%n", args[0].replaceAll("\\?.*", ""), threads,
                    n / seconds, cpu / 1e6 / n, cpu / 1e9 / seconds, commit / 1e6 / n, failures.get(), ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }

    /** CPU time of the group commit's threads, where every write of the store is serialised. */
    private static long committerCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("warden-governance-commit"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.threadId())))
                .sum();
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }
}
