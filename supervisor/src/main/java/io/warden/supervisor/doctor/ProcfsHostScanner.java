package io.warden.supervisor.doctor;

import io.warden.os.ProcStat;
import io.warden.os.Procfs;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host through Linux {@code /proc}, read with plain JDK file reads: OSHI's start-up alone
 * costs a short command more than this whole scan (per process: {@code stat}, {@code cmdline},
 * {@code environ}, the {@code exe} and {@code cwd} links; the listening sockets of
 * {@code /proc/net/tcp} and {@code tcp6} mapped to processes through the socket inodes of their
 * {@code fd} links). Gives the same rows as {@link OshiHostScanner}; start instants equal
 * {@link ProcessHandle.Info#startInstant()} (checked against this process when opened; when
 * they would not be equal, every start instant is taken from {@link ProcessHandle} instead).
 * Thread safety: immutable; every call uses its own buffer.
 */
final class ProcfsHostScanner implements HostScanner {

    private static final long DEFAULT_PAGE_SIZE = 4096;

    private final String proc;
    private final long bootSeconds;
    private final long pageSize;
    private final boolean startsFromJdk;

    ProcfsHostScanner(String proc, long bootSeconds, long pageSize, boolean startsFromJdk) {
        this.proc = proc;
        this.bootSeconds = bootSeconds;
        this.pageSize = pageSize;
        this.startsFromJdk = startsFromJdk;
    }

