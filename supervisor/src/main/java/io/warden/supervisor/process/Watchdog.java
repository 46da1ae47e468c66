package io.warden.supervisor.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What ties a cluster singleton's process tree to its agent's life and lease: a small program the
 * service runs under, which kills the service's tree when the daemon's end of its stdin pipe (the
 * {@link Tether}) closes (the daemon died, even by kill -9) or carries no beat for the given time
 * (a paused daemon, or one that could not renew its lease). An ordinary service outlives its
 * daemon by design (adoption); a singleton must be gone before another agent may start it.
 *
 * <p>{@link #platform()}: a POSIX shell script where {@code sh}, {@code setsid} and {@code timeout}
 * exist (Linux: util-linux and coreutils), else {@link #NONE}, where only the daemon's own lease
 * check stops the service (docs/cluster.md; a Windows Job Object with KILL_ON_JOB_CLOSE would be
 * the analogue there).
 */
public interface Watchdog {

    /** No watchdog: the command as it is, not tethered. */
    Watchdog NONE = new Watchdog() {
        @Override
        public List<String> wrap(List<String> command, Duration beatWithin) {
            return command;
        }

        @Override
        public boolean tethered() {
            return false;
        }
    };

    /** The command to spawn instead of {@code command}, its tree killed after {@code beatWithin} without a beat. */
    List<String> wrap(List<String> command, Duration beatWithin);

    /** Whether the wrapped command must be spawned with a tether on its stdin. */
    boolean tethered();

    /** The shell watchdog where its programs are found on the PATH, else {@link #NONE}. */
    static Watchdog platform() {
        return ShellWatchdog.find(System.getenv().getOrDefault("PATH", "")).map(Watchdog.class::cast)
                .orElse(NONE);
    }

    /**
     * The shell script: the service in a session (and process group) of its own, so one kill
     * reaches its workers; a loop that waits at most {@code $1} seconds for each beat and kills the
     * group when one is late or the pipe closes; the service's exit code passed on.
     */
    record ShellWatchdog(String shell) implements Watchdog {

        static final String SCRIPT = """
                t=$1; shift
                exec 3<&0 </dev/null
                setsid "$@" & svc=$!
                ( while b=$(timeout "$t" head -c 1 <&3) && [ -n "$b" ]; do :; done
                  kill -KILL -"$svc" ) 2>/dev/null &
                tie=$!
                exec 3<&-
                wait "$svc"; code=$?
                kill -KILL "$tie" 2>/dev/null
                exit "$code"
                """;

        static Optional<ShellWatchdog> find(String path) {
            Optional<Path> shell = onPath(path, "sh");
            if (shell.isEmpty() || onPath(path, "setsid").isEmpty() || onPath(path, "timeout").isEmpty()
                    || onPath(path, "head").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ShellWatchdog(shell.get().toString()));
        }

        @Override
        public List<String> wrap(List<String> command, Duration beatWithin) {
            List<String> wrapped = new ArrayList<>(List.of(shell, "-c", SCRIPT, "warden-watchdog",
                    String.format(Locale.ROOT, "%.3f", beatWithin.toMillis() / 1000.0)));
            wrapped.addAll(command);
            return wrapped;
        }

        @Override
        public boolean tethered() {
            return true;
        }

        private static Optional<Path> onPath(String path, String program) {
            for (String dir : path.split(java.io.File.pathSeparator, -1)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }
    }
}
