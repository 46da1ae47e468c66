package io.warden.metrics.history;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * One metric series of a {@link History}: a {@code float} value for each tick of the history's
 * shared {@link Timeline}, NaN for a tick at which the series got no value (it did not exist
 * yet, or nothing was appended to it then). Reads return only the ticks that have a value, so a
 * series that skipped ticks has no points there.
 *
 * <p>4 bytes a point: the timestamps are the timeline's, kept once for all series. A value is a
 * {@code float} (7 significant digits, plenty for a chart); a NaN value is not a point.
 *
 * <p>Thread safety: safe for concurrent appends and reads. Appends take the history's write lock
 * for a few nanoseconds; reads first copy optimistically without locking and retry under the
 * read lock only if an append overlapped, so a reader never sees a torn or out-of-order point
 * and a writer never waits for more than one reader's copy.
 */
public final class Series {

    /** The values array's header, this object and its entry in the history's map (its name not counted). */
    private static final long OVERHEAD_BYTES = 80;

    private final Timeline timeline;
    private final StampedLock lock;
    private final float[] values;
    // Guarded by lock. The ticks before filledTo hold this series' value or NaN in their slot; the
    // slots of later ticks are stale (left from a tick one ring earlier) until an append fills them.
    private long filledTo;

    /** Made by {@link History#series}, under its lock: every tick held so far is a tick without a value. */
    Series(Timeline timeline, StampedLock lock) {
        this.timeline = timeline;
        this.lock = lock;
        this.values = new float[timeline.capacity()];
        Arrays.fill(values, Float.NaN);
        this.filledTo = timeline.ticks();
    }

    /** The bytes a series of this capacity keeps for its lifetime: 4 per point plus 80. */
    static long bytesFor(int capacity) {
        return 4L * capacity + OVERHEAD_BYTES;
    }

    /** The number of points held now. */
    public int size() {
        return read(Long.MIN_VALUE).size();
    }

    /** The newest point's timestamp in epoch milliseconds, {@link Long#MIN_VALUE} when empty. */
    public long newestEpochMillis() {
        SeriesPoints points = read(Long.MIN_VALUE);
        return points.isEmpty() ? Long.MIN_VALUE : points.epochMillis(points.size() - 1);
    }

    /**
     * Appends a point. An append at the newest tick's timestamp joins that tick unless this series
     * already has a value there; any other starts the history's next tick. Timestamps must not
     * decrease, so that readers can binary-search and charts never go back in time.
     *
     * @throws IllegalArgumentException if {@code epochMillis} is before the history's newest point
     */
    public void append(long epochMillis, double value) {
        long stamp = lock.writeLock();
        try {
            if (timeline.isEmpty() || epochMillis != timeline.newestEpochMillis() || hasNewestTick()) {
                timeline.advance(epochMillis);
            }
            long tick = timeline.ticks() - 1;
            // The ticks this series skipped, at most one ring of them: their slots still hold values of older ticks.
            for (long skipped = Math.max(filledTo, tick - values.length + 1); skipped < tick; skipped++) {
                values[timeline.slotOf(skipped)] = Float.NaN;
            }
            values[timeline.slotOf(tick)] = (float) value;
            filledTo = tick + 1;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private boolean hasNewestTick() {
        long newest = timeline.ticks() - 1;
        return filledTo > newest && !Float.isNaN(values[timeline.slotOf(newest)]);
    }

    /** All points held, oldest first. */
    public SeriesPoints all() {
        return since(Long.MIN_VALUE);
    }

    /** The points at or after {@code from}, oldest first; empty if there are none. */
    public SeriesPoints since(Instant from) {
        return since(from.toEpochMilli());
    }

    /** The points whose timestamp is at or after {@code fromEpochMillis}, oldest first. */
    public SeriesPoints since(long fromEpochMillis) {
        return read(fromEpochMillis);
    }

    private SeriesPoints read(long fromEpochMillis) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            SeriesPoints copy = copySince(fromEpochMillis);
            if (copy != null && lock.validate(stamp)) {
                return copy;
            }
        }
        stamp = lock.readLock();
        try {
            return copySince(fromEpochMillis);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Copies the points of the ticks held that this series has filled. Under an optimistic read
     * the fields may change while we read them; every bound is checked so that a racing append
     * yields garbage (discarded by validate) rather than an exception. Returns null when the racing
     * state is unusable.
     */
    private SeriesPoints copySince(long fromEpochMillis) {
        long ticks = timeline.ticks();
        long oldest = timeline.oldestTick();
        long end = Math.min(ticks, filledTo);
        if (oldest < 0 || oldest > ticks || ticks - oldest > values.length) {
            return null;
        }
        long start = timeline.firstAtOrAfter(fromEpochMillis, oldest, end);
        if (start >= end) {
            return SeriesPoints.empty();
        }
        int most = (int) (end - start);
        long[] times = new long[most];
        double[] copied = new double[most];
        int count = 0;
        for (long tick = start; tick < end; tick++) {
            float value = values[timeline.slotOf(tick)];
            if (!Float.isNaN(value)) {
                times[count] = timeline.epochMillisOf(tick);
                copied[count] = value;
                count++;
            }
        }
        if (count == 0) {
            return SeriesPoints.empty();
        }
        return count == most ? new SeriesPoints(times, copied)
                : new SeriesPoints(Arrays.copyOf(times, count), Arrays.copyOf(copied, count));
    }
}
