package io.warden.api.stream;

import io.warden.config.DataSize;
import java.time.Duration;

/**
 * {@code stream} in {@code warden.yaml}: the WebSocket stream's bounds.
 *
 * @param queueMessages messages queued for one client before it is dropped as too slow; default 64
 * @param queueBytes    bytes queued for one client before it is dropped as too slow; default 1MB
 * @param authTimeout   how long a client that sent no token in the upgrade has to send an
 *                      {@code auth} message; default 5s
 * @param abuseLimit    inbound messages refused in a row (over the message rate limit) before
 *                      the connection is closed; default 10
 * @param pingInterval  how often every client is pinged; its pong is what keeps a client that
 *                      only listens from being closed as idle by the server (after 5 minutes
 *                      without a frame from the client); default 1m, at most 4m
 */
public record StreamSettings(Integer queueMessages, DataSize queueBytes, Duration authTimeout, Integer abuseLimit,
                             Duration pingInterval) {

    public StreamSettings {
        queueMessages = queueMessages == null ? 64 : queueMessages;
        if (queueMessages < 1 || queueMessages > 100_000) {
            throw new IllegalArgumentException("queueMessages must be 1..100000, was " + queueMessages);
        }
        queueBytes = queueBytes == null ? DataSize.ofMegabytes(1) : queueBytes;
        if (queueBytes.bytes() < 1024) {
            throw new IllegalArgumentException("queueBytes must be at least 1KB, was " + queueBytes);
        }
        authTimeout = authTimeout == null ? Duration.ofSeconds(5) : authTimeout;
        if (authTimeout.isNegative() || authTimeout.isZero()) {
            throw new IllegalArgumentException("authTimeout must be positive, was " + authTimeout);
        }
        abuseLimit = abuseLimit == null ? 10 : abuseLimit;
        if (abuseLimit < 1) {
            throw new IllegalArgumentException("abuseLimit must be at least 1, was " + abuseLimit);
        }
        pingInterval = pingInterval == null ? Duration.ofMinutes(1) : pingInterval;
        if (pingInterval.compareTo(Duration.ofMillis(100)) < 0 || pingInterval.compareTo(Duration.ofMinutes(4)) > 0) {
            throw new IllegalArgumentException("pingInterval must be 100ms..4m (the server closes a client silent for "
                    + "5m), was " + pingInterval);
        }
    }

    /** The defaults. */
    public static StreamSettings defaults() {
        return new StreamSettings(null, null, null, null, null);
    }
}
