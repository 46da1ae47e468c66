package io.warden.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Op;
import io.warden.governance.assessment.Threshold;
import org.junit.jupiter.api.Test;

class ThresholdRulesTest {

    @Test
    void unitsAndOps_becomeTheRulesThresholds() {
        WatchRule rule = ThresholdRules.of(new Threshold("api.errorRatio", "0%", "> 0.5%", "> 1%"), "web", 0);

        assertThat(rule.unreadable()).isNull();
        assertThat(rule.rule().op()).isEqualTo(Op.GT);
        assertThat(rule.rule().warning()).isEqualTo(0.005);
        assertThat(rule.rule().critical()).isEqualTo(0.01);
        assertThat(ThresholdRules.of(new Threshold("probeLatency", null, null, ">= 500ms"), "web", 0).rule()
                .critical()).isEqualTo(0.5);
    }

    @Test
    void serviceEndpoint_readsTheDeployedPort() {
        WatchRule rule = ThresholdRules.of(new Threshold("prometheus:#http_requests_total", null, null, "> 1"), "web",
                8123);

        assertThat(((MetricExpr.Scraped) rule.rule().metric()).url()).hasToString("http://127.0.0.1:8123/metrics");
        assertThat(ThresholdRules.of(new Threshold("prometheus:#x", null, null, "> 1"), "web", 0).unreadable())
                .contains("the service declares no port");
    }

    @Test
    void seedStyleThresholds_areUnreadable_withTheFix() {
        assertThat(ThresholdRules.of(new Threshold("Error rate", "0%", "> 1%", "> 5%"), "web", 0).unreadable())
                .startsWith("threshold 'Error rate' cannot be watched: unknown metric 'Error rate'");
        assertThat(ThresholdRules.of(new Threshold("restarts", null, "more than 2", null), "web", 0).unreadable())
                .contains("warning 'more than 2' is not OP NUMBER[UNIT]");
        assertThat(ThresholdRules.of(new Threshold("restarts", null, "> 1", "< 5"), "web", 0).unreadable())
                .contains("compares with > for warning but < for critical");
    }
}
