package io.warden.daemon;

import static io.warden.daemon.TestDaemon.ADMIN;
import static io.warden.daemon.TestDaemon.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/alerts}, {@code /api/v1/silences} and the stream's {@code alerts} topic. */
class AlertsApiTest {

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(VIEWER, ADMIN).config("""
            alerts:
              rules:
                - {name: down, service: worker, metric: up, op: "<", critical: 1}
                - {name: sleeper-down, service: sleeper, metric: up, op: "<", critical: 1}
            services:
              sleeper:
                command: [sleep, "1000"]
              worker:
                command: [sh, -c, "exit 0"]
                restart: {policy: "no"}
            """);

    private ApiClient api() {
        return new ApiClient(daemon.port());
    }

    @Test
    void alerts_listFiringAlertsAsJsonAndText() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api().get(VIEWER.token(), "/api/v1/alerts").body().contains("\"state\":\"firing\""));
        JsonNode alert = ApiClient.json(api().get(VIEWER.token(), "/api/v1/alerts")).path("alerts").get(0);
        assertThat(alert.path("name").asText()).isEqualTo("down");
        assertThat(alert.path("labels").path("service").asText()).isEqualTo("worker");
        assertThat(Instant.parse(alert.path("startsAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(text("/api/v1/alerts")).startsWith("STATE").contains("firing", "critical", "down", "worker");
    }

    @Test
    void silences_addListExpire_adminForWrites_400WithTheFieldForBadBodies() {
        String body = """
                {"matchers": [{"name": "alertname", "op": "=", "value": "down"}], "duration": "2h", "comment": "known"}""";
        assertThat(api().postJson(VIEWER.token(), "/api/v1/silences", body).statusCode()).isEqualTo(403);
        HttpResponse<String> added = api().postJson(ADMIN.token(), "/api/v1/silences", body);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode silence = ApiClient.json(added);
        assertThat(silence.path("createdBy").asText()).isEqualTo(ADMIN.user());
        assertThat(Duration.between(Instant.parse(silence.path("startsAt").asText()),
                Instant.parse(silence.path("endsAt").asText()))).isEqualTo(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api().get(VIEWER.token(), "/api/v1/alerts").body().contains("\"silenced\":true"));
        assertThat(api().get(VIEWER.token(), "/api/v1/silences").body()).contains(silence.path("id").asText());

        String id = silence.path("id").asText();
        assertThat(api().send(VIEWER.token(), "DELETE", "/api/v1/silences/" + id, null, null).statusCode())
                .isEqualTo(403);
        assertThat(api().send(ADMIN.token(), "DELETE", "/api/v1/silences/" + id, null, null).statusCode())
                .isEqualTo(200);
        assertThat(api().send(ADMIN.token(), "DELETE", "/api/v1/silences/" + id, null, null).statusCode())
                .isEqualTo(404);

        assertBadRequest("{\"duration\": \"2h\"}", "matchers");
        assertBadRequest("{\"matchers\": [{\"name\": \"alertname\", \"value\": \"x\"}]}", "endsAt");
        assertBadRequest("{\"matchers\": [{\"name\": \"alertname\", \"value\": \"x\"}], \"duration\": \"soon\"}",
                "duration");
        assertBadRequest("{\"matchers\": [{\"name\": \"a\", \"op\": \"=~\", \"value\": \"(\"}], \"duration\": \"1h\"}",
                "matchers");
        assertBadRequest("{\"matchers\": [{\"name\": \"a\", \"value\": \"b\"}], \"duration\": \"1h\", \"colour\": 1}",
                "colour");
    }

    @Test
    void theAlertsTopic_sendsTheListThenEachTransition() throws Exception {
        WsProbe probe = WsProbe.open(HttpClient.newHttpClient(), daemon.port(),
                Map.of("Authorization", "Bearer " + VIEWER.token()));
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"alerts\"]}");
        String first = probe.messages.poll(30, TimeUnit.SECONDS);
        assertThat(first).startsWith("{\"topic\":\"alerts\",\"data\":[");
        assertThat(api().post(ADMIN.token(), "/api/v1/services/sleeper/stop", null, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.messages.stream()
                .anyMatch(m -> m.contains("\"topic\":\"alerts\"") && m.contains("\"name\":\"sleeper-down\"")
                        && m.contains("\"state\":\"firing\"") && m.contains("\"from\":\"inactive\"")));
    }

    private String text(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + daemon.port() + path)).header("Accept", "text/plain")
                .header("Authorization", "Bearer " + VIEWER.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private void assertBadRequest(String body, String field) {
        HttpResponse<String> response = api().postJson(ADMIN.token(), "/api/v1/silences", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(ApiClient.json(response).path("field").asText()).as(response.body()).startsWith(field);
    }
}
