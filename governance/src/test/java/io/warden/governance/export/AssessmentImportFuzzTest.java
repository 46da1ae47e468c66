package io.warden.governance.export;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.AssessmentContent;
import java.nio.charset.StandardCharsets;

/**
 * Any bytes as an assessment file (YAML, and JSON): either an assessment or a
 * {@link ValidationException} naming what is wrong, never another exception (a stack trace for
 * the user). In every build this runs the committed inputs under
 * {@code AssessmentImportFuzzTestInputs/anyFile} (regression mode); with {@code JAZZER_FUZZ=1}
 * it fuzzes, and a crash's input lands there as a new regression case.
 */
class AssessmentImportFuzzTest {

    private final AssessmentCodec codec = new AssessmentCodec();

    @FuzzTest(maxDuration = "30s")
    void anyFile(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            codec.readYaml(text, "fuzz.yaml", AssessmentContent.class);
        } catch (ValidationException refused) {
            // a clear refusal: what the user gets for a bad file
        }
        try {
            codec.readJson(text, "fuzz.json", AssessmentContent.class);
        } catch (ValidationException refused) {
            // the same for a .json file
        }
    }
}
