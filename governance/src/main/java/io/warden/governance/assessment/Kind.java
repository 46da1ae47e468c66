package io.warden.governance.assessment;

/**
 * A planned change is assessed before it is deployed; a retrospective assessment covers a change
 * that is already deployed (the seed's rate-limiting fix), so its lifecycle skips the deploy step.
 */
public enum Kind {
    PLANNED, RETROSPECTIVE
}
