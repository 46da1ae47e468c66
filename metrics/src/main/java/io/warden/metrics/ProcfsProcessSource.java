package io.warden.metrics;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads processes from Linux {@code /proc}: one {@code stat} file (CPU, RSS, threads, parent,
 * start) and the size of the {@code fd} directory per process, where OSHI reads five files
 * (about 180 us). Trees are found with one pass over all {@code stat} files.
 *
 * <p>The sampler reads the same processes every second, so the {@code stat} file of a process
 * read by {@link #read} stays open and is read again at offset 0 (procfs renders it afresh): one
 * {@code pread} per process per tick instead of open, fstat, two reads and close. A descriptor
 * refers to its process, not to the PID: once the process is gone its reads fail, even if the PID
 * is reused. Files not read during a tick are closed at {@link #endTick()}.
 *
 * <p>Thread safety: confined to the sampler thread (it reuses its buffers).
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
    private final ByteBuffer direct = ByteBuffer.allocateDirect(4096);
    private final Map<Long, OpenStat> open = new HashMap<>();
    private long tick;

    /** A process's stat file kept open, and the last tick it was read in. */
    private static final class OpenStat {
        final FileChannel channel;
        long lastTick;

        OpenStat(FileChannel channel) {
            this.channel = channel;
        }
    }

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
        OpenStat file = open.get(pid);
        if (file == null) {
            try {
                file = new OpenStat(FileChannel.open(Path.of("/proc/" + pid + "/stat"), StandardOpenOption.READ));
            } catch (IOException | RuntimeException e) {
                return null; // no such process
            }
            open.put(pid, file);
        }
        file.lastTick = tick;
        Procfs.Stat stat = null;
        try {
            direct.clear();
            int n = file.channel.read(direct, 0);
            if (n > 0) {
                direct.flip().get(buffer, 0, n);
                stat = Procfs.parseStat(buffer, n);
            }
        } catch (IOException e) {
            // ESRCH: the process is gone
        }
        if (stat == null) {
            forget(pid);
            return null;
        }
        return toReading(stat);
    }

    @Override
    public void endTick() {
        open.entrySet().removeIf(entry -> {
            if (entry.getValue().lastTick == tick) {
                return false;
            }
            closeQuietly(entry.getValue().channel);
            return true;
        });
        tick++;
    }

    private void forget(long pid) {
        OpenStat file = open.remove(pid);
        if (file != null) {
            closeQuietly(file.channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // a read-only procfs file: nothing was buffered
        }
    }

    @Override
    public Map<Long, List<Reading>> descendants(Collection<Long> rootPids) {
        Map<Long, List<Procfs.Stat>> children = new HashMap<>();
        String[] names = new File("/proc").list();
        for (String name : names == null ? new String[0] : names) {
            if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                continue;
            }
            int n = readOnce("/proc/" + name + "/stat");
            Procfs.Stat stat = n <= 0 ? null : Procfs.parseStat(buffer, n);
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
                    OpenStat file = open.get(child.pid());
                    if (file != null) {
                        file.lastTick = tick; // read by the scan: keep it open for the next ticks
                    }
                    queue.add(child.pid());
                }
            }
            result.put(root, found);
        }
        return result;
    }

    /**
     * Reads a stat file whole into {@code buffer} with one {@code pread} (procfs renders it in one
     * go): open, pread and close, where a stream also calls fstat and reads once more for the end.
     */
    private int readOnce(String path) {
        try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            direct.clear();
            int n = channel.read(direct, 0);
            if (n > 0) {
                direct.flip().get(buffer, 0, n);
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return -1; // exited meanwhile
        }
    }

    private Reading toReading(Procfs.Stat stat) {
        long cpuTicks = stat.userTicks() + stat.systemTicks();
        return new Reading(stat.pid(), bootMillis + stat.startTicks() * 1000 / TICKS_PER_SECOND,
                cpuTicks * (1_000_000_000 / TICKS_PER_SECOND), stat.rssPages() * pageSize, stat.threads(),
                openFiles(stat.pid()));
    }

    private static long openFiles(long pid) {
        Path fd = Path.of("/proc/" + pid + "/fd");
        try {
            // Linux 6.2 and later give the number of open descriptors as the directory's size: one
            // stat instead of listing it. Earlier kernels say 0; then list it.
            long size = Files.readAttributes(fd, BasicFileAttributes.class).size();
            if (size > 0) {
                return size;
            }
        } catch (IOException e) {
            return -1; // gone, or not ours to look at
        }
        // File.list: 8 us against 19 us for Files.newDirectoryStream on the same directory.
        String[] fds = fd.toFile().list();
        return fds == null ? -1 : fds.length;
    }
}
