package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.util.List;

/**
 * What was tested and what was not.
 *
 * @param done tests run and their results
 * @param gaps what is not tested (and should be)
 */
public record Testing(List<String> done, List<String> gaps) {

    /** Nothing recorded. */
    public static final Testing NONE = new Testing(List.of(), List.of());

    /** Copies and trims the lists. */
    public Testing {
        done = ValidationException.texts("done", done);
        gaps = ValidationException.texts("gaps", gaps);
    }
}
