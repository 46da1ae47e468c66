package io.warden.metrics;

import io.warden.metrics.history.History;
import io.warden.os.HostClock;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Samples the host and the tracked process trees on one background thread, keeps their history
 * and publishes each sample. See the {@linkplain io.warden.metrics package overview}.
 *
 * <p>Thread safety: every public method is safe from any thread. {@link #latest()} is one
 * volatile read and never waits; {@link #track}/{@link #untrack} take effect at the next tick.
 */
public final class MetricsSampler implements AutoCloseable {

    /**
     * The names of the host series each sample writes to {@link #history()} ({@code cpu.total},
     * {@code memory.used}, ...; the {@code load.*} ones only where the OS has a load average), known
     * before the first sample: asking for one early is "no points yet", not an unknown name.
     */
    public static final Set<String> HOST_SERIES = HistoryRecorder.HOST_SERIES;

    private static final System.Logger LOG = System.getLogger(MetricsSampler.class.getName());

    /** A listener's subscription; closing it unsubscribes. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final SamplerSettings settings;
    /** Every time the sampler reads: sample instants, tick intervals, rescan and inventory periods. */
    private final HostClock clock;
    private final HostProbe host;
    private final ProcessTrees trees;
    private final History history;
    private final HistoryRecorder recorder;
    private final Listeners listeners = new Listeners();
    private final ConcurrentMap<String, TrackedProcess> tracked = new ConcurrentHashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Object lifecycle = new Object();
    private final AtomicLong failedTicks = new AtomicLong();

    private volatile Sample latest;
    private volatile SamplerStats stats = new SamplerStats(0, 0, 0, 0, 0);
    private volatile boolean closed;
    private Thread thread; // guarded by lifecycle

    // Owned by whichever thread ticks: the sampler thread once started, the caller before.
    private long sequence;
    private long previousNanos;
    private long previousWallMillis;
    private long lastRescanNanos;
    private long lastInventoryNanos;

    MetricsSampler(SamplerSettings settings, HostClock clock, HostProbe host, ProcessSource processes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.host = host;
        this.trees = new ProcessTrees(processes);
        this.history = new History(settings.historyPoints());
        this.recorder = new HistoryRecorder(history, settings.interval().toMillis());
    }

    /**
     * A sampler of this host, not yet started. On Linux processes, CPU ticks, memory and device
     * counters are read from /proc; elsewhere through OSHI. Listing the host's devices takes some milliseconds.
     */
    public static MetricsSampler create(SamplerSettings settings, HostClock clock) {
        return create(settings, clock, true);
    }

    /** As {@link #create(SamplerSettings, HostClock)}; tests pass false to run the OSHI readers on Linux. */
    static MetricsSampler create(SamplerSettings settings, HostClock clock, boolean useProcfs) {
        SystemInfo system = new SystemInfo();
        HardwareAbstractionLayer hal = system.getHardware();
        ProcfsProcessSource procfs = useProcfs ? ProcfsProcessSource.open(hal.getMemory().getPageSize()) : null;
        ProcessSource processes = procfs != null ? procfs : new OshiProcessSource(system.getOperatingSystem());
        DeviceCounters devices = procfs != null ? new DeviceCounters.FromProcfs(hal) : new DeviceCounters.FromOshi(hal);
        HostCounters counters = procfs != null ? new HostCounters.FromProcfs() : new HostCounters.FromOshi(hal);
        return new MetricsSampler(settings, clock, new HostProbe(system.getOperatingSystem(), counters, devices),
                processes);
    }

    /**
     * Primes the counters and starts sampling every interval; the first sample is published one
     * interval later. Does nothing if already started.
     *
     * @throws MetricsException if the sampler was closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new MetricsException("metrics sampler is closed; create a new one to sample again");
            }
            if (thread != null) {
                return;
            }
            prime();
            thread = Thread.ofPlatform().daemon().name("warden-metrics-sampler").start(this::run);
        }
    }

    /** The latest sample, empty until the first tick after {@link #start()}. Never waits. */
    public Optional<Sample> latest() {
        return Optional.ofNullable(latest);
    }

    /** The history of every series, one point per tick. */
    public History history() {
        return history;
    }

    /** Samples this process tree from the next tick on, replacing any process tracked under its name. */
    public void track(TrackedProcess process) {
        tracked.put(process.name(), process);
    }

    /** Stops sampling the tree tracked under this name; its history ages out. */
    public void untrack(String name) {
        tracked.remove(name);
    }

    /** The tracked processes by service name. */
    public Map<String, TrackedProcess> tracked() {
        return Map.copyOf(tracked);
    }

    /** Calls the listener after each sample, on the sampler thread, until the subscription is closed. */
    public Subscription subscribe(SampleListener listener) {
        return listeners.add(listener);
    }

    /** The sampler's counters and own cost so far. */
    SamplerStats stats() {
        SamplerStats current = stats;
        return new SamplerStats(current.ticks(), failedTicks.get(), listeners.failures(), current.totalWallNanos(),
                current.totalCpuNanos());
    }

    /** The settings this sampler runs with. */
    public SamplerSettings settings() {
        return settings;
    }

    /** Stops the sampler thread and waits up to 5 s for it; the latest sample stays readable. */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            closed = true;
            running = thread;
        }
        if (running != null && running != Thread.currentThread()) {
            LockSupport.unpark(running);
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads every counter once so that the first published sample has deltas. */
    void prime() {
        long now = clock.nanoTime();
        host.sample(0, clock.instant());
        trees.sample(tracked.values(), true, 0, clock.instant(), clock.millis());
        previousNanos = now;
        previousWallMillis = clock.millis();
        lastRescanNanos = now;
        lastInventoryNanos = now;
    }

    private void run() {
        long interval = settings.interval().toNanos();
        long next = previousNanos + interval;
        while (!closed) {
            long wait = next - clock.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // woken early, spuriously or by close: re-check
            }
            try {
                tick();
            } catch (RuntimeException e) {
                long count = failedTicks.incrementAndGet();
                if (count == 1 || count % 100 == 0) {
                    LOG.log(Level.WARNING, "metrics sample failed (" + count + " failures so far); sampling goes on", e);
                }
            }
            next += interval;
            long now = clock.nanoTime();
            if (next <= now) {
                next = now + interval; // overran (slow OS call or listener): skip slots, no burst
            }
        }
    }

    /** Takes, records and publishes one sample, then calls the listeners. */
    void tick() {
        long start = clock.nanoTime();
        long cpuStart = threadCpuNanos();
        long wallMillis = clock.millis();
        Instant at = clock.instant();
        long elapsed = Math.max(0, start - previousNanos);
        boolean rescan = start - lastRescanNanos >= settings.treeRescan().toNanos();
        if (rescan) {
            lastRescanNanos = start;
        }
        if (start - lastInventoryNanos >= settings.inventoryRefresh().toNanos()) {
            lastInventoryNanos = start;
            host.refreshInventory();
            // One copy: the live key set, read twice, could change in between (a service untracked then).
            recorder.evictUntracked(Set.copyOf(tracked.keySet()), at);
        }
        HostSample hostSample = host.sample(elapsed, at);
        var processes = trees.sample(tracked.values(), rescan, elapsed, at, previousWallMillis);
        recorder.record(at, hostSample, processes);
        previousNanos = start;
        previousWallMillis = wallMillis;

        long wall = clock.nanoTime() - start;
        long cpu = cpuStart < 0 ? -1 : threadCpuNanos() - cpuStart;
        Sample sample = new Sample(++sequence, at, Duration.ofNanos(elapsed), hostSample, processes,
                new Sample.TickCost(wall, cpu));
        SamplerStats before = stats;
        stats = new SamplerStats(before.ticks() + 1, 0, 0, before.totalWallNanos() + wall,
                cpu < 0 || before.totalCpuNanos() < 0 ? -1 : before.totalCpuNanos() + cpu);
        latest = sample;
        listeners.publish(sample);
    }

    private long threadCpuNanos() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }
}
