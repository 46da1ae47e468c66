package io.warden.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host counter parsers; /proc/PID/stat and the boot time are tested in the os module. */
class ProcfsCountersTest {

    @Test
    void parseCpuTicks_hostAndEachCpu_firstEightFields_stopsAtTheFirstOtherLine() {
        byte[] text = """
                cpu  100 2 30 4000 50 6 7 8 9 10
                cpu0 60 1 20 2000 25 3 4 5 9 10
                cpu1 40 1 10 2000 25 3 3 3 0 0
                intr 123456 1 2 3 4 5
                ctxt 99
                btime 1700000000
                """.getBytes(StandardCharsets.US_ASCII);

        HostCounters.CpuTicks ticks = ProcfsCounters.parseCpuTicks(text, text.length);

        assertThat(ticks.total()).containsExactly(100, 2, 30, 4000, 50, 6, 7, 8);
        assertThat(ticks.perCore()).hasDimensions(2, 8);
        assertThat(ticks.perCore()[1]).containsExactly(40, 1, 10, 2000, 25, 3, 3, 3);
        assertThat(ProcfsCounters.parseCpuTicks(new byte[0], 0)).isNull();
    }

    @Test
    void parseMemInfo_kibToBytes_availableFallsBackOnOldKernels() {
        byte[] text = """
                MemTotal:       24000000 kB
                MemFree:         1000000 kB
                MemAvailable:   20000000 kB
                Buffers:          200000 kB
                Cached:          3000000 kB
                SwapTotal:       2000000 kB
                SwapFree:        1500000 kB
                HugePages_Total:       0
                """.getBytes(StandardCharsets.US_ASCII);

        assertThat(ProcfsCounters.parseMemInfo(text, text.length))
                .isEqualTo(new HostCounters.Memory(24_000_000L * 1024, 20_000_000L * 1024, 2_000_000L * 1024,
                        1_500_000L * 1024));
        byte[] old = new String(text, StandardCharsets.US_ASCII).replaceAll("MemAvailable.*\n", "")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(ProcfsCounters.parseMemInfo(old, old.length).available()).isEqualTo(4_200_000L * 1024);
        assertThat(ProcfsCounters.parseMemInfo(new byte[0], 0)).isNull();
    }

    @Test
    void hostCounters_procfsAgreesWithOshi() {
        assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "Linux only");
        oshi.hardware.HardwareAbstractionLayer hal = new oshi.SystemInfo().getHardware();
        HostCounters procfs = new HostCounters.FromProcfs();
        HostCounters oshi = new HostCounters.FromOshi(hal);

        assertThat(procfs.memory().total()).isEqualTo(oshi.memory().total());
        assertThat(procfs.memory().swapTotal()).isEqualTo(oshi.memory().swapTotal());
        assertThat(procfs.cpu().perCore().length).isEqualTo(oshi.cpu().perCore().length);
        assertThat(procfs.cpu().total()[3]).as("idle ticks").isPositive();
        // The kernel recomputes the averages every 5 s, so two reads may straddle an update.
        double[] procfsLoad = procfs.loadAverage();
        double[] oshiLoad = oshi.loadAverage();
        for (int i = 0; i < 3; i++) {
            assertThat(procfsLoad[i]).as("load average %d", i).isNotNegative().isCloseTo(oshiLoad[i], within(0.5));
        }
    }

    @Test
    void parseLoadAverage_threeAveragesThenIgnoresTheRest() {
        byte[] text = "0.52 12.08 0.00 3/345 123456\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(ProcfsCounters.parseLoadAverage(text, text.length)).containsExactly(0.52, 12.08, 0.0);
        byte[] bad = "0.52 x 0.00 1/2 3\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(ProcfsCounters.parseLoadAverage(bad, bad.length)).isNull();
        assertThat(ProcfsCounters.parseLoadAverage(new byte[0], 0)).isNull();
    }

    @Test
    void parseDiskStats_sectorsToBytes() {
        String text = """
                 253       0 vda 8706 3094 690436 2814 20148 12456 987654 28000 0 31000 31000 0 0 0 0 1 2
                 253       1 vda1 8600 3094 680000 2800 20000 12456 987000 27900 0 30900 30900 0 0 0 0
                """;

        Map<String, long[]> disks = ProcfsCounters.parseDiskStats(text);

        assertThat(disks).containsOnlyKeys("vda", "vda1");
        assertThat(disks.get("vda")).containsExactly(690436L * 512, 987654L * 512);
    }

    @Test
    void parseNetDev_skipsHeadersAndReadsBytes() {
        String text = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:   12345     100    0    0    0     0          0         0    12345     100    0    0    0     0       0          0
                  eth0:987654321 5000    0    0    0     0          0         0   54321      400    0    0    0     0       0          0
                """;

        Map<String, long[]> interfaces = ProcfsCounters.parseNetDev(text);

        assertThat(interfaces).containsOnlyKeys("lo", "eth0");
        assertThat(interfaces.get("eth0")).containsExactly(987_654_321L, 54_321L);
    }

    @Test
    void busyPercent_idleAndIowaitNotBusy() {
        long[] before = {100, 0, 100, 700, 100, 0, 0, 0};
        long[] after = {150, 0, 150, 750, 150, 0, 0, 0};

        assertThat(Rates.busyPercent(before, after)).isEqualTo(50.0);
        assertThat(Rates.busyPercent(after, before)).isZero();
        assertThat(Rates.busyPercent(before, before)).isZero();
    }

    @Test
    void perSecond_deltaOverElapsed_zeroWithoutHistoryOrOnReset() {
        assertThat(Rates.perSecond(new long[] {1000, 0}, new long[] {3000, 500}, 2_000_000_000L))
                .containsExactly(1000.0, 250.0);
        assertThat(Rates.perSecond(null, new long[] {5}, 1)).containsExactly(0.0);
        assertThat(Rates.perSecond(new long[] {9}, new long[] {5}, 1)).containsExactly(0.0);
    }
}
