package io.warden.metrics.history;

import java.util.Optional;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Named metric series on one timeline, created on first use. Names are dot-separated, such as
 * {@code cpu.total}, {@code net.rx} or {@code service.backend.cpu}.
 *
 * <p>The sampler appends to every series in the same tick with the same timestamp, so the
 * timestamps are kept once, in a ring shared by all series, and each {@link Series} keeps only
 * its values at the ring's ticks. The ring holds the latest {@link #capacityPerSeries()} ticks.
 *
 * <p>Thread safety: safe for concurrent use; series are created atomically. One lock guards the
 * timeline and every series' values, since a tick's timestamp and the values in its slot change
 * together: each append takes it to write, readers take it optimistically (see {@link Series}).
 *
 * <p>Memory: {@link #bytes()}, that is the timeline plus {@link #bytesPerSeries()} for each series;
 * the caller bounds the number of series (the sampler removes the series of services it no longer
 * tracks once their points have aged out).
 */
public final class History {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final int capacity;
    private final StampedLock lock = new StampedLock();
    private final Timeline timeline; // guarded by lock
    private final ConcurrentMap<String, Series> series = new ConcurrentHashMap<>();

    /** An empty history whose series keep {@code capacityPerSeries} points each. */
    public History(int capacityPerSeries) {
        if (capacityPerSeries < 1) {
            throw new IllegalArgumentException("capacity per series must be at least 1, was " + capacityPerSeries);
        }
        this.capacity = capacityPerSeries;
        this.timeline = new Timeline(capacityPerSeries);
    }

    /**
     * The series with this name, created empty if absent.
     *
     * @throws IllegalArgumentException if the name is not 1-128 letters, digits, '_', '.', '-'
     */
    public Series series(String name) {
        Series existing = series.get(name);
        if (existing != null) {
            return existing;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid series name '" + name
                    + "': use 1-128 letters, digits, '_', '.' or '-', such as cpu.total");
        }
        return series.computeIfAbsent(name, n -> {
            long stamp = lock.readLock();
            try {
                return new Series(timeline, lock);
            } finally {
                lock.unlockRead(stamp);
            }
        });
    }

    /** The series with this name, if it exists. */
    public Optional<Series> find(String name) {
        return Optional.ofNullable(series.get(name));
    }

    /** The names of the existing series, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(series.keySet()));
    }

    /**
     * Removes the series whose names match; returns how many were removed. Drop references to a
     * removed series: appends to it would still start ticks of the shared timeline.
     */
    public int removeIf(Predicate<String> nameMatches) {
        int before = series.size();
        series.keySet().removeIf(nameMatches);
        return before - series.size();
    }

    /** The ticks the timeline keeps, so the points each series keeps at most. */
    public int capacityPerSeries() {
        return capacity;
    }

    /** The bytes each series keeps for its lifetime: 4 per point plus 80. */
    public long bytesPerSeries() {
        return Series.bytesFor(capacity);
    }

    /**
     * The bytes the timeline (4 per tick plus 56) and the series existing now ({@link #bytesPerSeries()}
     * each) keep.
     */
    public long bytes() {
        return Timeline.bytesFor(capacity) + series.size() * bytesPerSeries();
    }
}
