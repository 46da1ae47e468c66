package io.warden.metrics;

import io.warden.os.Procfs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * Cumulative byte counters of disks and network interfaces, which the host probe turns into
 * rates. Implementations are confined to the sampler thread.
 */
interface DeviceCounters {

    /** Bytes {read, written} since boot per physical disk, keyed by OSHI's disk name. */
    Map<String, long[]> disks();

    /** Bytes {received, sent} since boot per network interface. */
    Map<String, long[]> interfaces();

    /** Re-lists the devices; called rarely, as listing costs milliseconds. */
    void refreshInventory();

    /**
     * Linux: OSHI lists the physical disks (it knows which block devices are partitions); the
     * counters come from one read each of /proc/diskstats and /proc/net/dev (about 10 us each),
     * where OSHI's per-device updates cost 2 ms for disks and 0.6 ms for two interfaces.
     */
    final class FromProcfs implements DeviceCounters {

        private final HardwareAbstractionLayer hal;
        private final byte[] buffer = new byte[64 * 1024];
        private Map<String, String> diskNamesByKernelName = Map.of();

        FromProcfs(HardwareAbstractionLayer hal) {
            this.hal = hal;
            refreshInventory();
        }

        @Override
        public Map<String, long[]> disks() {
            String text = Procfs.read("/proc/diskstats", buffer);
            Map<String, long[]> all = text == null ? Map.of() : ProcfsCounters.parseDiskStats(text);
            Map<String, long[]> result = new LinkedHashMap<>();
            diskNamesByKernelName.forEach((kernelName, name) -> {
                long[] counters = all.get(kernelName);
                if (counters != null) {
                    result.put(name, counters);
                }
            });
            return result;
        }

        @Override
        public Map<String, long[]> interfaces() {
            String text = Procfs.read("/proc/net/dev", buffer);
            return text == null ? Map.of() : ProcfsCounters.parseNetDev(text);
        }

        @Override
        public void refreshInventory() {
            Map<String, String> names = new LinkedHashMap<>();
            for (HWDiskStore disk : hal.getDiskStores()) {
                String name = disk.getName();
                names.put(name.substring(name.lastIndexOf('/') + 1), name); // "/dev/vda" is "vda" in diskstats
            }
            diskNamesByKernelName = names;
        }
    }

    /** Any OS: OSHI's device objects, listed at each inventory refresh and updated each tick. */
    final class FromOshi implements DeviceCounters {

        private final HardwareAbstractionLayer hal;
        private List<HWDiskStore> disks = List.of();
        private List<NetworkIF> interfaces = List.of();

        FromOshi(HardwareAbstractionLayer hal) {
            this.hal = hal;
            refreshInventory();
        }

        @Override
        public Map<String, long[]> disks() {
            Map<String, long[]> result = new LinkedHashMap<>();
            for (HWDiskStore disk : disks) {
                disk.updateAttributes();
                result.put(disk.getName(), new long[] {disk.getReadBytes(), disk.getWriteBytes()});
            }
            return result;
        }

        @Override
        public Map<String, long[]> interfaces() {
            Map<String, long[]> result = new LinkedHashMap<>();
            for (NetworkIF nif : interfaces) {
                nif.updateAttributes();
                result.put(nif.getName(), new long[] {nif.getBytesRecv(), nif.getBytesSent()});
            }
            return result;
        }

        @Override
        public void refreshInventory() {
            disks = List.copyOf(hal.getDiskStores());
            interfaces = List.copyOf(hal.getNetworkIFs(true));
        }
    }
}
