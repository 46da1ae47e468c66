package io.warden.os;

import java.nio.charset.StandardCharsets;

/**
 * The fields of a Linux {@code /proc/PID/stat} line that Warden uses, and its parser: the one
 * reader of that file for the metrics sampler, the doctor and the supervisor's zombie check.
 * Times are in clock ticks ({@link #TICKS_PER_SECOND}), RSS in pages.
 *
 * @param pid         field 1
 * @param state       field 3, the state letter ({@code R}, {@code S}, {@code Z}...)
 * @param ppid        field 4, the parent's PID
 * @param userTicks   field 14, CPU time in user mode
 * @param systemTicks field 15, CPU time in kernel mode
 * @param threads     field 20
 * @param startTicks  field 22, the start time in ticks since boot
 * @param rssPages    field 24, resident pages
 */
public record ProcStat(long pid, char state, long ppid, long userTicks, long systemTicks, int threads,
        long startTicks, long rssPages) {

    /**
     * USER_HZ, the unit of the tick fields: fixed at 100 by the kernel's ABI on the architectures
     * Linux's userland uses, whatever the kernel's internal HZ. Callers that turn ticks into
     * instants compare one with the JDK's once, which catches a host where it is not.
     */
    public static final long TICKS_PER_SECOND = 100;

    /** Parses one {@code /proc/PID/stat} line; null if it is malformed (a process mid-exit). */
    public static ProcStat parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return parse(bytes, bytes.length);
    }

    /**
     * As {@link #parse(String)}, from the first {@code length} bytes of {@code text}, without
     * making strings: the sampler parses one stat file per process per second.
     */
    public static ProcStat parse(byte[] text, int length) {
        // The command name (field 2) is in parentheses and may hold spaces and ')': cut at the last ')'.
        int open = -1;
        for (int i = 0; i < length && open < 0; i++) {
            open = text[i] == '(' ? i : -1;
        }
        int close = -1;
        for (int i = length - 1; i > open && close < 0; i--) {
            close = text[i] == ')' ? i : -1;
        }
        if (open < 1 || close < open || close + 3 >= length || text[close + 3] != ' ') {
            return null; // no command, or a state that is not one letter
        }
        long pid = Procfs.parseLong(text, 0, open);
        // Offsets from field 3 (state): ppid 1, utime 11, stime 12, num_threads 17, starttime 19, rss 21.
        long[] fields = new long[22];
        int field = 0;
        int start = close + 2;
        for (int i = start; i <= length && field < fields.length; i++) {
            if (i == length || text[i] == ' ' || text[i] == '\n') {
                int index = field++;
                fields[index] = index == 0 ? 0 : Procfs.parseLong(text, start, i); // field 0 is the state letter
                start = i + 1;
            }
        }
        if (field < fields.length || pid < 0) {
            return null;
        }
        for (int f : new int[] {1, 11, 12, 17, 19, 21}) {
            if (fields[f] < 0) {
                return null;
            }
        }
        return new ProcStat(pid, (char) text[close + 2], fields[1], fields[11], fields[12], (int) fields[17],
                fields[19], fields[21]);
    }

    /**
     * The start instant in epoch milliseconds, computed exactly as the JDK computes
     * {@link ProcessHandle.Info#startInstant()} on Linux: boot time in milliseconds plus the start
     * ticks converted with integer division, so that the two compare equal.
     */
    static long startMillis(long bootSeconds, long startTicks, long ticksPerSecond) {
        return bootSeconds * 1000 + startTicks * 1000 / ticksPerSecond;
    }

    /** This process's start instant in epoch milliseconds, as {@link #startMillis(long, long, long)}. */
    public long startMillis(long bootSeconds) {
        return startMillis(bootSeconds, startTicks, TICKS_PER_SECOND);
    }

    /** Whether the process has exited and waits to be reaped ({@code Z}) or is being torn down ({@code X}). */
    public boolean isDead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
