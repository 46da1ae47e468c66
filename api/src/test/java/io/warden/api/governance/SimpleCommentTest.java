package io.warden.api.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.ValidationException;
import io.warden.governance.export.AssessmentCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleCommentTest {

    private final AssessmentCodec codec = new AssessmentCodec();

    private String mapper(String body) {
        return codec.readJson(body, "request body", AssessmentRoutes.Comment.class).comment();
    }

    @Test
    void theUsualBodies_readAsTheMapperReadsThem() {
        for (String body : List.of("{\"comment\": \"ok\"}", "{\"comment\":\"ok\"}", " {\n\t\"comment\" :\r\n \"\" } \n",
                "{\"comment\": \"looks good, ship it — 👍\"}", "{\"comment\": \"  padded  \"}")) {
            assertThat(SimpleComment.of(body)).as(body).isNotNull().isEqualTo(mapper(body));
        }
    }

    @Test
    void anythingElse_isLeftToTheMapper() {
        for (String body : List.of("{\"comment\": \"a \\\"quote\\\"\"}", "{\"comment\": \"\\u0041\"}",
                "{\"comment\": null}", "{}", "{\"comment\": \"ok\", \"extra\": 1}", "{\"Comment\": \"ok\"}",
                "{\"comment\": \"ok\"} {}", "{\"comment\": \"ok\"", "{\"comment\": \"ok}", "[\"ok\"]",
                "{\"comment\": \"tab\there\"}", "\u000b{\"comment\": \"ok\"}", "{\"comment\": 5}", "")) {
            assertThat(SimpleComment.of(body)).as(body).isNull();
        }
    }

    @Test
    void whatItLeaves_theMapperReadsOrRefusesNamingTheField() {
        assertThat(mapper("{\"comment\": \"a \\\"quote\\\"\"}")).isEqualTo("a \"quote\"");
        assertThatThrownBy(() -> mapper("{\"comment\": \"ok\", \"extra\": 1}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("extra"));
    }
}
