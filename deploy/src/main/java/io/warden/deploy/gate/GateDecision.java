package io.warden.deploy.gate;

import java.util.List;

/**
 * Whether a deploy may proceed, and if not, what would let it.
 *
 * @param allowed      whether the deploy proceeds
 * @param rules        the policy rules that require an approved assessment ({@code environment production});
 *                     empty when none does
 * @param assessmentId the assessment the deploy goes with (given, or the one to use), null for none
 * @param missing      what is missing: approvals still needed, an assessment to file or name
 * @param explanation  one paragraph for people: the rule, what would satisfy it, the command to run
 */
public record GateDecision(boolean allowed, List<String> rules, String assessmentId, List<String> missing,
                           String explanation) {

    public GateDecision {
        rules = List.copyOf(rules);
        missing = List.copyOf(missing);
    }

    static GateDecision allow(List<String> rules, String assessmentId, String explanation) {
        return new GateDecision(true, rules, assessmentId, List.of(), explanation);
    }

    static GateDecision refuse(List<String> rules, String assessmentId, List<String> missing, String explanation) {
        return new GateDecision(false, rules, assessmentId, missing, explanation);
    }
}
