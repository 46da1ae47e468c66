package io.warden.daemon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A WebSocket test client on the JDK's client: collects text messages and the close code. */
final class WsProbe implements WebSocket.Listener {

    final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    volatile String closeReason = "";
    private final StringBuilder partial = new StringBuilder();
    private final boolean keep;
    WebSocket socket;

    private WsProbe(boolean keep) {
        this.keep = keep;
    }

    /** Connects; {@code keep} false only counts messages (for many clients). */
    static CompletableFuture<WsProbe> connect(HttpClient http, int port, Map<String, String> headers, boolean keep) {
        WsProbe probe = new WsProbe(keep);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/stream"), probe)
                .thenApply(socket -> {
                    probe.socket = socket;
                    return probe;
                });
    }

    static WsProbe open(HttpClient http, int port, Map<String, String> headers) throws Exception {
        return connect(http, port, headers, true).get(30, TimeUnit.SECONDS);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(30, TimeUnit.SECONDS);
    }

    /** The next message that contains {@code fragment}, skipping others; fails after 30 s. */
    String next(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String message = messages.poll(1, TimeUnit.SECONDS);
            if (message != null && message.contains(fragment)) {
                return message;
            }
        }
        throw new AssertionError("no message with " + fragment + " within 30 s; close " + closeCode.getNow(null));
    }

    List<String> drained() {
        List<String> all = new java.util.ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.incrementAndGet();
            if (keep) {
                messages.add(partial.toString());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet(); // the JDK answers with a pong by itself
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }
}
