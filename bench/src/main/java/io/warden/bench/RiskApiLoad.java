package io.warden.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the assessment API of a running daemon: {@code clients} threads, each filing a LOW
 * assessment, submitting it and approving it as developer and lead (which completes the LOW rule),
 * over and over; latency of every call, by call, after a warm-up. Each client has one keep-alive
 * connection ({@link KeepAliveHttp}, a blocking socket): this process shares the cores with the
 * daemon, and the JDK HttpClient cost about as much CPU per call as a third of the daemon's.
 *
 * <p>Usage: {@code RiskApiLoad PORT CLIENTS WARMUP_SECONDS MEASURE_SECONDS AUTHOR_TOKEN DEV_TOKEN LEAD_TOKEN}.
 * Prints one line per call kind: count, throughput, p50, p99, max (ms), and the flows per second.
 */
public final class RiskApiLoad {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    /** The LOW assessment each flow files ({@code %d}: the flow's number), also used by {@link GovernanceWriteCost}. */
    static final String ASSESSMENT = """
            {"title": "Raise the worker pool to %d", "summary": "More workers for the nightly batch.",
             "services": ["worker"], "environment": "staging",
             "risks": [{"category": "performance", "title": "more memory", "likelihood": 2, "impact": 2,
                        "mitigation": "watch RSS", "owner": "ops"}],
             "rollback": [{"step": "restore the pool size", "command": "warden restart worker",
                           "expectedDuration": "1m"}]}""";

    private static final String BASE = "/api/v1/assessments";

    private final int port;
    private final String author;
    private final String developer;
    private final String lead;
    private final Map<String, List<Long>> samples = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong flows = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;

    private RiskApiLoad(int port, String author, String developer, String lead) {
        this.port = port;
        this.author = author;
        this.developer = developer;
        this.lead = lead;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: RiskApiLoad PORT CLIENTS WARMUP_S MEASURE_S AUTHOR_TOKEN DEV_TOKEN LEAD_TOKEN");
            System.exit(2);
        }
        RiskApiLoad load = new RiskApiLoad(Integer.parseInt(args[0]), args[4], args[5], args[6]);
        load.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    private void run(int clients, int warmupSeconds, int measureSeconds) throws Exception {
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                Map<String, List<Long>> mine = Map.of("create", new ArrayList<>(), "submit", new ArrayList<>(),
                        "approve", new ArrayList<>());
                try (KeepAliveHttp http = new KeepAliveHttp(port)) {
                    for (int n = 0; running; n++) {
                        flow(http, client * 1_000_000 + n, mine);
                    }
                } finally {
                    mine.forEach((k, v) -> samples.computeIfAbsent(k, x -> java.util.Collections
                            .synchronizedList(new ArrayList<>())).addAll(v));
                    done.countDown();
                }
            }));
        }
        Thread.sleep(warmupSeconds * 1000L);
        measuring = true;
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        Thread.sleep(measureSeconds * 1000L);
        measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        // This client shares the cores with the daemon: its CPU is part of every call's queueing delay.
        long clientCpu = cpuNanos() - cpuStart;
        running = false;
        done.await();
        System.out.printf("clients %d, measured %.1f s, failures %d, flows (create+submit+2 approvals) %.1f/s%n",
                clients, seconds, failures.get(), flows.get() / seconds);
        for (String kind : List.of("create", "submit", "approve")) {
            long[] sorted = samples.getOrDefault(kind, List.of()).stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                continue;
            }
            System.out.printf("%-8s n %7d  %8.1f req/s  p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                    kind, sorted.length, sorted.length / seconds, ms(sorted, 0.50), ms(sorted, 0.90),
                    ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }
        long calls = samples.values().stream().mapToLong(List::size).sum();
        System.out.printf("load client CPU %.0f ms (%.2f cores), %.2f ms per call%n", clientCpu / 1e6,
                clientCpu / 1e9 / seconds, calls == 0 ? 0 : clientCpu / 1e6 / calls);
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private void flow(KeepAliveHttp http, int n, Map<String, List<Long>> mine) {
        String created = call(http, mine, "create", http.post(BASE, author, ASSESSMENT.formatted(n)));
        Matcher id = created == null ? null : ID.matcher(created);
        if (id == null || !id.find()) {
            return;
        }
        String one = BASE + "/" + id.group(1);
        // The requests are built before their call's clock starts.
        byte[] submit = http.post(one + "/submit", author, "");
        byte[] approveDev = http.post(one + "/approve", developer, "{\"comment\": \"ok\"}");
        byte[] approveLead = http.post(one + "/approve", lead, "{\"comment\": \"ok\"}");
        if (call(http, mine, "submit", submit) != null && call(http, mine, "approve", approveDev) != null
                && call(http, mine, "approve", approveLead) != null && measuring) {
            flows.incrementAndGet();
        }
    }

    /** The body of a 2xx answer to {@code request}, or null (counted as a failure). */
    private String call(KeepAliveHttp http, Map<String, List<Long>> mine, String kind, byte[] request) {
        boolean counted = measuring;
        long start = System.nanoTime();
        try {
            KeepAliveHttp.Response response = http.send(request);
            long nanos = System.nanoTime() - start;
            if (response.status() / 100 != 2) {
                failures.incrementAndGet();
                if (failures.get() <= 3) {
                    System.err.println(kind + " answered " + response.status() + ": " + response.body());
                }
                return null;
            }
            if (counted && measuring) {
                mine.get(kind).add(nanos);
            }
            return response.body();
        } catch (Exception e) {
            if (failures.incrementAndGet() <= 3) {
                System.err.println(kind + " failed: " + e);
            }
            return null;
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
