package io.warden.governance.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.governance.Samples;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Kind;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.assessment.Verdict;
import io.warden.governance.matrix.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessmentCodecTest {

    private final AssessmentCodec codec = new AssessmentCodec();

    @TempDir
    Path dir;

    private static final String YAML = """
            title: Bump the pool
            kind: Planned
            services: [api]
            risks:
              - category: security
                title: Token leak
                likelihood: %s
                impact: 2
            rollback:
              - step: Restore
                command: warden rollback api
                expectedDuration: %s
            """;

    private ValidationException refusal(String text) {
        try {
            codec.readYaml(text, "assessment.yaml", AssessmentContent.class);
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void yaml_readsIntoTheRecords_enumsInAnyCase_durationsInWardenForm() {
        AssessmentContent content = codec.readYaml(YAML.formatted(3, "90s"), "a.yaml", AssessmentContent.class);
        assertThat(content.kind()).isEqualTo(Kind.PLANNED);
        assertThat(content.risks().getFirst().score()).isEqualTo(6);
        assertThat(content.rollback().getFirst().expectedDuration()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void compactJson_ofAnAssessment_embedsItsContentAsWrittenAlone_everyTime() throws Exception {
        AssessmentContent content = codec.readYaml(YAML.formatted(3, "90s").replace("Bump", "Bump é \"the\""),
                "a.yaml", AssessmentContent.class).withLevel(RiskLevel.MEDIUM);
        assertThat(content.withLevel(RiskLevel.MEDIUM)).isSameAs(content);
        Decision decision = new Decision("bob", List.of("lead"), Verdict.APPROVE, "ok \"fine\"",
                Instant.parse("2025-11-10T09:01:00Z"), 1);
        Assessment assessment = new Assessment("a1", 2, content, RiskLevel.MEDIUM, Status.IN_REVIEW, "alice", 1,
                List.of(decision), null, Instant.parse("2025-11-10T09:00:00Z"), Instant.parse("2025-11-10T09:01:00Z"));
        assertThat(codec.toCompactJson(assessment)).contains("\"decisions\":[" + codec.toCompactJson(decision) + "]");

        String contentJson = codec.toCompactJson(content);
        String first = codec.toCompactJson(assessment);
        assertThat(first).contains("\"content\":" + contentJson + ",\"level\":\"medium\"");
        assertThat(codec.toCompactJson(assessment)).isEqualTo(first);
        assertThat(new String(codec.toCompactJsonBytes(assessment), StandardCharsets.UTF_8)).isEqualTo(first);
        ObjectMapper plain = new ObjectMapper();
        assertThat(plain.readTree(first)).isEqualTo(plain.readTree(codec.toJson(assessment)));
        assertThat(codec.readJson(contentJson, "stored", AssessmentContent.class)).isEqualTo(content);
        // An equal content of another instance is rendered alike.
        AssessmentContent twin = codec.readJson(contentJson, "stored", AssessmentContent.class);
        assertThat(codec.toCompactJson(twin)).isEqualTo(contentJson);
    }

    @Test
    void unknownField_isRefusedWithPathLineAndKnownFields() {
        ValidationException e = refusal(YAML.formatted(3, "1m").replace("impact: 2", "impact: 2\n    severity: 4"));
        assertThat(e.field()).isEqualTo("risks[0].severity");
        assertThat(e).hasMessage("assessment.yaml:9: risks[0].severity: unknown key 'severity'. Valid keys: category,"
                + " impact, likelihood, mitigation, owner, title");
        ValidationException top = refusal("title: x\nlevle: low\n");
        assertThat(top.field()).isEqualTo("levle");
        assertThat(top).hasMessageStartingWith("assessment.yaml:2: levle: unknown key 'levle'; did you mean 'level'?");
    }

    @Test
    void misspeltLikelihood_inAFile_isAnUnknownKeyAtItsLine_notALikelihoodOfZero() throws Exception {
        Path file = Files.writeString(dir.resolve("fix.yaml"), YAML.formatted(3, "1m")
                .replace("likelihood: 3", "likelyhood: 3"));
        assertThatThrownBy(() -> codec.readContent(file)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("risks[0].likelyhood");
            assertThat(e).hasMessage(file + ":7: risks[0].likelyhood: unknown key 'likelyhood'; did you mean"
                    + " 'likelihood'? Valid keys: category, impact, likelihood, mitigation, owner, title");
        });
    }

    @Test
    void likelihoodInWords_inAFile_namesFileLineAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("fix.yaml"), YAML.formatted("high", "1m"));
        assertThatThrownBy(() -> codec.readContent(file)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("risks[0].likelihood");
            assertThat(e).hasMessage(file + ":7: risks[0].likelihood: 'high' is not a number");
        });
    }

    @Test
    void likelihoodZeroOrSix_isRefusedNamingThePathAndLine() {
        for (String bad : new String[] {"0", "6"}) {
            ValidationException e = refusal(YAML.formatted(bad, "1m"));
            assertThat(e.field()).isEqualTo("risks[0].likelihood");
            assertThat(e).hasMessage("assessment.yaml:7: risks[0].likelihood: likelihood is " + bad + "; it must be a"
                    + " whole number from 1 to 5 (1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain)");
        }
    }

    @Test
    void badEnumAndBadDuration_areRefusedNamingTheField() {
        ValidationException level = refusal("title: x\nlevel: severe\n");
        assertThat(level.field()).isEqualTo("level");
        assertThat(level).hasMessage("assessment.yaml:2: level: 'severe' is not one of [low, medium, high, critical]");
        ValidationException duration = refusal(YAML.formatted(3, "soon"));
        assertThat(duration.field()).isEqualTo("rollback[0].expectedDuration");
        assertThat(duration).hasMessage("assessment.yaml:12: rollback[0].expectedDuration: 'soon' is not a duration:"
                + " write a number and a unit, one of ms, s, m, h, d (for example 500ms, 5s, 2m)");
        ValidationException missingTitle = refusal("summary: x\n");
        assertThat(missingTitle.field()).isEqualTo("title");
        assertThat(missingTitle).hasMessage("assessment.yaml: title: title is missing; it must be a non-blank text");
        ValidationException missingRiskTitle = refusal("title: x\nrisks:\n  - category: security\n    likelihood: 1\n");
        assertThat(missingRiskTitle).hasMessage("assessment.yaml:3: risks[0].title: title is missing; it must be a"
                + " non-blank text");
    }

    @Test
    void malformedYaml_andEmptyFile_areRefusedWithTheSource() {
        assertThat(refusal("title: 'unterminated\nsummary: x\n")).hasMessage("assessment.yaml:3:1: syntax error:"
                + " found the end of the file, in the quoted text that starts at line 1, column 8");
        assertThat(refusal("")).hasMessage("assessment.yaml: is empty");
    }

    @Test
    void json_roundTrips_camelCaseAndIsoInstants_andJsonFilesAreReadAsJson() throws Exception {
        AssessmentContent content = Samples.complete("api", 2, 3).withLevel(RiskLevel.MEDIUM);
        String json = codec.toJson(content);
        assertThat(json).contains("\"followUps\"", "\"expectedDuration\" : \"2m\"", "\"level\" : \"medium\"",
                "\"due\" : \"2025-11-17\"");
        Path file = Files.writeString(dir.resolve("a.json"), json);
        assertThat(codec.readContent(file)).isEqualTo(content);
        Files.writeString(dir.resolve("bad.json"), "{\"title\": \"x\", \"extra\": 1}");
        assertThatThrownBy(() -> codec.readContent(dir.resolve("bad.json")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("extra"));
    }

    @Test
    void retrospective_readsFromYaml() throws Exception {
        Path file = Files.writeString(dir.resolve("retro.yaml"),
                "observedIncidents: [none]\nactualLevel: low\nnotes: held\n");
        Retrospective retro = codec.readRetrospective(file);
        assertThat(retro.actualLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(retro.predictedLevel()).isNull();
    }
}
