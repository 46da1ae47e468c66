package io.warden.supervisor.doctor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The process list and the listening sockets of the host, taken once per doctor run.
 *
 * @param takenAt   when the scan ended
 * @param processes every process the OS listed (zombies left out)
 * @param listeners every listening TCP socket
 */
public record HostSnapshot(Instant takenAt, List<ProcessRow> processes, List<Listener> listeners) {

    public HostSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        processes = List.copyOf(processes);
        listeners = List.copyOf(listeners);
    }
}
