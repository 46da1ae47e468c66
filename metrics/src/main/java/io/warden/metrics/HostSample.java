package io.warden.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The host's metrics at one sample. Percentages are 0..100; rates are bytes per second over the
 * sample's elapsed time.
 *
 * @param cpu         CPU busy share, total and per logical processor
 * @param memory      physical memory and swap
 * @param fileStores  usage of each local file store, by mount point
 * @param disks       read and write throughput of each physical disk
 * @param network     receive and send throughput of each network interface, and their total
 * @param load        the 1, 5 and 15 minute load averages, empty where the OS has none (Windows)
 * @param uptime      time since the host booted
 */
public record HostSample(Cpu cpu, Memory memory, List<FileStoreUsage> fileStores, List<DiskIo> disks,
                         Network network, Optional<LoadAverage> load, Duration uptime) {

    public HostSample {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        fileStores = List.copyOf(fileStores);
        disks = List.copyOf(disks);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(uptime, "uptime");
    }

    /**
     * CPU busy share from the OS's tick counters between two samples (idle and iowait count as
     * not busy).
     *
     * @param totalPercent    all logical processors together, 0..100
     * @param perCorePercent  each logical processor, 0..100, in the OS's order
     */
    public record Cpu(double totalPercent, List<Double> perCorePercent) {

        public Cpu {
            requirePercent("total CPU", totalPercent);
            perCorePercent = List.copyOf(perCorePercent);
            perCorePercent.forEach(p -> requirePercent("core CPU", p));
        }
    }

    /**
     * Physical memory and swap, in bytes. Used memory is total minus available (what programs
     * could still get without swapping), as {@code free} reports it.
     */
    public record Memory(long totalBytes, long usedBytes, long availableBytes, long swapTotalBytes,
                         long swapUsedBytes) {

        public Memory {
            if (totalBytes < 0 || usedBytes < 0 || availableBytes < 0 || usedBytes > totalBytes) {
                throw new IllegalArgumentException("inconsistent memory: total " + totalBytes
                        + ", used " + usedBytes + ", available " + availableBytes);
            }
            if (swapTotalBytes < 0 || swapUsedBytes < 0 || swapUsedBytes > swapTotalBytes) {
                throw new IllegalArgumentException("inconsistent swap: total " + swapTotalBytes
                        + ", used " + swapUsedBytes);
            }
        }
    }

    /**
     * Space on one file store, in bytes, as {@code df} reports it: used is total minus free,
     * and usable is what an unprivileged user may still write (free minus reserved blocks).
     */
    public record FileStoreUsage(String mount, String device, String type, long totalBytes, long usedBytes,
                                 long usableBytes) {

        public FileStoreUsage {
            Objects.requireNonNull(mount, "mount");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(type, "type");
            if (totalBytes < 0 || usedBytes < 0 || usableBytes < 0) {
                throw new IllegalArgumentException("negative space on " + mount + ": total " + totalBytes
                        + ", used " + usedBytes + ", usable " + usableBytes);
            }
        }
    }

    /** Throughput of one disk, in bytes per second. */
    public record DiskIo(String name, double readBytesPerSecond, double writeBytesPerSecond) {

        public DiskIo {
            Objects.requireNonNull(name, "name");
            requireRate(name, readBytesPerSecond);
            requireRate(name, writeBytesPerSecond);
        }
    }

    /** Throughput of one network interface, in bytes per second. */
    public record NetworkIo(String name, double rxBytesPerSecond, double txBytesPerSecond) {

        public NetworkIo {
            Objects.requireNonNull(name, "name");
            requireRate(name, rxBytesPerSecond);
            requireRate(name, txBytesPerSecond);
        }
    }

    /**
     * Network throughput per interface, and the total over all interfaces except loopback (whose
     * traffic never leaves the host).
     */
    public record Network(List<NetworkIo> interfaces, double rxBytesPerSecond, double txBytesPerSecond) {

        public Network {
            interfaces = List.copyOf(interfaces);
            requireRate("total", rxBytesPerSecond);
            requireRate("total", txBytesPerSecond);
        }
    }

    /** The load averages over 1, 5 and 15 minutes. */
    public record LoadAverage(double one, double five, double fifteen) {

        public LoadAverage {
            if (!(one >= 0 && five >= 0 && fifteen >= 0)) {
                throw new IllegalArgumentException("load averages cannot be negative or NaN: "
                        + one + ", " + five + ", " + fifteen);
            }
        }
    }

    static void requirePercent(String what, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(what + " must be 0..100 %, was " + percent);
        }
    }

    private static void requireRate(String what, double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate of " + what + " must be finite and not negative, was " + rate);
        }
    }
}
