package io.warden.api.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.export.AssessmentCodec;
import java.nio.charset.StandardCharsets;

/**
 * Any text as the small bodies of the assessment routes (an approval's or rejection's comment, a
 * transition, a retrospective) and as a {@code Content-Disposition}: each is read or refused with
 * a {@link ValidationException} (a 400 naming the field), never another exception; the mapper-free
 * {@link SimpleComment} reads exactly what the mapper reads, or leaves the text to it; the label
 * made of a disposition fits on one line. Every build runs the committed inputs under
 * {@code CommentFuzzTestInputs/anyBody}; with {@code JAZZER_FUZZ=1} it fuzzes, and a crash's input
 * lands there as a new regression case.
 */
class CommentFuzzTest {

    private final AssessmentCodec codec = new AssessmentCodec();

    @FuzzTest(maxDuration = "30s")
    void anyBody(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String simple = SimpleComment.of(text);
        AssessmentRoutes.Comment comment = read(text, AssessmentRoutes.Comment.class);
        if (simple != null) {
            assertThat(comment).as("the mapper reads what SimpleComment read from %s", text).isNotNull();
            assertThat(simple).isEqualTo(comment.comment());
        }
        read(text, AssessmentRoutes.Transition.class);
        read(text, Retrospective.class);
        String label = BodySource.of(text);
        assertThat(label).isNotBlank().hasSizeLessThanOrEqualTo(258).doesNotContain("\n", "\r");
    }

    /** The body as JSON and as YAML, as the routes read either; null when refused. */
    private <T> T read(String text, Class<T> type) {
        try {
            codec.readYaml(text, BodySource.DEFAULT, type);
        } catch (ValidationException refused) {
            // a 400 naming the field
        }
        try {
            return codec.readJson(text, BodySource.DEFAULT, type);
        } catch (ValidationException refused) {
            return null;
        }
    }
}
