package io.warden.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/** Identifies processes by PID and start instant, never by PID alone (PIDs are recycled). */
final class ProcessIds {

    private ProcessIds() {
    }

    static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant();
    }

    /** The live process with this PID, if its start instant is the recorded one. */
    static Optional<ProcessHandle> live(long pid, Instant started) {
        if (pid <= 0 || started == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> startOf(process).map(started::equals).orElse(false));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "");
        }
    }
}
