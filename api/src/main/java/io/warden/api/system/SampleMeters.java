package io.warden.api.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.warden.metrics.HostSample;
import io.warden.metrics.MetricsSampler;
import io.warden.metrics.ProcessTreeSample;
import io.warden.metrics.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The sampler's figures as Prometheus gauges on {@code /metrics}: host CPU, memory, swap, load,
 * network and disk rates, and per service CPU, RSS, threads, open files and process count. Values
 * come from the latest sample (a scrape never measures). The per-service rows are registered again
 * only when the set of services in the samples changes, so a stopped service's series disappear;
 * between changes a sample only updates what the gauges read (re-registering 300 gauges every
 * second was most of the sampler's CPU and allocation). A change of the rows runs on a thread of
 * its own, never on the sampler's (see {@link #onProcesses}). Thread safe.
 */
public final class SampleMeters {

    private final Supplier<Optional<Sample>> latestSample;
    /** Per registry: scrapes share it, a change of the per-service rows has it alone. */
    private static final Map<MeterRegistry, ReadWriteLock> ROW_LOCKS = Collections.synchronizedMap(new WeakHashMap<>());
    private final Lock rowChange;
    private final List<MultiGauge> services = new ArrayList<>(); // changed on the rows' thread only
    /** The thread of the row changes; it ends when idle for a while, so nothing needs to close it. */
    private final ExecutorService rowChanges = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("warden-sample-rows").factory());
    private final AtomicBoolean rowsStale = new AtomicBoolean();
    // What the per-service gauges read; replaced (not mutated) by the sampler thread.
    private volatile Map<String, ProcessTreeSample> latest = Map.of();
    // The services the rows are registered for; written on the rows' thread.
    private volatile Set<String> rowsFor = Set.of();
    private final List<ServiceMetric> metrics = List.of(
            new ServiceMetric("warden.service.cpu.percent", "percent of one core, whole process tree", ProcessTreeSample::cpuPercent),
            new ServiceMetric("warden.service.rss.bytes", "resident memory of the process tree", s -> s.rssBytes()),
            new ServiceMetric("warden.service.threads", "threads in the process tree", s -> s.threads()),
            new ServiceMetric("warden.service.open.files", "open files in the process tree", s -> s.openFiles()),
            new ServiceMetric("warden.service.processes", "processes in the tree", s -> s.processCount()),
            new ServiceMetric("warden.service.uptime.seconds", "uptime of the service's root process",
                    s -> s.uptime().toMillis() / 1000.0));

    private record ServiceMetric(String name, String description, ToDoubleFunction<ProcessTreeSample> value) {
    }

    private SampleMeters(Supplier<Optional<Sample>> latestSample, MeterRegistry registry) {
        this.latestSample = latestSample;
        this.rowChange = rowLock(registry).writeLock();
    }

    /** Registers the gauges and keeps the per-service ones current; close the subscription to stop. */
    public static MetricsSampler.Subscription bind(MetricsSampler sampler, MeterRegistry registry) {
        SampleMeters meters = register(sampler::latest, registry);
        return sampler.subscribe(sample -> meters.onProcesses(sample.processes()));
    }

    /** Registers the gauges, the host ones reading {@code latestSample}; {@link #onProcesses} updates the rest. */
    static SampleMeters register(Supplier<Optional<Sample>> latestSample, MeterRegistry registry) {
        SampleMeters meters = new SampleMeters(latestSample, registry);
        meters.registerHost(registry);
        for (ServiceMetric metric : meters.metrics) {
            meters.services.add(MultiGauge.builder(metric.name()).description(metric.description()).register(registry));
        }
        return meters;
    }

    /**
     * {@code registry} in the Prometheus text format, never while the per-service rows change:
     * a row removed and added again (a service restarting) while a scrape ran showed up twice in it,
     * and the scrape failed with a 500 (DuplicateLabelsException, micrometer#6851; bench/api-load.sh
     * hit it while services restarted). Scrapes run side by side.
     */
    public static String scrape(PrometheusMeterRegistry registry) {
        Lock scrape = rowLock(registry).readLock();
        scrape.lock();
        try {
            return registry.scrape();
        } finally {
            scrape.unlock();
        }
    }

    private static ReadWriteLock rowLock(MeterRegistry registry) {
        return ROW_LOCKS.computeIfAbsent(registry, key -> new ReentrantReadWriteLock());
    }

    private void registerHost(MeterRegistry registry) {
        host(registry, "warden.host.cpu.percent", "host CPU, all cores", h -> h.cpu().totalPercent());
        host(registry, "warden.host.memory.used.bytes", "host memory in use", h -> h.memory().usedBytes());
        host(registry, "warden.host.memory.total.bytes", "host memory", h -> h.memory().totalBytes());
        host(registry, "warden.host.swap.used.bytes", "swap in use", h -> h.memory().swapUsedBytes());
        host(registry, "warden.host.network.receive.bytes.per.second", "all interfaces but loopback",
                h -> h.network().rxBytesPerSecond());
        host(registry, "warden.host.network.transmit.bytes.per.second", "all interfaces but loopback",
                h -> h.network().txBytesPerSecond());
        host(registry, "warden.host.disk.read.bytes.per.second", "all disks",
                h -> h.disks().stream().mapToDouble(HostSample.DiskIo::readBytesPerSecond).sum());
        host(registry, "warden.host.disk.write.bytes.per.second", "all disks",
                h -> h.disks().stream().mapToDouble(HostSample.DiskIo::writeBytesPerSecond).sum());
        host(registry, "warden.host.load1", "1-minute load average", h -> h.load().map(l -> l.one()).orElse(Double.NaN));
    }

    private void host(MeterRegistry registry, String name, String description, ToDoubleFunction<HostSample> value) {
        Gauge.builder(name, this, m -> m.latestSample.get().map(sample -> value.applyAsDouble(sample.host()))
                        .orElse(Double.NaN)).description(description).strongReference(true).register(registry);
    }

    /**
     * The processes of a new sample: what the gauges read, and their rows when the set of services
     * changed. A row change waits for the scrapes running, so it is handed to the rows' thread: a
     * scrape on a virtual thread parks (a gauge taking a busy lock) while it holds the scrape lock,
     * and under an API flood its wake-up waits seconds for a carrier; on the sampler's thread that
     * wait stopped the sampling, and {@code /health} read down (bench/api-load.sh).
     */
    void onProcesses(Map<String, ProcessTreeSample> processes) {
        latest = processes;
        if (!processes.keySet().equals(rowsFor) && rowsStale.compareAndSet(false, true)) {
            rowChanges.execute(this::changeRows);
        }
    }

    /** On the rows' thread: registers the rows of the latest processes' services, if they changed. */
    private void changeRows() {
        rowsStale.set(false); // before reading `latest`: a newer sample queues another change
        Map<String, ProcessTreeSample> processes = latest;
        if (processes.keySet().equals(rowsFor)) {
            return;
        }
        for (int i = 0; i < metrics.size(); i++) {
            ToDoubleFunction<ProcessTreeSample> value = metrics.get(i).value();
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String name : processes.keySet()) {
                rows.add(MultiGauge.Row.of(Tags.of("service", name), this, meters -> meters.read(name, value)));
            }
            // Rows of services still there stay as they are (they read `latest` by name): no need
            // to remove and add them again.
            rowChange.lock();
            try {
                services.get(i).register(rows, false);
            } finally {
                rowChange.unlock();
            }
        }
        rowsFor = Set.copyOf(processes.keySet());
    }

    private double read(String service, ToDoubleFunction<ProcessTreeSample> value) {
        ProcessTreeSample process = latest.get(service);
        return process == null ? Double.NaN : value.applyAsDouble(process);
    }
}
