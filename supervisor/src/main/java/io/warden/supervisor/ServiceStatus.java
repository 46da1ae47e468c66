package io.warden.supervisor;

import io.warden.supervisor.process.ProcessId;
import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one service, for {@code warden status} and the API.
 *
 * @param name         the service name
 * @param state        its state
 * @param pid          the PID of its root process, null when none runs
 * @param started      when the root process started, null when none runs
 * @param uptime       how long it runs, zero when it does not
 * @param restarts     automatic restarts since it was last started by hand
 * @param health       {@code none}, {@code starting}, {@code healthy} or {@code unhealthy}
 * @param port         the declared port, 0 when none
 * @param lastExitCode the exit code of the last run, null when none or unknown
 * @param lastExitAt   when the last run ended, null when none
 * @param reason       the reason of the latest state change
 * @param adopted      whether the process was adopted from a previous daemon
 */
public record ServiceStatus(String name, ServiceState state, Long pid, Instant started, Duration uptime,
                            int restarts, String health, int port, Integer lastExitCode, Instant lastExitAt,
                            String reason, boolean adopted) {

    /** The root process as PID + start instant, for sampling its tree; null when none runs. */
    public ProcessId process() {
        return pid == null || started == null ? null : new ProcessId(pid, started);
    }
}
