package io.warden.alerts.notify;

import io.warden.alerts.AlertEvent;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends each transition to every receiver, once: a notification already delivered to a receiver
 * (same fingerprint, startsAt and status), or waiting for it, is not sent again, even after a
 * restart, since the delivered keys are persisted with the alert states. Delivery runs off the
 * caller's thread ({@link ReceiverWorker}). Thread safe.
 */
public final class Notifier implements AutoCloseable {

    private final HttpClient http;
    private final Set<String> handled;
    private final Consumer<AlertEvent.Delivery> events;
    private final Runnable onHandled;
    private volatile List<ReceiverWorker> workers;

    /**
     * @param handled   the keys handled so far (restored from the state file); updated in place
     * @param events    told of every delivery and every give-up, on the delivering thread
     * @param onHandled called after a key was added to {@code handled}, to persist it
     */
    public Notifier(List<ReceiverConfig> receivers, HttpClient http, String externalUrl, Set<String> handled,
                    Consumer<AlertEvent.Delivery> events, Runnable onHandled) {
        this.http = http;
        this.handled = handled;
        this.events = events;
        this.onHandled = onHandled;
        this.workers = receivers.stream().map(receiver -> worker(receiver, externalUrl)).toList();
    }

    /**
     * Takes a changed list of receivers ({@code warden apply}): an unchanged receiver keeps its
     * worker and queue, a removed one stops (what it had queued is dropped), a new one starts
     * and gets, at the next offer, every alert that fires now. Not called concurrently.
     */
    public void reconfigure(List<ReceiverConfig> receivers, String externalUrl) {
        List<ReceiverWorker> before = workers;
        List<ReceiverWorker> after = receivers.stream().map(receiver -> before.stream()
                .filter(worker -> worker.config().equals(receiver) && worker.externalUrl().equals(externalUrl))
                .findFirst().orElseGet(() -> worker(receiver, externalUrl))).toList();
        workers = after;
        before.stream().filter(worker -> !after.contains(worker)).forEach(ReceiverWorker::close);
    }

    private ReceiverWorker worker(ReceiverConfig receiver, String externalUrl) {
        return new ReceiverWorker(receiver, http, externalUrl, handled, events, onHandled);
    }

    /**
     * Queues the notification for every receiver that has not had it. Never waits. A resolved
     * notification reaches only the receivers that got the episode's firing one.
     */
    public void send(Notification notification) {
        workers.forEach(worker -> worker.offer(notification));
    }

    /** Each receiver's counters and last error. */
    public List<DeliveryStatus> status() {
        return workers.stream().map(ReceiverWorker::status).toList();
    }

    @Override
    public void close() {
        workers.forEach(ReceiverWorker::close);
    }
}
