package io.warden.os;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The host's two clocks in one object, created once by the composition root and handed down to
 * every part that decides by time: wall-clock instants (what samples and records are stamped
 * with) and a monotonic nanosecond counter (intervals, rates, timeouts; it never jumps when NTP
 * steps the wall clock). Tests pass a hand-advanced one instead of sleeping.
 *
 * <p>Implementations are thread safe.
 */
public interface HostClock extends InstantSource {

    /** Nanoseconds from an arbitrary origin, monotonic: only differences mean something. */
    long nanoTime();

    /** The system's clocks: {@link Instant#now()} and {@link System#nanoTime()}. */
    static HostClock system() {
        return SystemHostClock.INSTANCE;
    }
}
