package io.warden.metrics;

import io.warden.metrics.history.History;
import io.warden.metrics.history.Series;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes each sample's values into the history series and drops the series of services no
 * longer tracked once their points have aged out, which bounds the number of series.
 * Thread safety: confined to the sampler thread (the history itself is safe to read anywhere).
 *
 * <p>The series of each name are looked up once and kept: with 50 services a tick writes about
 * 165 points, and building and hashing each name every tick (`"service." + name + ".cpu"`) was
 * a quarter of the sampler's CPU.
 */
final class HistoryRecorder {

    static final String SERVICE_PREFIX = "service.";
    /** The host series {@link #record} writes, besides {@code cpu.core.N}; load.* only where the OS has them. */
    static final Set<String> HOST_SERIES = Collections.unmodifiableSortedSet(new TreeSet<>(List.of("cpu.total",
            "memory.used", "memory.available", "swap.used", "load.1", "load.5", "load.15", "net.rx", "net.tx",
            "disk.read", "disk.write")));

    private final History history;
    private final long windowMillis;
    private final Map<String, Series> hostSeries = new HashMap<>();
    private Series[] cores = new Series[0];
    private final Map<String, ServiceSeries> services = new HashMap<>();
    private long lastMillis = Long.MIN_VALUE;

    /** The three series of one service. */
    private record ServiceSeries(Series cpu, Series rss, Series threads) {
    }

    HistoryRecorder(History history, long intervalMillis) {
        this.history = history;
        this.windowMillis = intervalMillis * history.capacityPerSeries();
    }

    void record(Instant at, HostSample host, Map<String, ProcessTreeSample> processes) {
        // Series refuse going back in time; a wall clock stepped back repeats the last timestamp.
        long t = Math.max(lastMillis, at.toEpochMilli());
        lastMillis = t;
        put("cpu.total", t, host.cpu().totalPercent());
        var perCore = host.cpu().perCorePercent();
        if (cores.length != perCore.size()) {
            cores = new Series[perCore.size()];
            for (int i = 0; i < cores.length; i++) {
                cores[i] = history.series("cpu.core." + i);
            }
        }
        for (int i = 0; i < cores.length; i++) {
            cores[i].append(t, perCore.get(i));
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
            ServiceSeries series = services.computeIfAbsent(process.name(), this::seriesOf);
            series.cpu().append(t, process.cpuPercent());
            series.rss().append(t, process.rssBytes());
            series.threads().append(t, process.threads());
        }
    }

    /** Removes the series of services not in {@code tracked} whose newest point is older than the window. */
    int evictUntracked(Set<String> tracked, Instant now) {
        // Forgotten here at once, looked up again if tracked again: the history keeps the series until it ages out.
        services.keySet().retainAll(tracked);
        long oldest = now.toEpochMilli() - windowMillis;
        return history.removeIf(name -> name.startsWith(SERVICE_PREFIX)
                && !tracked.contains(serviceOf(name))
                && history.find(name).map(series -> series.newestEpochMillis() < oldest).orElse(true));
    }

    private ServiceSeries seriesOf(String service) {
        String prefix = SERVICE_PREFIX + service + ".";
        return new ServiceSeries(history.series(prefix + "cpu"), history.series(prefix + "rss"),
                history.series(prefix + "threads"));
    }

    private static String serviceOf(String seriesName) {
        int end = seriesName.lastIndexOf('.');
        return end > SERVICE_PREFIX.length() ? seriesName.substring(SERVICE_PREFIX.length(), end) : "";
    }

    private void put(String name, long t, double value) {
        hostSeries.computeIfAbsent(name, history::series).append(t, value);
    }
}
