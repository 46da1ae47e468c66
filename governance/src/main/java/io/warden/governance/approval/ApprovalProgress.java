package io.warden.governance.approval;

import java.util.List;
import java.util.Map;

/**
 * Where the approvals of one review round stand.
 *
 * @param complete    every slot of the level's rule is filled by a different approver
 * @param rejected    a person holding a role the rule requires rejected
 * @param filledBy    which user fills which role, in the rule's order
 * @param stillNeeded the unfilled slots in people's words ({@code one of (qa, security)})
 */
public record ApprovalProgress(boolean complete, boolean rejected, Map<String, String> filledBy,
                               List<String> stillNeeded) {

    /** Copies the collections. */
    public ApprovalProgress {
        filledBy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filledBy));
        stillNeeded = List.copyOf(stillNeeded);
    }
}
