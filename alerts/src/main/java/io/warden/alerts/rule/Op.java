package io.warden.alerts.rule;

import com.fasterxml.jackson.annotation.JsonValue;

/** The comparison of a rule: the value breaches a threshold when {@code value OP threshold}. */
public enum Op {
    GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** Whether {@code value OP threshold} holds. */
    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    /** Whether a larger value is worse (so critical must be at least warning). */
    boolean upward() {
        return this == GT || this == GE;
    }

    /** Whether a smaller value is worse (so critical must be at most warning). */
    boolean downward() {
        return this == LT || this == LE;
    }

    @JsonValue
    public String symbol() {
        return symbol;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
