package io.warden.alerts.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1: records every request body and answers with a handler.
 * Serves as a webhook receiver and as a Prometheus endpoint.
 */
public final class HttpFixture implements AutoCloseable {

    /** What the server answers. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private HttpFixture(HttpServer server) {
        this.server = server;
    }

    /** A server on an ephemeral port (0) or a given one, answering by the handler. */
    public static HttpFixture start(int port, Function<String, Answer> handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
            HttpFixture fixture = new HttpFixture(server);
            server.createContext("/", exchange -> fixture.handle(exchange, handler));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A webhook receiver that takes everything with 200. */
    public static HttpFixture receiver(int port) {
        return start(port, body -> new Answer(200, ""));
    }

    private void handle(HttpExchange exchange, Function<String, Answer> handler) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer = handler.apply(body);
        if (!body.isEmpty()) {
            bodies.add(body);
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The request bodies received so far, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
