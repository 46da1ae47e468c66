package io.warden.supervisor.spec;

import io.warden.supervisor.process.Signal;
import java.time.Duration;

/**
 * How a service is stopped: {@code signal} to the whole process tree, KILL after {@code timeout}.
 *
 * @param signal  default TERM; one of TERM, INT, HUP, QUIT, KILL
 * @param timeout how long to wait before KILL; default 10s
 */
public record StopSpec(Signal signal, Duration timeout) {

    public static final StopSpec DEFAULT = new StopSpec(null, null);

    public StopSpec {
        signal = signal == null ? Signal.TERM : signal;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout cannot be negative, was " + timeout);
        }
    }
}
