package io.warden.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sampler works, validated once.
 *
 * @param interval          time between samples; at least 500 ms (default 1 s), because OSHI
 *                          caches CPU and memory counters for 300 ms
 * @param historyPoints     points kept per history series (default 3600: one hour at 1 s)
 * @param treeRescan        how often the members of each tracked process tree are rediscovered;
 *                          between rescans only the known members are read, which is what keeps
 *                          a tick cheap (default 5 s; a new grandchild shows up within this time)
 * @param inventoryRefresh  how often the lists of file stores, disks and network interfaces are
 *                          re-read; they rarely change and listing them costs milliseconds
 *                          (default 1 min)
 */
public record SamplerSettings(Duration interval, int historyPoints, Duration treeRescan, Duration inventoryRefresh) {

    private static final Duration MIN_INTERVAL = Duration.ofMillis(500);

    public SamplerSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(treeRescan, "treeRescan");
        Objects.requireNonNull(inventoryRefresh, "inventoryRefresh");
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("sampling interval must be at least 500ms, was "
                    + interval.toMillis() + "ms; OSHI caches the CPU and memory counters for 300ms, so shorter intervals repeat values");
        }
        if (historyPoints < 1) {
            throw new IllegalArgumentException("history points must be at least 1, was " + historyPoints);
        }
        if (treeRescan.compareTo(interval) < 0) {
            throw new IllegalArgumentException("tree rescan (" + treeRescan.toMillis()
                    + "ms) cannot be shorter than the sampling interval (" + interval.toMillis() + "ms)");
        }
        if (inventoryRefresh.compareTo(interval) < 0) {
            throw new IllegalArgumentException("inventory refresh (" + inventoryRefresh.toMillis()
                    + "ms) cannot be shorter than the sampling interval (" + interval.toMillis() + "ms)");
        }
    }

    /** One sample per second, one hour of history, trees rescanned every 5 s. */
    public static SamplerSettings defaults() {
        return new SamplerSettings(Duration.ofSeconds(1), 3600, Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    /** These settings with another interval (the other durations grow to it if shorter). */
    public SamplerSettings withInterval(Duration newInterval) {
        return new SamplerSettings(newInterval, historyPoints, max(treeRescan, newInterval),
                max(inventoryRefresh, newInterval));
    }

    /** These settings with another tree rescan period. */
    public SamplerSettings withTreeRescan(Duration newTreeRescan) {
        return new SamplerSettings(interval, historyPoints, newTreeRescan, inventoryRefresh);
    }

    /** These settings with another number of history points per series. */
    public SamplerSettings withHistoryPoints(int points) {
        return new SamplerSettings(interval, points, treeRescan, inventoryRefresh);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
