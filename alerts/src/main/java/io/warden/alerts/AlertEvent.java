package io.warden.alerts;

import java.time.Instant;

/** What {@link Alerts} tells its listeners: for events.log, the WebSocket topic and metrics. */
public sealed interface AlertEvent {

    /** When it happened. */
    Instant at();

    /**
     * An alert changed state.
     *
     * @param alert the alert after the change
     * @param from  the state before
     */
    record Transition(Instant at, Alert alert, AlertState from) implements AlertEvent {
    }

    /**
     * A notification reached a receiver, or was given up after its retries.
     *
     * @param receiver    the receiver's name
     * @param fingerprint the alert
     * @param status      {@code firing} or {@code resolved}
     * @param delivered   whether the receiver took it (2xx)
     * @param attempts    attempts made
     * @param error       the last error, empty when delivered
     */
    record Delivery(Instant at, String receiver, String fingerprint, String status, boolean delivered, int attempts,
                    String error) implements AlertEvent {
    }
}
