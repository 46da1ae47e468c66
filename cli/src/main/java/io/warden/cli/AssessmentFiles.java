package io.warden.cli;

import io.warden.governance.ValidationException;
import io.warden.governance.export.AssessmentCodec;
import java.nio.file.Path;

/**
 * An assessment or retrospective file bound by the same strict binder as the daemon's, before it is
 * sent: a mistake is named by this file, its line and key, where the daemon could only say
 * "request body". A class of its own so that the governance classes load only for the commands
 * that send a file: {@link Main} links every command, and {@code run} and {@code status} start
 * without them on their class path.
 */
final class AssessmentFiles {

    private AssessmentFiles() {
    }

    /** Refuses the file with its name, line and key, or returns. */
    static void check(Path file, boolean retrospective) {
        try {
            if (retrospective) {
                new AssessmentCodec().readRetrospective(file);
            } else {
                new AssessmentCodec().readContent(file);
            }
        } catch (ValidationException e) {
            throw new CliException(e.getMessage());
        }
    }
}
