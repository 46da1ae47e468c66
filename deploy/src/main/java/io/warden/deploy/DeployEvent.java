package io.warden.deploy;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a deploy did that people and the event stream hear of. {@code WARNING},
 * {@code ROLLED_BACK} and {@code FAILED} are also standing alerts ({@code DeployAlerts} posts them).
 *
 * @param kind     what happened
 * @param deployId the deploy
 * @param service  its service
 * @param at       when
 * @param message  a sentence: the threshold, the values, who
 */
public record DeployEvent(Kind kind, String deployId, String service, Instant at, String message) {

    /** What happened. */
    public enum Kind { STARTED, HEALTHY, WATCHING, WARNING, PROMOTED, PAUSED, ROLLING_BACK, ROLLED_BACK, FAILED,
        RECOVERED }

    public DeployEvent {
        Objects.requireNonNull(kind, "kind");
        message = Objects.requireNonNullElse(message, "");
    }
}
