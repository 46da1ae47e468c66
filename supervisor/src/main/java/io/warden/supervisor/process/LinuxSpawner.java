package io.warden.supervisor.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.warden.os.OsFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Spawns with glibc's {@code posix_spawnp} (one {@code clone(CLONE_VFORK)} and one exec, where the
 * JDK execs its {@code jspawnhelper} first) and hands the child to the JVM's {@link PidfdReaper}
 * (one thread for every child, where the JDK keeps a thread per child).
 *
 * <p>In the child, before the exec: stdin {@code /dev/null} (or, tethered, the read end of a pipe
 * whose write end the daemon keeps, close-on-exec, as the child's {@link Tether}), stdout and stderr opened in append mode
 * on the request's files (created if missing, as {@link ProcessBuilder.Redirect#appendTo}), the
 * working directory, every other descriptor closed ({@code closefrom(3)}: the daemon's listening
 * socket, lock and database files are not the service's; the JDK's helper closes them too), an
 * empty signal mask and every signal's disposition at its default (the JVM's handlers, and signals
 * the daemon ignores or blocks, are not the service's).
 */
final class LinuxSpawner implements Spawner {

    /** The functions beyond POSIX that the spawn needs, with the glibc versions that added them. */
    private static final List<String> NEEDED = List.of("posix_spawn_file_actions_addchdir_np", // 2.29
            "posix_spawn_file_actions_addclosefrom_np"); // 2.34
    /** Above glibc's sizeof(posix_spawn_file_actions_t) (80) and sizeof(posix_spawnattr_t) (336). */
    private static final int FILE_ACTIONS_SIZE = 256;
    private static final int ATTRIBUTES_SIZE = 1024;
    /** sizeof(sigset_t) in glibc: 1024 bits. */
    private static final int SIGSET_SIZE = 128;
    private static final int CREATE_MODE = 0600;
    /** The shell execvp runs a program with that the kernel cannot exec (a script without {@code #!}). */
    private static final String SHELL = "/bin/sh";

    private final LibC libc;
    private final PidfdReaper reaper;
    /** The same for every spawn, and only read by posix_spawnp: built once. */
    private final Memory attributes;

    private LinuxSpawner(LibC libc, PidfdReaper reaper) {
        this.libc = libc;
        this.reaper = reaper;
        this.attributes = attributes(libc);
    }

    /** The spawner, where glibc has the functions it needs and the kernel has pidfds. */
    static Optional<Spawner> create() {
        if (!OsFamily.isLinux()) {
            return Optional.empty();
        }
        try {
            NativeLibrary c = NativeLibrary.getInstance("c");
            NEEDED.forEach(c::getFunction);
            return PidfdReaper.shared().map(reaper -> new LinuxSpawner(LibC.get(), reaper));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Child spawn(SpawnRequest request) throws IOException {
        String[] argv = request.command().toArray(String[]::new);
        String[] envp = environment(request.environment());
        int[] pid = new int[1];
        int[] pipe = request.tethered() ? tetherPipe(request) : null;
        Memory actions = new Memory(FILE_ACTIONS_SIZE);
        check(request, libc.posix_spawn_file_actions_init(actions));
        try {
            // Opened before the chdir, so relative spool paths mean what they mean to the daemon.
            check(request, pipe != null ? libc.posix_spawn_file_actions_adddup2(actions, pipe[0], 0)
                    : libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0));
            check(request, libc.posix_spawn_file_actions_addopen(actions, 1, request.stdout().toString(),
                    LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CREAT | LibC.O_NOFOLLOW, CREATE_MODE));
            check(request, libc.posix_spawn_file_actions_addopen(actions, 2, request.stderr().toString(),
                    LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CREAT | LibC.O_NOFOLLOW, CREATE_MODE));
            check(request, libc.posix_spawn_file_actions_addchdir_np(actions, request.workdir().toString()));
            check(request, libc.posix_spawn_file_actions_addclosefrom_np(actions, 3));
            int error = libc.posix_spawnp(pid, argv[0], actions, attributes, argv, envp);
            if (error == LibC.ENOEXEC) {
                // The JDK's helper execs with execvp, which runs such a program with /bin/sh; posix_spawnp does not.
                Optional<String> program = resolve(argv[0], request.workdir());
                if (program.isPresent()) {
                    error = libc.posix_spawnp(pid, SHELL, actions, attributes, shellArgv(program.get(), argv), envp);
                }
            }
            check(request, error);
        } catch (IOException | RuntimeException e) {
            if (pipe != null) {
                libc.close(pipe[1]);
            }
            throw e;
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
            if (pipe != null) {
                libc.close(pipe[0]); // the child's now
            }
        }
        return watch(request, pid[0], pipe == null ? Tether.NONE : new FdTether(libc, pipe[1]));
    }

    /**
     * A pipe, both ends close-on-exec (no other child inherits them; the child's stdin is a dup2'ed
     * copy), the write end non-blocking so that a beat never waits on a watchdog that stopped reading.
     */
    private int[] tetherPipe(SpawnRequest request) throws IOException {
        int[] fds = new int[2];
        if (libc.pipe2(fds, LibC.O_CLOEXEC) != 0 || libc.fcntl(fds[1], LibC.F_SETFL, LibC.O_NONBLOCK) != 0) {
            int errno = Native.getLastError();
            throw new IOException("cannot make the tether pipe for " + request.command() + ": error=" + errno + ", "
                    + libc.strerror(errno));
        }
        return fds;
    }

    private Child watch(SpawnRequest request, int pid, Tether tether) throws IOException {
        int pidfd = reaper.open(pid);
        if (pidfd < 0) {
            int errno = Native.getLastError();
            // Nobody else would reap it: end it now rather than leave a child whose exit is never seen.
            tether.close();
            libc.kill(pid, LibC.SIGKILL);
            libc.waitpid(pid, new int[1], 0);
            throw new IOException("cannot watch the child of " + request.command() + " (pidfd_open of PID " + pid
                    + "): error=" + errno + ", " + libc.strerror(errno));
        }
        // Before the reaper knows it: until then the child, even dead, keeps its PID and /proc entry.
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "PID " + pid + " vanished before it was reaped"));
        CompletableFuture<Integer> exit = reaper.watch(pid, pidfd);
        return new Child(handle, exit, tether);
    }

    /** Throws the error as ProcessBuilder words it ({@code Launcher}'s reasons quote it). */
    private void check(SpawnRequest request, int error) throws IOException {
        if (error != 0) {
            throw new IOException("Cannot run program \"" + request.command().getFirst() + "\" (in directory \""
                    + request.workdir() + "\"): Exec failed, error: " + error + " (" + libc.strerror(error) + ")");
        }
    }

    private static String[] environment(Map<String, String> added) {
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(added);
        List<String> entries = new ArrayList<>(all.size());
        all.forEach((name, value) -> entries.add(name + "=" + value));
        return entries.toArray(String[]::new);
    }

    /**
     * The file execvp would have run: a name with a slash as it is (the shell runs in the workdir,
     * as the exec would have), else the first executable file of that name on the daemon's PATH.
     */
    private static Optional<String> resolve(String program, Path workdir) {
        if (program.contains("/")) {
            return Optional.of(program);
        }
        String path = System.getenv().getOrDefault("PATH", "/bin:/usr/bin");
        for (String dir : path.split(":", -1)) {
            Path candidate = workdir.resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static String[] shellArgv(String program, String[] argv) {
        String[] shell = new String[argv.length + 1];
        shell[0] = SHELL;
        shell[1] = program;
        System.arraycopy(argv, 1, shell, 2, argv.length - 1);
        return shell;
    }

    private static Memory attributes(LibC libc) {
        Memory attributes = new Memory(ATTRIBUTES_SIZE);
        Memory none = new Memory(SIGSET_SIZE);
        // Every bit set, glibc's two internal signals (32, 33) included: sigfillset leaves them out,
        // and posix_spawn would then leave them ignored in the child, where a program without glibc
        // (Go, musl) keeps them ignored.
        Memory all = new Memory(SIGSET_SIZE);
        all.setMemory(0, SIGSET_SIZE, (byte) 0xff);
        int error = libc.posix_spawnattr_init(attributes);
        if (error == 0) {
            error = libc.sigemptyset(none);
        }
        if (error == 0) {
            error = libc.posix_spawnattr_setsigmask(attributes, none);
        }
        if (error == 0) {
            error = libc.posix_spawnattr_setsigdefault(attributes, all);
        }
        if (error == 0) {
            error = libc.posix_spawnattr_setflags(attributes,
                    (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF));
        }
        if (error != 0) {
            throw new IllegalStateException("cannot prepare the spawn attributes: error " + error);
        }
        return attributes;
    }
}
