package io.warden.daemon;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Gives the heap back after a burst of work. With the serial collector the old generation only
 * shrinks at a full collection, and none comes by itself before the old generation is full: each
 * stop/start of 50 services promotes about a megabyte of short-lived objects, so the daemon's RSS
 * climbed 26 MB over 20 cycles and stayed there (bench/HISTORY.md, issue 3). A full collection of
 * the ~15 MB the daemon keeps live takes some milliseconds; this runs one when the old generation
 * has grown by more than 30 % of what the last full collection left, and at least 2 MB, and the
 * JVM then uncommits what it frees ({@code -XX:-ShrinkHeapInSteps}). It waits for a quiet moment,
 * at most one young collection in the last period: under steady load (thousands of WebSocket clients, an API benchmark) the old
 * generation grows with live data, and a full collection of a few hundred megabytes would be a
 * pause of a few hundred milliseconds in every client's latency for memory about to be used again;
 * there the collector keeps its own schedule. An idle daemon promotes next to nothing, so it costs
 * nothing there either.
 *
 * <p>For its own collection it lowers {@code MaxHeapFreeRatio} to {@code MinHeapFreeRatio} (both
 * manageable flags) and puts it back after: a quiet daemon is about to promote nothing, so the 30 %
 * of headroom the collector would keep (6 MB over a ~15 MB live old generation, measured after a
 * churn of stop/starts) is memory held for nothing. Under load the collector's own collections
 * keep the usual headroom.
 *
 * <p>Checks every 2 s on a virtual thread; {@link #close()} stops it. Does nothing when the JVM
 * has no old-generation pool (a collector without generations).
 */
final class HeapTrim implements AutoCloseable {

    static final Duration PERIOD = Duration.ofSeconds(2);
    // Low enough to trim after one burst: with at least 8 MB, what 20 stop/starts of 50 services
    // promote (4-6 MB) stayed committed until the next burst, and the RSS after each burst crept up
    // while the live data stayed the same. The share keeps a
    // large heap (thousands of WebSocket clients) from being collected whole for little.
    static final long MIN_GROWTH = 2L << 20;
    static final double GROWTH_SHARE = 0.30;

    private final MemoryPoolMXBean old;
    private final List<GarbageCollectorMXBean> young;
    private final Thread thread;
    private volatile boolean closed;

    private HeapTrim(MemoryPoolMXBean old) {
        this.old = old;
        this.young = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> !Arrays.asList(gc.getMemoryPoolNames()).contains(old.getName()))
                .toList();
        this.thread = Thread.ofVirtual().name("warden-heap-trim").start(this::run);
    }

    /** Starts the checks, if the heap has an old generation. */
    static AutoCloseable start() {
        Optional<MemoryPoolMXBean> pool = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .findFirst();
        return pool.<AutoCloseable>map(HeapTrim::new).orElse(() -> { });
    }

    /** Whether old-generation use {@code used} is worth a full collection, given {@code liveAfterLastFull}. */
    static boolean grownEnough(long used, long liveAfterLastFull) {
        return used - liveAfterLastFull > Math.max(MIN_GROWTH, (long) (liveAfterLastFull * GROWTH_SHARE));
    }

    private long youngCollections() {
        return young.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private void run() {
        long seen = youngCollections();
        while (!closed) {
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            long now = youngCollections();
            boolean quiet = now - seen <= 1;
            seen = now;
            MemoryUsage after = old.getCollectionUsage();
            if (quiet && after != null && grownEnough(old.getUsage().getUsed(), after.getUsed())) {
                collectTight();
            }
        }
    }

    /** A full collection after which the heap keeps only the minimum free share. */
    static void collectTight() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        VMOption max = vm.getVMOption("MaxHeapFreeRatio");
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        boolean lowered = max.isWriteable() && !max.getValue().equals(min);
        if (lowered) {
            vm.setVMOption("MaxHeapFreeRatio", min);
        }
        try {
            System.gc();
        } finally {
            if (lowered) {
                vm.setVMOption("MaxHeapFreeRatio", max.getValue());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
