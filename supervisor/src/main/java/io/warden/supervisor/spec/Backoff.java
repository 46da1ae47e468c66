package io.warden.supervisor.spec;

import io.warden.config.Durations;
import java.time.Duration;

/**
 * The delay before a restart: {@code initial}, multiplied by {@code multiplier} for each
 * consecutive failed run, capped at {@code max}, spread by up to {@code jitter} (a fraction: 0.1
 * is +-10 %) so that services that crash together do not restart in lockstep.
 *
 * @param initial    the first delay; default 100ms (0 restarts at once)
 * @param max        the largest delay; default 30s
 * @param multiplier growth per consecutive restart; default 2.0, at least 1
 * @param jitter     fraction of random spread, 0..1; default 0.1
 */
public record Backoff(Duration initial, Duration max, Double multiplier, Double jitter) {

    public static final Backoff DEFAULT = new Backoff(null, null, null, null);

    public Backoff {
        initial = initial == null ? Duration.ofMillis(100) : initial;
        max = max == null ? Duration.ofSeconds(30) : max;
        multiplier = multiplier == null ? 2.0 : multiplier;
        jitter = jitter == null ? 0.1 : jitter;
        if (initial.isNegative()) {
            throw new IllegalArgumentException("initial cannot be negative, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max (" + Durations.format(max) + ") cannot be smaller than initial ("
                    + Durations.format(initial) + ")");
        }
        if (!(multiplier >= 1.0) || multiplier > 100) {
            throw new IllegalArgumentException("multiplier must be 1..100, was " + multiplier);
        }
        if (!(jitter >= 0.0) || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be 0..1 (a fraction of the delay), was " + jitter);
        }
    }
}
