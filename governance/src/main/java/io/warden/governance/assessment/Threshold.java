package io.warden.governance.assessment;

import io.warden.governance.ValidationException;

/**
 * A monitoring requirement, as the seed writes them: "rate limit violations: expected &lt; 5%,
 * warning &gt; 10%, critical &gt; 20%".
 *
 * @param metric   what is watched
 * @param expected the normal value
 * @param warning  when to warn (may be empty; HIGH and CRITICAL need it)
 * @param critical when to act, roll back (may be empty; HIGH and CRITICAL need it)
 */
public record Threshold(String metric, String expected, String warning, String critical) {

    /** Validates the threshold; a refusal names the field. */
    public Threshold {
        metric = ValidationException.requireText("metric", metric);
        expected = ValidationException.optionalText(expected);
        warning = ValidationException.optionalText(warning);
        critical = ValidationException.optionalText(critical);
    }
}
