package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import io.warden.governance.matrix.RiskLevel;
import java.util.List;

/**
 * What happened after the change, to validate the risk estimate (the seed's last process step).
 *
 * @param observedIncidents incidents observed after the deploy (empty: none)
 * @param predictedLevel    the level the assessment predicted (filled in on close when absent)
 * @param actualLevel       the level the change turned out to have
 * @param notes             lessons learned (may be empty)
 */
public record Retrospective(List<String> observedIncidents, RiskLevel predictedLevel, RiskLevel actualLevel,
                            String notes) {

    /** Validates the retrospective; a refusal names the field. */
    public Retrospective {
        observedIncidents = ValidationException.texts("observedIncidents", observedIncidents);
        if (actualLevel == null) {
            throw new ValidationException("actualLevel",
                    "actualLevel is missing; say which level the change turned out to have: low, medium, high or critical");
        }
        notes = ValidationException.optionalText(notes);
    }

    /** Whether the prediction matched what happened. */
    public boolean predictionHeld() {
        return predictedLevel == actualLevel;
    }
}
