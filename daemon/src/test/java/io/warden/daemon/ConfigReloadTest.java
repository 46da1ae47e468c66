package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.TestDaemon.ADMIN;
import static io.warden.daemon.TestDaemon.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.daemon.TestDaemon.Token;
import io.warden.supervisor.ServiceState;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/config/apply} reloading what is not a service: API tokens, rate limits, alert
 * rules (a real webhook receiver hears them), planned by a dry run, all or nothing.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ConfigReloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Token BOB = new Token("bob", "bob-token-0123456789abcdef", "read");
    private static final String LIMITS = """
            rateLimits:
              read: {capacity: 10000, refill: 10000, period: 1s}
              write: {capacity: 10000, refill: 10000, period: 1s}
            """;
    private static final String ALPHA_UP =
            "    - {name: alpha-up, service: alpha, metric: up, op: \">=\", critical: 1}\n";

    private final WebhookReceiver hook = WebhookReceiver.start();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(ADMIN, VIEWER).config(dir -> LIMITS + """
            alerts:
              defaults: false
              interval: 100ms
              receivers:
                - {name: ops, url: "%s", backoff: 100ms}
              rules:
                - {name: alpha-failed, service: alpha, metric: failed, op: ">", critical: 0}
            services:
              alpha:
                command: [/bin/sh, -c, "exec sleep 1000"]
            """.formatted(hook.url()));

    private ApiClient api;
    private Path file;
    private String original;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void up() throws Exception {
        api = new ApiClient(daemon.port());
        file = daemon.dir().resolve("warden.yaml");
        original = Files.readString(file);
        await().atMost(PATIENCE).until(() -> daemon.supervisor().service("alpha").state() == ServiceState.RUNNING);
    }

    @AfterEach
    void stopHook() {
        hook.close();
    }

    private HttpResponse<String> apply(String text, boolean dryRun) throws Exception {
        HttpResponse<String> response = api.postJson(ADMIN.token(), "/api/v1/config/apply", mapper.writeValueAsString(
                Map.of("config", text, "file", file.toString(), "dryRun", dryRun)));
        return response;
    }

    private JsonNode applied(String text) throws Exception {
        HttpResponse<String> response = apply(text, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private String withBob() {
        return original.replace(VIEWER.yaml(), VIEWER.yaml() + BOB.yaml());
    }

    private String alertState(String name) {
        JsonNode alerts = json(api.get(VIEWER.token(), "/api/v1/alerts")).path("alerts");
        return StreamSupport.stream(alerts.spliterator(), false).filter(a -> a.path("name").asText().equals(name))
                .map(a -> a.path("state").asText()).findFirst().orElse("none");
    }

    private static List<String> section(JsonNode plan, String name) {
        return StreamSupport.stream(plan.path("reloaded").spliterator(), false)
                .filter(s -> s.path("section").asText().equals(name))
                .flatMap(s -> StreamSupport.stream(s.path("changes").spliterator(), false).map(JsonNode::asText))
                .toList();
    }

    @Test
    void anAddedToken_isLetIn_andOnceRemoved_isRefused_theOthersUntouched() throws Exception {
        assertThat(api.get(BOB.token(), "/api/v1/services").statusCode()).isEqualTo(401);

        JsonNode plan = applied(withBob());

        assertThat(section(plan, "auth.tokens")).containsExactly("+ bob (read)");
        assertThat(api.get(BOB.token(), "/api/v1/services").statusCode()).isEqualTo(200);
        assertThat(api.postJson(BOB.token(), "/api/v1/services/alpha/restart", "").statusCode()).isEqualTo(403);

        JsonNode promoted = applied(withBob().replace(BOB.yaml(), BOB.yaml().replace("scope: read", "scope: admin")));
        assertThat(section(promoted, "auth.tokens")).containsExactly("~ bob (scope read -> admin)");
        assertThat(api.postJson(BOB.token(), "/api/v1/silences", "{\"matchers\": [{\"name\": \"alertname\", "
                + "\"op\": \"=\", \"value\": \"x\"}], \"duration\": \"1m\"}").statusCode()).isEqualTo(201);

        JsonNode removed = applied(original);
        assertThat(section(removed, "auth.tokens")).containsExactly("- bob");
        assertThat(api.get(BOB.token(), "/api/v1/services").statusCode()).isEqualTo(401);
        assertThat(api.get(VIEWER.token(), "/api/v1/services").statusCode()).isEqualTo(200);
    }

    @Test
    void aLoweredRateLimit_answers429Sooner() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(api.get(VIEWER.token(), "/api/v1/services").statusCode()).isEqualTo(200);
        }

        JsonNode plan = applied(original.replace("read: {capacity: 10000, refill: 10000, period: 1s}",
                "read: {capacity: 3, refill: 1, period: 1h}"));

        assertThat(section(plan, "rateLimits")).containsExactly(
                "read: 10000 per second, bursts of up to 10000 -> 1 per hour, bursts of up to 3");
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(VIEWER.token(), "/api/v1/services").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = api.get(VIEWER.token(), "/api/v1/services");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("detail").asText()).contains("1 per hour, bursts of up to 3");
        assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("3");
    }

    @Test
    void anAddedAlertRule_isEvaluatedAndFires_andOnceRemoved_resolves() throws Exception {
        String withRule = original.replace("    - {name: alpha-failed", ALPHA_UP + "    - {name: alpha-failed");

        JsonNode plan = applied(withRule);

        assertThat(section(plan, "alerts.rules")).containsExactly("+ alpha-up (up)");
        await().atMost(PATIENCE).until(() -> alertState("alpha-up").equals("firing"));
        await().atMost(PATIENCE).until(() -> hook.of("alpha-up", "alpha").stream()
                .anyMatch(r -> r.status().equals("firing")));

        JsonNode removed = applied(original);

        assertThat(section(removed, "alerts.rules")).containsExactly("- alpha-up (its alerts resolve)");
        assertThat(alertState("alpha-up")).isEqualTo("resolved");
        await().atMost(PATIENCE).until(() -> hook.of("alpha-up", "alpha").stream()
                .map(WebhookReceiver.Received::status).toList().equals(List.of("firing", "resolved")));
        assertThat(alertState("alpha-failed")).isEqualTo("none");
    }

    @Test
    void aDryRun_listsTheChanges_andAppliesNone() throws Exception {
        String changed = withBob().replace("read: {capacity: 10000, refill: 10000, period: 1s}",
                        "read: {capacity: 3, refill: 1, period: 1h}")
                .replace("    - {name: alpha-failed", ALPHA_UP + "    - {name: alpha-failed")
                .replace("    - {name: ops,", "    - {name: chat, url: \"http://127.0.0.1:9/hook\", format: slack}\n"
                        + "    - {name: ops,")
                .replace("server:\n  port: 0\n", "server:\n  port: 0\n  maxBodySize: 64KB\n")
                .replace("  interval: 100ms\n", "  interval: 200ms\n");

        HttpResponse<String> response = apply(changed, true);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode plan = json(response);
        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(section(plan, "auth.tokens")).containsExactly("+ bob (read)");
        assertThat(section(plan, "rateLimits")).hasSize(1);
        assertThat(section(plan, "alerts.rules")).containsExactly("+ alpha-up (up)");
        assertThat(section(plan, "alerts.receivers")).containsExactly("+ chat (slack)");
        assertThat(section(plan, "alerts")).containsExactly("alerts.interval: 100ms -> 200ms");
        assertThat(plan.path("needsRestart").toString()).isEqualTo("[\"server.maxBodySize\"]");
        assertThat(api.get(BOB.token(), "/api/v1/services").statusCode()).isEqualTo(401);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(VIEWER.token(), "/api/v1/services").statusCode()).isEqualTo(200);
        }
        assertThat(alertState("alpha-up")).isEqualTo("none");
    }

    @Test
    void aConfigThatFailsValidation_changesNothing() throws Exception {
        String broken = withBob().replace("    - {name: alpha-failed", ALPHA_UP.replace("op: \">=\"", "op: \"=>\"")
                + "    - {name: alpha-failed");
        HttpResponse<String> refused = apply(broken, false);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).path("detail").asText()).contains(file.toString(), "alerts.rules[0].op");

        String shared = withBob().replace(BOB.yaml(), BOB.yaml() + BOB.yaml().replace("user: bob", "user: eve"));
        HttpResponse<String> twoUsers = apply(shared, false);
        assertThat(twoUsers.statusCode()).as(twoUsers.body()).isEqualTo(400);
        assertThat(json(twoUsers).path("detail").asText()).contains("auth.tokens", "bob", "eve");

        assertThat(api.get(BOB.token(), "/api/v1/services").statusCode()).isEqualTo(401);
    }
}
