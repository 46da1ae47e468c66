package io.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.AlertPoster;
import io.warden.alerts.PostedAlert;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.deploy.watch.Progress;
import io.warden.deploy.watch.Verdict;
import io.warden.governance.approval.Approver;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a deploy posts to the alerts and resolves, from its records and progress. */
class DeployAlertsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final List<PostedAlert> posted = new ArrayList<>();
    private final List<Map<String, String>> resolved = new ArrayList<>();
    private final DeployAlerts alerts = new DeployAlerts(new AlertPoster() {
        @Override
        public void post(PostedAlert alert) {
            posted.add(alert);
        }

        @Override
        public int resolve(Map<String, String> matching) {
            resolved.add(matching);
            return 0;
        }
    });

    private static DeployRecord deploy(Phase phase, String reason) {
        UpdateSettings settings = UpdateSettings.DEFAULTS.withWindow(Duration.ofMinutes(5));
        return new DeployRecord("dep-1", "web", "RA-7", "ann", "", phase, null, reason,
                ServiceSpec.of(List.of("app", "v1")), ServiceSpec.of(List.of("app", "v2")), settings, T0, T0,
                T0.plusSeconds(10), "agent-1");
    }

    private static Progress progress(Progress.ThresholdView... thresholds) {
        return new Progress(Duration.ofSeconds(30), Duration.ofMinutes(5), List.of(thresholds), 3, 1, 0, null, "");
    }

    private static Progress.ThresholdView view(String name, double value, String outcome, String note) {
        return new Progress.ThresholdView(name, ">", 0.5, 2.0, value, outcome, note);
    }

    @Test
    void aWarningBreach_isPostedUntilTheWatchEnd_andAClearThresholdIsResolved() {
        alerts.round(deploy(Phase.WATCHING, ""), progress(view("errors", 0.75, "breach", "warning"),
                view("latency", 0.1, "ok", "")));

        assertThat(posted).singleElement().satisfies(alert -> {
            assertThat(alert.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("alertname", "DeployThresholdWarning",
                    "service", "web", "deploy", "dep-1", "threshold", "errors", "severity", "warning"));
            assertThat(alert.annotations()).containsEntry("value", "0.75").containsEntry("warning", "> 0.5")
                    .containsEntry("critical", "> 2").containsEntry("assessment", "RA-7")
                    .containsEntry("watch", "30s of 300s");
            assertThat(alert.endsAt()).isEqualTo(T0.plusSeconds(10 + 300 + 10));
        });
        assertThat(resolved).containsExactly(Map.of("alertname", "DeployThresholdWarning", "deploy", "dep-1",
                "threshold", "latency"));
    }

    @Test
    void aRollbackByACriticalBreach_namesTheThreshold_andLastsRollbackAlertFor() {
        Instant at = T0.plusSeconds(40);
        alerts.rolledBack(deploy(Phase.ROLLED_BACK, "rolled back at ... by warden (failed): threshold 'errors'"),
                Verdict.FAILED, Approver.of("warden"), at, progress(view("latency", 0.7, "breach", "warning"),
                        view("errors", 3, "breach", "critical")));

        assertThat(posted).singleElement().satisfies(alert -> {
            assertThat(alert.labels()).containsEntry("alertname", "DeployRolledBack")
                    .containsEntry("severity", "warning")
                    .containsEntry("threshold", "errors").containsEntry("verdict", "failed");
            assertThat(alert.annotations()).containsEntry("rolledBackBy", "warden")
                    .containsEntry("rolledBackAt", at.toString())
                    .containsEntry("values", "errors = 3 (critical > 2); latency = 0.7 (warning > 0.5)");
            assertThat(alert.endsAt()).isEqualTo(at.plus(Duration.ofHours(1)));
        });
    }

    @Test
    void aFailedDeploy_isCritical_andAPromotedOneResolvesTheServicesRollbacks() {
        alerts.rolledBack(deploy(Phase.FAILED, "the previous spec is not healthy either"), Verdict.UNHEALTHY,
                Approver.of("warden"), T0, null);
        alerts.promoted(deploy(Phase.PROMOTED, ""));

        assertThat(posted).singleElement().satisfies(alert -> {
            assertThat(alert.labels()).containsEntry("alertname", "DeployFailed").containsEntry("severity", "critical")
                    .doesNotContainKey("threshold");
            assertThat(alert.annotations().get("summary")).contains("previous spec is not healthy either");
        });
        assertThat(resolved).containsExactly(Map.of("alertname", "DeployRolledBack", "service", "web"),
                Map.of("alertname", "DeployFailed", "service", "web"));
    }
}
