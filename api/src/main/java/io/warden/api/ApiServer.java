package io.warden.api;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.warden.api.route.Guard;
import io.warden.api.route.RouteTable;
import io.warden.api.stream.StreamHub;
import io.warden.supervisor.doctor.PortCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

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
                .routing(routing);
        if (streams != null) {
            streams.install(builder, table.websockets());
        }
        WebServer server = builder.build();
        try {
            server.start();
        } catch (UncheckedIOException e) {
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getCause().getMessage(), e);
        }
        if (!server.isRunning()) {
            // Helidon logs a failed bind and stops instead of throwing (its port is then -1).
            checkPort(settings);
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port()
                    + " (the server did not start; its log above says why)", null);
        }
        return new ApiServer(server);
    }

    /**
     * Refuses a port that is taken before anything starts, in one line naming who holds it and the
     * fix: a daemon whose API cannot listen must not have launched a service first.
     *
     * @throws ApiException when {@code settings}' address cannot be bound
     */
    public static void checkPort(ServerSettings settings) {
        if (settings.port() == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Helidon binds: a socket in TIME_WAIT is no holder
            socket.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (BindException e) {
            String holder = PortCheck.heldBy(settings.port()).orElse("another process (" + e.getMessage() + ")");
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port() + ": port "
                    + settings.port() + " is held by " + holder + ". Stop that process, or give Warden another "
                    + "port: warden up --port N, or server.port in warden.yaml", e);
        } catch (IOException e) {
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
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
