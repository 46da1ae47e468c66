package io.warden.metrics.history;

import java.time.Instant;
import java.util.Arrays;

/**
 * An ordered copy of points read from a {@link Series}: timestamps in epoch milliseconds,
 * never decreasing, and their values. Immutable: the arrays are private copies.
 */
public final class SeriesPoints {

    private static final SeriesPoints EMPTY = new SeriesPoints(new long[0], new double[0]);

    private final long[] epochMillis;
    private final double[] values;

    // Takes ownership of the arrays: only Series creates instances, from fresh copies.
    SeriesPoints(long[] epochMillis, double[] values) {
        if (epochMillis.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length: "
                    + epochMillis.length + " vs " + values.length);
        }
        this.epochMillis = epochMillis;
        this.values = values;
    }

    /** No points. */
    public static SeriesPoints empty() {
        return EMPTY;
    }

    /** The number of points. */
    public int size() {
        return values.length;
    }

    /** Whether there are no points. */
    public boolean isEmpty() {
        return values.length == 0;
    }

    /** The timestamp of point {@code index}, in milliseconds since the epoch. */
    public long epochMillis(int index) {
        return epochMillis[index];
    }

    /** The timestamp of point {@code index}. */
    public Instant instant(int index) {
        return Instant.ofEpochMilli(epochMillis[index]);
    }

    /** The value of point {@code index}. */
    public double value(int index) {
        return values[index];
    }

    /** A copy of the timestamps, in milliseconds since the epoch. */
    public long[] epochMillisArray() {
        return epochMillis.clone();
    }

    /** A copy of the values. */
    public double[] valuesArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesPoints that
                && Arrays.equals(epochMillis, that.epochMillis) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(epochMillis) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SeriesPoints[size=" + size() + (isEmpty() ? "" : ", from=" + instant(0)
                + ", to=" + instant(size() - 1)) + "]";
    }
}
