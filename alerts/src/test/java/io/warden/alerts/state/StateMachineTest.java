package io.warden.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.AlertState;
import io.warden.alerts.eval.Outcome;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Op;
import io.warden.alerts.rule.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Outcome BREACH = new Outcome(Outcome.Kind.BREACH, 2, "critical", 1, "");
    private static final Outcome OK = new Outcome(Outcome.Kind.OK, 0, null, 1, "");
    private static final Outcome NODATA = new Outcome(Outcome.Kind.NODATA, Double.NaN, null, Double.NaN, "gone");
    private static final Outcome ERROR = new Outcome(Outcome.Kind.ERROR, Double.NaN, null, Double.NaN, "refused");

    private static AlertRule rule(Duration forDuration, Duration keepFiringFor, Policy noData, Policy error) {
        return new AlertRule("r", null, null, MetricExpr.parse("api.errorRatio"), Op.GT, null, 1.0, forDuration,
                keepFiringFor, noData, error, Map.of(), "", true);
    }

    private Instance state = Instance.inactive("fp");

    private AlertState step(AlertRule rule, Outcome outcome, long atSeconds) {
        state = StateMachine.step(state, rule, outcome, T0.plusSeconds(atSeconds));
        return state.state();
    }

    @Test
    void step_breachHeldFor_pendsThenFires_withStartsAtOfFirstBreach() {
        AlertRule rule = rule(Duration.ofSeconds(30), Duration.ZERO, Policy.ALERT, Policy.ALERT);
        assertThat(step(rule, BREACH, 0)).isEqualTo(AlertState.PENDING);
        assertThat(step(rule, BREACH, 29)).isEqualTo(AlertState.PENDING);
        assertThat(step(rule, BREACH, 30)).isEqualTo(AlertState.FIRING);
        assertThat(state.startsAt()).isEqualTo(T0);
        assertThat(state.severity()).isEqualTo("critical");
        assertThat(step(rule, OK, 31)).isEqualTo(AlertState.RESOLVED);
        assertThat(state.endsAt()).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void step_clearWhilePending_dropsToInactive_andForRestarts() {
        AlertRule rule = rule(Duration.ofSeconds(30), Duration.ZERO, Policy.ALERT, Policy.ALERT);
        step(rule, BREACH, 0);
        assertThat(step(rule, OK, 20)).isEqualTo(AlertState.INACTIVE);
        assertThat(step(rule, BREACH, 25)).isEqualTo(AlertState.PENDING);
        assertThat(step(rule, BREACH, 50)).isEqualTo(AlertState.PENDING);
        assertThat(step(rule, BREACH, 55)).isEqualTo(AlertState.FIRING);
    }

    @Test
    void step_keepFiringFor_bridgesAFlap() {
        AlertRule rule = rule(Duration.ZERO, Duration.ofMinutes(1), Policy.ALERT, Policy.ALERT);
        assertThat(step(rule, BREACH, 0)).isEqualTo(AlertState.FIRING);
        assertThat(step(rule, OK, 10)).isEqualTo(AlertState.FIRING);
        assertThat(step(rule, BREACH, 50)).isEqualTo(AlertState.FIRING);
        assertThat(step(rule, OK, 100)).isEqualTo(AlertState.FIRING);
        assertThat(step(rule, OK, 110)).isEqualTo(AlertState.RESOLVED);
        assertThat(state.startsAt()).isEqualTo(T0);
    }

    @Test
    void step_noDataAndError_followTheirPolicies() {
        AlertRule alerting = rule(Duration.ZERO, Duration.ZERO, Policy.ALERT, Policy.ALERT);
        assertThat(step(alerting, NODATA, 0)).isEqualTo(AlertState.NODATA);
        assertThat(state.reason()).isEqualTo("gone");
        assertThat(step(alerting, ERROR, 1)).isEqualTo(AlertState.ERROR);
        assertThat(state.startsAt()).isEqualTo(T0);
        assertThat(step(alerting, OK, 2)).isEqualTo(AlertState.RESOLVED);

        state = Instance.inactive("fp");
        AlertRule lenient = rule(Duration.ZERO, Duration.ZERO, Policy.OK, Policy.KEEP);
        assertThat(step(lenient, NODATA, 0)).isEqualTo(AlertState.INACTIVE);
        assertThat(step(lenient, BREACH, 1)).isEqualTo(AlertState.FIRING);
        assertThat(step(lenient, ERROR, 2)).isEqualTo(AlertState.FIRING);
        assertThat(step(lenient, NODATA, 3)).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void step_noDataWithFor_pendsLikeABreach() {
        AlertRule rule = rule(Duration.ofSeconds(10), Duration.ZERO, Policy.ALERT, Policy.ALERT);
        assertThat(step(rule, NODATA, 0)).isEqualTo(AlertState.PENDING);
        assertThat(step(rule, NODATA, 10)).isEqualTo(AlertState.NODATA);
        assertThat(state.severity()).isEqualTo("critical");
    }

    @Test
    void step_windowStillFilling_keepsTheState() {
        AlertRule rule = rule(Duration.ZERO, Duration.ZERO, Policy.ALERT, Policy.ALERT);
        Outcome waiting = new Outcome(Outcome.Kind.WAITING, Double.NaN, null, Double.NaN, "one point");
        assertThat(step(rule, waiting, 0)).isEqualTo(AlertState.INACTIVE);
        assertThat(step(rule, BREACH, 1)).isEqualTo(AlertState.FIRING);
        assertThat(step(rule, waiting, 2)).isEqualTo(AlertState.FIRING);
    }
}
