package io.warden.bench;

import io.warden.os.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * WebSocket clients on {@code /api/v1/stream} of a running daemon, all subscribed to {@code system}:
 * the delivery lag of every push (arrival minus the sample's {@code data.at}, the instant the
 * sampler took it; same host, same clock), pushes received against expected, clients connected
 * and dropped. The clients are {@link RawWebSockets} (plain NIO, two reader threads: the JDK's
 * WebSocket client spent more CPU per push than the daemon under test). Clients connect one after
 * the other; then, after a short settle, every sample taken during
 * the measured window counts, and each push for it may arrive until a grace period after the
 * window. Stops by itself: the ramp, the wait for the subscriptions and the hold are bounded.
 *
 * <p>Usage: {@code StreamLoad PORT CLIENTS SECONDS TOKEN [HOLD_FILE]}. With {@code -Ddaemon.pid=PID}
 * it reads the daemon's RSS and CPU time (Linux /proc) before the ramp and over the window. With
 * a HOLD_FILE it keeps the clients connected after printing the results until that file exists
 * (at most 2 minutes), so the caller can inspect the daemon under load. Output: {@code key=value}
 * lines, then a human summary.
 */
public final class StreamLoad {

    private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"topics\":[\"system\"]}";
    private static final String SYSTEM_PUSH = "{\"topic\":\"system\"";
    /** Reader threads, each with a selector over its share of the sockets. */
    private static final int READERS = Integer.getInteger("readers", 2);
    private static final Duration RAMP_LIMIT = Duration.ofSeconds(Integer.getInteger("rampLimitSeconds", 300));
    private static final Duration SUBSCRIBE_LIMIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(2);

