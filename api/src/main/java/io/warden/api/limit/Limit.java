package io.warden.api.limit;

import java.time.Duration;

/**
 * One token bucket: {@code capacity} requests at once, refilled by {@code refill} every
 * {@code period} (greedily, so the rate is smooth).
 *
 * @param capacity the burst size, at least 1
 * @param refill   tokens added per period, at least 1; default = capacity
 * @param period   the refill period; default 1s
 */
public record Limit(long capacity, Long refill, Duration period) {

    public Limit {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        refill = refill == null ? capacity : refill;
        if (refill < 1) {
            throw new IllegalArgumentException("refill must be at least 1, was " + refill);
        }
        period = period == null ? Duration.ofSeconds(1) : period;
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
    }

    /**
     * The limit in words, for a 429's detail: {@code 2 per second, bursts of up to 20} or
     * {@code 60 per minute, bursts of up to 60}.
     */
    public String describe() {
        String per = period.equals(Duration.ofSeconds(1)) ? "second" : period.equals(Duration.ofMinutes(1)) ? "minute"
                : period.equals(Duration.ofHours(1)) ? "hour" : io.warden.config.Durations.format(period);
        return refill + " per " + per + ", bursts of up to " + capacity;
    }

    /** {@code refill} tokens per {@code period}, with a burst of {@code capacity}. */
    public static Limit of(long capacity, long refill, Duration period) {
        return new Limit(capacity, refill, period);
    }
}
