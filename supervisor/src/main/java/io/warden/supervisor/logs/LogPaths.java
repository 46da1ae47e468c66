package io.warden.supervisor.logs;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where one service's log, rotated files, spool files and capture state live in the state
 * directory. Immutable.
 *
 * <pre>
 * logs/NAME.log, logs/NAME.log.1 .. NAME.log.N   the log, newest first
 * logs/.spool/NAME.GEN.out, NAME.GEN.err          what the child of generation GEN writes
 * logs/.state/NAME.state                           how far the spools are copied (see Journal)
 * </pre>
 *
 * <p>The state files sit outside the spool directory so that writing them does not wake the
 * spool watcher.
 */
final class LogPaths {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Path logs;
    private final String service;
    private final Pattern spoolName;

    LogPaths(Path stateDir, String service) {
        if (service == null || !NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("'" + service + "' cannot name a log file: use letters, digits, "
                    + "'_', '-' and '.', starting with a letter or digit (at most 128 characters)");
        }
        this.logs = stateDir.resolve("logs");
        this.service = service;
        this.spoolName = Pattern.compile(Pattern.quote(service) + "\\.\\d+\\.(out|err)");
    }

    String service() {
        return service;
    }

    Path log() {
        return logs.resolve(service + ".log");
    }

    /** {@code NAME.log.i}, i from 1. */
    Path rotated(int i) {
        return logs.resolve(service + ".log." + i);
    }

    Path spoolDir() {
        return logs.resolve(".spool");
    }

    Path spool(long generation, StdStream stream) {
        return spoolDir().resolve(service + "." + generation + "." + stream.tag);
    }

    /** Whether a file name in the spool directory is one of this service's spools (any generation). */
    boolean isSpool(String fileName) {
        return spoolName.matcher(fileName).matches();
    }

    Path state() {
        return logs.resolve(".state").resolve(service + ".state");
    }
}
