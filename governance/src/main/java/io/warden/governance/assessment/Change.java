package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import java.util.List;

/**
 * The change being assessed.
 *
 * @param description  what changes, in words (may be empty)
 * @param specDiff     the diff of the service spec or code (may be empty)
 * @param files        the files touched
 * @param filesChanged how many files changed, at least {@code files.size()} (0 means: count the list)
 * @param linesChanged how many lines changed, 0 or more
 */
public record Change(String description, String specDiff, List<String> files, int filesChanged,
                     int linesChanged) {

    /** No change described yet. */
    public static final Change NONE = new Change("", "", List.of(), 0, 0);

    /** Validates counts; a refusal names the field. */
    public Change {
        description = ValidationException.optionalText(description);
        specDiff = specDiff == null ? "" : specDiff.stripTrailing();
        files = ValidationException.texts("files", files);
        if (filesChanged < 0 || linesChanged < 0) {
            String field = filesChanged < 0 ? "filesChanged" : "linesChanged";
            throw new ValidationException(field, field + " is " + Math.min(filesChanged, linesChanged)
                    + "; it must be 0 or more");
        }
        if (filesChanged == 0) {
            filesChanged = files.size();
        }
        if (filesChanged < files.size()) {
            throw new ValidationException("filesChanged", "filesChanged is " + filesChanged + " but " + files.size()
                    + " files are listed; make it at least the number of listed files, or leave it out");
        }
    }
}
