package io.warden.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.silence.LabelMatcher;
import io.warden.alerts.silence.Silence;
import io.warden.alerts.testing.HttpFixture;
import io.warden.alerts.testing.ManualClock;
import io.warden.config.ConfigMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsTest {

    record Doc(AlertsConfig alerts) {
    }

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private final MetricBoard board = new MetricBoard();
    private final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    /** Alerts with one rule, backend's CPU above 80 (critical 90), and one receiver at {@code port}. */
    private Alerts alerts(int port, String ruleExtra, String receiverExtra) {
        String yaml = """
                alerts:
                  defaults: false
                  externalUrl: http://127.0.0.1:54112
                  receivers:
                    - {name: ops, url: "http://127.0.0.1:%d/hook", backoff: 100ms, timeout: 2s%s}
                  rules:
                    - {name: backend-cpu, service: backend, metric: cpu, op: ">", warning: 80, critical: 90,
                       labels: {team: api}, summary: "{{ $labels.service }} CPU {{ $value }} %%"%s}
                """.formatted(port, receiverExtra.isEmpty() ? ", maxRetries: 10" : receiverExtra, ruleExtra);
        ConfigMapper mapper = ConfigMapper.create();
        AlertsConfig config = mapper.bind("warden.yaml", yaml, Doc.class, false).alerts();
        Alerts alerts = Alerts.builder(config, config.validate(mapper, "warden.yaml", yaml, false, "alerts",
                Set.of("backend"))).clock(clock).metrics(board).stateFile(dir.resolve("alerts.json")).build();
        alerts.subscribe(events::add);
        open.add(alerts);
        return alerts;
    }

    private HttpFixture receiver(int port) {
        HttpFixture receiver = HttpFixture.receiver(port);
        open.add(receiver);
        return receiver;
    }

    private static int freePort() {
        try (HttpFixture probe = HttpFixture.receiver(0)) {
            return probe.port();
        }
    }

    private void cpu(double value) {
        board.set(Metric.CPU, "backend", value);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void firingThenResolved_sendsAlertmanagerV4Payloads() throws Exception {
        HttpFixture receiver = receiver(0);
        Alerts alerts = alerts(receiver.port(), "", "");
        cpu(95);
        alerts.tick();
        assertThat(alerts.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            assertThat(alert.severity()).isEqualTo("critical");
            assertThat(alert.annotations()).containsEntry("summary", "backend CPU 95 %");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 1);
        JsonNode firing = json(receiver.bodies().getFirst());
        assertThat(firing.get("version").asText()).isEqualTo("4");
        assertThat(firing.get("status").asText()).isEqualTo("firing");
        assertThat(firing.get("receiver").asText()).isEqualTo("ops");
        assertThat(firing.get("groupKey").asText()).isEqualTo("{}:{alertname=\"backend-cpu\"}");
        assertThat(firing.get("groupLabels").toString()).isEqualTo("{\"alertname\":\"backend-cpu\"}");
        assertThat(firing.get("commonLabels").toString()).isEqualTo("{\"alertname\":\"backend-cpu\","
                + "\"service\":\"backend\",\"severity\":\"critical\",\"team\":\"api\"}");
        assertThat(firing.get("externalURL").asText()).isEqualTo("http://127.0.0.1:54112");
        JsonNode alert = firing.get("alerts").get(0);
        assertThat(alert.get("startsAt").asText()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.get("generatorURL").asText()).isEqualTo("http://127.0.0.1:54112/api/v1/alerts");
        assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(alert.get("annotations").get("summary").asText()).isEqualTo("backend CPU 95 %");

        clock.advance(Duration.ofSeconds(5));
        cpu(10);
        alerts.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 2);
        JsonNode resolved = json(receiver.bodies().get(1));
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("alerts").get(0).get("endsAt").asText()).isEqualTo("2026-12-07T10:00:05Z");
        assertThat(alerts.alerts()).singleElement().extracting(Alert::state).isEqualTo(AlertState.RESOLVED);
        assertThat(events).filteredOn(AlertEvent.Transition.class::isInstance).hasSize(2);
    }

    @Test
    void restartWhileFiring_neitherRenotifiesNorMovesStartsAt() throws Exception {
        HttpFixture receiver = receiver(0);
        Alerts first = alerts(receiver.port(), "", "");
        cpu(95);
        first.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> first.deliveries().getFirst().delivered() == 1);
        // No close(): as after kill -9, only what was written at the transition and the delivery counts.

        clock.advance(Duration.ofMinutes(3));
        Alerts second = alerts(receiver.port(), "", "");
        assertThat(second.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            assertThat(alert.startsAt()).isEqualTo(T0);
        });
        second.tick();
        assertThat(second.alerts().getFirst().startsAt()).isEqualTo(T0);
        clock.advance(Duration.ofSeconds(1));
        cpu(10);
        second.tick();
        // One receiver worker delivers in order: a second firing would have come before the resolved.
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() >= 2);
        assertThat(receiver.bodies()).extracting(body -> json(body).get("status").asText())
                .containsExactly("firing", "resolved");
        assertThat(json(receiver.bodies().get(1)).get("alerts").get(0).get("startsAt").asText())
                .isEqualTo("2026-12-07T10:00:00Z");
    }

    @Test
    void restartWhilePending_keepsCountingFor() {
        Alerts first = alerts(freePort(), ", for: 30s", "");
        cpu(95);
        first.tick();
        assertThat(first.alerts().getFirst().state()).isEqualTo(AlertState.PENDING);

        clock.advance(Duration.ofSeconds(30));
        Alerts second = alerts(freePort(), ", for: 30s", "");
        second.tick();
        assertThat(second.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            assertThat(alert.startsAt()).isEqualTo(T0);
        });
    }

    @Test
    void receiverDownThenUp_getsEachTransitionExactlyOnce() throws Exception {
        int port = freePort();
        Alerts alerts = alerts(port, "", "");
        cpu(95);
        alerts.tick();
        clock.advance(Duration.ofSeconds(2));
        cpu(10);
        alerts.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> !alerts.deliveries().getFirst().lastError().isEmpty());
        assertThat(alerts.deliveries().getFirst().lastError())
                .isEqualTo("cannot connect to http://127.0.0.1:" + port + "/hook: connection refused");
        assertThat(alerts.deliveries().getFirst().queued()).isEqualTo(2);

        HttpFixture receiver = receiver(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> alerts.deliveries().getFirst().queued() == 0);
        assertThat(receiver.bodies()).extracting(body -> json(body).get("status").asText())
                .containsExactly("firing", "resolved");
        assertThat(alerts.deliveries().getFirst().delivered()).isEqualTo(2);
        assertThat(events).filteredOn(AlertEvent.Delivery.class::isInstance)
                .extracting(event -> ((AlertEvent.Delivery) event).delivered()).containsExactly(true, true);
    }

    @Test
    void receiverFailingEveryRetry_isCountedWithItsError() {
        HttpFixture failing = HttpFixture.start(0, body -> new HttpFixture.Answer(500, ""));
        open.add(failing);
        Alerts alerts = alerts(failing.port(), "", ", maxRetries: 2");
        cpu(95);
        alerts.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.deliveries().getFirst().failed() == 1);
        assertThat(failing.bodies()).hasSize(3);
        assertThat(alerts.deliveries().getFirst().lastError()).endsWith("/hook answered HTTP 500");
        clock.advance(Duration.ofSeconds(1));
        alerts.tick(); // still firing: a given-up notification is not queued again (no retry storm)
        assertThat(alerts.deliveries().getFirst().queued()).isZero();
        assertThat(events).filteredOn(AlertEvent.Delivery.class::isInstance).singleElement()
                .satisfies(event -> {
                    AlertEvent.Delivery delivery = (AlertEvent.Delivery) event;
                    assertThat(delivery.delivered()).isFalse();
                    assertThat(delivery.attempts()).isEqualTo(3);
                });
    }

    @Test
    void silencedAlert_changesStateButSendsNothing_untilTheSilenceEndsWhileItFires() throws Exception {
        HttpFixture receiver = receiver(0);
        Alerts alerts = alerts(receiver.port(), "", "");
        alerts.addSilence(List.of(LabelMatcher.equal("alertname", "backend-cpu"), LabelMatcher.regex("team", "a.*")),
                null, T0.plus(Duration.ofMinutes(10)), "alice", "deploying");
        cpu(95);
        alerts.tick();
        assertThat(alerts.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            assertThat(alert.silenced()).isTrue();
        });
        clock.advance(Duration.ofMinutes(11)); // the silence ended and the alert still fires: now it is sent
        alerts.tick();
        assertThat(alerts.silences()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        cpu(10);
        alerts.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() >= 2);
        assertThat(receiver.bodies()).extracting(body -> json(body).get("status").asText())
                .containsExactly("firing", "resolved");
    }

    @Test
    void episodeWhollyUnderASilence_isNeverSent() throws Exception {
        HttpFixture receiver = receiver(0);
        Alerts alerts = alerts(receiver.port(), "", "");
        Silence silence = alerts.addSilence(List.of(LabelMatcher.equal("service", "backend")), null,
                T0.plus(Duration.ofMinutes(10)), "alice", "maintenance");
        cpu(95);
        alerts.tick();
        clock.advance(Duration.ofSeconds(5));
        cpu(10);
        alerts.tick();
        assertThat(alerts.alerts().getFirst().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(alerts.removeSilence(silence.id())).contains(silence);
        clock.advance(Duration.ofSeconds(5));
        cpu(95); // a new episode, not silenced: the receiver's first and only body
        alerts.tick();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.deliveries().getFirst().delivered() == 1);
        assertThat(receiver.bodies()).singleElement().satisfies(body -> {
            assertThat(json(body).get("status").asText()).isEqualTo("firing");
            assertThat(json(body).get("alerts").get(0).get("startsAt").asText()).isEqualTo("2026-12-07T10:00:10Z");
        });
    }

    @Test
    void scrapeTargetDown_isAnErrorAlert_neverOk() throws Exception {
        HttpFixture receiver = receiver(0);
        int down = freePort();
        String yaml = """
                alerts:
                  defaults: false
                  receivers: [{name: ops, url: "http://127.0.0.1:%d/hook"}]
                  rules:
                    - {name: backend-5xx, service: backend, op: ">", critical: 1,
                       metric: "prometheus:http://127.0.0.1:%d/metrics#rate(http_requests_total{code=~'5..'}[1m])"}
                """.formatted(receiver.port(), down);
        ConfigMapper mapper = ConfigMapper.create();
        AlertsConfig config = mapper.bind("warden.yaml", yaml, Doc.class, false).alerts();
        Alerts alerts = Alerts.builder(config, config.resolve(Set.of("backend"))).clock(clock).metrics(board)
                .stateFile(dir.resolve("alerts.json")).build();
        open.add(alerts);
        alerts.tick();
        assertThat(alerts.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.ERROR);
            assertThat(alert.labels()).containsEntry("alertstate", "error").containsEntry("severity", "critical");
            assertThat(alert.annotations().get("reason")).isEqualTo("cannot scrape http://127.0.0.1:" + down
                    + "/metrics: connection refused");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.bodies().size() == 1);
        assertThat(json(receiver.bodies().getFirst()).get("status").asText()).isEqualTo("firing");
    }
}
