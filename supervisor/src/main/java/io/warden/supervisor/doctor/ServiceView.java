package io.warden.supervisor.doctor;

import io.warden.supervisor.process.ProcessId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the supervisor says about one service: from the running daemon's status when the doctor
 * runs inside it, else from the last line of {@code events.log} for that service.
 *
 * @param name     the service name
 * @param state    the state's wire name ({@code running}, {@code failed}...), {@code unknown} when nothing says
 * @param root     the supervised root process, null when none runs or when it is not known here
 * @param reason   the reason of the latest state change, empty when unknown
 * @param exitCode the exit code of the last run, null when none or unknown
 * @param at       when the latest state change happened, null when unknown
 */
record ServiceView(String name, String state, ProcessId root, String reason, Integer exitCode, Instant at) {

    public ServiceView {
        Objects.requireNonNull(name, "name");
        state = state == null || state.isBlank() ? "unknown" : state;
        reason = Objects.requireNonNullElse(reason, "");
    }

    /** Whether the service gave up (start limit, could not start, lock held elsewhere). */
    public boolean failed() {
        return state.equals("failed");
    }
}
