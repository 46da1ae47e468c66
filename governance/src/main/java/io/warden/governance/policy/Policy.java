package io.warden.governance.policy;

import io.warden.governance.ValidationException;
import io.warden.governance.matrix.RiskLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which changes need an approved assessment (the seed's "when required"): every change at or above
 * {@code minimumLevel}, every change carrying one of {@code tags}, every deploy to one of
 * {@code environments}. Defaults ({@link #DEFAULTS}): MEDIUM; security, breaking, schema,
 * dependency-major; production.
 *
 * @param minimumLevel the lowest level that needs approval
 * @param tags         tags that need approval whatever the level (lower case)
 * @param environments environments where every deploy needs approval (lower case)
 */
public record Policy(RiskLevel minimumLevel, List<String> tags, List<String> environments) {

    /** The seed's policy. */
    public static final Policy DEFAULTS = new Policy(RiskLevel.MEDIUM,
            List.of("security", "breaking", "schema", "dependency-major"), List.of("production"));

    /** Validates and normalises; a refusal names the field. */
    public Policy {
        if (minimumLevel == null) {
            throw new ValidationException("minimumLevel",
                    "minimumLevel is missing; it must be low, medium, high or critical");
        }
        tags = lower(ValidationException.texts("tags", tags));
        environments = lower(ValidationException.texts("environments", environments));
    }

    /** Whether a change of {@code level}, tagged {@code changeTags}, deployed to {@code environment} needs approval. */
    public PolicyDecision evaluate(RiskLevel level, Collection<String> changeTags, String environment) {
        List<String> reasons = new ArrayList<>();
        if (level.atLeast(minimumLevel)) {
            reasons.add("level " + level + " >= " + minimumLevel);
        }
        for (String tag : changeTags) {
            if (tags.contains(tag.toLowerCase(Locale.ROOT))) {
                reasons.add("tag " + tag.toLowerCase(Locale.ROOT));
            }
        }
        if (environment != null && environments.contains(environment.toLowerCase(Locale.ROOT))) {
            reasons.add("environment " + environment.toLowerCase(Locale.ROOT));
        }
        return new PolicyDecision(!reasons.isEmpty(), reasons);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(value -> value.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
