package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.GovernanceFixture.AUTHOR;
import static io.warden.daemon.GovernanceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deploy's warning breach and its rollback as standing alerts: listed by {@code GET /api/v1/alerts}
 * and sent to a real webhook receiver, on a daemon deploying the deploy module's fixture service.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeployAlertsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final int port = DeployApiTest.freePort();
    private final WebhookReceiver hook = WebhookReceiver.start();

    @RegisterExtension
    final TestDaemon daemon = GovernanceFixture.daemon(() -> null).config(dir -> """
            rateLimits:
              read: {capacity: 10000, refill: 10000, period: 1s}
              write: {capacity: 10000, refill: 10000, period: 1s}
            alerts:
              defaults: false
              receivers:
                - {name: ops, url: "%s", backoff: 100ms}
            update: {healthyDeadline: 10s, minHealthyTime: 300ms, window: 1s, interval: 100ms, failureLimit: 1000}
            services:
              web:
                command: [python3, "%s", "%d", v1, good]
                port: %d
                health: {http: "http://127.0.0.1:%d/health", interval: 100ms}
            """.formatted(hook.url(), DeployApiTest.FIXTURE, port, port, port));

    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void connect() {
        api = new ApiClient(daemon.port());
        await().atMost(PATIENCE).until(() -> "v1".equals(get("/")));
    }

    @AfterEach
    void stopHook() {
        hook.close();
    }

    private String deploy(String version, String mode, String more) throws IOException {
        String spec = ("command: [python3, \"%s\", \"%d\", %s, %s]\nport: %d\n"
                + "health: {http: \"http://127.0.0.1:%d/health\", interval: 100ms}\n")
                .formatted(DeployApiTest.FIXTURE, port, version, mode, port, port);
        HttpResponse<String> accepted = api.postJson(AUTHOR, "/api/v1/services/web/deploy",
                "{\"spec\": " + mapper.writeValueAsString(spec) + ", \"specFile\": \"web.yaml\"" + more + "}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json(accepted).path("id").asText();
    }

    private Optional<JsonNode> alert(String alertname, String deploy) {
        JsonNode alerts = json(api.get(VIEWER, "/api/v1/alerts")).path("alerts");
        return StreamSupport.stream(alerts.spliterator(), false)
                .filter(a -> a.path("name").asText().equals(alertname)
                        && a.path("labels").path("deploy").asText().equals(deploy)).findFirst();
    }

    private String state(String alertname, String deploy) {
        return alert(alertname, deploy).map(a -> a.path("state").asText()).orElse("none");
    }

    private List<String> delivered(String alertname, String deploy) {
        return hook.of(alertname, "web").stream()
                .filter(r -> r.alert().path("labels").path("deploy").asText().equals(deploy))
                .map(WebhookReceiver.Received::status).toList();
    }

    @Test
    void aWarningBreachDuringTheWatch_firesDeployThresholdWarning_untilTheWatchEnds() throws Exception {
        String assessment = DeployApiTest.approvedAssessment(api, "> 100000");
        Thread load = DeployApiTest.load(port);
        try {
            String id = deploy("v2", "bad", ", \"assessment\": \"" + assessment + "\", \"watch\": \"8s\"");

            await().atMost(PATIENCE).until(() -> state("DeployThresholdWarning", id).equals("firing"));
            JsonNode warning = alert("DeployThresholdWarning", id).orElseThrow();
            assertThat(warning.path("severity").asText()).isEqualTo("warning");
            assertThat(warning.path("labels").path("service").asText()).isEqualTo("web");
            assertThat(warning.path("labels").path("threshold").asText()).contains("http_requests_total");
            assertThat(warning.path("annotations").path("warning").asText()).isEqualTo("> 0.5");
            assertThat(warning.path("annotations").path("deployedBy").asText()).isEqualTo("ann");
            assertThat(warning.path("annotations").path("summary").asText()).contains(id, "above its warning > 0.5");
            await().atMost(PATIENCE).until(() -> delivered("DeployThresholdWarning", id).contains("firing"));
            JsonNode sent = hook.of("DeployThresholdWarning", "web").getFirst().alert();
            assertThat(sent.path("labels").path("severity").asText()).isEqualTo("warning");
            assertThat(sent.path("annotations").path("value").asText()).isNotEmpty();

            await().atMost(PATIENCE).until(() -> !json(api.get(VIEWER, "/api/v1/deploys/" + id)).path("deploy")
                    .path("phase").asText().equals("watching"));
            await().atMost(PATIENCE).until(() -> state("DeployThresholdWarning", id).equals("resolved"));
            await().atMost(PATIENCE).until(() -> delivered("DeployThresholdWarning", id).contains("resolved"));
        } finally {
            load.interrupt();
        }
    }

    @Test
    void aRollback_firesDeployRolledBack_untilTheNextDeployOfTheServiceIsPromoted() throws Exception {
        String bad = deploy("v2", "crash", "");
        await().atMost(PATIENCE).until(() -> state("DeployRolledBack", bad).equals("firing"));
        JsonNode rolledBack = alert("DeployRolledBack", bad).orElseThrow();
        assertThat(rolledBack.path("labels").path("verdict").asText()).isEqualTo("unhealthy");
        assertThat(rolledBack.path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(rolledBack.path("annotations").path("rolledBackBy").asText()).isEqualTo("warden");
        assertThat(rolledBack.path("annotations").path("rolledBackAt").asText()).isNotEmpty();
        assertThat(rolledBack.path("annotations").path("reason").asText()).contains("rolled back at");
        await().atMost(PATIENCE).until(() -> delivered("DeployRolledBack", bad).equals(List.of("firing")));
        HttpResponse<String> table = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                + "/api/v1/alerts")).header("Authorization", "Bearer " + VIEWER).header("Accept", "text/plain")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(table.body()).contains("DeployRolledBack", "web"); // what `warden alerts` prints
        await().atMost(PATIENCE).until(() -> "v1".equals(get("/")));

        String good = deploy("v3", "good", "");

        await().atMost(PATIENCE).until(() -> state("DeployRolledBack", bad).equals("resolved"));
        assertThat(json(api.get(VIEWER, "/api/v1/deploys/" + good)).path("deploy").path("phase").asText())
                .isEqualTo("promoted");
        await().atMost(PATIENCE).until(() -> delivered("DeployRolledBack", bad).equals(List.of("firing", "resolved")));
    }

    private String get(String path) {
        return DeployApiTest.get(http, port, path);
    }
}
