package io.warden.deploy;

import io.warden.deploy.watch.WatchResult;
import io.warden.governance.GovernanceService;
import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a deploy's assessment along its lifecycle and writes what the deploy saw into its audit
 * log: deployed when applied, observing when the watch begins, closed with a retrospective
 * (predicted vs observed) when promoted or rolled back. A rolled-back change's retrospective
 * names who rolled back, when, the threshold and the values, and puts the actual level one above
 * the predicted one.
 */
final class AssessmentSteps {

    private final GovernanceService governance;

    AssessmentSteps(GovernanceService governance) {
        this.governance = governance;
    }

    void deployed(String id, Approver actor, String deployId) {
        // Only an approved assessment moves; one that no rule required is only watched.
        if (id != null && governance.get(id).status() == Status.APPROVED) {
            governance.transition(id, actor, Status.DEPLOYED, "deploy " + deployId + " applies the change");
        }
    }

    /** The assessment when this deploy moved it (deployed or observing), else null. */
    private Assessment moving(String id) {
        if (id == null) {
            return null;
        }
        Assessment assessment = governance.get(id);
        return assessment.status() == Status.DEPLOYED || assessment.status() == Status.OBSERVING ? assessment : null;
    }

    void observing(String id, String deployId, String why) {
        if (id != null && governance.get(id).status() == Status.DEPLOYED) {
            governance.transition(id, Deployer.WARDEN, Status.OBSERVING, "deploy " + deployId + ": " + why);
        }
    }

    void promoted(String id, String deployId, WatchResult result) {
        Assessment assessment = moving(id);
        if (assessment == null) {
            return;
        }
        observing(id, deployId, "watched");
        governance.close(id, Deployer.WARDEN, new Retrospective(result.incidents(), null, assessment.level(),
                "deploy " + deployId + " passed its watch: " + result.reason()));
    }

    /** Records the rollback (who, when, why, the values) and closes the assessment. */
    void rolledBack(String id, Approver actor, String deployId, String detail, List<String> incidents) {
        Assessment assessment = moving(id);
        if (assessment == null) {
            return;
        }
        observing(id, deployId, "rolled back: " + detail);
        List<String> all = new ArrayList<>(incidents);
        all.add(detail);
        RiskLevel level = assessment.level();
        RiskLevel actual = level == RiskLevel.CRITICAL ? level : RiskLevel.values()[level.ordinal() + 1];
        governance.close(id, actor, new Retrospective(all, null, actual, "deploy " + deployId
                + " was rolled back by " + actor.user() + "; the change needs a new assessment"));
    }
}
