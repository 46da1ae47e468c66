package io.warden.metrics;

import static io.warden.os.Procfs.parseLong;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers of the Linux {@code /proc} host counter files only the sampler reads ({@code /proc/stat}'s
 * CPU lines, {@code meminfo}, {@code loadavg}, {@code diskstats}, {@code net/dev}), pure so that
 * tests feed them text; {@code /proc/PID/stat}, the boot time and the reads are
 * {@code io.warden.os}'s. Only the fields the sampler needs are read. Thread safety: stateless.
 */
final class ProcfsCounters {

    /** Sectors in /proc/diskstats are 512 bytes whatever the device's sector size. */
    static final long SECTOR_BYTES = 512;

    private ProcfsCounters() {
    }

    /**
     * The CPU tick counters of {@code /proc/stat} ({@code text[0, length)}): the {@code cpu} line
     * and one per {@code cpuN} line, the first 8 fields each (user, nice, system, idle, iowait,
     * irq, softirq, steal; older kernels' missing fields are 0); null without a {@code cpu} line.
     * Parsed from bytes: the file's {@code intr} line alone is kilobytes of numbers, never needed.
     */
    static HostCounters.CpuTicks parseCpuTicks(byte[] text, int length) {
        long[] total = null;
        List<long[]> cores = new ArrayList<>();
        int line = 0;
        // The cpu lines come first; stop at the first other line.
        while (line + 3 < length && text[line] == 'c' && text[line + 1] == 'p' && text[line + 2] == 'u') {
            int end = line;
            while (end < length && text[end] != '\n') {
                end++;
            }
            int from = line + 3;
            while (from < end && text[from] != ' ') {
                from++; // past the CPU number of a cpuN line
            }
            long[] ticks = new long[8];
            int field = 0;
            int start = -1;
            for (int i = from; i <= end && field < ticks.length; i++) {
                boolean digit = i < end && text[i] >= '0' && text[i] <= '9';
                if (digit && start < 0) {
                    start = i;
                } else if (!digit && start >= 0) {
                    ticks[field++] = parseLong(text, start, i);
                    start = -1;
                }
            }
            if (text[line + 3] == ' ') {
                total = ticks;
            } else {
                cores.add(ticks);
            }
            line = end + 1;
        }
        return total == null ? null : new HostCounters.CpuTicks(total, cores.toArray(new long[0][]));
    }

    /**
     * Bytes of memory from {@code /proc/meminfo} ({@code text[0, length)}): MemTotal, MemAvailable
     * (before Linux 3.14: MemFree + Buffers + Cached), SwapTotal, SwapFree; null without MemTotal.
     */
    static HostCounters.Memory parseMemInfo(byte[] text, int length) {
        long total = -1;
        long available = -1;
        long free = 0;
        long buffers = 0;
        long cached = 0;
        long swapTotal = 0;
        long swapFree = 0;
        int line = 0;
        while (line < length) {
            int end = line;
            int colon = -1;
            while (end < length && text[end] != '\n') {
                if (colon < 0 && text[end] == ':') {
                    colon = end;
                }
                end++;
            }
            if (colon > 0) {
                long kib = -1;
                int start = colon + 1;
                while (start < end && text[start] == ' ') {
                    start++;
                }
                int stop = start;
                while (stop < end && text[stop] >= '0' && text[stop] <= '9') {
                    stop++;
                }
                if (stop > start) {
                    kib = parseLong(text, start, stop);
                }
                long bytes = kib < 0 ? 0 : kib * 1024;
                switch (new String(text, line, colon - line, StandardCharsets.US_ASCII)) {
                    case "MemTotal" -> total = bytes;
                    case "MemAvailable" -> available = bytes;
                    case "MemFree" -> free = bytes;
                    case "Buffers" -> buffers = bytes;
                    case "Cached" -> cached = bytes;
                    case "SwapTotal" -> swapTotal = bytes;
                    case "SwapFree" -> swapFree = bytes;
                    default -> { }
                }
            }
            line = end + 1;
        }
        return total < 0 ? null : new HostCounters.Memory(total, available >= 0 ? available : free + buffers + cached,
                swapTotal, swapFree);
    }

    /** Cumulative bytes {read, written} per device name from {@code /proc/diskstats}. */
    static Map<String, long[]> parseDiskStats(String text) {
        Map<String, long[]> result = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = fields(line, 0, 10);
            if (f == null) {
                continue;
            }
            try {
                result.put(f[2], new long[] {Long.parseLong(f[5]) * SECTOR_BYTES, Long.parseLong(f[9]) * SECTOR_BYTES});
            } catch (NumberFormatException e) {
                // A line in a format we do not know: skip it rather than fail the tick.
            }
        }
        return result;
    }

    /** Cumulative bytes {received, sent} per interface from {@code /proc/net/dev}. */
    static Map<String, long[]> parseNetDev(String text) {
        Map<String, long[]> result = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            String[] f = colon < 0 ? null : fields(line, colon + 1, 9); // no colon: the two header lines
            if (f == null) {
                continue;
            }
            try {
                result.put(line.substring(0, colon).trim(), new long[] {Long.parseLong(f[0]), Long.parseLong(f[8])});
            } catch (NumberFormatException e) {
                // As above: an unknown format costs this interface, not the tick.
            }
        }
        return result;
    }

    /**
     * The first {@code count} fields of {@code line} from {@code from} on, separated by spaces or
     * tabs; null if it has fewer. A scan, not {@code split("\\s+")}: a regex per line was most of
     * the cost of reading the disk and network counters every tick.
     */
    private static String[] fields(String line, int from, int count) {
        String[] fields = new String[count];
        int i = from;
        for (int n = 0; n < count; n++) {
            while (i < line.length() && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !isBlank(line.charAt(i))) {
                i++;
            }
            if (start == i) {
                return null;
            }
            fields[n] = line.substring(start, i);
        }
        return fields;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The 1-, 5- and 15-minute load averages from {@code /proc/loadavg}; null if malformed. */
    static double[] parseLoadAverage(byte[] text, int length) {
        double[] load = new double[3];
        int i = 0;
        for (int n = 0; n < load.length; n++) {
            long whole = 0;
            long fraction = 0;
            long scale = 1;
            boolean digits = false;
            boolean point = false;
            for (; i < length && text[i] != ' ' && text[i] != '\n'; i++) {
                byte c = text[i];
                if (c == '.' && !point) {
                    point = true;
                } else if (c >= '0' && c <= '9' && scale < 1_000_000_000L) {
                    digits = true;
                    if (point) {
                        fraction = fraction * 10 + (c - '0');
                        scale *= 10;
                    } else {
                        whole = whole * 10 + (c - '0');
                    }
                } else {
                    return null;
                }
            }
            if (!digits) {
                return null;
            }
            load[n] = whole + (double) fraction / scale;
            i++; // the space
        }
        return load;
    }
}
