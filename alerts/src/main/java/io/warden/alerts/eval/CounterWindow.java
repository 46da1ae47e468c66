package io.warden.alerts.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The points of one counter within a window, for {@code rate()} and {@code increase()}. A drop
 * is a counter reset (the process restarted): the new value counts as the increase since, as
 * Prometheus does. Unlike Prometheus there is no extrapolation to the window's edges: the
 * increase is what the points in the window show. Not thread safe: the evaluator's.
 */
final class CounterWindow {

    private record Point(Instant at, double value) {
    }

    private final Duration window;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    CounterWindow(Duration window) {
        this.window = window;
    }

    /** Adds a point, unless one at this instant is there already, and drops those out of the window. */
    void add(Instant at, double value) {
        if (points.isEmpty() || points.peekLast().at().isBefore(at)) {
            points.addLast(new Point(at, value));
        }
        Instant oldest = at.minus(window);
        while (points.size() > 1 && points.peekFirst().at().isBefore(oldest)) {
            points.removeFirst();
        }
    }

    /** Whether two points span some time, so that increase and rate are defined. */
    boolean defined() {
        return points.size() >= 2 && points.peekFirst().at().isBefore(points.peekLast().at());
    }

    /** The counter's increase over the points, resets counted. */
    double increase() {
        double total = 0;
        Point previous = null;
        for (Point point : points) {
            if (previous != null) {
                total += point.value() >= previous.value() ? point.value() - previous.value() : point.value();
            }
            previous = point;
        }
        return total;
    }

    /** The increase per second over the time the points span. */
    double rate() {
        double seconds = Duration.between(points.peekFirst().at(), points.peekLast().at()).toNanos() / 1e9;
        return increase() / seconds;
    }
}
