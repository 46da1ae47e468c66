package io.warden.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.Alert;
import io.warden.alerts.AlertState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static final Alert ALERT = new Alert("00112233aabbccdd", "backend-5xx", AlertState.RESOLVED, "critical",
            Map.of("alertname", "backend-5xx", "service", "backend", "severity", "critical"),
            Map.of("summary", "backend 5xx rate 1.5"), 0.0, Instant.parse("2026-12-07T10:00:00Z"),
            Instant.parse("2026-12-07T10:05:00Z"), false);

    @Test
    void slack_isOneTextWithStatusNameLabelsAndSummary() {
        ReceiverConfig chat = new ReceiverConfig("chat", "https://hooks.example/T0", ReceiverConfig.Format.SLACK,
                null, null, null);
        assertThat(Payloads.body(chat, new Notification(ALERT, "resolved"), "")).isEqualTo(Map.of("text",
                "[RESOLVED] backend-5xx (service=backend, severity=critical)\nbackend 5xx rate 1.5"));
    }

    @Test
    void alertmanager_resolved_carriesEndsAt_andNoGeneratorWithoutExternalUrl() {
        Map<String, Object> body = Payloads.alertmanager("ops", new Notification(ALERT, "resolved"), "");
        assertThat(body).containsEntry("version", "4").containsEntry("status", "resolved")
                .containsEntry("receiver", "ops").containsEntry("externalURL", "").containsEntry("truncatedAlerts", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> alert = ((java.util.List<Map<String, Object>>) body.get("alerts")).getFirst();
        assertThat(alert).containsEntry("endsAt", "2026-12-07T10:05:00Z").containsEntry("generatorURL", "")
                .containsEntry("fingerprint", "00112233aabbccdd").containsEntry("startsAt", "2026-12-07T10:00:00Z");
    }
}
