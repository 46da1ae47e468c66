package io.warden.alerts.notify;

import java.time.Instant;

/**
 * How a receiver is doing, for the status snapshot and {@code /metrics}.
 *
 * @param receiver    its name
 * @param delivered   notifications it took
 * @param failed      notifications given up after every retry
 * @param queued      notifications waiting (or being retried)
 * @param lastError   the last failed attempt's error, empty if none
 * @param lastErrorAt when, null if never
 */
public record DeliveryStatus(String receiver, long delivered, long failed, int queued, String lastError,
                             Instant lastErrorAt) {
}
