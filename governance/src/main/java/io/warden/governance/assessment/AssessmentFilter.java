package io.warden.governance.assessment;

import io.warden.governance.matrix.RiskLevel;

/**
 * Which assessments a list returns; each {@code null} criterion matches everything.
 *
 * @param status  only this status
 * @param level   only this level
 * @param service only assessments touching this service
 */
public record AssessmentFilter(Status status, RiskLevel level, String service) {

    /** Everything. */
    public static final AssessmentFilter ALL = new AssessmentFilter(null, null, null);

    /** Treats a blank service as no criterion. */
    public AssessmentFilter {
        service = service == null || service.isBlank() ? null : service.strip();
    }
}
