package io.warden.alerts.notify;

import io.warden.alerts.Alert;
import java.util.Objects;

/**
 * One transition to tell the receivers.
 *
 * @param alert  the alert after the transition
 * @param status {@code firing} or {@code resolved}
 */
public record Notification(Alert alert, String status) {

    public Notification {
        Objects.requireNonNull(alert, "alert");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new IllegalArgumentException("status must be firing or resolved, was " + status);
        }
    }

    /** The deduplication key: the same alert episode and status is sent once per receiver. */
    public String key() {
        return alert.fingerprint() + '|' + alert.startsAt() + '|' + status;
    }

    /** The key of the firing notification of the same episode. */
    String firingKey() {
        return alert.fingerprint() + '|' + alert.startsAt() + "|firing";
    }
}
