package io.warden.alerts;

import java.util.Map;

/**
 * The way into the standing alerts for alerts raised outside the rules (what deploys use). Posted
 * alerts are listed, silenced, persisted and notified like the rules' alerts. {@link Alerts}
 * implements it; {@link #NONE} drops everything.
 */
public interface AlertPoster {

    /** Posts nowhere. */
    AlertPoster NONE = new AlertPoster() {
        @Override
        public void post(PostedAlert alert) {
        }

        @Override
        public int resolve(Map<String, String> matching) {
            return 0;
        }
    };

    /** Raises the alert, or refreshes it while it fires. Never blocks on a receiver. */
    void post(PostedAlert alert);

    /**
     * Resolves every firing posted alert whose labels include all of {@code matching}.
     *
     * @return how many were resolved
     */
    int resolve(Map<String, String> matching);
}
