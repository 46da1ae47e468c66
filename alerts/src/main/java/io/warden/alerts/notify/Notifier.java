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

    private final List<ReceiverWorker> workers;

    /**
     * @param handled   the keys handled so far (restored from the state file); updated in place
     * @param events    told of every delivery and every give-up, on the delivering thread
     * @param onHandled called after a key was added to {@code handled}, to persist it
     */
    public Notifier(List<ReceiverConfig> receivers, HttpClient http, String externalUrl, Set<String> handled,
                    Consumer<AlertEvent.Delivery> events, Runnable onHandled) {
        this.workers = receivers.stream()
                .map(receiver -> new ReceiverWorker(receiver, http, externalUrl, handled, events, onHandled))
                .toList();
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
