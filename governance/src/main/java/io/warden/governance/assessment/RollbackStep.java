package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.time.Duration;

/**
 * One step of the rollback procedure, in order: what to do, the exact command, how long it takes.
 *
 * @param step             what to do, in words
 * @param command          the command to copy and paste (may be empty; HIGH and CRITICAL need it)
 * @param expectedDuration how long the step takes (may be {@code null}; HIGH and CRITICAL need it)
 */
public record RollbackStep(String step, String command, Duration expectedDuration) {

    /** Validates the step; a refusal names the field. */
    public RollbackStep {
        step = ValidationException.requireText("step", step);
        command = command == null ? "" : command.strip();
        if (expectedDuration != null && (expectedDuration.isNegative() || expectedDuration.isZero())) {
            throw new ValidationException("expectedDuration", "expectedDuration is " + expectedDuration
                    + "; it must be positive, like 30s or 5m");
        }
    }

    /** Whether the step carries a command. */
    public boolean hasCommand() {
        return !command.isEmpty();
    }
}
