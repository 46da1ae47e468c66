package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.time.Instant;
import java.util.List;

/**
 * One reviewer's decision, recorded with who, which roles they held, when and why.
 *
 * @param user    who decided
 * @param roles   the roles they held when deciding (the approval matrix picks the one they fill)
 * @param verdict approve or reject
 * @param comment why (required for a rejection)
 * @param at      when
 * @param round   which review round (a resubmission after a rejection starts a new one)
 */
public record Decision(String user, List<String> roles, Verdict verdict, String comment, Instant at, int round) {

    /** Validates the decision; a refusal names the field. */
    public Decision {
        user = ValidationException.requireText("user", user);
        roles = ValidationException.texts("roles", roles);
        if (verdict == null) {
            throw new ValidationException("verdict", "verdict is missing; it must be approve or reject");
        }
        comment = ValidationException.optionalText(comment);
        if (verdict == Verdict.REJECT && comment.isEmpty()) {
            throw new ValidationException("comment", "comment is missing; a rejection must say why, so the author"
                    + " knows what to fix");
        }
        if (at == null) {
            throw new ValidationException("at", "at is missing; a decision needs its instant");
        }
        if (round < 1) {
            throw new ValidationException("round", "round is " + round + "; it must be 1 or more");
        }
    }
}
