package io.warden.deploy.history;

import java.util.Locale;

/**
 * Where a deploy stands. Written before each step, so that a daemon killed mid-step finds on
 * restart what it was doing: {@code pending}, {@code applying} and {@code rolling_back} are rolled
 * back, {@code watching} is resumed when the new version still runs healthy.
 */
public enum Phase {
    PENDING, APPLYING, WATCHING, PAUSED, ROLLING_BACK, PROMOTED, ROLLED_BACK, FAILED;

    /** Whether the deploy is over (nothing to resume or roll back on restart). */
    public boolean finished() {
        return this == PROMOTED || this == ROLLED_BACK || this == FAILED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
