package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.GovernanceFixture.AUTHOR;
import static io.warden.daemon.GovernanceFixture.LEAD;
import static io.warden.daemon.GovernanceFixture.QA;
import static io.warden.daemon.GovernanceFixture.SECURITY;
import static io.warden.daemon.GovernanceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole life of a MEDIUM assessment through HTTP, with a person per token: filed from the
 * example YAML, submitted, the author's own approval refused, rejected by security, reworked and
 * resubmitted, approved by lead and qa, deployed, observed, closed with a retrospective, exported.
 * Run against each database by a subclass.
 */
abstract class AssessmentLifecycleContract {

    static final String BASE = "/api/v1/assessments";

    @RegisterExtension
    final TestDaemon daemon = GovernanceFixture.daemon(this::storageUrl);

    ApiClient api;

    /** The storage URL of the backend under test, or null for the SQLite default. */
    abstract String storageUrl();

    @BeforeEach
    void connect() {
        api = new ApiClient(daemon.port());
    }

    @Test
    void lifecycle_throughTheApi_withSeveralUsers() throws Exception {
        String yaml = GovernanceFixture.example("process-management.yaml");
        assertThat(api.post(VIEWER, BASE, "application/yaml", yaml).statusCode()).as("read token writes").isEqualTo(403);

        HttpResponse<String> created = api.post(AUTHOR, BASE, "application/yaml", yaml);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).path("id").asText();
        String one = BASE + "/" + id;
        assertThat(created.headers().firstValue("Location")).hasValue(one);
        assertThat(json(created).path("level").asText()).isEqualTo("medium");
        assertThat(json(created).path("status").asText()).isEqualTo("draft");
        assertThat(json(created).path("author").asText()).isEqualTo("ann");

        assertThat(status(api.postJson(AUTHOR, one + "/submit", ""))).isEqualTo("in_review");
        HttpResponse<String> own = api.postJson(AUTHOR, one + "/approve", "{\"comment\": \"looks fine to me\"}");
        assertProblem(own, 409, "Approval Refused", "author");

        HttpResponse<String> rejected = api.postJson(SECURITY, one + "/reject",
                "{\"comment\": \"PID file must not be world-writable\"}");
        assertThat(status(rejected)).as(rejected.body()).isEqualTo("rejected");

        assertThat(status(api.postJson(AUTHOR, one + "/transition", "{\"to\": \"draft\", \"comment\": \"rework\"}")))
                .isEqualTo("draft");
        String reworked = yaml.replace("PID file inside the application directory",
                "PID file inside the application directory, mode 0600");
        HttpResponse<String> updated = api.put(AUTHOR, one, "application/yaml", reworked);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        HttpResponse<String> resubmitted = api.postJson(AUTHOR, one + "/submit", "");
        assertThat(json(resubmitted).path("round").asInt()).isEqualTo(2);

        assertThat(status(api.postJson(LEAD, one + "/approve", "{\"comment\": \"ok\"}"))).isEqualTo("in_review");
        HttpResponse<String> detail = api.get(VIEWER, one);
        assertThat(json(detail).path("approval").path("stillNeeded").toString()).contains("qa", "security");
        assertThat(json(detail).path("policy").path("required").asBoolean()).isTrue();
        assertThat(status(api.postJson(QA, one + "/approve", "{}"))).isEqualTo("approved");

        assertThat(status(api.postJson(LEAD, one + "/transition", "{\"to\": \"deployed\"}"))).isEqualTo("deployed");
        assertThat(status(api.postJson(LEAD, one + "/transition", "{\"to\": \"observing\"}"))).isEqualTo("observing");
        HttpResponse<String> closed = api.post(AUTHOR, one + "/close", "application/yaml", """
                observedIncidents: []
                actualLevel: low
                notes: no duplicate process since the deploy
                """);
        assertThat(status(closed)).as(closed.body()).isEqualTo("closed");
        assertProblem(api.postJson(LEAD, one + "/transition", "{\"to\": \"deployed\"}"), 409, "Illegal Transition",
                "closed is final");

        HttpResponse<String> markdown = api.get(VIEWER, one + "/export?format=md");
        assertThat(markdown.headers().firstValue("Content-Type").orElse("")).startsWith("text/markdown");
        assertThat(markdown.body()).contains("# Risk assessment: Process management", "## 1. Executive summary",
                "## 3. Risks", "## 5. Rollback procedure", "## 6. Monitoring", "## 8. Approvals",
                "## 10. Retrospective", "mode 0600", "quinn", "lee");
        assertThat(json(api.get(VIEWER, one + "/export?format=json")).path("retrospective").path("actualLevel")
                .asText()).isEqualTo("low");

        List<String> actions = new ArrayList<>();
        for (JsonNode entry : json(api.get(VIEWER, one + "/history")).path("entries")) {
            actions.add(entry.path("actor").asText() + " " + entry.path("action").asText());
        }
        assertThat(actions).contains("ann created", "sam rejected", "ann updated", "lee approved", "quinn approved",
                "ann retrospective");
        assertThat(ids(api.get(VIEWER, BASE + "?status=closed&service=control-center-backend"))).containsExactly(id);
        assertThat(ids(api.get(VIEWER, BASE + "?level=high"))).isEmpty();
    }

    static String status(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("status").asText();
    }

    static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).path("assessments").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    static void assertProblem(HttpResponse<String> response, int status, String title, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("title").asText()).isEqualTo(title);
        assertThat(json(response).path("detail").asText()).contains(detailPart);
    }
}
