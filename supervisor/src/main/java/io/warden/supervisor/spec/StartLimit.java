package io.warden.supervisor.spec;

import java.time.Duration;

/**
 * At most {@code burst} starts within {@code interval}; one more and the service is
 * {@code failed} and stays down until started by hand (systemd's StartLimitBurst and
 * StartLimitIntervalSec).
 *
 * @param burst    starts allowed within the interval; default 5, at least 1
 * @param interval the sliding window; default 60s
 */
public record StartLimit(Integer burst, Duration interval) {

    public static final StartLimit DEFAULT = new StartLimit(null, null);

    public StartLimit {
        burst = burst == null ? 5 : burst;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }
}
