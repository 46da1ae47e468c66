package io.warden.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.alerts.notify.ReceiverConfig;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Policy;
import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertsConfigTest {

    /** The part of warden.yaml these tests write. */
    record Doc(AlertsConfig alerts) {
    }

    private static final ConfigMapper MAPPER = ConfigMapper.create();
    private static final Set<String> SERVICES = Set.of("backend", "db");

    private static List<AlertRule> load(String yaml) {
        Doc doc = MAPPER.bind("warden.yaml", yaml, Doc.class, false);
        return doc.alerts().validate(MAPPER, "warden.yaml", yaml, false, "alerts", SERVICES);
    }

    private static AlertsConfig bind(String yaml) {
        return MAPPER.bind("warden.yaml", yaml, Doc.class, false).alerts();
    }

    @Test
    void bind_issueExample_readsEveryKey() {
        String yaml = """
                alerts:
                  defaults: false
                  receivers:
                    - {name: ops, url: "http://127.0.0.1:9093/hook", format: alertmanager, timeout: 5s, maxRetries: 8}
                  rules:
                    - {name: backend-5xx, service: backend, metric: "prometheus:http://127.0.0.1:8000/metrics#rate(http_requests_total{code=~'5..'}[1m])",
                       op: ">", warning: 0.5, critical: 1, for: 30s, keepFiringFor: 1m, noData: alert, labels: {team: api}}
                """;
        AlertsConfig config = bind(yaml);
        assertThat(config.receivers()).containsExactly(new ReceiverConfig("ops", "http://127.0.0.1:9093/hook",
                ReceiverConfig.Format.ALERTMANAGER, Duration.ofSeconds(5), 8, Duration.ofSeconds(1)));
        List<AlertRule> rules = load(yaml);
        assertThat(rules).hasSize(1);
        AlertRule rule = rules.getFirst();
        assertThat(rule.metric()).isInstanceOfSatisfying(MetricExpr.Scraped.class, scraped -> {
            assertThat(scraped.url()).hasToString("http://127.0.0.1:8000/metrics");
            assertThat(scraped.fn()).isEqualTo(MetricExpr.Fn.RATE);
            assertThat(scraped.window()).isEqualTo(Duration.ofMinutes(1));
            assertThat(scraped.selector()).hasToString("http_requests_total{code=~\"5..\"}");
        });
        assertThat(rule.forDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rule.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.error()).isEqualTo(Policy.ALERT);
        assertThat(rule.labels()).containsEntry("team", "api");
    }

    @Test
    void bind_unknownKey_namesLineAndNearestKey() {
        assertThatThrownBy(() -> bind("""
                alerts:
                  rules:
                    - name: x
                      metric: up
                      servce: backend
                """)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:5: alerts.rules[0].servce: unknown key 'servce'; did you mean 'service'?");
    }

    @Test
    void bind_unknownOp_listsTheOps() {
        assertThatThrownBy(() -> bind("""
                alerts:
                  rules:
                    - {name: x, metric: up, op: "=>", critical: 1}
                """)).hasMessageContaining("warden.yaml:3: alerts.rules[0].op: '=>' is not one of [>, >=, <, <=, ==, !=]");
    }

    @Test
    void bind_badDurationAndUrl_sayTheForm() {
        assertThatThrownBy(() -> bind("""
                alerts:
                  rules:
                    - {name: x, metric: up, op: ">", critical: 1, for: soon}
                """)).hasMessageContaining("alerts.rules[0].for: 'soon' is not a duration");
        assertThatThrownBy(() -> bind("""
                alerts:
                  receivers:
                    - {name: ops, url: "127.0.0.1:9093/hook"}
                """)).hasMessageContaining("the url of receiver 'ops' '127.0.0.1:9093/hook' is not an absolute "
                + "http:// or https:// URL with a host");
    }

    @Test
    void validate_thresholdsAgainstOp_refused() {
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - name: slow
                      metric: api.latencyP99
                      op: ">"
                      warning: 1
                      critical: 0.5
                """)).hasMessage("warden.yaml:7: alerts.rules[0].critical: rule 'slow': with > a larger value is "
                + "worse, so critical (0.5) must be at least warning (1.0)");
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - {name: lowmem, metric: host.memory, op: "<", warning: 10, critical: 20}
                """)).hasMessageContaining("with < a smaller value is worse, so critical (20.0) must be at most "
                + "warning (10.0)");
    }

    @Test
    void validate_unknownServiceOrMetric_refused() {
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - name: x
                      service: frontend
                      metric: cpu
                      op: ">"
                      critical: 90
                """)).hasMessage("warden.yaml:4: alerts.rules[0].service: unknown service 'frontend'. "
                + "Services: backend, db");
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - {name: x, service: backend, metric: cpu_percent, op: ">", critical: 90}
                """)).hasMessageContaining("alerts.rules[0].metric: unknown metric 'cpu_percent': use one of up, "
                + "failed, healthy");
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - {name: x, metric: cpu, op: ">", critical: 90}
                """)).hasMessageContaining("cpu is a service metric; name the service, or service: \"*\"");
    }

    @Test
    void resolve_defaults_expandPerServiceAndOverrideByName() {
        List<AlertRule> rules = load("""
                alerts:
                  rules:
                    - {name: api-p99, critical: 1, for: 2m}
                    - {name: restarts, enabled: false}
                """);
        assertThat(rules).filteredOn(rule -> rule.name().equals("service-failed"))
                .extracting(AlertRule::service).containsExactly("backend", "db");
        assertThat(rules).noneMatch(rule -> rule.name().equals("restarts"));
        AlertRule p99 = rules.stream().filter(rule -> rule.name().equals("api-p99")).findFirst().orElseThrow();
        assertThat(p99.critical()).isEqualTo(1.0);
        assertThat(p99.forDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p99.metric().text()).isEqualTo("api.latencyP99");
        assertThat(load("alerts: {defaults: false}\n")).isEmpty();
        assertThat(AlertsConfig.defaultConfig().resolve(Set.of("a"))).extracting(AlertRule::name).containsExactly(
                "duplicate-copies", "pidfile-errors", "stale-code", "service-failed", "restarts", "probe-failures", "api-5xx",
                "api-429", "api-p99", "rate-limit-store", "state-dir-disk-full");
    }
}
