package io.warden.governance.matrix;

import io.warden.governance.ValidationException;

/**
 * One identified risk: what could go wrong, in which category, how likely (1 rare .. 5 almost
 * certain), how bad (1 negligible .. 5 severe), how it is mitigated and who owns the mitigation.
 *
 * @param category   technical, security, performance or operational
 * @param title      what could go wrong, one line
 * @param likelihood 1..5
 * @param impact     1..5
 * @param mitigation how the risk is reduced (may be empty; the completeness gate decides)
 * @param owner      who owns the mitigation (may be empty)
 */
public record Risk(RiskCategory category, String title, int likelihood, int impact, String mitigation,
                   String owner) {

    /** The lowest value of likelihood and impact. */
    public static final int MIN = 1;
    /** The highest value of likelihood and impact. */
    public static final int MAX = 5;

    /** Validates every component; a refusal names the field. */
    public Risk {
        if (category == null) {
            throw new ValidationException("category",
                    "category is missing; it must be one of technical, security, performance, operational");
        }
        title = ValidationException.requireText("title", title);
        requireScale("likelihood", likelihood, "1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain");
        requireScale("impact", impact, "1 negligible, 2 minor, 3 moderate, 4 major, 5 severe");
        mitigation = ValidationException.optionalText(mitigation);
        owner = ValidationException.optionalText(owner);
    }

    /** The matrix score, likelihood x impact, 1..25. */
    public int score() {
        return likelihood * impact;
    }

    private static void requireScale(String field, int value, String scale) {
        if (value < MIN || value > MAX) {
            throw new ValidationException(field, field + " is " + value + "; it must be a whole number from "
                    + MIN + " to " + MAX + " (" + scale + ")");
        }
    }
}
