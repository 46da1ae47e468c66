package io.warden.governance.policy;

import java.util.List;

/**
 * Whether a change needs an approved assessment, and why.
 *
 * @param required whether an approved assessment is required
 * @param reasons  each rule that requires it ({@code level MEDIUM >= MEDIUM}, {@code tag security},
 *                 {@code environment production}); empty when not required
 */
public record PolicyDecision(boolean required, List<String> reasons) {

    /** Copies the reasons. */
    public PolicyDecision {
        reasons = List.copyOf(reasons);
    }
}
