package io.warden.deploy;

import java.time.Duration;

/**
 * How deploy threads wait between health polls and watch rounds. Injected with the clock, so a
 * test moves a clock forward instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Real time. */
    Sleeper REAL = duration -> Thread.sleep(duration);

    /** Waits {@code duration}; an interrupt ends the deploy thread (the daemon is stopping). */
    void sleep(Duration duration) throws InterruptedException;
}
