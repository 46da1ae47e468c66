package io.warden.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One sample of the host and of every tracked process tree, taken at one instant. Immutable and
 * safe to share: published once per tick and read by any number of threads.
 *
 * @param sequence   1 for the first published sample, then one more per tick
 * @param at         when the sample was taken, from the sampler's clock
 * @param elapsed    time since the previous sample, over which the rates and CPU shares are computed
 * @param host       the host's metrics
 * @param processes  per service name, the tracked trees that were found alive, sorted by name;
 *                   a tracked process that is gone or whose PID was recycled is absent
 * @param cost       what taking this sample cost the sampler thread
 */
public record Sample(long sequence, Instant at, Duration elapsed, HostSample host,
                     Map<String, ProcessTreeSample> processes, TickCost cost) {

    public Sample {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive, was " + sequence);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(cost, "cost");
        // Sorted for stable output; unmodifiable because the sample is shared.
        processes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(processes));
    }

    /**
     * The sampler's own cost for one tick.
     *
     * @param wallNanos  elapsed time from the start of the tick to publishing, listeners excluded
     * @param cpuNanos   CPU time the sampler thread used for it (-1 if the JVM cannot tell)
     */
    public record TickCost(long wallNanos, long cpuNanos) {

        public TickCost {
            if (wallNanos < 0) {
                throw new IllegalArgumentException("wall time cannot be negative, was " + wallNanos);
            }
        }
    }
}
