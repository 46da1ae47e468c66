package io.warden.governance.assessment;

/** How urgent a follow-up action is. */
public enum Priority {
    LOW, MEDIUM, HIGH, CRITICAL
}
