package io.warden.governance.approval;

import io.warden.governance.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The approvals one level needs: every role of {@code allOf}, and one role of each {@code anyOf}
 * group, each filled by a different person. MEDIUM by default: {@code allOf: [lead], anyOf: [[qa,
 * security]]}.
 *
 * @param allOf roles that must each approve
 * @param anyOf groups of which one role must approve
 */
public record ApprovalRule(List<String> allOf, List<List<String>> anyOf) {

    /** Validates the rule: at least one slot, no empty group, no blank or repeated role. */
    public ApprovalRule {
        allOf = lower(ValidationException.texts("allOf", allOf));
        List<List<String>> groups = new ArrayList<>();
        int index = 0;
        for (List<String> group : ValidationException.items("anyOf", anyOf)) {
            List<String> roles = lower(ValidationException.texts("anyOf[" + index + "]", group));
            if (roles.isEmpty()) {
                throw new ValidationException("anyOf[" + index + "]", "anyOf[" + index
                        + "] is an empty group; list the roles of which one must approve, or remove the group");
            }
            groups.add(roles);
            index++;
        }
        anyOf = List.copyOf(groups);
        if (allOf.isEmpty() && anyOf.isEmpty()) {
            throw new ValidationException("allOf", "allOf is empty and so is anyOf; a level needs at least one"
                    + " approving role");
        }
        if (allOf.size() != Set.copyOf(allOf).size()) {
            throw new ValidationException("allOf", "allOf " + allOf + " repeats a role; list each role once");
        }
    }

    /** A rule of all-of roles only. */
    public static ApprovalRule allOf(String... roles) {
        return new ApprovalRule(List.of(roles), List.of());
    }

    /** The slots to fill, one person each: a singleton per all-of role, then each any-of group. */
    public List<Set<String>> slots() {
        List<Set<String>> slots = new ArrayList<>();
        allOf.forEach(role -> slots.add(Set.of(role)));
        anyOf.forEach(group -> slots.add(new LinkedHashSet<>(group)));
        return slots;
    }

    /** Every role the rule mentions. */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>(allOf);
        anyOf.forEach(roles::addAll);
        return roles;
    }

    /** People's words: {@code lead + one of (qa, security)}. */
    public String describe() {
        return String.join(" + ", slots().stream().map(ApprovalRule::describe).toList());
    }

    static String describe(Set<String> slot) {
        return slot.size() == 1 ? slot.iterator().next() : "one of (" + String.join(", ", slot) + ")";
    }

    private static List<String> lower(List<String> roles) {
        return roles.stream().map(role -> role.toLowerCase(Locale.ROOT)).toList();
    }
}
