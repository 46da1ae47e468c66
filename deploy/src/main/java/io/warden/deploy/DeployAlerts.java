package io.warden.deploy;

import io.warden.alerts.AlertPoster;
import io.warden.alerts.PostedAlert;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.deploy.watch.Progress;
import io.warden.deploy.watch.Verdict;
import io.warden.governance.approval.Approver;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A deploy's standing alerts, posted to the alerts module the way a client posts to Alertmanager:
 * <ul>
 *   <li>{@value #WARNING} (severity warning), one per threshold in warning breach: fires at the
 *       round that sees the breach, resolves at the first round that does not, and when the watch
 *       ends, whatever its end (at the latest one interval after the window, should the daemon stop);</li>
 *   <li>{@value #ROLLED_BACK} (warning) when a deploy was rolled back and the previous spec serves,
 *       {@value #FAILED} (critical) when the previous spec did not become healthy either: each fires
 *       for {@code update.rollbackAlertFor}, unless a later deploy of the service is promoted first.</li>
 * </ul>
 * Labels: {@code alertname}, {@code service}, {@code deploy}, {@code severity}, and {@code threshold}
 * (a warning's, or the breached one that rolled back) or {@code verdict}. Annotations say the values
 * seen, who deployed, who rolled back when, and why.
 */
final class DeployAlerts {

    static final String WARNING = "DeployThresholdWarning";
    static final String ROLLED_BACK = "DeployRolledBack";
    static final String FAILED = "DeployFailed";

    private final AlertPoster poster;

    DeployAlerts(AlertPoster poster) {
        this.poster = poster;
    }

    /** After a watch round: each threshold in warning breach fires, the deploy's others resolve. */
    void round(DeployRecord deploy, Progress progress) {
        for (Progress.ThresholdView threshold : progress.thresholds()) {
            if (!"breach".equals(threshold.outcome()) || !"warning".equals(threshold.note())) {
                poster.resolve(Map.of("alertname", WARNING, "deploy", deploy.id(), "threshold", threshold.name()));
                continue;
            }
            Map<String, String> labels = labels(WARNING, deploy, "warning");
            labels.put("threshold", threshold.name());
            Map<String, String> annotations = common(deploy);
            annotations.put("summary", "deploy " + deploy.id() + " of " + deploy.service() + ": threshold '"
                    + threshold.name() + "' at " + number(threshold.value()) + ", above its warning "
                    + bound(threshold.op(), threshold.warning()));
            annotations.put("value", number(threshold.value()));
            annotations.put("warning", bound(threshold.op(), threshold.warning()));
            annotations.put("critical", bound(threshold.op(), threshold.critical()));
            annotations.put("watch", progress.elapsed().toSeconds() + "s of " + progress.window().toSeconds() + "s");
            Instant watchEnd = deploy.watchFrom() == null ? null
                    : deploy.watchFrom().plus(deploy.settings().window()).plus(deploy.settings().interval());
            poster.post(new PostedAlert(labels, annotations, threshold.value(), watchEnd));
        }
    }

    /** The watch is over (or cut by a rollback): its warnings resolve. */
    void watchEnded(DeployRecord deploy) {
        poster.resolve(Map.of("alertname", WARNING, "deploy", deploy.id()));
    }

    /**
     * A rollback finished: {@value #ROLLED_BACK}, or {@value #FAILED} when the deploy ended failed.
     *
     * @param last the watch's last progress, null when it never watched
     */
    void rolledBack(DeployRecord deploy, Verdict verdict, Approver actor, Instant at, Progress last) {
        boolean failed = deploy.phase() == Phase.FAILED;
        Map<String, String> labels = labels(failed ? FAILED : ROLLED_BACK, deploy, failed ? "critical" : "warning");
        labels.put("verdict", verdict.wire());
        List<Progress.ThresholdView> breached = last == null || verdict != Verdict.FAILED ? List.of()
                : last.thresholds().stream().filter(t -> "breach".equals(t.outcome()))
                        .sorted((a, b) -> Boolean.compare("warning".equals(a.note()), "warning".equals(b.note())))
                        .toList();
        if (!breached.isEmpty()) {
            labels.put("threshold", breached.getFirst().name());
        }
        Map<String, String> annotations = common(deploy);
        annotations.put("summary", "deploy " + deploy.id() + " of " + deploy.service() + (failed
                ? " failed: the previous spec is not healthy either" : " rolled back (" + verdict.wire() + ")"));
        annotations.put("reason", deploy.reason());
        annotations.put("rolledBackBy", actor.user());
        annotations.put("rolledBackAt", at.toString());
        if (!breached.isEmpty()) {
            annotations.put("values", breached.stream().map(t -> t.name() + " = " + number(t.value()) + " ("
                    + t.note() + " " + bound(t.op(), "critical".equals(t.note()) ? t.critical() : t.warning()) + ")")
                    .collect(Collectors.joining("; ")));
        }
        poster.post(new PostedAlert(labels, annotations, null, at.plus(deploy.settings().rollbackAlertFor())));
    }

    /** A deploy of the service succeeded: its earlier rollbacks and failures are over. */
    void promoted(DeployRecord deploy) {
        poster.resolve(Map.of("alertname", ROLLED_BACK, "service", deploy.service()));
        poster.resolve(Map.of("alertname", FAILED, "service", deploy.service()));
    }

    private static Map<String, String> labels(String alertname, DeployRecord deploy, String severity) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alertname);
        labels.put("service", deploy.service());
        labels.put("deploy", deploy.id());
        labels.put("severity", severity);
        return labels;
    }

    private static Map<String, String> common(DeployRecord deploy) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("deployedBy", deploy.actor());
        annotations.put("deployedAt", deploy.startedAt().toString());
        if (deploy.assessmentId() != null) {
            annotations.put("assessment", deploy.assessmentId());
        }
        return annotations;
    }

    private static String bound(String op, Double value) {
        return value == null ? "none" : op + " " + number(value);
    }

    private static String number(Double value) {
        if (value == null) {
            return "no data";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue())
                : new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                        .toPlainString();
    }
}
