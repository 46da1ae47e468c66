package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.GovernanceFixture.ALIEN;
import static io.warden.daemon.GovernanceFixture.AUTHOR;
import static io.warden.daemon.GovernanceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.StorageException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assessment lifecycle over HTTP on the default store (SQLite in the state directory), and the
 * refusals of bad input, each naming the field.
 */
class SqliteAssessmentApiTest extends AssessmentLifecycleContract {

    @Override
    String storageUrl() {
        return null;
    }

    @Test
    void defaultStore_isTheSqliteFileInTheStateDir_openedOnFirstUse_andHealthReportsIt() {
        HttpResponse<String> before = api.get(VIEWER, "/health");
        assertThat(json(before).path("components").path("governance").path("up").asBoolean()).as(before.body()).isTrue();
        assertThat(json(before).path("components").path("governance").path("detail").asText())
                .isEqualTo("sqlite (opened on first use)");
        assertThat(daemon.dir().resolve(".warden/warden.db")).as("a daemon nobody asked about assessments").doesNotExist();

        assertThat(api.get(VIEWER, BASE).statusCode()).isEqualTo(200);
        assertThat(daemon.dir().resolve(".warden/warden.db")).exists();
        HttpResponse<String> health = api.get(VIEWER, "/health");
        assertThat(json(health).path("components").path("governance").path("up").asBoolean()).as(health.body()).isTrue();
        assertThat(json(health).path("components").path("governance").path("detail").asText()).isEqualTo("sqlite");
    }

    @Test
    void sqliteFileWhoseDirectoryCannotBeMade_failsTheStart_namingIt(@TempDir Path other) {
        // /proc refuses new directories, even to root.
        assertThatThrownBy(() -> GovernanceFixture.daemon(() -> "jdbc:sqlite:/proc/warden-no-such/x.db").startIn(other))
                .isInstanceOf(StorageException.class).hasMessageContaining("/proc/warden-no-such");
    }

    @Test
    void badInput_isRefusedWith400NamingTheField() throws Exception {
        String yaml = GovernanceFixture.example("process-management.yaml");
        assertField(api.post(AUTHOR, BASE, "application/yaml", yaml.replace("level: medium", "level: high")), "level");
        assertField(api.post(AUTHOR, BASE, "application/yaml", yaml.replaceFirst("likelihood: 3", "likelihood: 0")),
                "risks[0].likelihood");
        assertField(api.post(AUTHOR, BASE, "application/yaml", yaml.replaceFirst("likelihood: 3", "likelihood: 6")),
                "risks[0].likelihood");
        assertField(api.post(AUTHOR, BASE, "application/yaml", yaml.replaceFirst("    impact: 2",
                "    impact: 2\n    colour: red")), "risks[0].colour");
        assertField(api.post(AUTHOR, BASE, "application/yaml", yaml.replaceFirst("likelihood: 3", "likelihood: high")),
                "risks[0].likelihood");
        assertField(api.post(AUTHOR, BASE, "application/yaml", yaml.replaceFirst("likelihood: 3", "likelyhood: 3")),
                "risks[0].likelyhood");
        assertField(api.postJson(AUTHOR, BASE, "{\"title\": \"x\", \"risks\": [], \"sevrity\": 1}"), "sevrity");
        assertField(api.post(ALIEN, BASE, "application/yaml", yaml), "roles");
        assertThat(json(api.post(ALIEN, BASE, "application/yaml", yaml)).path("detail").asText()).contains("cfo");

        String id = json(api.post(AUTHOR, BASE, "application/yaml", yaml)).path("id").asText();
        assertField(api.postJson(AUTHOR, BASE + "/" + id + "/transition", "{\"to\": \"shipped\"}"), "to");
        assertField(api.get(VIEWER, BASE + "?level=severe"), "level");
        assertField(api.get(VIEWER, BASE + "/" + id + "/export?format=pdf"), "format");
        assertThat(api.post(AUTHOR, BASE, "text/plain", yaml).statusCode()).isEqualTo(415);
        assertThat(api.get(VIEWER, BASE + "/no-such-id").statusCode()).isEqualTo(404);
    }

    @Test
    void tenMegabyteBody_is413() {
        String huge = "{\"title\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = api.postJson(AUTHOR, BASE, huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void submittingAnIncompleteAssessment_is409ListingEveryMissingItem() {
        String id = json(api.postJson(AUTHOR, BASE, """
                {"title": "Bump the pool size", "risks": [{"category": "performance", "title": "more connections",
                 "likelihood": 2, "impact": 2, "mitigation": "watch the pool", "owner": "ann"}]}""")).path("id").asText();
        HttpResponse<String> refused = api.postJson(AUTHOR, BASE + "/" + id + "/submit", "");
        assertProblem(refused, 409, "Incomplete Assessment", "summary");
        assertThat(json(refused).path("detail").asText()).contains("rollback");
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(json(response).path("detail").asText()).as(response.body()).contains(field);
    }
}
