package io.warden.api;

import io.helidon.http.DirectHandler;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
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
    private final HeaderDeadline headerDeadline;
    private final ListenerWatch watch;

    private ApiServer(WebServer server, HeaderDeadline headerDeadline, ListenerWatch watch) {
        this.server = server;
        this.headerDeadline = headerDeadline;
        this.watch = watch;
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
        return start(settings, table, guard, null, () -> { });
    }

    /**
     * Starts serving {@code table}, its WebSocket endpoint served by {@code streams} (which must
     * serve exactly the table's WebSocket paths). At most {@code server.maxConnections} are served
     * at once, idle ones closed after {@code server.idleTimeout}, slow headers after
     * {@code server.headerTimeout}.
     *
     * @param onListenerLost runs if the port stops listening while the server should be serving
     *                       (a Helidon listener cannot be restarted: the daemon exits)
     * @throws ApiException when the address cannot be bound, naming it and why
     */
    public static ApiServer start(ServerSettings settings, RouteTable table, Guard guard, StreamHub streams,
                                  Runnable onListenerLost) {
        HttpRouting.Builder routing = HttpRouting.builder();
        table.register(routing, guard);
        HeaderDeadline headerDeadline = new HeaderDeadline(settings.headerTimeout(), System::nanoTime);
        int maxConnections = settings.maxConnections() != null ? settings.maxConnections()
                : ConnectionLimit.forThisProcess();
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
                .maxTcpConnections(maxConnections)
                .idleConnectionTimeout(settings.idleTimeout())
                .idleConnectionPeriod(ListenerWatch.sweepPeriod(settings.idleTimeout()))
                // Our HTTP/1 config replaces the discovered one: with both, the server has two
                // connection selectors, reads before it knows the protocol, and a silent socket is
                // held forever, out of reach of the idle timeout.
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().addReceiveListener(both(headerDeadline, guard.connectionListener()))
                        .build())
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
            headerDeadline.close();
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getCause().getMessage(), e);
        }
        if (!server.isRunning()) {
            // Helidon logs a failed bind and stops instead of throwing (its port is then -1).
            headerDeadline.close();
            checkPort(settings);
            throw new ApiException("cannot listen on " + settings.host() + ":" + settings.port()
                    + " (the server did not start; its log above says why)", null);
        }
        try {
            return new ApiServer(server, headerDeadline, new ListenerWatch(settings.host(), server.port(),
                    onListenerLost));
        } catch (IOException e) {
            server.stop();
            headerDeadline.close();
            throw new ApiException("cannot watch the listener on " + settings.host() + ":" + server.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** One listener for two: Helidon 4.3's own list of receive listeners forwards no event to them. */
    private static Http1ConnectionListener both(Http1ConnectionListener first, Http1ConnectionListener second) {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                first.prologue(ctx, prologue);
                second.prologue(ctx, prologue);
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                first.headers(ctx, headers);
                second.headers(ctx, headers);
            }
        };
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
        watch.close();
        server.stop();
        headerDeadline.close();
    }
}
