package io.warden.supervisor.doctor;

import io.warden.supervisor.process.ProcessId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One process of a {@link HostSnapshot}, as the OS told it at the time of the scan.
 *
 * @param pid          the process ID
 * @param parentPid    the parent's PID, 0 when unknown
 * @param started      the start instant the OS reports (the same clock as {@link ProcessHandle.Info})
 * @param executable   the real path of the executable image, empty when the OS does not tell
 *                     (another user's process)
 * @param arguments    the command line, program first; empty when unreadable
 * @param workdir      the current working directory, empty when the OS does not tell
 * @param rssBytes     resident memory in bytes, 0 when unknown
 * @param markService  the {@code WARDEN_SERVICE} variable of its environment, empty when none or unreadable
 * @param markStateDir the {@code WARDEN_STATE_DIR} variable of its environment, empty when none
 */
public record ProcessRow(long pid, long parentPid, Instant started, String executable, List<String> arguments,
                         String workdir, long rssBytes, String markService, String markStateDir) {

    public ProcessRow {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        Objects.requireNonNull(started, "started");
        executable = Objects.requireNonNullElse(executable, "");
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
        workdir = Objects.requireNonNullElse(workdir, "");
        markService = Objects.requireNonNullElse(markService, "");
        markStateDir = Objects.requireNonNullElse(markStateDir, "");
    }

    /** PID and start instant: what a later action re-checks. */
    public ProcessId id() {
        return new ProcessId(pid, started);
    }

    /** The command line as one string, for people; the executable when the arguments are unreadable. */
    public String commandLine() {
        return arguments.isEmpty() ? executable : String.join(" ", arguments);
    }
}
