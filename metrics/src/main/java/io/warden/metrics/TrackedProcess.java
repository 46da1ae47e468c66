package io.warden.metrics;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A supervised process to sample with its descendants, named by its service. The start instant
 * identifies it: a PID alone may have been recycled by another process, which is never sampled.
 *
 * @param name     the service name; letters, digits, '_', '-' and '.', at most 64
 * @param pid      the root process's PID
 * @param started  the root's start instant as the OS reports it ({@code ProcessHandle.Info.startInstant()})
 */
public record TrackedProcess(String name, long pid, Instant started) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public TrackedProcess {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid service name '" + name
                    + "': use 1-64 letters, digits, '_', '.' or '-'");
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("pid of service " + name + " must be positive, was " + pid);
        }
        Objects.requireNonNull(started, "started");
    }

    /** The given live process, identified by its PID and start instant. */
    static TrackedProcess of(String name, ProcessHandle process) {
        Instant started = process.info().startInstant().orElseThrow(() -> new MetricsException(
                "the OS does not report the start instant of PID " + process.pid() + " for service " + name
                        + "; without it a recycled PID could be sampled"));
        return new TrackedProcess(name, process.pid(), started);
    }
}