    private final int port;
    private final String token;
    private final long daemonPid;
    /** Lag in microseconds, up to an hour. */
    private final Histogram lag = new ConcurrentHistogram(3_600_000_000L, 3);
    private final Map<Long, LongAdder> perSequence = new ConcurrentHashMap<>();
    private final LongAdder pushes = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    private StreamLoad(int port, String token, long daemonPid) {
        this.port = port;
        this.token = token;
        this.daemonPid = daemonPid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: StreamLoad PORT CLIENTS SECONDS TOKEN [HOLD_FILE]");
            System.exit(2);
        }
        StreamLoad load = new StreamLoad(Integer.parseInt(args[0]), args[3], Long.getLong("daemon.pid", -1));
        load.run(Integer.parseInt(args[1]), Duration.ofSeconds(Integer.parseInt(args[2])),
                args.length == 5 ? Path.of(args[4]) : null);
    }

    private void run(int clients, Duration window, Path holdFile) throws Exception {
        long rssIdle = rssKb();
        RawWebSockets sockets = new RawWebSockets(port, "/api/v1/stream", token, READERS, new RawWebSockets.Handler() {
            @Override
            public void text(String message, long receivedAtEpochNanos) {
                onMessage(message, receivedAtEpochNanos);
            }

            @Override
            public void closed(String why) {
                closed.incrementAndGet();
                problem("closed: " + why);
            }
        });
        int connected = 0;
        long rampStart = System.nanoTime();
        long rampDeadline = rampStart + RAMP_LIMIT.toNanos();
        // A connect refused under the ramp's burst (accept queue full) is tried once more at the end.
        int retries = 0;
        for (int attempt = 0; attempt < 2 && connected < clients; attempt++) {
            int wanted = clients - connected;
            retries += attempt == 0 ? 0 : wanted;
            for (int i = 0; i < wanted && System.nanoTime() < rampDeadline; i++) {
                try {
                    sockets.open(SUBSCRIBE);
                    connected++;
                } catch (IOException e) {
                    problem("connect failed" + (attempt == 0 ? "" : " twice") + ": " + causes(e));
                }
            }
        }
        double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
        long settleUntil = System.nanoTime() + SETTLE.toNanos();
        while (subscribed.get() < connected && System.nanoTime() < settleUntil + SUBSCRIBE_LIMIT.toNanos()) {
            Thread.sleep(100);
        }
        Thread.sleep(Math.max(0, (settleUntil - System.nanoTime()) / 1_000_000));

        int openAtStart = connected - closed.get();
        long[] cpuStart = {daemonCpuTicks(), ownCpuNanos()};
        long rssStart = rssKb();
        windowStart = RawWebSockets.epochNanos();
        windowEnd = windowStart + window.toNanos();
        System.out.printf("measuring: %d clients open, %.0f s%n", openAtStart, window.toNanos() / 1e9);
        System.out.flush();
        long rssPeak = rssStart;
        while (RawWebSockets.epochNanos() < windowEnd) {
            Thread.sleep(Math.min(1000, Math.max(1, (windowEnd - RawWebSockets.epochNanos()) / 1_000_000)));
            rssPeak = Math.max(rssPeak, rssKb());
        }
        long daemonTicks = daemonCpuTicks() - cpuStart[0];
        long ownNanos = ownCpuNanos() - cpuStart[1];
        long rssEnd = rssKb();
        int openAtEnd = connected - closed.get();
        Thread.sleep(GRACE.toMillis());

        long samples = perSequence.size();
        long expected = samples * openAtStart;
        long received = perSequence.values().stream().mapToLong(LongAdder::sum).sum();
        double seconds = window.toNanos() / 1e9;
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("clients", clients);
        result.put("connected", connected);
        result.put("connect_failures", clients - connected);
        result.put("connects_retried", retries);
        result.put("ramp_s", String.format("%.1f", rampSeconds));
        result.put("subscribed", subscribed.get());
        result.put("open_at_start", openAtStart);
        result.put("open_at_end", openAtEnd);
        result.put("closed_by_server", closed.get());
        result.put("window_s", String.format("%.0f", seconds));
        result.put("samples", samples);
        result.put("pushes_expected", expected);
        result.put("pushes_received", received);
        result.put("lag_median_ms", ms(lag.getValueAtPercentile(50)));
        result.put("lag_p99_ms", ms(lag.getValueAtPercentile(99)));
        result.put("lag_p999_ms", ms(lag.getValueAtPercentile(99.9)));
        result.put("lag_max_ms", ms(lag.getMaxValue()));
        result.put("push_bytes_avg", pushes.sum() == 0 ? 0 : bytes.sum() / pushes.sum());
        result.put("daemon_rss_idle_kb", rssIdle);
        result.put("daemon_rss_start_kb", rssStart);
        result.put("daemon_rss_end_kb", rssEnd);
        result.put("daemon_rss_peak_kb", rssPeak);
        // Clock ticks of 10 ms: ticks / seconds is a percentage of one core.
        result.put("daemon_cpu_pct", daemonTicks < 0 ? -1 : String.format("%.1f", daemonTicks / seconds));
        // CPU per push delivered (sampler and idle work included): the figure that holds on a busy machine.
        result.put("daemon_cpu_us_per_push", daemonTicks < 0 || received == 0 ? -1
                : String.format("%.1f", daemonTicks * 10_000.0 / received));
        result.put("client_cpu_pct", String.format("%.1f", ownNanos / 1e7 / seconds));
        result.forEach((key, value) -> System.out.println(key + "=" + value));
        problems.stream().distinct().limit(5).forEach(p -> System.out.println("problem: " + p));
        System.out.printf("%d/%d clients connected in %.1f s; %d of %d pushes (%d samples) in %.0f s; lag median %s ms,"
                        + " p99 %s ms, p99.9 %s ms, max %s ms; %d closed by the server%n",
                connected, clients, rampSeconds, received, expected, samples, seconds,
                result.get("lag_median_ms"), result.get("lag_p99_ms"), result.get("lag_p999_ms"),
                result.get("lag_max_ms"), closed.get());
        System.out.flush();

        if (holdFile != null) {
            System.out.println("holding until " + holdFile + " exists");
            System.out.flush();
            long until = System.nanoTime() + HOLD_LIMIT.toNanos();
            while (!Files.exists(holdFile) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
        }
        sockets.close();
    }

    private void onMessage(String message, long receivedAt) {
        if (!message.startsWith(SYSTEM_PUSH)) {
            if (message.startsWith("{\"type\":\"subscribed\"")) {
                subscribed.incrementAndGet();
            } else if (message.startsWith("{\"type\":\"error\"")) {
                problem(message);
            }
            return;
        }
        pushes.increment();
        bytes.add(message.length());
        int at = message.indexOf("\"at\":\"");
        int sequence = message.indexOf("\"sequence\":");
        if (at < 0 || sequence < 0) {
            problem("a system push without data.at or data.sequence: " + message.substring(0, Math.min(200, message.length())));
            return;
        }
        Instant taken = Instant.parse(message.substring(at + 6, message.indexOf('"', at + 6)));
        long takenAt = taken.getEpochSecond() * 1_000_000_000L + taken.getNano();
        if (takenAt < windowStart || takenAt >= windowEnd) {
            return;
        }
        int digits = sequence + "\"sequence\":".length();
        int end = digits;
        while (Character.isDigit(message.charAt(end))) {
            end++;
        }
        perSequence.computeIfAbsent(Long.parseLong(message, digits, end, 10), s -> new LongAdder()).increment();
        lag.recordValue(Math.max(0, (receivedAt - takenAt) / 1000));
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        for (Throwable cause = error == null ? null : error.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private void problem(String text) {
        if (problems.size() < 100) {
            problems.add(text);
        }
    }

    private static String ms(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    /** The daemon's resident set (Linux), -1 when unknown. */
    private long rssKb() {
        if (daemonPid < 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(daemonPid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            problem("cannot read the daemon's RSS: " + e);
        }
        return -1;
    }

    /** The daemon's user + system CPU time in clock ticks (Linux, 100 per second), -1 when unknown. */
    private long daemonCpuTicks() {
        if (daemonPid < 0) {
            return -1;
        }
        try {
            ProcStat stat = ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(daemonPid), "stat")));
            if (stat == null) {
                throw new IllegalStateException("unparsable /proc/" + daemonPid + "/stat");
            }
            return stat.userTicks() + stat.systemTicks();
        } catch (IOException | RuntimeException e) {
            problem("cannot read the daemon's CPU time: " + e);
            return -1;
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
