package io.warden.metrics;

import io.warden.os.HostClock;
import java.time.Duration;
import java.time.Instant;

/** A host clock that moves only when a test advances it: wall instant and monotonic counter together. */
final class ManualClock implements HostClock {

    private volatile Instant now;
    private volatile long nanos;

    ManualClock(Instant start) {
        this.now = start;
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
        nanos += duration.toNanos();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }
}
