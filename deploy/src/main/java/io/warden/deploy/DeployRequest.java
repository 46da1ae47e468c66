package io.warden.deploy;

import io.warden.alerts.rule.AlertRule;
import io.warden.governance.approval.Approver;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.List;
import java.util.Objects;

/**
 * A change of one service's spec ({@code warden deploy SERVICE --spec FILE}).
 *
 * @param service      the service
 * @param spec         its new spec
 * @param assessmentId the assessment it goes with, null for none
 * @param environment  where ({@code production} matters to the policy), empty for none
 * @param tags         tags of the change beyond the assessment's
 * @param actor        who deploys
 * @param settings     the update block
 * @param extraRules   alert rules watched besides the assessment's thresholds
 */
public record DeployRequest(String service, ServiceSpec spec, String assessmentId, String environment,
                            List<String> tags, Approver actor, UpdateSettings settings, List<AlertRule> extraRules) {

    public DeployRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(actor, "actor");
        environment = Objects.requireNonNullElse(environment, "");
        tags = tags == null ? List.of() : List.copyOf(tags);
        settings = settings == null ? UpdateSettings.DEFAULTS : settings;
        extraRules = extraRules == null ? List.of() : List.copyOf(extraRules);
    }
}
