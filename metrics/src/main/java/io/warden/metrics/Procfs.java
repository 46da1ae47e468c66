package io.warden.metrics;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers of Linux {@code /proc} files, pure so that tests feed them text, and one small reader.
 * Only the fields the sampler needs are read. Thread safety: stateless.
 */
final class Procfs {

    /** Sectors in /proc/diskstats are 512 bytes whatever the device's sector size. */
    static final long SECTOR_BYTES = 512;

    private Procfs() {
    }

    /**
     * The fields of {@code /proc/PID/stat} the sampler uses. Times are in clock ticks, RSS in pages.
     */
    record Stat(long pid, long ppid, long startTicks, long userTicks, long systemTicks, int threads, long rssPages) {
    }

    /** Parses one {@code /proc/PID/stat} line; null if it is malformed (a process mid-exit). */
    static Stat parseStat(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return parseStat(bytes, bytes.length);
    }

    /**
     * As {@link #parseStat(String)}, from the first {@code length} bytes of {@code text}, without
     * making strings: the sampler parses one stat file per process per second.
     */
    static Stat parseStat(byte[] text, int length) {
        // The command name (field 2) is in parentheses and may hold spaces and ')': cut at the last ')'.
        int open = -1;
        for (int i = 0; i < length && open < 0; i++) {
            open = text[i] == '(' ? i : -1;
        }
        int close = -1;
        for (int i = length - 1; i > open && close < 0; i--) {
            close = text[i] == ')' ? i : -1;
        }
        if (open < 1 || close < open || close + 2 >= length) {
            return null;
        }
        long pid = parseLong(text, 0, open);
        // Offsets from field 3 (state): ppid 1, utime 11, stime 12, num_threads 17, starttime 19, rss 21.
        long[] fields = new long[22];
        int field = 0;
        int start = close + 2;
        for (int i = start; i <= length && field < fields.length; i++) {
            if (i == length || text[i] == ' ' || text[i] == '\n') {
                int index = field++;
                fields[index] = index == 0 ? 0 : parseLong(text, start, i); // field 0 is the state letter
                start = i + 1;
            }
        }
        if (field < fields.length || pid < 0 || fields[1] < 0) {
            return null;
        }
        for (int f : new int[] {11, 12, 17, 19, 21}) {
            if (fields[f] < 0) {
                return null;
            }
        }
        return new Stat(pid, fields[1], fields[19], fields[11], fields[12], (int) fields[17], fields[21]);
    }

    /** The decimal number in {@code text[from, to)}, spaces around it ignored; -1 if there is none. */
    private static long parseLong(byte[] text, int from, int to) {
        while (from < to && text[from] == ' ') {
            from++;
        }
        while (to > from && text[to - 1] == ' ') {
            to--;
        }
        if (from == to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
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

    /** The boot time in epoch seconds from {@code /proc/stat}'s {@code btime} line, or -1. */
    static long parseBootTime(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return -1;
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

    /**
     * Reads a /proc file whole into {@code buffer} (as much as fits); its length, or -1 if it
     * cannot be read.
     */
    static int readBytes(String path, byte[] buffer) {
        try (FileInputStream in = new FileInputStream(path)) {
            int length = 0;
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
            return length;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads a small /proc file whole into the caller's buffer; null if it does not exist (the
     * process exited). FileInputStream into a reused buffer: a quarter of the cost of
     * Files.readString here (measured 9 us against 35 us per /proc/PID/stat).
     */
    static String read(String path, byte[] buffer) {
        int length = readBytes(path, buffer);
        return length < 0 ? null : new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }
}
