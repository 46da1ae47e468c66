package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.AssessmentLifecycleContract.assertProblem;
import static io.warden.daemon.GovernanceFixture.AUTHOR;
import static io.warden.daemon.GovernanceFixture.LEAD;
import static io.warden.daemon.GovernanceFixture.QA;
import static io.warden.daemon.GovernanceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deploys through the daemon's API on a real service (the deploy module's fixture, python3): the
 * policy gate, a bad version rolled back on its own, a rollback by hand, the history.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeployApiTest {

    /** The deploy module's fixture service: {@code fixture_service.py PORT VERSION MODE}. */
    static final Path FIXTURE = Path.of("../deploy/src/test/resources/io/warden/deploy/fixture_service.py")
            .toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final int port = freePort();

    @RegisterExtension
    final TestDaemon daemon = GovernanceFixture.daemon(() -> null).config(dir -> """
            rateLimits:
              read: {capacity: 10000, refill: 10000, period: 1s}
              write: {capacity: 10000, refill: 10000, period: 1s}
            update: {healthyDeadline: 10s, minHealthyTime: 300ms, window: 1s, interval: 100ms}
            services:
            %s""".formatted(service("v1", "good").indent(2)));

    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        api = new ApiClient(daemon.port());
        await().atMost(PATIENCE).until(() -> "v1".equals(get("/")));
    }

    /** The service {@code web} as YAML: the fixture in {@code version} and {@code mode}, probed every 100ms. */
    String service(String version, String mode) {
        return """
                web:
                  command: [python3, "%s", "%d", %s, %s]
                  port: %d
                  health: {http: "http://127.0.0.1:%d/health", interval: 100ms}
                """.formatted(FIXTURE, port, version, mode, port, port);
    }

    private String spec(String version, String mode) {
        return service(version, mode).lines().skip(1).map(line -> line.substring(2) + "\n")
                .reduce("", String::concat);
    }

    private String deployBody(String version, String mode, String more) throws IOException {
        return "{\"spec\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(spec(version, mode))
                + ", \"specFile\": \"web.yaml\"" + more + "}";
    }

    @Test
    void productionDeploy_withoutAnApprovedAssessment_isRefused_andWithOne_proceeds() throws Exception {
        HttpResponse<String> refused = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                deployBody("v2", "good", ", \"environment\": \"production\""));
        assertProblem(refused, 409, "Deploy Refused", "approved assessment");
        assertThat(get("/")).isEqualTo("v1");

        String yaml = GovernanceFixture.example("process-management.yaml")
                .replace("services: [control-center-backend]", "services: [web]")
                .replace("environment: development", "environment: production");
        String id = json(api.post(AUTHOR, "/api/v1/assessments", "application/yaml", yaml)).path("id").asText();
        api.postJson(AUTHOR, "/api/v1/assessments/" + id + "/submit", "");
        HttpResponse<String> inReview = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                deployBody("v2", "good", ", \"environment\": \"production\", \"assessment\": \"" + id + "\""));
        assertProblem(inReview, 409, "Deploy Refused", "still needs");
        api.postJson(LEAD, "/api/v1/assessments/" + id + "/approve", "{\"comment\": \"ok\"}");
        api.postJson(QA, "/api/v1/assessments/" + id + "/approve", "{\"comment\": \"ok\"}");

        HttpResponse<String> accepted = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                deployBody("v2", "good", ", \"environment\": \"production\", \"assessment\": \"" + id + "\""));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(json(accepted).path("changes").toString()).contains("v2");
        await().atMost(PATIENCE).until(() -> "v2".equals(get("/")));
    }

    @Test
    void versionThatCrashes_isRolledBack_andTheOldOneServesAgain() throws Exception {
        HttpResponse<String> accepted = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                deployBody("v2", "crash", ""));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).path("id").asText();

        await().atMost(PATIENCE).until(() -> phase(id).equals("rolled_back"));
        JsonNode detail = json(api.get(VIEWER, "/api/v1/deploys/" + id));
        assertThat(detail.path("deploy").path("verdict").asText()).isEqualTo("unhealthy");
        assertThat(detail.path("steps").toString()).contains("applying", "rolled_back");
        await().atMost(PATIENCE).until(() -> "v1".equals(get("/")));
        assertThat(json(api.get(VIEWER, "/api/v1/deploys?service=web")).path("deploys").get(0).path("id").asText())
                .isEqualTo(id);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(java.nio.file.Files.readString(
                daemon.dir().resolve(".warden/events.log"))).contains("\"kind\":\"deploy\"", id, "rolled_back"));
    }

    @Test
    void rollbackByHand_throughTheApi_restoresThePreviousSpec() throws Exception {
        HttpResponse<String> accepted = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                "{\"set\": [\"command=[python3, '" + FIXTURE + "', '" + port + "', v3, good]\"], \"watch\": \"1m\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json(accepted).path("id").asText();
        await().atMost(PATIENCE).until(() -> "v3".equals(get("/")));

        HttpResponse<String> rolledBack = api.postJson(LEAD, "/api/v1/services/web/rollback",
                "{\"reason\": \"v3 looks wrong\"}");

        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(json(rolledBack).path("verdict").asText()).isEqualTo("manual");
        await().atMost(PATIENCE).until(() -> "v1".equals(get("/")));
        assertThat(phase(id)).isEqualTo("rolled_back");
        assertProblem(api.postJson(LEAD, "/api/v1/services/web/rollback", ""), 409, "Conflict", "rolled back");
        assertThat(api.postJson(AUTHOR, "/api/v1/services/nope/deploy", deployBody("v2", "good", "")).statusCode())
                .isEqualTo(404);
        HttpResponse<String> badSpec = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                "{\"spec\": \"command: [python3]\\nrestart: {policy: sometimes}\", \"specFile\": \"web.yaml\"}");
        assertThat(badSpec.statusCode()).as(badSpec.body()).isEqualTo(400);
        assertThat(json(badSpec).path("detail").asText()).contains("web.yaml:2: restart.policy");
    }

    @Test
    void aVersionAnsweringHalfItsRequestsWith500_isRolledBackByItsThreshold_namingIt() throws Exception {
        String assessment = approvedAssessment(api, "> 2");
        Thread load = load(port);
        try {
            HttpResponse<String> accepted = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                    deployBody("v2", "bad", ", \"assessment\": \"" + assessment + "\", \"watch\": \"30s\""));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = json(accepted).path("id").asText();

            await().atMost(PATIENCE).until(() -> phase(id).equals("rolled_back"));
            JsonNode deploy = json(api.get(VIEWER, "/api/v1/deploys/" + id)).path("deploy");
            assertThat(deploy.path("verdict").asText()).isEqualTo("failed");
            assertThat(deploy.path("reason").asText()).contains("http_requests_total");
            await().atMost(PATIENCE).until(() -> "v1".equals(get("/")));
            assertThat(json(api.get(VIEWER, "/api/v1/assessments/" + assessment + "/history")).toString())
                    .contains("http_requests_total");
        } finally {
            load.interrupt();
        }
    }

    @Test
    void aPromotedSpec_outlivesADaemonRestart_notTheFilesSpec() throws Exception {
        HttpResponse<String> accepted = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                deployBody("v4", "good", ""));
        String id = json(accepted).path("id").asText();
        await().atMost(PATIENCE).until(() -> phase(id).equals("promoted"));
        daemon.daemon().close();
        await().atMost(PATIENCE).until(() -> get("/") == null);

        try (Daemon again = daemon.startIn(daemon.dir())) {
            await().atMost(PATIENCE).until(() -> "v4".equals(get("/")));
            assertThat(again.supervisor().spec("web").command()).contains("v4");
        }
    }

    /**
     * An approved assessment of {@code web} whose one threshold is the fixture's 500s per second,
     * warning above 0.5, critical as given ({@code "> 2"}).
     */
    static String approvedAssessment(ApiClient api, String critical) throws IOException {
        String yaml = GovernanceFixture.example("process-management.yaml")
                .replace("services: [control-center-backend]", "services: [web]");
        yaml = yaml.substring(0, yaml.indexOf("monitoring:")) + """
                monitoring:
                  - {metric: "prometheus:#rate(http_requests_total{code=\\"500\\"}[1s])", expected: "0/s",
                     warning: "> 0.5", critical: "%s"}
                """.formatted(critical) + yaml.substring(yaml.indexOf("checklists:"));
        String assessment = json(api.post(AUTHOR, "/api/v1/assessments", "application/yaml", yaml)).path("id")
                .asText();
        api.postJson(AUTHOR, "/api/v1/assessments/" + assessment + "/submit", "");
        api.postJson(LEAD, "/api/v1/assessments/" + assessment + "/approve", "{\"comment\": \"ok\"}");
        api.postJson(QA, "/api/v1/assessments/" + assessment + "/approve", "{\"comment\": \"ok\"}");
        return assessment;
    }

    /** A virtual thread that GETs the fixture's {@code /} every 10ms on {@code port} until interrupted. */
    static Thread load(int port) {
        HttpClient client = HttpClient.newHttpClient();
        return Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                get(client, port, "/");
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private String phase(String id) {
        return json(api.get(VIEWER, "/api/v1/deploys/" + id)).path("deploy").path("phase").asText();
    }

    private String get(String path) {
        return get(http, port, path);
    }

    /** The body of a GET of the fixture on {@code port}, null unless it answered 200. */
    static String get(HttpClient http, int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
