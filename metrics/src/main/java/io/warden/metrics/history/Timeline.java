package io.warden.metrics.history;

import java.time.Instant;

/**
 * The ring of tick timestamps that every series of one {@link History} shares. Tick {@code n}
 * (counted from 0 since the history was made, never reset) lives in slot {@code n % capacity}
 * of the timeline and of each series' values, so a series needs no timestamps of its own.
 *
 * <p>A timestamp is kept as milliseconds after a base (an {@code int}, 24.8 days of range). A tick
 * more than 24.8 days after the oldest one held moves the base, and ticks older than 24.8 days
 * before it are dropped.
 *
 * <p>Thread safety: none of its own; the history's lock guards it. Methods that readers call
 * under an optimistic read never throw on a racing state (indices are reduced modulo the
 * capacity); the caller discards what they return when the stamp fails to validate.
 */
final class Timeline {

    private final int[] offsets;
    // base: epoch ms that offsets count from; ticks: ticks so far; size: ticks held (<= capacity).
    private long base;
    private long ticks;
    private int size;

    Timeline(int capacity) {
        this.offsets = new int[capacity];
    }

    /** The bytes a timeline of this capacity keeps: the offsets, their array header and this object. */
    static long bytesFor(int capacity) {
        return 4L * capacity + 56;
    }

    int capacity() {
        return offsets.length;
    }

    /** Ticks so far: the newest tick is {@code ticks() - 1}. */
    long ticks() {
        return ticks;
    }

    /** The oldest tick held; equals {@link #ticks()} when none is. */
    long oldestTick() {
        return ticks - size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int slotOf(long tick) {
        return (int) Math.floorMod(tick, (long) offsets.length);
    }

    long epochMillisOf(long tick) {
        return base + offsets[slotOf(tick)];
    }

    /** The newest tick's timestamp; only when not empty. */
    long newestEpochMillis() {
        return epochMillisOf(ticks - 1);
    }

    /**
     * Starts tick {@link #ticks()} at this timestamp, overwriting the oldest when full.
     *
     * @throws IllegalArgumentException if {@code epochMillis} is before the newest tick's
     */
    void advance(long epochMillis) {
        if (size > 0) {
            long newest = newestEpochMillis();
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
        offsets[slotOf(ticks)] = (int) (epochMillis - base);
        ticks++;
        if (size < offsets.length) {
            size++;
        }
    }

    /** Drops the ticks too old to be offsets from {@code newest}, and counts from the oldest one left. */
    private void rebase(long newest) {
        while (size > 0 && epochMillisOf(oldestTick()) < newest - Integer.MAX_VALUE) {
            size--;
        }
        if (size == 0) {
            return; // advance sets the base
        }
        int shift = offsets[slotOf(oldestTick())];
        for (long tick = oldestTick(); tick < ticks; tick++) {
            offsets[slotOf(tick)] -= shift;
        }
        base += shift;
    }

    /**
     * The first of the ticks {@code [low, high)} whose timestamp is at or after {@code fromEpochMillis};
     * {@code high} if none. The caller passes the bounds it read once, so that a racing append cannot
     * move them during the search.
     */
    long firstAtOrAfter(long fromEpochMillis, long low, long high) {
        while (low < high) {
            long mid = low + ((high - low) >>> 1);
            if (epochMillisOf(mid) < fromEpochMillis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
