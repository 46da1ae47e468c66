package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.util.List;

/**
 * The template's three checklists.
 *
 * @param pre        before deploying
 * @param deployment while deploying
 * @param post       after deploying
 */
public record Checklists(List<String> pre, List<String> deployment, List<String> post) {

    /** Empty checklists. */
    public static final Checklists NONE = new Checklists(List.of(), List.of(), List.of());

    /** Copies and trims the lists. */
    public Checklists {
        pre = ValidationException.texts("pre", pre);
        deployment = ValidationException.texts("deployment", deployment);
        post = ValidationException.texts("post", post);
    }
}
