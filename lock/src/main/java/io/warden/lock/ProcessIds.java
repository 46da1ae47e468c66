package io.warden.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The host's name, cheaply: the environment (Windows sets COMPUTERNAME), then {@code /etc/hostname}
     * where it exists, and only then a resolver lookup, which costs tens of milliseconds at start-up.
     */
    static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            String etc = Files.readString(Path.of("/etc/hostname")).strip();
            if (!etc.isEmpty()) {
                return etc;
            }
        } catch (IOException | RuntimeException e) {
            // not a Unix with /etc/hostname: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
