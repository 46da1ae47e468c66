package io.warden.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many HTTP clients and WebSocket clients on a running daemon at once (issue 23): every HTTP
 * client a virtual thread with one keep-alive connection ({@link KeepAliveHttp}) sending a mix of
 * routes without pause ({@link MixClient}: 60 % readers, 20 % admins who also write, 20 %
 * anonymous, spread over the tokens given); every WebSocket client ({@link RawWebSockets}: plain
 * NIO, one reader thread per token) subscribed to one or more topics and kept open for the whole
 * run. Counts answers by route and status and every error ({@link LoadTally}); a run is clean when
 * nothing but expected answers and 429s happened. The WebSocket clients connect first (a few at a
 * time; a 429 on the upgrade is tried again after a pause), then the HTTP clients start, then the
 * run lasts {@code duration}, then the HTTP clients finish their request and the WebSockets
 * are closed by this side. Stops by itself: every step is bounded.
 *
 * <p>Usage: {@code ApiLoad PORT HTTP_CLIENTS WS_CLIENTS SECONDS READ_TOKENS ADMIN_TOKENS SERVICES}
 * (the last three comma-separated). Prints the counts and a verdict line; exits 1 when the run
 * was not clean.
 */
public final class ApiLoad {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final List<String> TOPIC_SETS = List.of("[\"system\"]", "[\"services\"]", "[\"events\"]",
            "[\"system\",\"services\",\"events\"]");
    /** Handshakes in flight at once while the WebSocket clients connect. */
    private static final int OPENERS = 16;
    private static final Duration RAMP_LIMIT = Duration.ofSeconds(120);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final int UPGRADE_ATTEMPTS = 20;

    /** What to run. */
    record Settings(int port, int httpClients, int wsClients, Duration duration, List<String> readTokens,
                    List<String> adminTokens, List<String> services) {
    }

    /** What a run saw. */
    record Result(LoadTally tally, int wsConnected, double seconds) {

        boolean clean() {
            return tally.errorCount() == 0;
        }
    }

