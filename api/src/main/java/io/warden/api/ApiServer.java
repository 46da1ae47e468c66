package io.warden.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The daemon's HTTP server. Started by the composition root with the components whose state
 * {@code GET /health} reports. Thread safety: start and stop from one thread; handlers run on
 * Helidon's virtual threads.
 */
public final class ApiServer implements AutoCloseable {

    private final WebServer server;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Supplier<ComponentHealth>> components;

    private ApiServer(String host, int port, Map<String, Supplier<ComponentHealth>> components) {
        this.components = new LinkedHashMap<>(components);
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                .routing(routing -> routing.get("/health", this::health))
                .build();
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one).
     *
     * @param components the parts whose state {@code /health} reports, by name
     */
    public static ApiServer start(String host, int port, Map<String, Supplier<ComponentHealth>> components) {
        ApiServer api = new ApiServer(host, port, components);
        try {
            api.server.start();
        } catch (UncheckedIOException e) {
            throw new ApiException("cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(), e);
        }
        return api;
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void health(ServerRequest request, ServerResponse response) throws Exception {
        Map<String, ComponentHealth> states = new LinkedHashMap<>();
        components.forEach((name, probe) -> states.put(name, probe.get()));
        boolean ready = states.values().stream().allMatch(ComponentHealth::up);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "up" : "degraded");
        body.put("live", true);
        body.put("ready", ready);
        body.put("components", states);
        response.status(ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(json.writeValueAsBytes(body));
    }
}
