package io.warden.api;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.warden.api.route.Guard;
import io.warden.api.route.RouteTable;
import io.warden.api.stream.StreamHub;
import java.io.UncheckedIOException;

/**
 * The daemon's HTTP server: the route table behind its guard. Thread safety: start and close
 * from one thread; handlers run on Helidon's virtual threads.
 */
public final class ApiServer implements AutoCloseable {

    private final WebServer server;

    private ApiServer(WebServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code table} on the configured address (port 0 picks a free one).
     *
     * @throws ApiException when the address cannot be bound, naming it and why
     */
    public static ApiServer start(ServerSettings settings, RouteTable table, Guard guard) {
        if (!table.websockets().isEmpty()) {
            throw new IllegalArgumentException("the route table declares WebSocket endpoints "
                    + table.websockets().keySet() + ": start the server with their StreamHub");
        }
        return start(settings, table, guard, null);
    }

    /**
     * Starts serving {@code table}, its WebSocket endpoint served by {@code streams} (which must
     * serve exactly the table's WebSocket paths).
     *
     * @throws ApiException when the address cannot be bound, naming it and why
     */
    public static ApiServer start(ServerSettings settings, RouteTable table, Guard guard, StreamHub streams) {
        HttpRouting.Builder routing = HttpRouting.builder();
        table.register(routing, guard);
        DirectHandler problems = new ProblemDirectHandler();
        WebServerConfig.Builder builder = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // A backstop only: the guard answers oversized bodies with 413 problem+json first.
                .maxPayloadSize(settings.maxBodySize().bytes() * 2 + 4096)
                .directHandlers(handlers -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, problems);
                    }
                })
                .addProtocol(Http1Config.builder().addReceiveListener(guard.connectionListener()).build())
                // Safe messages (the refusals of the WebSocket gate) reach the client, not just "Forbidden".
                .errorHandling(errors -> errors.includeEntity(true))
                .routing(routing);
        if (streams != null) {
            streams.install(builder, table.websockets(), settings.allowedOrigins());
        }
        WebServer server = builder.build();
        try {
            server.start();
        } catch (UncheckedIOException e) {
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getCause().getMessage(), e);
        }
        return new ApiServer(server);
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
