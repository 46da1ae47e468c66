package io.warden.api;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.warden.api.route.Guard;
import io.warden.api.route.RouteTable;
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
        HttpRouting.Builder routing = HttpRouting.builder();
        table.register(routing, guard);
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // The guard answers bodies over the limit with 413; Helidon refuses those declared far
                // beyond it before routing, so they get the same problem+json through a direct handler.
                .maxPayloadSize(settings.maxBodySize().bytes() * 2 + 4096)
                .directHandlers(handlers -> handlers
                        .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, tooLarge(settings.maxBodySize().bytes()))
                        // Helidon files an over-long body under BAD_REQUEST with status 413.
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, tooLarge(settings.maxBodySize().bytes())))
                .routing(routing)
                .build();
        try {
            server.start();
        } catch (UncheckedIOException e) {
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getCause().getMessage(), e);
        }
        return new ApiServer(server);
    }

    private static DirectHandler tooLarge(long limit) {
        byte[] problem = ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"the request body is larger than the limit of " + limit + " bytes\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DirectHandler fallback = DirectHandler.defaultHandler();
        return (request, event, status, headers, message) -> status.code() != 413
                ? fallback.handle(request, event, status, headers, message)
                : DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                .entity(problem)
                .build();
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
