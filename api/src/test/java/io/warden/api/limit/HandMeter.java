package io.warden.api.limit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** Wall-clock time that moves only when the test says so (starting at the real now, so TTLs stay sane). */
final class HandMeter implements TimeMeter {

    private volatile long nanos = System.currentTimeMillis() * 1_000_000L;

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