    private ApiLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: ApiLoad PORT HTTP_CLIENTS WS_CLIENTS SECONDS READ_TOKENS ADMIN_TOKENS SERVICES");
            System.exit(2);
        }
        Settings settings = new Settings(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Duration.ofSeconds(Integer.parseInt(args[3])), List.of(args[4].split(",")),
                List.of(args[5].split(",")), List.of(args[6].split(",")));
        Result result = run(settings);
        print(settings, result);
        System.exit(result.clean() ? 0 : 1);
    }

    /** Runs the load and returns what it saw. */
    static Result run(Settings settings) throws Exception {
        LoadTally tally = new LoadTally();
        String seeded = seedAssessment(settings, tally);
        List<RawWebSockets> sockets = new ArrayList<>();
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            for (String token : allTokens(settings)) {
                sockets.add(new RawWebSockets(settings.port(), "/api/v1/stream", token, 1, new RawWebSockets.Handler() {
                    @Override
                    public void text(String message, long receivedAtEpochNanos) {
                        tally.wsMessage();
                        if (message.startsWith("{\"type\":\"error\"")) {
                            tally.error("websocket error message", message);
                        }
                    }

                    @Override
                    public void closed(String why) {
                        if (!stopping.get()) {
                            tally.error("websocket closed by the server", why);
                        }
                    }
                }));
            }
            int connected = openWebSockets(settings, sockets, tally);
            long start = System.nanoTime();
            long end = start + settings.duration().toNanos();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int i = 0; i < settings.httpClients(); i++) {
                    running.add(clients.submit(client(settings, i, seeded, tally, end)));
                }
                for (Future<?> client : running) {
                    client.get(settings.duration().plus(STOP_LIMIT).toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stopping.set(true);
            return new Result(tally, connected, seconds);
        } finally {
            stopping.set(true);
            sockets.forEach(RawWebSockets::close);
        }
    }

    private static Runnable client(Settings settings, int index, String seeded, LoadTally tally, long end) {
        return () -> {
            MixClient.Role role = switch (index % 10) {
                case 6, 7 -> MixClient.Role.ADMIN;
                case 8, 9 -> MixClient.Role.ANONYMOUS;
                default -> MixClient.Role.READER;
            };
            List<String> tokens = role == MixClient.Role.ADMIN ? settings.adminTokens() : settings.readTokens();
            String token = role == MixClient.Role.ANONYMOUS ? null : tokens.get(index / 10 % tokens.size());
            try (KeepAliveHttp http = new KeepAliveHttp(settings.port())) {
                MixClient client = new MixClient(role, token, settings.services(), seeded, http, tally, index);
                while (System.nanoTime() < end) {
                    client.step();
                }
                client.cleanUp();
            }
        };
    }

    /** Opens the WebSocket clients, {@link #OPENERS} at a time; returns how many are open. */
    private static int openWebSockets(Settings settings, List<RawWebSockets> sockets, LoadTally tally)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        long deadline = System.nanoTime() + RAMP_LIMIT.toNanos();
        try (ExecutorService openers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < OPENERS; t++) {
                openers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < settings.wsClients(); i = next.getAndIncrement()) {
                        String subscribe = "{\"type\":\"subscribe\",\"topics\":" + TOPIC_SETS.get(i % TOPIC_SETS.size())
                                + "}";
                        if (openOne(sockets.get(i % sockets.size()), subscribe, tally, deadline)) {
                            open.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return open.get();
    }

    /** One WebSocket client; a 429 on the upgrade (the stream bucket) is tried again after a pause. */
    private static boolean openOne(RawWebSockets sockets, String subscribe, LoadTally tally, long deadline)
            throws InterruptedException {
        for (int attempt = 1; attempt <= UPGRADE_ATTEMPTS && System.nanoTime() < deadline; attempt++) {
            try {
                sockets.open(subscribe);
                return true;
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains(" 429")) {
                    tally.transport("websocket upgrade", e);
                    return false;
                }
                tally.response("websocket upgrade", 429, 0);
                Thread.sleep(200L * attempt);
            }
        }
        tally.error("websocket upgrade never accepted", "still 429 after " + UPGRADE_ATTEMPTS + " attempts");
        return false;
    }

    /** An assessment every reader can GET (filed with the first admin token before the load). */
    private static String seedAssessment(Settings settings, LoadTally tally) throws IOException {
        try (KeepAliveHttp http = new KeepAliveHttp(settings.port())) {
            KeepAliveHttp.Response created = http.send(http.post("/api/v1/assessments", settings.adminTokens().get(0),
                    RiskApiLoad.ASSESSMENT.formatted(0)));
            Matcher id = ID.matcher(created.body());
            if (created.status() != 201 || !id.find()) {
                throw new IOException("filing the seed assessment answered " + created.status() + ": " + created.body());
            }
            tally.response("POST /api/v1/assessments (seed)", created.status(), 0);
            return id.group(1);
        }
    }

    private static List<String> allTokens(Settings settings) {
        List<String> tokens = new ArrayList<>(settings.readTokens());
        tokens.addAll(settings.adminTokens());
        return tokens;
    }

    /** The counts as {@code key=value} lines, the responses by route and status, and a verdict. */
    static void print(Settings settings, Result result) {
        LoadTally tally = result.tally();
        System.out.printf("http_clients=%d%nws_clients=%d%nws_connected=%d%nseconds=%.1f%n", settings.httpClients(),
                settings.wsClients(), result.wsConnected(), result.seconds());
        System.out.printf("requests=%d%nrequests_per_s=%.0f%nrate_limited=%d%nerrors=%d%nws_messages=%d%n",
                tally.requests(), tally.requests() / result.seconds(), tally.rateLimited(), tally.errorCount(),
                tally.wsMessages());
        System.out.printf("latency_ms p50=%.1f p99=%.1f p99.9=%.1f max=%.1f%n", tally.latencyMs(50),
                tally.latencyMs(99), tally.latencyMs(99.9), tally.latencyMs(100));
        System.out.println("-- responses by route and status");
        tally.responses().forEach((key, count) -> System.out.printf("%8d  %s%n", count, key));
        if (!result.clean()) {
            System.out.println("-- errors by kind");
            tally.errors().forEach((key, count) -> System.out.printf("%8d  %s%n", count, key));
            tally.samples().forEach(sample -> System.out.println("  e.g. " + sample));
        }
        System.out.printf("verdict: %s (%d errors other than 429 in %d requests; %d of %d WebSocket clients open)%n",
                result.clean() ? "clean" : "NOT CLEAN", tally.errorCount(), tally.requests(), result.wsConnected(),
                settings.wsClients());
    }
}
