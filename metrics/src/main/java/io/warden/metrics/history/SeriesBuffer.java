package io.warden.metrics.history;

import java.time.Instant;
import java.util.concurrent.locks.StampedLock;

/**
 * A fixed-size ring buffer of one metric series: parallel primitive arrays of timestamps and
 * values. When full, each append overwrites the oldest point.
 *
 * <p>8 bytes a point: a timestamp is kept as milliseconds after a base (an {@code int}, 24.8 days
 * of range) and a value as a {@code float} (7 significant digits, plenty for a chart). An hour of
 * points for 50 services (150 series) is then 4.3 MB of heap instead of 8.6 MB. A point appended
 * more than 24.8 days after the oldest one held moves the base, and points older than 24.8 days
 * before it are dropped.
 *
 * <p>Thread safety: safe for concurrent appends and reads. Appends take a write lock for a few
 * nanoseconds; reads first copy optimistically without locking and retry under the read lock
 * only if an append overlapped, so a reader never sees a torn or out-of-order point and a
 * writer never waits for more than one reader's copy.
 *
 * <p>Memory: {@link #bytesFor(int)}, fixed at construction.
 */
public final class SeriesBuffer {

    /** Object headers, the two array headers, the lock and the fields, rounded up. */
    private static final long OVERHEAD_BYTES = 128;

    private final int[] offsets;
    private final float[] values;
    private final StampedLock lock = new StampedLock();
    // Guarded by lock. base: epoch ms that offsets count from; head: next slot to write; size:
    // points held (<= capacity).
    private long base;
    private int head;
    private int size;

    /** An empty buffer that keeps the latest {@code capacity} points. */
    public SeriesBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 point, was " + capacity);
        }
        this.offsets = new int[capacity];
        this.values = new float[capacity];
    }

    /** The bytes a buffer of this capacity keeps for its lifetime: 8 per point plus 128. */
    public static long bytesFor(int capacity) {
        return 8L * capacity + OVERHEAD_BYTES;
    }

    /** The number of points the buffer keeps before it overwrites the oldest. */
    public int capacity() {
        return values.length;
    }

    /** The number of points held now. */
    public int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The newest point's timestamp in epoch milliseconds, {@link Long#MIN_VALUE} when empty. */
    public long newestEpochMillis() {
        long stamp = lock.readLock();
        try {
            return size == 0 ? Long.MIN_VALUE : base + offsets[(head - 1 + capacity()) % capacity()];
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Appends a point. Timestamps must not decrease, so that readers can binary-search and
     * charts never go back in time.
     *
     * @throws IllegalArgumentException if {@code epochMillis} is before the newest point's
     */
    public void append(long epochMillis, double value) {
        long stamp = lock.writeLock();
        try {
            if (size > 0) {
                long newest = base + offsets[(head - 1 + capacity()) % capacity()];
                if (epochMillis < newest) {
                    throw new IllegalArgumentException("point at " + Instant.ofEpochMilli(epochMillis)
                            + " is before the newest point at " + Instant.ofEpochMilli(newest)
                            + "; append points in time order");
                }
                if (epochMillis - base > Integer.MAX_VALUE) {
                    rebase(epochMillis);
                }
            }
            if (size == 0) {
                base = epochMillis;
            }
            this.offsets[head] = (int) (epochMillis - base);
            this.values[head] = (float) value;
            head = (head + 1) % capacity();
            if (size < capacity()) {
                size++;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Drops the points too old to be offsets from {@code newest}, and counts from the oldest one left. */
    private void rebase(long newest) {
        int capacity = capacity();
        int oldest = (head - size + capacity) % capacity;
        while (size > 0 && base + offsets[oldest] < newest - Integer.MAX_VALUE) {
            oldest = (oldest + 1) % capacity;
            size--;
        }
        if (size == 0) {
            return; // append sets the base
        }
        int shift = offsets[oldest];
        for (int i = 0; i < size; i++) {
            offsets[(oldest + i) % capacity] -= shift;
        }
        base += shift;
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
     * Copies the tail of the series. Under an optimistic read the fields may change while we
     * read them; every index is bounded so that a racing append yields garbage (discarded by
     * validate) rather than an exception. Returns null when the racing state is unusable.
     */
    private SeriesPoints copySince(long fromEpochMillis) {
        int n = size;
        int h = head;
        int capacity = capacity();
        if (n < 0 || n > capacity || h < 0 || h >= capacity) {
            return null;
        }
        int oldest = (h - n + capacity) % capacity;
        int skip = firstAtOrAfter(fromEpochMillis, oldest, n);
        int count = n - skip;
        if (count == 0) {
            return SeriesPoints.empty();
        }
        long[] times = new long[count];
        double[] copied = new double[count];
        long from = base;
        int start = (oldest + skip) % capacity;
        for (int i = 0; i < count; i++) {
            int slot = (start + i) % capacity;
            times[i] = from + offsets[slot];
            copied[i] = values[slot];
        }
        return new SeriesPoints(times, copied);
    }

    /** Binary search in logical order: how many of the n oldest-first points are before from. */
    private int firstAtOrAfter(long fromEpochMillis, int oldest, int n) {
        int low = 0;
        int high = n;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (base + offsets[(oldest + mid) % capacity()] < fromEpochMillis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
