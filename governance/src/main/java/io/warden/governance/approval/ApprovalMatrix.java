package io.warden.governance.approval;

import io.warden.governance.ApprovalRefusedException;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Verdict;
import io.warden.governance.matrix.RiskLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The approval matrix: the known roles and, per level, the {@link ApprovalRule}. Defaults from the
 * seed ({@link #DEFAULTS}): LOW developer + lead; MEDIUM lead + (qa or security); HIGH lead + qa +
 * security + stakeholder; CRITICAL business-owner + cto.
 *
 * @param roles every role an approver may hold
 * @param rules the rule of each level; every level needs one
 */
public record ApprovalMatrix(List<String> roles, Map<RiskLevel, ApprovalRule> rules) {

    /** The seed's matrix. */
    public static final ApprovalMatrix DEFAULTS = new ApprovalMatrix(
            List.of("developer", "lead", "qa", "security", "stakeholder", "business-owner", "cto"),
            Map.of(RiskLevel.LOW, ApprovalRule.allOf("developer", "lead"),
                    RiskLevel.MEDIUM, new ApprovalRule(List.of("lead"), List.of(List.of("qa", "security"))),
                    RiskLevel.HIGH, ApprovalRule.allOf("lead", "qa", "security", "stakeholder"),
                    RiskLevel.CRITICAL, ApprovalRule.allOf("business-owner", "cto")));

    /** Validates: a rule per level, and no rule naming a role outside {@code roles}. */
    public ApprovalMatrix {
        roles = ValidationException.texts("roles", roles).stream()
                .map(role -> role.toLowerCase(Locale.ROOT)).distinct().toList();
        if (rules == null) {
            rules = Map.of();
        }
        EnumMap<RiskLevel, ApprovalRule> copy = new EnumMap<>(RiskLevel.class);
        for (RiskLevel level : RiskLevel.values()) {
            ApprovalRule rule = rules.get(level);
            if (rule == null) {
                throw new ValidationException("rules." + level.name().toLowerCase(Locale.ROOT), "rules."
                        + level.name().toLowerCase(Locale.ROOT) + " is missing; every level needs a rule, like "
                        + DEFAULTS_TEXT);
            }
            for (String role : rule.roles()) {
                if (!roles.contains(role)) {
                    throw unknownRole("rules." + level.name().toLowerCase(Locale.ROOT), role, roles);
                }
            }
            copy.put(level, rule);
        }
        rules = java.util.Collections.unmodifiableMap(copy);
    }

    private static final String DEFAULTS_TEXT = "medium: {allOf: [lead], anyOf: [[qa, security]]}";

    /** The rule of {@code level}. */
    public ApprovalRule ruleFor(RiskLevel level) {
        return rules.get(level);
    }

    /** Refuses an approver holding a role the matrix does not know, naming it. */
    public void checkKnown(Approver approver) {
        for (String role : approver.roles()) {
            if (!roles.contains(role)) {
                throw unknownRole("roles", role, roles);
            }
        }
    }

    /**
     * Refuses a decision the matrix does not accept: the author's own, a second one by the same
     * person in this round, or one by a person holding none of the roles the level needs.
     */
    public void checkDecision(RiskLevel level, String author, Approver approver, List<Decision> round,
                              Verdict verdict) {
        checkKnown(approver);
        String act = verdict == Verdict.APPROVE ? "approve" : "reject";
        if (approver.is(author)) {
            throw new ApprovalRefusedException(approver.user() + " cannot " + act + " this assessment: they are its"
                    + " author, and an author never reviews their own change. Ask a reviewer with a role the "
                    + level + " rule needs: " + ruleFor(level).describe());
        }
        for (Decision earlier : round) {
            if (approver.is(earlier.user())) {
                throw new ApprovalRefusedException(approver.user() + " already decided ("
                        + earlier.verdict().name().toLowerCase(Locale.ROOT) + " at " + earlier.at()
                        + ") in this review round; one person decides once, in one role");
            }
        }
        Set<String> useful = new LinkedHashSet<>(approver.roles());
        useful.retainAll(ruleFor(level).roles());
        if (useful.isEmpty()) {
            throw new ApprovalRefusedException(approver.user() + " holds roles " + approver.roles() + ", none of which"
                    + " the " + level + " rule needs (" + ruleFor(level).describe() + "); ask someone holding one");
        }
    }

    /** Where the approvals of one round stand for {@code level}, ignoring any decision by the author. */
    public ApprovalProgress progress(RiskLevel level, String author, List<Decision> round) {
        ApprovalRule rule = ruleFor(level);
        List<Set<String>> slots = rule.slots();
        List<Decision> approvals = new ArrayList<>();
        boolean rejected = false;
        for (Decision decision : round) {
            if (decision.user().equalsIgnoreCase(author)) {
                continue;
            }
            if (decision.verdict() == Verdict.REJECT) {
                rejected |= decision.roles().stream().anyMatch(rule.roles()::contains);
            } else if (approvals.stream().noneMatch(a -> a.user().equalsIgnoreCase(decision.user()))) {
                approvals.add(decision);
            }
        }
        int[] owner = new int[slots.size()];
        Arrays.fill(owner, -1);
        for (int person = 0; person < approvals.size(); person++) {
            assign(person, approvals, slots, owner, new boolean[slots.size()]);
        }
        Map<String, String> filledBy = new LinkedHashMap<>();
        List<String> stillNeeded = new ArrayList<>();
        for (int slot = 0; slot < slots.size(); slot++) {
            if (owner[slot] < 0) {
                stillNeeded.add(ApprovalRule.describe(slots.get(slot)));
            } else {
                Decision decision = approvals.get(owner[slot]);
                String role = slots.get(slot).stream().filter(decision.roles()::contains).findFirst().orElseThrow();
                filledBy.put(decision.user(), role);
            }
        }
        return new ApprovalProgress(stillNeeded.isEmpty(), rejected, filledBy, stillNeeded);
    }

    /** Kuhn's augmenting path: one person per slot, one slot per person. */
    private static boolean assign(int person, List<Decision> approvals, List<Set<String>> slots, int[] owner,
                                  boolean[] seen) {
        for (int slot = 0; slot < slots.size(); slot++) {
            if (seen[slot] || approvals.get(person).roles().stream().noneMatch(slots.get(slot)::contains)) {
                continue;
            }
            seen[slot] = true;
            if (owner[slot] < 0 || assign(owner[slot], approvals, slots, owner, seen)) {
                owner[slot] = person;
                return true;
            }
        }
        return false;
    }

    private static ValidationException unknownRole(String field, String role, List<String> known) {
        return new ValidationException(field, field + " names role '" + role + "', which is unknown; known roles are "
                + known + " (add it to the matrix's roles or fix the spelling)");
    }
}
