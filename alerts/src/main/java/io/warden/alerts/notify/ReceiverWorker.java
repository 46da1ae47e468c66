package io.warden.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.alerts.AlertEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers one receiver's notifications in order, on its own virtual thread, so a slow or dead
 * receiver delays neither the evaluation nor the other receivers. Each notification is tried
 * once and then up to {@code maxRetries} more times, the delay doubling from {@code backoff}
 * to at most a minute: with the defaults (1s, 8 retries) it gives up after about 4 minutes and
 * 9 requests, not 200.
 */
final class ReceiverWorker implements AutoCloseable {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReceiverConfig config;
    private final HttpClient http;
    private final String externalUrl;
    private final Set<String> handled;
    private final Consumer<AlertEvent.Delivery> events;
    private final Runnable onHandled;
    private final BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Given up after every retry, or a resolved whose firing this receiver never got. */
    private final Set<String> abandoned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile String lastError = "";
    private volatile Instant lastErrorAt;

    ReceiverWorker(ReceiverConfig config, HttpClient http, String externalUrl, Set<String> handled,
                   Consumer<AlertEvent.Delivery> events, Runnable onHandled) {
        this.config = config;
        this.http = http;
        this.externalUrl = externalUrl;
        this.handled = handled;
        this.events = events;
        this.onHandled = onHandled;
        this.thread = Thread.ofVirtual().name("warden-alerts-" + config.name()).start(this::run);
    }

    ReceiverConfig config() {
        return config;
    }

    String externalUrl() {
        return externalUrl;
    }

    /** The key under which a notification counts as handled for this receiver. */
    String handledKey(Notification notification) {
        return config.name() + '|' + notification.key();
    }

    /**
     * Queues a notification unless it was delivered, given up (until the next start) or is
     * queued already. Offering the same one every round is cheap and is how a notification
     * left undelivered by a restart or a silence gets sent.
     */
    void offer(Notification notification) {
        String key = handledKey(notification);
        if (!handled.contains(key) && !abandoned.contains(key) && queued.add(key)) {
            queue.add(notification);
        }
    }

    DeliveryStatus status() {
        return new DeliveryStatus(config.name(), delivered.get(), failed.get(), queued.size(), lastError, lastErrorAt);
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Notification next = queue.take();
                deliver(next);
                queued.remove(handledKey(next));
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void deliver(Notification notification) throws InterruptedException {
        if (notification.status().equals("resolved")
                && !handled.contains(config.name() + '|' + notification.firingKey())) {
            // The queue is ordered: its firing was given up, or never sent (silenced). Nothing to resolve.
            abandoned.add(handledKey(notification));
            return;
        }
        String body = json(notification);
        Duration delay = config.backoff();
        for (int attempt = 1; ; attempt++) {
            String error = post(body);
            if (error.isEmpty()) {
                handled.add(handledKey(notification));
                onHandled.run(); // persisted before counted: a restart after the count never re-sends
                delivered.incrementAndGet();
                events.accept(event(notification, true, attempt, ""));
                return;
            }
            lastError = error;
            lastErrorAt = Instant.now();
            if (attempt > config.maxRetries()) {
                abandoned.add(handledKey(notification));
                failed.incrementAndGet();
                events.accept(event(notification, false, attempt, error));
                return;
            }
            Thread.sleep(delay);
            delay = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        }
    }

    /** Posts once; the error in words, empty when the receiver answered 2xx. */
    private String post(String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(config.uri()).timeout(config.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "Warden-Alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? ""
                    : config.url() + " answered HTTP " + response.statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            return config.url() + " did not answer within " + config.timeout().toMillis() + "ms";
        } catch (java.net.ConnectException e) {
            return "cannot connect to " + config.url() + ": connection refused";
        } catch (IOException e) {
            return "cannot post to " + config.url() + ": " + e;
        }
    }

    private String json(Notification notification) {
        try {
            return JSON.writeValueAsString(Payloads.body(config, notification, externalUrl));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the payload of " + notification.key(), e);
        }
    }

    private AlertEvent.Delivery event(Notification notification, boolean ok, int attempts, String error) {
        return new AlertEvent.Delivery(Instant.now(), config.name(), notification.alert().fingerprint(),
                notification.status(), ok, attempts, error);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
