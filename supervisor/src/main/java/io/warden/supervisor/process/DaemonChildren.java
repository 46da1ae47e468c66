package io.warden.supervisor.process;

import io.warden.os.OsFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This JVM's direct child processes (re-parented orphans included, as the daemon is a
 * subreaper), zombies included.
 *
 * <p>Why not {@link ProcessHandle#children()}: on Linux it reads the {@code stat} file of every
 * process on the host to find those whose parent is this JVM, about 2 ms of CPU with 180
 * processes, and the supervisor asks after every restart.
 * The kernel also lists each thread's children in {@code /proc/self/task/TID/children}: one
 * small read per JVM thread, 0.5 ms for 60 threads. Where that file does not exist (a kernel
 * without {@code CONFIG_PROC_CHILDREN}, other OSes) the JDK's way is used.
 */
public final class DaemonChildren {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static volatile boolean procChildren = OsFamily.isLinux();

    private DaemonChildren() {
    }

    /** The live handles of this JVM's children now. */
    public static Stream<ProcessHandle> list() {
        return listExcept(Set.of());
    }

    /**
     * The live handles of this JVM's children now but those whose PID is in {@code except}, left
     * out before a handle is made for them (each handle reads the process's {@code stat} file).
     */
    public static Stream<ProcessHandle> listExcept(Set<Long> except) {
        if (procChildren) {
            Optional<List<Long>> pids = fromProc();
            if (pids.isPresent()) {
                return pids.get().stream().filter(pid -> !except.contains(pid)).map(ProcessHandle::of)
                        .flatMap(Optional::stream);
            }
            procChildren = false;
        }
        return ProcessHandle.current().children().filter(process -> !except.contains(process.pid()));
    }

    private static Optional<List<Long>> fromProc() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String text;
                try {
                    text = new String(Files.readAllBytes(task.resolve("children")), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException e) {
                    if (Files.exists(task)) {
                        return Optional.empty(); // the kernel has no children files
                    }
                    continue; // the thread ended meanwhile; its children moved to another thread
                }
                for (String pid : text.trim().split(" ")) {
                    if (!pid.isEmpty()) {
                        pids.add(Long.parseLong(pid));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(pids);
    }
}
