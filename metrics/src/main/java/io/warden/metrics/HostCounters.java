package io.warden.metrics;

import io.warden.os.Procfs;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.VirtualMemory;

/**
 * The host's CPU tick counters and memory figures, read once per tick. Implementations are
 * confined to the sampler thread.
 */
interface HostCounters {

    /**
     * CPU ticks since boot in OSHI's order (user, nice, system, idle, iowait, irq, softirq, steal):
     * the whole host, then one row per logical CPU.
     */
    record CpuTicks(long[] total, long[][] perCore) {
    }

    /** Bytes: physical total and available (what can be allocated without swapping), swap total and free. */
    record Memory(long total, long available, long swapTotal, long swapFree) {
    }

    CpuTicks cpu();

    Memory memory();

    /** The 1-, 5- and 15-minute load averages; negative values where the OS has none. */
    double[] loadAverage();

    /**
     * Linux: one read each of {@code /proc/stat}, {@code /proc/meminfo} and {@code /proc/loadavg} per tick. OSHI reads
     * each file twice (host and per-CPU ticks; available memory and swap) and splits every line
     * into strings.
     */
    final class FromProcfs implements HostCounters {

        private final byte[] buffer = new byte[64 * 1024];

        @Override
        public CpuTicks cpu() {
            int length = Procfs.readBytes("/proc/stat", buffer);
            CpuTicks ticks = length < 0 ? null : ProcfsCounters.parseCpuTicks(buffer, length);
            return ticks != null ? ticks : new CpuTicks(new long[8], new long[0][]);
        }

        @Override
        public Memory memory() {
            int length = Procfs.readBytes("/proc/meminfo", buffer);
            Memory memory = length < 0 ? null : ProcfsCounters.parseMemInfo(buffer, length);
            return memory != null ? memory : new Memory(0, 0, 0, 0);
        }

        /** One read of {@code /proc/loadavg}, where OSHI calls getloadavg(3) through JNA. */
        @Override
        public double[] loadAverage() {
            int length = Procfs.readBytes("/proc/loadavg", buffer);
            double[] load = length < 0 ? null : ProcfsCounters.parseLoadAverage(buffer, length);
            return load != null ? load : new double[] {-1, -1, -1};
        }
    }

    /** Any OS, through OSHI. */
    final class FromOshi implements HostCounters {

        private final CentralProcessor cpu;
        private final GlobalMemory memory;

        FromOshi(HardwareAbstractionLayer hal) {
            this.cpu = hal.getProcessor();
            this.memory = hal.getMemory();
        }

        @Override
        public CpuTicks cpu() {
            return new CpuTicks(cpu.getSystemCpuLoadTicks(), cpu.getProcessorCpuLoadTicks());
        }

        @Override
        public Memory memory() {
            VirtualMemory virtual = memory.getVirtualMemory();
            long swapTotal = virtual.getSwapTotal();
            return new Memory(memory.getTotal(), memory.getAvailable(), swapTotal, swapTotal - virtual.getSwapUsed());
        }

        @Override
        public double[] loadAverage() {
            return cpu.getSystemLoadAverage(3);
        }
    }
}
