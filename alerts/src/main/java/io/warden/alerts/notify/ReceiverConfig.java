package io.warden.alerts.notify;

import com.fasterxml.jackson.annotation.JsonValue;
import io.warden.alerts.rule.MetricExpr;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * A webhook receiver under {@code alerts.receivers}.
 *
 * @param name       unique name; the payload's {@code receiver}
 * @param url        where notifications are POSTed
 * @param format     {@code alertmanager} (Alertmanager's webhook v4 JSON) or {@code slack} ({@code {"text": ...}})
 * @param timeout    per attempt: connect and answer, 100ms..1m (default 5s)
 * @param maxRetries attempts after the first, 0..20 (default 8)
 * @param backoff    the first retry's delay, doubled per retry up to 1m (default 1s)
 */
public record ReceiverConfig(String name, String url, Format format, Duration timeout, Integer maxRetries,
                             Duration backoff) {

    /** The body a receiver takes. */
    public enum Format {
        ALERTMANAGER, SLACK;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return wireName();
        }
    }

    public ReceiverConfig {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a receiver needs a name of 1-64 letters, digits, '.', '_' or '-'"
                    + (name == null ? "" : ", not '" + name + "'"));
        }
        if (url == null) {
            throw new IllegalArgumentException("receiver '" + name + "' needs a url");
        }
        MetricExpr.httpUrl(url, "the url of receiver '" + name + "'");
        format = format == null ? Format.ALERTMANAGER : format;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the timeout of receiver '" + name + "' must be 100ms..1m");
        }
        maxRetries = maxRetries == null ? 8 : maxRetries;
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries of receiver '" + name + "' must be 0..20, was "
                    + maxRetries);
        }
        backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
        if (backoff.isZero() || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the backoff of receiver '" + name + "' must be 1ms..1m");
        }
    }

    /** The url as a URI (validated). */
    public URI uri() {
        return URI.create(url.strip());
    }
}
