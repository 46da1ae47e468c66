package io.warden.alerts.eval;

import java.util.Objects;

/**
 * What one evaluation of a rule found, before any state: the value, and whether it breaches a
 * threshold, or why there was no value.
 *
 * @param kind      breach, ok, no data, error, or waiting (a window still filling)
 * @param value     the value read, NaN for no data and errors
 * @param severity  {@code critical} or {@code warning} for a breach, null otherwise
 * @param threshold the threshold breached, or the nearest one when ok; NaN for no data and errors
 * @param reason    why there is no value, empty otherwise
 */
public record Outcome(Kind kind, double value, String severity, double threshold, String reason) {

    /**
     * The results of an evaluation. {@code WAITING}: a {@code rate}/{@code increase} window has
     * one point so far (just after a start); the alert's state stays as it is rather than every
     * such rule going {@code nodata} at each daemon start.
     */
    public enum Kind { OK, BREACH, NODATA, ERROR, WAITING }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        reason = Objects.requireNonNullElse(reason, "");
    }

    static Outcome noData(String reason) {
        return new Outcome(Kind.NODATA, Double.NaN, null, Double.NaN, reason);
    }

    static Outcome waiting(String reason) {
        return new Outcome(Kind.WAITING, Double.NaN, null, Double.NaN, reason);
    }

    static Outcome error(String reason) {
        return new Outcome(Kind.ERROR, Double.NaN, null, Double.NaN, reason);
    }
}
