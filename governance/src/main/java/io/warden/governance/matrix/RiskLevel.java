package io.warden.governance.matrix;

/**
 * The seed's four risk levels, in increasing order of scrutiny: LOW (no user impact, easy rollback,
 * well tested), MEDIUM (minor user impact, tested rollback), HIGH (significant user impact, complex
 * rollback, partial test coverage), CRITICAL (system down or data loss possible, no rollback).
 */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Whether this level is at least {@code other}. */
    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }
}
