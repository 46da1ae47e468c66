package io.warden.supervisor.process;

import io.warden.os.OsFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Marks every process of a service with two environment variables that its descendants inherit,
 * so members that left the tree (a double fork, workers of a reloader that crashed) are still
 * recognised: under the subreaper as the daemon's children, and after a daemon restart among all
 * processes. Reading another process's environment works on Linux ({@code /proc/PID/environ},
 * same user); elsewhere {@link #find} finds nothing and the tree walk is all there is.
 */
public final class ServiceMarks {

    /** The service name. */
    public static final String SERVICE = "WARDEN_SERVICE";
    /** The daemon's state directory, so that two daemons' services named alike are told apart. */
    public static final String STATE_DIR = "WARDEN_STATE_DIR";

    private ServiceMarks() {
    }

    /**
     * Which start of the service a process belongs to (the daemon's PID and a counter), so that
     * what an earlier start left behind is told apart from the current one without comparing
     * start instants (which the OS reports in 10 ms steps).
     */
    public static final String RUN = "WARDEN_RUN";

    /** The variables to add to the environment of one start ({@code run}) of a service. */
    public static Map<String, String> env(Path stateDir, String service, String run) {
        return Map.of(SERVICE, service, STATE_DIR, stateDir.toAbsolutePath().normalize().toString(), RUN, run);
    }

    /**
     * The running candidates that carry the marks of {@code service} in {@code stateDir} and whose
     * {@link #RUN} value (null when they have none) passes {@code run}.
     */
    public static List<ProcessHandle> findRuns(Stream<ProcessHandle> candidates, Path stateDir, String service,
                                               java.util.function.Predicate<String> run) {
        String prefix = RUN + "=";
        return find(candidates, stateDir, service, env -> run.test(env.stream()
                .filter(variable -> variable.startsWith(prefix)).findFirst()
                .map(variable -> variable.substring(prefix.length())).orElse(null)));
    }

    /** The running candidates that carry the marks of {@code service} in {@code stateDir}. */
    public static List<ProcessHandle> find(Stream<ProcessHandle> candidates, Path stateDir, String service) {
        return find(candidates, stateDir, service, env -> true);
    }

    private static List<ProcessHandle> find(Stream<ProcessHandle> candidates, Path stateDir, String service,
                                            java.util.function.Predicate<List<String>> more) {
        if (!OsFamily.isLinux()) {
            return List.of();
        }
        String serviceMark = SERVICE + "=" + service;
        String dirMark = STATE_DIR + "=" + stateDir.toAbsolutePath().normalize();
        return candidates
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> {
                    List<String> env = environment(process.pid());
                    return env.contains(serviceMark) && env.contains(dirMark) && more.test(env);
                })
                .filter(ProcessId::isRunning)
                .toList();
    }

    private static List<String> environment(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
