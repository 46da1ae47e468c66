package io.warden.metrics;

import io.warden.metrics.history.History;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Writes each sample's values into the history series and drops the series of services no
 * longer tracked once their points have aged out, which bounds the number of series.
 * Thread safety: confined to the sampler thread (the history itself is safe to read anywhere).
 */
final class HistoryRecorder {

    static final String SERVICE_PREFIX = "service.";

    private final History history;
    private final long windowMillis;
    private long lastMillis = Long.MIN_VALUE;

    HistoryRecorder(History history, long intervalMillis) {
        this.history = history;
        this.windowMillis = intervalMillis * history.capacityPerSeries();
    }

    void record(Instant at, HostSample host, Map<String, ProcessTreeSample> processes) {
        // Series refuse going back in time; a wall clock stepped back repeats the last timestamp.
        long t = Math.max(lastMillis, at.toEpochMilli());
        lastMillis = t;
        put("cpu.total", t, host.cpu().totalPercent());
        for (int i = 0; i < host.cpu().perCorePercent().size(); i++) {
            put("cpu.core." + i, t, host.cpu().perCorePercent().get(i));
        }
        put("memory.used", t, host.memory().usedBytes());
        put("memory.available", t, host.memory().availableBytes());
        put("swap.used", t, host.memory().swapUsedBytes());
        host.load().ifPresent(load -> {
            put("load.1", t, load.one());
            put("load.5", t, load.five());
            put("load.15", t, load.fifteen());
        });
        put("net.rx", t, host.network().rxBytesPerSecond());
        put("net.tx", t, host.network().txBytesPerSecond());
        double read = 0;
        double written = 0;
        for (HostSample.DiskIo disk : host.disks()) {
            read += disk.readBytesPerSecond();
            written += disk.writeBytesPerSecond();
        }
        put("disk.read", t, read);
        put("disk.write", t, written);
        for (ProcessTreeSample process : processes.values()) {
            String prefix = SERVICE_PREFIX + process.name() + ".";
            put(prefix + "cpu", t, process.cpuPercent());
            put(prefix + "rss", t, process.rssBytes());
            put(prefix + "threads", t, process.threads());
        }
    }

    /** Removes the series of services not in {@code tracked} whose newest point is older than the window. */
    int evictUntracked(Set<String> tracked, Instant now) {
        long oldest = now.toEpochMilli() - windowMillis;
        return history.removeIf(name -> name.startsWith(SERVICE_PREFIX)
                && !tracked.contains(serviceOf(name))
                && history.find(name).map(series -> series.newestEpochMillis() < oldest).orElse(true));
    }

    private static String serviceOf(String seriesName) {
        int end = seriesName.lastIndexOf('.');
        return end > SERVICE_PREFIX.length() ? seriesName.substring(SERVICE_PREFIX.length(), end) : "";
    }

    private void put(String name, long t, double value) {
        history.series(name).append(t, value);
    }
}
