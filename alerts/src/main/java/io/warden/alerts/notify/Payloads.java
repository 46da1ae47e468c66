package io.warden.alerts.notify;

import io.warden.alerts.Alert;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bodies a receiver gets: Alertmanager's webhook payload, version 4, so anything that takes
 * Alertmanager webhooks takes Warden's; or a Slack-compatible {@code {"text": ...}}. One alert
 * per notification, grouped by {@code alertname}. Pure.
 */
final class Payloads {

    /** Alertmanager's "no end yet". */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private Payloads() {
    }

    static Map<String, Object> body(ReceiverConfig receiver, Notification notification, String externalUrl) {
        return receiver.format() == ReceiverConfig.Format.SLACK ? slack(notification)
                : alertmanager(receiver.name(), notification, externalUrl);
    }

    static Map<String, Object> alertmanager(String receiver, Notification notification, String externalUrl) {
        Alert alert = notification.alert();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("status", notification.status());
        item.put("labels", alert.labels());
        item.put("annotations", alert.annotations());
        item.put("startsAt", String.valueOf(alert.startsAt()));
        item.put("endsAt", notification.status().equals("resolved") && alert.endsAt() != null
                ? alert.endsAt().toString() : ZERO_TIME);
        item.put("generatorURL", externalUrl.isEmpty() ? "" : externalUrl + "/api/v1/alerts");
        item.put("fingerprint", alert.fingerprint());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"" + alert.name() + "\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", notification.status());
        body.put("receiver", receiver);
        body.put("groupLabels", Map.of("alertname", alert.name()));
        body.put("commonLabels", alert.labels());
        body.put("commonAnnotations", alert.annotations());
        body.put("externalURL", externalUrl);
        body.put("alerts", java.util.List.of(item));
        return body;
    }

    static Map<String, Object> slack(Notification notification) {
        Alert alert = notification.alert();
        String labels = alert.labels().entrySet().stream()
                .filter(label -> !label.getKey().equals("alertname"))
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(", "));
        String text = "[" + notification.status().toUpperCase(java.util.Locale.ROOT) + "] " + alert.name()
                + " (" + labels + ")\n" + alert.annotations().getOrDefault("summary", "");
        return Map.of("text", text);
    }
}
