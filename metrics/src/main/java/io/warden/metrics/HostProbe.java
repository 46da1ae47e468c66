package io.warden.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * Samples the host. CPU shares and byte rates come from counter deltas against the previous
 * call, so no call ever waits for a measurement interval; the first call only primes them.
 * Lists that rarely change (file stores, disks, interfaces) are re-read by
 * {@link #refreshInventory()} only. Thread safety: confined to the sampler thread.
 */
final class HostProbe {

    private final HostCounters counters;
    private final OperatingSystem os;
    private final DeviceCounters devices;
    private final Instant boot;

    private List<Store> stores = List.of();
    private long[] previousTicks;
    private long[][] previousCoreTicks;
    private Map<String, long[]> previousDisks = Map.of();
    private Map<String, long[]> previousInterfaces = Map.of();

    /** A file store found at the last inventory, with the JDK handle whose queries are one statvfs. */
    private record Store(OSFileStore info, FileStore handle) {
    }

    HostProbe(OperatingSystem os, HostCounters counters, DeviceCounters devices) {
        this.counters = counters;
        this.os = os;
        this.devices = devices;
        // Boot time does not change; OSHI's uptime query cost 160 us per call here.
        this.boot = Instant.ofEpochSecond(os.getSystemBootTime());
        refreshInventory();
    }

    /** Re-lists file stores and devices: about 12 ms, so once a minute by default. */
    void refreshInventory() {
        List<Store> found = new ArrayList<>();
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            try {
                found.add(new Store(store, Files.getFileStore(Path.of(store.getMount()))));
            } catch (IOException | RuntimeException e) {
                // Unmounted since it was listed, or not reachable by this user: leave it out.
            }
        }
        stores = List.copyOf(found);
        devices.refreshInventory();
    }

    /** The host now, with rates over {@code elapsedNanos} since the previous call. */
    HostSample sample(long elapsedNanos, Instant at) {
        HostCounters.CpuTicks read = counters.cpu();
        long[] ticks = read.total();
        long[][] coreTicks = read.perCore();
        double total = previousTicks == null ? 0 : Rates.busyPercent(previousTicks, ticks);
        List<Double> perCore = new ArrayList<>(coreTicks.length);
        for (int i = 0; i < coreTicks.length; i++) {
            boolean comparable = previousCoreTicks != null && previousCoreTicks.length == coreTicks.length;
            perCore.add(comparable ? Rates.busyPercent(previousCoreTicks[i], coreTicks[i]) : 0);
        }
        previousTicks = ticks;
        previousCoreTicks = coreTicks;

        Map<String, long[]> disks = devices.disks();
        Map<String, long[]> interfaces = devices.interfaces();
        List<HostSample.DiskIo> diskIo = new ArrayList<>();
        disks.forEach((name, now) -> {
            double[] rate = Rates.perSecond(previousDisks.get(name), now, elapsedNanos);
            diskIo.add(new HostSample.DiskIo(name, rate[0], rate[1]));
        });
        List<HostSample.NetworkIo> networkIo = new ArrayList<>();
        double rx = 0;
        double tx = 0;
        for (Map.Entry<String, long[]> entry : interfaces.entrySet()) {
            double[] rate = Rates.perSecond(previousInterfaces.get(entry.getKey()), entry.getValue(), elapsedNanos);
            networkIo.add(new HostSample.NetworkIo(entry.getKey(), rate[0], rate[1]));
            if (!isLoopback(entry.getKey())) {
                rx += rate[0];
                tx += rate[1];
            }
        }
        previousDisks = disks;
        previousInterfaces = interfaces;

        return new HostSample(new HostSample.Cpu(total, perCore), memory(), fileStores(), diskIo,
                new HostSample.Network(networkIo, rx, tx), load(),
                at.isAfter(boot) ? Duration.between(boot, at) : Duration.ZERO);
    }

    private HostSample.Memory memory() {
        HostCounters.Memory read = counters.memory();
        long total = read.total();
        long available = Math.min(Math.max(0, read.available()), total);
        long swapTotal = Math.max(0, read.swapTotal());
        long swapUsed = Math.min(Math.max(0, swapTotal - read.swapFree()), swapTotal);
        return new HostSample.Memory(total, total - available, available, swapTotal, swapUsed);
    }

    private List<HostSample.FileStoreUsage> fileStores() {
        List<HostSample.FileStoreUsage> usage = new ArrayList<>(stores.size());
        for (Store store : stores) {
            try {
                long total = store.handle().getTotalSpace();
                long free = store.handle().getUnallocatedSpace();
                long usable = store.handle().getUsableSpace();
                if (total > 0) { // pseudo file systems report zero blocks
                    usage.add(new HostSample.FileStoreUsage(store.info().getMount(), store.info().getVolume(),
                            store.info().getType(), total, Math.max(0, total - free), Math.max(0, usable)));
                }
            } catch (IOException e) {
                // Unmounted since the last inventory: the next refresh drops it.
            }
        }
        return usage;
    }

    private Optional<HostSample.LoadAverage> load() {
        double[] load = counters.loadAverage();
        return load.length == 3 && load[0] >= 0 && load[1] >= 0 && load[2] >= 0
                ? Optional.of(new HostSample.LoadAverage(load[0], load[1], load[2])) : Optional.empty();
    }

    private static boolean isLoopback(String name) {
        return name.equals("lo") || name.startsWith("lo0") || name.toLowerCase().contains("loopback");
    }
}
