package io.warden.supervisor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A service's state, as shown by {@code warden status} and in events. */
public enum ServiceState {
    /** Not running, by hand or never started. */
    STOPPED,
    /** Being started, or waiting for its dependencies. */
    STARTING,
    /** Its process runs; no health check, or none has answered yet. */
    RUNNING,
    /** Runs and passes its health check. */
    HEALTHY,
    /** Runs and fails its health check. */
    UNHEALTHY,
    /**
     * Exited, or stopped as unhealthy ({@code restartWhenUnhealthy}); waits for the backoff delay
     * before the restart.
     */
    BACKOFF,
    /** Being stopped. */
    STOPPING,
    /** Exited by itself and the restart policy does not restart it. */
    EXITED,
    /** Gave up: start limit reached, could not start, or held by a process outside this daemon. */
    FAILED,
    /**
     * A cluster singleton this agent does not run: another agent holds its lease (the reason names
     * it and the epoch), or none does yet and this agent waits for it.
     */
    STANDBY;

    /** Whether a process of the service runs in this state. */
    public boolean isUp() {
        return this == RUNNING || this == HEALTHY || this == UNHEALTHY || this == STOPPING;
    }

    /** The lower-case name, as on the wire. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
