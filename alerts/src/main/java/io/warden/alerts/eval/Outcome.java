package io.warden.alerts.eval;

import java.util.Objects;

/**
 * What one evaluation of a rule found, before any state: the value, and whether it breaches a
 * threshold, or why there was no value.
 *
 * @param kind      breach, ok, no data or error
 * @param value     the value read, NaN for no data and errors
 * @param severity  {@code critical} or {@code warning} for a breach, null otherwise
 * @param threshold the threshold breached, or the nearest one when ok; NaN for no data and errors
 * @param reason    why there is no value, empty otherwise
 */
public record Outcome(Kind kind, double value, String severity, double threshold, String reason) {

    /** The four results of an evaluation. */
    public enum Kind { OK, BREACH, NODATA, ERROR }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        reason = Objects.requireNonNullElse(reason, "");
    }

    static Outcome noData(String reason) {
        return new Outcome(Kind.NODATA, Double.NaN, null, Double.NaN, reason);
    }

    static Outcome error(String reason) {
        return new Outcome(Kind.ERROR, Double.NaN, null, Double.NaN, reason);
    }
}
