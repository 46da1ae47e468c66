package io.warden.supervisor.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a child is started with. Its stdin is the null device (a service reads no terminal, as under
 * systemd and supervisord), or, tethered, a pipe whose other end only the daemon holds.
 *
 * @param command     the program (resolved on the daemon's PATH when it has no slash) and its arguments
 * @param workdir     the child's working directory
 * @param environment added to (or replacing entries of) the daemon's own environment
 * @param stdout      the file the child's stdout is appended to, created if missing
 * @param stderr      the file the child's stderr is appended to, created if missing
 * @param tethered    stdin is a pipe whose write end is the child's {@link Child#tether()}: a
 *                    {@link Watchdog} reads it
 */
public record SpawnRequest(List<String> command, Path workdir, Map<String, String> environment, Path stdout,
                           Path stderr, boolean tethered) {

    /** A request with stdin on the null device. */
    public SpawnRequest(List<String> command, Path workdir, Map<String, String> environment, Path stdout,
                        Path stderr) {
        this(command, workdir, environment, stdout, stderr, false);
    }

    public SpawnRequest {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        Objects.requireNonNull(workdir, "workdir");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
