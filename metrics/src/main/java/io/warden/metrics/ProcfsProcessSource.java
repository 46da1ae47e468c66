package io.warden.metrics;

import io.warden.os.ProcStat;
import io.warden.os.Procfs;
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
 * (about 180 us). Trees are found from the kernel's lists of each thread's children.
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

    private final long bootSeconds;
    private final long pageSize;
    private final byte[] buffer = new byte[4096];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(4096);
    private final Map<Long, OpenStat> open = new HashMap<>();
    private final boolean childrenFiles;
    private long tick;

    /** A process's stat file kept open, and the last tick it was read in. */
    private static final class OpenStat {
        final FileChannel channel;
        long lastTick;

        OpenStat(FileChannel channel) {
            this.channel = channel;
        }
    }

    private ProcfsProcessSource(long bootSeconds, long pageSize, boolean childrenFiles) {
        this.bootSeconds = bootSeconds;
        this.pageSize = pageSize;
        this.childrenFiles = childrenFiles;
    }

    /** A source for this host, or null if /proc is not a Linux procfs. */
    static ProcfsProcessSource open(long pageSize) {
        try {
            long boot = Procfs.parseBootTime(Files.readString(Path.of("/proc/stat")));
            long self = ProcessHandle.current().pid();
            return boot > 0 && new File("/proc/self/stat").canRead()
                    ? new ProcfsProcessSource(boot, pageSize,
                            new File("/proc/" + self + "/task/" + self + "/children").canRead())
                    : null;
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
        ProcStat stat = null;
        try {
            direct.clear();
            int n = file.channel.read(direct, 0);
            if (n > 0) {
                direct.flip().get(buffer, 0, n);
                stat = ProcStat.parse(buffer, n);
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

    /**
     * Each tracked root's descendants, found from the kernel's per-thread {@code children} lists
     * ({@code /proc/PID/task/TID/children}): a few reads per tracked process, where the full scan
     * reads the {@code stat} file of every process on the host (bench/HISTORY.md, issue 3).
     * A kernel without {@code CONFIG_PROC_CHILDREN} has no such files: then the full scan.
     */
    @Override
    public Map<Long, List<Reading>> descendants(Collection<Long> rootPids) {
        return childrenFiles ? fromChildrenFiles(rootPids) : fromFullScan(rootPids);
    }

    private Map<Long, List<Reading>> fromChildrenFiles(Collection<Long> rootPids) {
        Map<Long, List<Reading>> result = new HashMap<>();
        for (long root : rootPids) {
            List<Reading> found = new ArrayList<>();
            ArrayDeque<Long> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty() && found.size() < 100_000) { // bound: a cycle is impossible, but be safe
                long parent = queue.poll();
                for (long pid : children(parent)) {
                    int n = readOnce("/proc/" + pid + "/stat");
                    ProcStat stat = n <= 0 ? null : ProcStat.parse(buffer, n);
                    if (stat != null && stat.ppid() == parent) { // else exited or re-parented since listed
                        found.add(toReading(stat));
                        keepOpen(pid);
                        queue.add(pid);
                    }
                }
            }
            result.put(root, found);
        }
        return result;
    }

    /** The children of every thread of the process; none if it exited. */
    private List<Long> children(long pid) {
        String[] tasks = new File("/proc/" + pid + "/task").list();
        if (tasks == null) {
            return List.of();
        }
        List<Long> children = new ArrayList<>();
        for (String task : tasks) {
            readChildren("/proc/" + pid + "/task/" + task + "/children", children);
        }
        return children;
    }

    /**
     * Adds the PIDs of a {@code children} file ("123 456 "), read in as many {@code pread}s as it
     * takes (a thread with hundreds of children fills more than the buffer). A thread that ended
     * meanwhile has no file: its children moved to another thread, which the caller reads too.
     */
    private void readChildren(String path, List<Long> into) {
        try (FileChannel channel = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
            long value = -1;
            long position = 0;
            int n;
            while ((n = channel.read(direct.clear(), position)) > 0) {
                direct.flip().get(buffer, 0, n);
                position += n;
                for (int i = 0; i < n; i++) {
                    byte c = buffer[i];
                    if (c >= '0' && c <= '9') {
                        value = (value < 0 ? 0 : value * 10) + (c - '0');
                    } else if (value >= 0) {
                        into.add(value);
                        value = -1;
                    }
                }
            }
            if (value >= 0) {
                into.add(value);
            }
        } catch (IOException | RuntimeException e) {
            // the thread or the process ended meanwhile
        }
    }

    private Map<Long, List<Reading>> fromFullScan(Collection<Long> rootPids) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        String[] names = new File("/proc").list();
        for (String name : names == null ? new String[0] : names) {
            if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                continue;
            }
            int n = readOnce("/proc/" + name + "/stat");
            ProcStat stat = n <= 0 ? null : ProcStat.parse(buffer, n);
            if (stat != null) {
                children.computeIfAbsent(stat.ppid(), k -> new ArrayList<>()).add(stat);
            }
        }
        Map<Long, List<Reading>> result = new HashMap<>();
        for (long root : rootPids) {
            List<Reading> found = new ArrayList<>();
            ArrayDeque<Long> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty() && found.size() < 100_000) { // bound: a cycle is impossible, but be safe
                for (ProcStat child : children.getOrDefault(queue.poll(), List.of())) {
                    found.add(toReading(child));
                    keepOpen(child.pid());
                    queue.add(child.pid());
                }
            }
            result.put(root, found);
        }
        return result;
    }

    /** A stat file already open, read by a rescan: keep it open for the next ticks. */
    private void keepOpen(long pid) {
        OpenStat file = open.get(pid);
        if (file != null) {
            file.lastTick = tick;
        }
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

    private Reading toReading(ProcStat stat) {
        long cpuTicks = stat.userTicks() + stat.systemTicks();
        return new Reading(stat.pid(), stat.startMillis(bootSeconds),
                cpuTicks * (1_000_000_000 / ProcStat.TICKS_PER_SECOND), stat.rssPages() * pageSize, stat.threads(),
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
