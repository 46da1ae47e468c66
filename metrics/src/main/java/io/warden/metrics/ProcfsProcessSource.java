package io.warden.metrics;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads processes from Linux {@code /proc}: one {@code stat} file (CPU, RSS, threads, parent,
 * start) and one {@code fd} directory listing per process, about 20 us together, where OSHI
 * reads five files (about 180 us). Trees are found with one pass over all {@code stat} files.
 * Thread safety: confined to the sampler thread (it reuses one buffer).
 */
final class ProcfsProcessSource implements ProcessSource {

    /**
     * USER_HZ, the unit of the tick fields in /proc/PID/stat: fixed at 100 by the kernel's ABI
     * on every architecture Linux's userland uses, whatever the kernel's internal HZ.
     */
    static final long TICKS_PER_SECOND = 100;

    private final long bootMillis;
    private final long pageSize;
    private final byte[] buffer = new byte[4096];

    private ProcfsProcessSource(long bootMillis, long pageSize) {
        this.bootMillis = bootMillis;
        this.pageSize = pageSize;
    }

    /** A source for this host, or null if /proc is not a Linux procfs. */
    static ProcfsProcessSource open(long pageSize) {
        try {
            long boot = Procfs.parseBootTime(Files.readString(Path.of("/proc/stat")));
            return boot > 0 && new File("/proc/self/stat").canRead()
                    ? new ProcfsProcessSource(boot * 1000, pageSize) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Reading read(long pid) {
        String text = Procfs.read("/proc/" + pid + "/stat", buffer);
        Procfs.Stat stat = text == null ? null : Procfs.parseStat(text);
        return stat == null ? null : toReading(stat);
    }

    @Override
    public Map<Long, List<Reading>> descendants(Collection<Long> rootPids) {
        Map<Long, List<Procfs.Stat>> children = new HashMap<>();
        String[] names = new File("/proc").list();
        for (String name : names == null ? new String[0] : names) {
            if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                continue;
            }
            String text = Procfs.read("/proc/" + name + "/stat", buffer);
            Procfs.Stat stat = text == null ? null : Procfs.parseStat(text);
            if (stat != null) {
                children.computeIfAbsent(stat.ppid(), k -> new ArrayList<>()).add(stat);
            }
        }
        Map<Long, List<Reading>> result = new HashMap<>();
        for (long root : rootPids) {
            List<Reading> found = new ArrayList<>();
            ArrayDeque<Long> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty() && found.size() < 100_000) { // bound: a cycle is impossible, but be safe
                for (Procfs.Stat child : children.getOrDefault(queue.poll(), List.of())) {
                    found.add(toReading(child));
                    queue.add(child.pid());
                }
            }
            result.put(root, found);
        }
        return result;
    }

    private Reading toReading(Procfs.Stat stat) {
        long cpuTicks = stat.userTicks() + stat.systemTicks();
        return new Reading(stat.pid(), bootMillis + stat.startTicks() * 1000 / TICKS_PER_SECOND,
                cpuTicks * (1_000_000_000 / TICKS_PER_SECOND), stat.rssPages() * pageSize, stat.threads(),
                openFiles(stat.pid()));
    }

    private static long openFiles(long pid) {
        // File.list: 8 us against 19 us for Files.newDirectoryStream on the same directory.
        String[] fds = new File("/proc/" + pid + "/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
