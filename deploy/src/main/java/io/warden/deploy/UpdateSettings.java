package io.warden.deploy;

import java.time.Duration;

/**
 * The {@code update:} block of a deploy (Nomad's update block, Argo Rollouts' analysis), see
 * docs/deploy.md. Absent keys take their defaults; conflicting values are refused with the key.
 *
 * @param healthyDeadline       the new version must be healthy for {@code minHealthyTime} within this
 * @param minHealthyTime        how long it must stay healthy (no restart) before the watch starts
 * @param window                how long the thresholds are watched
 * @param interval              time between two evaluations of every threshold
 * @param failureLimit          failed evaluations (warning breaches, unhealthy rounds, and inconclusive
 *                              ones under {@code fail}) that roll back
 * @param consecutiveErrorLimit inconclusive evaluations in a row that end the watch as inconclusive
 * @param inconclusive          what inconclusive evaluations do
 * @param rollbackAlertFor      how long a {@code DeployRolledBack} or {@code DeployFailed} alert fires
 *                              unless a later deploy of the service is promoted first
 */
public record UpdateSettings(Duration healthyDeadline, Duration minHealthyTime, Duration window, Duration interval,
                             Integer failureLimit, Integer consecutiveErrorLimit, InconclusivePolicy inconclusive,
                             Duration rollbackAlertFor) {

    /** Every default. */
    public static final UpdateSettings DEFAULTS = new UpdateSettings(null, null, null, null, null, null, null, null);

    public UpdateSettings {
        healthyDeadline = healthyDeadline == null ? Duration.ofMinutes(1) : healthyDeadline;
        minHealthyTime = minHealthyTime == null ? Duration.ofSeconds(10) : minHealthyTime;
        window = window == null ? Duration.ofMinutes(10) : window;
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        failureLimit = failureLimit == null ? 3 : failureLimit;
        consecutiveErrorLimit = consecutiveErrorLimit == null ? 4 : consecutiveErrorLimit;
        inconclusive = inconclusive == null ? InconclusivePolicy.FAIL : inconclusive;
        rollbackAlertFor = rollbackAlertFor == null ? Duration.ofHours(1) : rollbackAlertFor; // absent in older records
        positive("update.healthyDeadline", healthyDeadline);
        positive("update.window", window);
        positive("update.rollbackAlertFor", rollbackAlertFor);
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("update.interval must be at least 10ms, was " + interval.toMillis()
                    + "ms");
        }
        if (minHealthyTime.isNegative() || minHealthyTime.compareTo(healthyDeadline) >= 0) {
            throw new IllegalArgumentException("update.minHealthyTime (" + minHealthyTime.toMillis()
                    + "ms) must be at least 0 and below update.healthyDeadline (" + healthyDeadline.toMillis()
                    + "ms): the new version could never be healthy long enough in time");
        }
        if (interval.compareTo(window) > 0) {
            throw new IllegalArgumentException("update.interval (" + interval.toMillis() + "ms) is longer than "
                    + "update.window (" + window.toMillis() + "ms): the window would end before one evaluation");
        }
        if (failureLimit < 1 || consecutiveErrorLimit < 1) {
            throw new IllegalArgumentException("update.failureLimit and update.consecutiveErrorLimit must be at"
                    + " least 1, were " + failureLimit + " and " + consecutiveErrorLimit);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value.toMillis() + "ms");
        }
    }

    /** The same settings with another window (the CLI's {@code --watch 10m}). */
    public UpdateSettings withWindow(Duration newWindow) {
        return new UpdateSettings(healthyDeadline, minHealthyTime, newWindow, interval, failureLimit,
                consecutiveErrorLimit, inconclusive, rollbackAlertFor);
    }
}
