package io.warden.governance.assessment;

/** What a reviewer decided. */
public enum Verdict {
    APPROVE, REJECT
}
