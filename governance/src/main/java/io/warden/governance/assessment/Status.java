package io.warden.governance.assessment;

import java.util.Locale;

/** Where an assessment stands in its {@link Lifecycle}. */
public enum Status {
    DRAFT, IN_REVIEW, APPROVED, REJECTED, DEPLOYED, OBSERVING, CLOSED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The wire name, {@code in_review}. */
    public String wire() {
        return wire;
    }
}
