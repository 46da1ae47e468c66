package io.warden.supervisor.doctor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code warden doctor --fix} (and {@code POST /api/v1/doctor/fix}) did: the diagnosis acted
 * on, one action per listed process and file, and the diagnosis taken afterwards. Its JSON form is
 * documented in docs/doctor.md.
 *
 * @param schema  {@code warden.doctor.fix/1}
 * @param before  the diagnosis whose listed processes and files were acted on
 * @param actions one per listed process and per stale or corrupt PID file, in the order listed
 * @param after   a fresh diagnosis: {@code after.clean()} says whether problems remain
 */
public record FixReport(String schema, Diagnosis before, List<Action> actions, Diagnosis after) {

    public static final String SCHEMA = "warden.doctor.fix/1";

    public FixReport {
        Objects.requireNonNull(before, "before");
        actions = List.copyOf(actions);
        Objects.requireNonNull(after, "after");
    }

    /**
     * One thing done, or deliberately not done.
     *
     * @param target  the service name (for processes) or the PID file (for files)
     * @param kind    {@code duplicate}, {@code previous-run}, {@code reparented} or {@code pid-file}
     * @param pid     the process acted on, null for files
     * @param started its start instant as listed, null for files
     * @param outcome {@code stopped} (its tree exited after the stop signal), {@code killed} (some
     *                needed KILL), {@code gone} (exited meanwhile), {@code changed} (the PID now
     *                belongs to another process: left alone), {@code refused} (a supervised process
     *                is in its tree), {@code failed} (members could not be stopped), {@code cleared}
     *                (file), {@code kept} (file still names a running child), {@code skipped} (file
     *                held by a holder now)
     * @param detail  what happened, in words
     */
    public record Action(String target, String kind, Long pid, Instant started, String outcome, String detail) {
    }

    /** Whether every action reached its goal (nothing failed or was refused). */
    public boolean complete() {
        return actions.stream().noneMatch(a -> a.outcome().equals("failed") || a.outcome().equals("refused"));
    }
}
