package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.alerts.rule.AlertRule;
import io.warden.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts:} of warden.yaml: bound and checked at load, the default rules shipped. */
class WardenConfigAlertsTest {

    @TempDir
    Path dir;

    @Test
    void noSection_shipsTheDefaultRulesForEveryService() throws Exception {
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"), """
                services:
                  backend: {command: [sleep, "1000"]}
                """));
        assertThat(config.alertRules()).extracting(AlertRule::name).contains("duplicate-copies", "pidfile-errors",
                "stale-code", "service-failed", "restarts", "probe-failures", "api-5xx", "api-429", "api-p99");
        assertThat(config.alerts().apiWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(WardenConfig.defaults().alertRules()).extracting(AlertRule::name)
                .containsExactlyInAnyOrder("api-5xx", "api-429", "api-p99", "rate-limit-store", "state-dir-disk-full");
    }

    @Test
    void overridesAndOwnRules_areRead() throws Exception {
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"), """
                alerts:
                  apiWindow: 5s
                  rules:
                    - {name: api-p99, critical: 1}
                    - {name: restarts, enabled: false}
                    - {name: backend-rss, service: backend, metric: rss, op: ">", warning: 5e8, for: 1m}
                services:
                  backend: {command: [sleep, "1000"]}
                """));
        assertThat(config.alerts().apiWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.alertRules()).extracting(AlertRule::name).contains("backend-rss").doesNotContain("restarts");
    }

    @Test
    void anUnknownServiceOrMetric_isRefusedWithFileLineAndKey() throws Exception {
        Path service = Files.writeString(dir.resolve("service.yaml"), """
                alerts:
                  rules:
                    - {name: x, service: frontend, metric: up, op: "<", critical: 1}
                services:
                  backend: {command: [sleep, "1000"]}
                """);
        assertThatThrownBy(() -> WardenConfig.load(service)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).contains(service + ":3:", "alerts.rules[0].service", "frontend",
                        "backend"));
        Path metric = Files.writeString(dir.resolve("metric.yaml"), """
                alerts:
                  rules:
                    - {name: x, service: backend, metric: upp, op: "<", critical: 1}
                services:
                  backend: {command: [sleep, "1000"]}
                """);
        assertThatThrownBy(() -> WardenConfig.load(metric)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).contains(metric + ":3:", "alerts.rules[0].metric"));
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "alerts:\n  recievers: []\n");
        assertThatThrownBy(() -> WardenConfig.load(typo)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).contains(typo + ":2:", "alerts.recievers", "receivers"));
    }
}
