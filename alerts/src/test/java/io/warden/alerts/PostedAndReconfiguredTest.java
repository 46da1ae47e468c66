package io.warden.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.silence.LabelMatcher;
import io.warden.alerts.testing.HttpFixture;
import io.warden.alerts.testing.ManualClock;
import io.warden.config.ConfigMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts posted from outside the rules ({@link AlertPoster}), and rules and receivers changed at runtime. */
class PostedAndReconfiguredTest {

    record Doc(AlertsConfig alerts) {
    }

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CPU =
            "- {name: backend-cpu, service: backend, metric: cpu, op: \">\", critical: 90, noData: ok}";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private final MetricBoard board = new MetricBoard();
    private final HttpFixture receiver = HttpFixture.receiver(0);
    private Alerts alerts;

    @AfterEach
    void close() {
        if (alerts != null) {
            alerts.close();
        }
        receiver.close();
    }

    private record Section(AlertsConfig config, List<io.warden.alerts.rule.AlertRule> rules) {
    }

    private Section section(String rules) {
        String yaml = """
                alerts:
                  defaults: false
                  receivers:
                    - {name: ops, url: "http://127.0.0.1:%d/hook", backoff: 100ms, timeout: 2s}
                  rules:
                %s""".formatted(receiver.port(), rules.indent(4));
        ConfigMapper mapper = ConfigMapper.create();
        AlertsConfig config = mapper.bind("warden.yaml", yaml, Doc.class, false).alerts();
        return new Section(config, config.validate(mapper, "warden.yaml", yaml, false, "alerts", Set.of("backend")));
    }

    private Alerts open(Section section) {
        return Alerts.builder(section.config(), section.rules()).clock(clock).metrics(board)
                .stateFile(dir.resolve("alerts.json")).build();
    }

    private static PostedAlert rolledBack(Instant endsAt) {
        return new PostedAlert(Map.of("alertname", "DeployRolledBack", "service", "backend", "deploy", "dep-1",
                "severity", "warning"), Map.of("summary", "deploy dep-1 of backend rolled back"), null, endsAt);
    }

    private List<String> statuses(String alertname) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String body : receiver.bodies()) {
            JsonNode alert = JSON.readTree(body).path("alerts").get(0);
            if (alert.path("labels").path("alertname").asText().equals(alertname)) {
                out.add(alert.path("status").asText());
            }
        }
        return out;
    }

    @Test
    void aPostedAlert_firesOnce_survivesARestart_andResolvesWhenResolved() throws Exception {
        alerts = open(section(CPU));
        alerts.post(rolledBack(null));
        clock.advance(Duration.ofSeconds(5));
        alerts.post(rolledBack(null)); // refreshed, not a new episode

        assertThat(alerts.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.name()).isEqualTo("DeployRolledBack");
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            assertThat(alert.startsAt()).isEqualTo(T0);
            assertThat(alert.labels()).containsEntry("deploy", "dep-1").containsEntry("severity", "warning");
        });
        await().atMost(PATIENCE).until(() -> statuses("DeployRolledBack").equals(List.of("firing")));

        alerts.close();
        alerts = open(section(CPU));
        assertThat(alerts.alerts()).singleElement().satisfies(alert -> assertThat(alert.startsAt()).isEqualTo(T0));

        assertThat(alerts.resolve(Map.of("alertname", "DeployRolledBack", "service", "other"))).isZero();
        assertThat(alerts.resolve(Map.of("alertname", "DeployRolledBack", "service", "backend"))).isEqualTo(1);
        assertThat(alerts.alerts().getFirst().state()).isEqualTo(AlertState.RESOLVED);
        await().atMost(PATIENCE).until(() -> statuses("DeployRolledBack").equals(List.of("firing", "resolved")));
        clock.advance(Duration.ofMinutes(16));
        alerts.tick();
        assertThat(alerts.alerts()).isEmpty();
    }

    @Test
    void aPostedAlert_resolvesAtItsEndsAt_andASilencedOneSendsNothing() throws Exception {
        alerts = open(section(CPU));
        alerts.addSilence(List.of(LabelMatcher.equal("deploy", "dep-2")), null, T0.plusSeconds(3600), "alice", "");
        alerts.post(new PostedAlert(Map.of("alertname", "DeployFailed", "deploy", "dep-2", "severity", "critical"),
                Map.of(), null, null));
        alerts.post(rolledBack(T0.plusSeconds(60)));
        clock.advance(Duration.ofSeconds(59));
        alerts.tick();
        assertThat(alerts.alerts()).extracting(Alert::state).containsOnly(AlertState.FIRING);
        assertThat(alerts.alerts()).filteredOn(Alert::silenced).extracting(Alert::name).containsExactly("DeployFailed");
        clock.advance(Duration.ofSeconds(1));
        alerts.tick();

        assertThat(alerts.alerts()).filteredOn(alert -> alert.name().equals("DeployRolledBack"))
                .singleElement().satisfies(alert -> assertThat(alert.endsAt()).isEqualTo(T0.plusSeconds(60)));
        await().atMost(PATIENCE).until(() -> statuses("DeployRolledBack").equals(List.of("firing", "resolved")));
        assertThat(statuses("DeployFailed")).isEmpty();
    }

    @Test
    void reconfigure_evaluatesAddedRules_keepsUnchangedOnes_andResolvesRemovedOnes() throws Exception {
        alerts = open(section("""
                - {name: backend-cpu, service: backend, metric: cpu, op: ">", critical: 90}
                - {name: backend-rss, service: backend, metric: rss, op: ">", critical: 100}"""));
        board.set(Metric.CPU, "backend", 95);
        board.set(Metric.RSS, "backend", 200);
        alerts.tick();
        await().atMost(PATIENCE).until(() -> statuses("backend-rss").equals(List.of("firing")));
        clock.advance(Duration.ofSeconds(10));

        Section changed = section("""
                - {name: backend-cpu, service: backend, metric: cpu, op: ">", critical: 90}
                - {name: backend-up, service: backend, metric: up, op: "<", critical: 1}""");
        alerts.reconfigure(changed.config(), changed.rules());

        assertThat(alerts.alerts()).filteredOn(alert -> alert.name().equals("backend-rss")).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.state()).isEqualTo(AlertState.RESOLVED);
                    assertThat(alert.endsAt()).isEqualTo(T0.plusSeconds(10));
                });
        await().atMost(PATIENCE).until(() -> statuses("backend-rss").equals(List.of("firing", "resolved")));
        board.set(Metric.UP, "backend", 0);
        alerts.tick();
        assertThat(alerts.alerts()).filteredOn(alert -> alert.name().equals("backend-cpu")).singleElement()
                .satisfies(alert -> assertThat(alert.startsAt()).isEqualTo(T0)); // state kept, not restarted
        assertThat(alerts.alerts()).filteredOn(alert -> alert.name().equals("backend-up")).singleElement()
                .satisfies(alert -> assertThat(alert.state()).isEqualTo(AlertState.FIRING));
        await().atMost(PATIENCE).until(() -> statuses("backend-up").equals(List.of("firing")));
        clock.advance(Duration.ofMinutes(16));
        alerts.tick();
        assertThat(alerts.alerts()).extracting(Alert::name).doesNotContain("backend-rss");
    }
}
