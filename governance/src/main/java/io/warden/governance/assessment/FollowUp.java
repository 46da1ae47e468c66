package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.time.LocalDate;

/**
 * A follow-up action the assessment found.
 *
 * @param action   what to do
 * @param owner    who does it (may be empty)
 * @param effort   the estimate, as written ({@code 2 hours}; may be empty)
 * @param priority how urgent (may be {@code null})
 * @param due      by when (may be {@code null})
 */
public record FollowUp(String action, String owner, String effort, Priority priority, LocalDate due) {

    /** Validates the action; a refusal names the field. */
    public FollowUp {
        action = ValidationException.requireText("action", action);
        owner = ValidationException.optionalText(owner);
        effort = ValidationException.optionalText(effort);
    }
}