    /** A scanner of this host, or null when {@code /proc} is not a Linux procfs we can read. */
    static ProcfsHostScanner open() {
        try {
            long boot = Procfs.parseBootTime(Files.readString(Path.of("/proc/stat")));
            if (boot <= 0 || !new File("/proc/self/stat").canRead() || !new File("/proc/net/tcp").canRead()) {
                return null;
            }
            ProcfsHostScanner computed = new ProcfsHostScanner("/proc", boot, pageSize(), false);
            // The identity of a process is (PID, start instant) with the JDK's instant: check that
            // the computed one is the same for this process; else ask the JDK for every process.
            long self = ProcessHandle.current().pid();
            Optional<Instant> jdk = ProcessHandle.current().info().startInstant();
            Optional<Instant> ours = computed.start(self, computed.stat(self, new Buffer()));
            return jdk.isPresent() && jdk.equals(ours) ? computed : new ProcfsHostScanner("/proc", boot, pageSize(), true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long pageSize() {
        Buffer buffer = new Buffer();
        int length = buffer.read("/proc/self/auxv");
        int word = "32".equals(System.getProperty("sun.arch.data.model")) ? 4 : 8;
        long size = length <= 0 ? -1 : ProcfsText.parsePageSize(buffer.bytes, length, ByteOrder.nativeOrder(), word);
        return size > 0 ? size : DEFAULT_PAGE_SIZE;
    }

    /** Whether start instants are computed from /proc (else each is asked of {@link ProcessHandle}). */
    boolean computesStarts() {
        return !startsFromJdk;
    }

    @Override
    public HostSnapshot scan() {
        Buffer buffer = new Buffer();
        List<Opened> sockets = listening(buffer);
        Set<Long> inodes = inodes(sockets);
        Map<Long, Set<Long>> holders = new HashMap<>();
        List<ProcessRow> rows = new ArrayList<>();
        for (long pid : pids()) {
            ProcessRow row = row(pid, buffer);
            if (row != null) {
                rows.add(row);
                if (!inodes.isEmpty()) {
                    collectHolders(pid, inodes, holders);
                }
            }
        }
        return new HostSnapshot(Instant.now(), rows, listeners(sockets, holders));
    }

    @Override
    public List<Listener> listeners() {
        List<Opened> sockets = listening(new Buffer());
        Set<Long> inodes = inodes(sockets);
        Map<Long, Set<Long>> holders = new HashMap<>();
        if (!inodes.isEmpty()) {
            for (long pid : pids()) {
                collectHolders(pid, inodes, holders);
            }
        }
        return listeners(sockets, holders);
    }

    @Override
    public Optional<ProcessRow> process(long pid) {
        return pid <= 0 ? Optional.empty() : Optional.ofNullable(row(pid, new Buffer()));
    }

    /** A listening socket and its protocol. */
    private record Opened(ProcfsText.Socket socket, String protocol) {
    }

    private List<Opened> listening(Buffer buffer) {
        List<Opened> sockets = new ArrayList<>();
        for (String protocol : new String[] {"tcp", "tcp6"}) {
            int length = buffer.read(proc + "/net/" + protocol);
            if (length > 0) {
                String text = new String(buffer.bytes, 0, length, StandardCharsets.US_ASCII);
                String type = protocol.equals("tcp") ? "tcp4" : "tcp6";
                ProcfsText.parseListening(text).forEach(socket -> sockets.add(new Opened(socket, type)));
            }
        }
        return sockets;
    }

    private static Set<Long> inodes(List<Opened> sockets) {
        Set<Long> inodes = new LinkedHashSet<>();
        // Inode 0: a socket being torn down, no process holds it.
        sockets.stream().map(o -> o.socket().inode()).filter(inode -> inode > 0).forEach(inodes::add);
        return inodes;
    }

    /** One listener per socket and holding process (a forked worker shares its parent's socket); PID 0 when none is readable. */
    private static List<Listener> listeners(List<Opened> sockets, Map<Long, Set<Long>> holders) {
        Set<Listener> listeners = new LinkedHashSet<>();
        for (Opened opened : sockets) {
            Set<Long> pids = holders.getOrDefault(opened.socket().inode(), Set.of());
            if (pids.isEmpty()) {
                listeners.add(new Listener(opened.socket().port(), 0, opened.protocol()));
            }
            pids.forEach(pid -> listeners.add(new Listener(opened.socket().port(), pid, opened.protocol())));
        }
        return List.copyOf(listeners);
    }

    /** Adds {@code pid} as a holder of every listening inode among its file descriptors (another user's: unreadable, none). */
    private void collectHolders(long pid, Set<Long> inodes, Map<Long, Set<Long>> holders) {
        String dir = proc + "/" + pid + "/fd";
        String[] fds = new File(dir).list();
        if (fds == null) {
            return;
        }
        for (String fd : fds) {
            long inode = ProcfsText.socketInode(link(dir + "/" + fd));
            if (inode > 0 && inodes.contains(inode)) {
                holders.computeIfAbsent(inode, k -> new LinkedHashSet<>()).add(pid);
            }
        }
    }

    private List<Long> pids() {
        String[] names = new File(proc).list();
        List<Long> pids = new ArrayList<>();
        for (String name : names == null ? new String[0] : names) {
            if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    pids.add(Long.parseLong(name));
                } catch (NumberFormatException e) {
                    // not a PID after all
                }
            }
        }
        return pids;
    }

    private ProcStat stat(long pid, Buffer buffer) {
        int length = buffer.read(proc + "/" + pid + "/stat");
        return length <= 0 ? null
                : ProcStat.parse(buffer.bytes, length);
    }

    private Optional<Instant> start(long pid, ProcStat stat) {
        if (stat == null) {
            return Optional.empty();
        }
        if (startsFromJdk) {
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
        }
        // USER_HZ assumed; the check in open() catches a host where it is not.
        return Optional.of(Instant.ofEpochMilli(stat.startMillis(bootSeconds)));
    }

    /** The row of a live process; null for zombies, vanished processes and those without a start time. */
    private ProcessRow row(long pid, Buffer buffer) {
        ProcStat stat = stat(pid, buffer);
        if (stat == null || stat.pid() != pid || stat.isDead()) {
            return null;
        }
        Optional<Instant> started = start(pid, stat);
        if (started.isEmpty()) {
            return null;
        }
        String base = proc + "/" + pid;
        int length = buffer.read(base + "/cmdline");
        List<String> arguments = length <= 0 ? List.of() : ProcfsText.parseCmdline(buffer.bytes, length);
        length = buffer.read(base + "/environ");
        ProcfsText.Marks marks = length <= 0 ? new ProcfsText.Marks("", "")
                : ProcfsText.parseMarks(buffer.bytes, length);
        return new ProcessRow(pid, Math.max(0, stat.ppid()), started.get(), link(base + "/exe"), arguments,
                link(base + "/cwd"), Math.max(0, stat.rssPages()) * pageSize, marks.service(), marks.stateDir());
    }

    /** The target of a /proc link; empty when unreadable (another user's process, a kernel thread, gone). */
    private static String link(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A growable read buffer, one per call (so the scanner stays thread safe). */
    private static final class Buffer {

        byte[] bytes = new byte[8192];

        /** Reads the whole file; its length, or -1 when it cannot be read (gone, another user's). */
        int read(String path) {
            try (FileInputStream in = new FileInputStream(path)) {
                int length = 0;
                int n;
                while ((n = in.read(bytes, length, bytes.length - length)) > 0) {
                    length += n;
                    if (length == bytes.length) {
                        bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
                    }
                }
                return length;
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
