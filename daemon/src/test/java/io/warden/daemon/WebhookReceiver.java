package io.warden.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real webhook receiver on 127.0.0.1: an HTTP server that records every Alertmanager payload
 * POSTed to {@code /hook} with when it arrived. {@link #down()} closes the socket (connections
 * refused), {@link #up()} listens again on the same port. Thread safe.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One received alert of a payload, with the payload's status and the arrival time. */
    record Received(Instant at, String status, String alertname, String service, String startsAt, JsonNode alert) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private int port;
    private HttpServer server;

    private WebhookReceiver() {
    }

    static WebhookReceiver start() {
        return new WebhookReceiver().listen(0);
    }

    private synchronized WebhookReceiver listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode payload = JSON.readTree(body);
            for (JsonNode alert : payload.path("alerts")) {
                received.add(new Received(Instant.now(), alert.path("status").asText(),
                        alert.path("labels").path("alertname").asText(), alert.path("labels").path("service").asText(""),
                        alert.path("startsAt").asText(), alert));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** The URL receivers are configured with. */
    synchronized String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Stops listening: deliveries are refused until {@link #up()}. */
    synchronized void down() {
        server.stop(0);
    }

    /** Listens again, on the same port. */
    synchronized void up() {
        listen(port);
    }

    /** Everything received so far, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** The notifications of one rule (and service, when not null) so far, in order. */
    List<Received> of(String alertname, String service) {
        return received.stream().filter(r -> r.alertname().equals(alertname)
                && (service == null || r.service().equals(service))).toList();
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
