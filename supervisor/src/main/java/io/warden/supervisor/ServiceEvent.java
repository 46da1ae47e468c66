package io.warden.supervisor;

import java.time.Instant;
import java.util.Objects;

/**
 * A state change of a service.
 *
 * @param time     when
 * @param service  the service name
 * @param from     the state before
 * @param to       the state after
 * @param reason   why, in words (exit code, start limit, who asked)
 * @param pid      the process concerned, null when none
 * @param exitCode the exit code when the change is an exit, null otherwise or when unknown
 */
public record ServiceEvent(Instant time, String service, ServiceState from, ServiceState to, String reason,
                           Long pid, Integer exitCode) {

    public ServiceEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = Objects.requireNonNullElse(reason, "");
    }
}
