package io.warden.api.alerts;

import io.warden.alerts.Alert;
import io.warden.alerts.notify.DeliveryStatus;
import io.warden.alerts.silence.LabelMatcher;
import io.warden.alerts.silence.Silence;
import io.warden.config.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plain-text forms of the alert answers: what {@code warden alerts} and
 * {@code warden silence list} print, rendered by the daemon so the CLI needs no JSON library.
 */
final class AlertText {

    private AlertText() {
    }

    /**
     * The alerts table (STATE SEVERITY ALERT SERVICE SINCE VALUE SUMMARY), then a line per
     * receiver that has failed deliveries or a queue.
     */
    static String alerts(List<Alert> alerts, List<DeliveryStatus> receivers) {
        StringBuilder text = new StringBuilder();
        if (alerts.isEmpty()) {
            text.append("no alerts: every rule is fine\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"STATE", "SEVERITY", "ALERT", "SERVICE", "SINCE", "SILENCED", "SUMMARY"});
            for (Alert alert : alerts) {
                rows.add(new String[] {alert.state().wireName(), alert.severity() == null ? "-" : alert.severity(),
                    alert.name(), alert.labels().getOrDefault("service", "-"), alert.startsAt().toString(),
                    alert.silenced() ? "yes" : "-", alert.annotations().getOrDefault("summary", "")});
            }
            text.append(TextTable.render(rows));
        }
        for (DeliveryStatus receiver : receivers) {
            if (receiver.failed() > 0 || receiver.queued() > 0) {
                text.append("receiver ").append(receiver.receiver()).append(": ").append(receiver.delivered())
                        .append(" delivered, ").append(receiver.failed()).append(" failed, ")
                        .append(receiver.queued()).append(" queued")
                        .append(receiver.lastError().isEmpty() ? "" : "; last error at " + receiver.lastErrorAt()
                                + ": " + receiver.lastError()).append('\n');
            }
        }
        return text.toString();
    }

    /** The silences table: ID ENDS MATCHERS CREATED-BY COMMENT. */
    static String silences(List<Silence> silences) {
        if (silences.isEmpty()) {
            return "no silences\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STARTS", "ENDS", "MATCHERS", "CREATED-BY", "COMMENT"});
        for (Silence silence : silences) {
            rows.add(new String[] {silence.id(), silence.startsAt().toString(), silence.endsAt().toString(),
                silence.matchers().stream().map(LabelMatcher::toString).collect(Collectors.joining(",")),
                silence.createdBy(), silence.comment()});
        }
        return TextTable.render(rows);
    }
}
