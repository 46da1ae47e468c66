package io.warden.governance;

import java.util.List;

/** The completeness gate refused a submission for review; lists every missing item. */
public class IncompleteAssessmentException extends GovernanceException {

    private final List<String> missing;

    /** A refusal listing each missing item, {@code rollback[1].command} style. */
    public IncompleteAssessmentException(String message, List<String> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** Every missing item, in the order of the template's sections. */
    public List<String> missing() {
        return missing;
    }
}
