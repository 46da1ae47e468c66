package io.warden.metrics.history;

import java.util.Optional;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Named metric series, each a {@link SeriesBuffer} of the same capacity, created on first use.
 * Names are dot-separated, such as {@code cpu.total}, {@code net.rx} or
 * {@code service.backend.cpu}.
 *
 * <p>Thread safety: safe for concurrent use; series are created atomically.
 *
 * <p>Memory: {@link #bytesPerSeries()} times {@link #names()}{@code .size()}; the caller bounds the
 * number of series (the sampler removes the series of services it no longer tracks once their
 * points have aged out).
 */
public final class History {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final int capacity;
    private final ConcurrentMap<String, SeriesBuffer> series = new ConcurrentHashMap<>();

    /** An empty history whose series keep {@code capacityPerSeries} points each. */
    public History(int capacityPerSeries) {
        if (capacityPerSeries < 1) {
            throw new IllegalArgumentException("capacity per series must be at least 1, was " + capacityPerSeries);
        }
        this.capacity = capacityPerSeries;
    }

    /**
     * The series with this name, created empty if absent.
     *
     * @throws IllegalArgumentException if the name is not 1-128 letters, digits, '_', '.', '-'
     */
    public SeriesBuffer series(String name) {
        SeriesBuffer existing = series.get(name);
        if (existing != null) {
            return existing;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid series name '" + name
                    + "': use 1-128 letters, digits, '_', '.' or '-', such as cpu.total");
        }
        return series.computeIfAbsent(name, n -> new SeriesBuffer(capacity));
    }

    /** The series with this name, if it exists. */
    public Optional<SeriesBuffer> find(String name) {
        return Optional.ofNullable(series.get(name));
    }

    /** The names of the existing series, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(series.keySet()));
    }

    /** Removes the series whose names match; returns how many were removed. */
    public int removeIf(Predicate<String> nameMatches) {
        int before = series.size();
        series.keySet().removeIf(nameMatches);
        return before - series.size();
    }

    /** The points each series keeps. */
    public int capacityPerSeries() {
        return capacity;
    }

    /** The bytes one series keeps: see {@link SeriesBuffer#bytesFor(int)}. */
    public long bytesPerSeries() {
        return SeriesBuffer.bytesFor(capacity);
    }
}
