package io.warden.api.governance;

import io.warden.api.route.ApiProblem;
import io.warden.governance.ApprovalRefusedException;
import io.warden.governance.ConflictException;
import io.warden.governance.GovernanceException;
import io.warden.governance.IllegalTransitionException;
import io.warden.governance.IncompleteAssessmentException;
import io.warden.governance.NotFoundException;
import io.warden.governance.StorageException;
import io.warden.governance.ValidationException;

/**
 * The one translation of governance exceptions into HTTP problems. The domain's messages already
 * say what failed, the value, the rule and the fix (the allowed transitions, every missing item),
 * so they become the problem's detail unchanged; the title tells a client which kind of 409 it got.
 */
public final class GovernanceProblems {

    private GovernanceProblems() {
    }

    public static ApiProblem of(GovernanceException e) {
        return switch (e) {
            case ValidationException invalid -> ApiProblem.badRequest(
                    invalid.field() == null || invalid.field().isEmpty() ? null : invalid.field(), invalid.getMessage());
            case NotFoundException missing -> ApiProblem.notFound(missing.getMessage());
            case IllegalTransitionException illegal -> new ApiProblem(409, "Illegal Transition",
                    illegal.getMessage(), null);
            case IncompleteAssessmentException incomplete -> new ApiProblem(409, "Incomplete Assessment",
                    incomplete.getMessage(), null);
            case ApprovalRefusedException refused -> new ApiProblem(409, "Approval Refused", refused.getMessage(),
                    null);
            case ConflictException conflict -> ApiProblem.conflict(conflict.getMessage());
            // The database is down or full: the request may succeed later, so 503, not 500.
            case StorageException storage -> new ApiProblem(503, "Service Unavailable", storage.getMessage(), null);
            default -> new ApiProblem(500, "Internal Server Error", e.getMessage(), null);
        };
    }
}
