package io.warden.os;

import java.time.Instant;

/** The system's clocks: {@link Instant#now()} and {@link System#nanoTime()}. */
final class SystemHostClock implements HostClock {

    static final SystemHostClock INSTANCE = new SystemHostClock();

    private SystemHostClock() {
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "HostClock.system()";
    }
}
