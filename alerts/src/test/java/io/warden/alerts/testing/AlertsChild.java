package io.warden.alerts.testing;

import io.warden.alerts.Alert;
import io.warden.alerts.Alerts;
import io.warden.alerts.AlertsConfig;
import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.notify.ReceiverConfig;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Op;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process that runs {@link Alerts} like a daemon would, driven line by line on stdin, so that
 * a test can kill it with SIGKILL and start another on the same state file. One rule: backend's
 * CPU above 90, one receiver.
 *
 * <p>Usage: {@code AlertsChild STATE_FILE RECEIVER_URL START_INSTANT}; commands {@code cpu V},
 * {@code advance SECONDS}, {@code tick} (answers {@code STATE STARTS_AT}), {@code delivered}
 * (answers the count).
 */
public final class AlertsChild {

    private AlertsChild() {
    }

    public static void main(String[] args) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse(args[2]));
        MetricBoard board = new MetricBoard();
        AlertRule rule = new AlertRule("backend-cpu", "backend", null, MetricExpr.parse("cpu"), Op.GT, null, 90.0,
                null, null, null, null, Map.of(), null, true);
        AlertsConfig config = new AlertsConfig(false, null, null, null, null,
                List.of(new ReceiverConfig("ops", args[1], null, null, 10, Duration.ofMillis(100))), List.of(rule), null);
        Alerts alerts = Alerts.builder(config, config.resolve(Set.of("backend"))).clock(clock).metrics(board)
                .stateFile(Path.of(args[0])).build();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "cpu" -> board.set(Metric.CPU, "backend", Double.parseDouble(words[1]));
                case "advance" -> clock.advance(Duration.ofSeconds(Long.parseLong(words[1])));
                case "tick" -> {
                    alerts.tick();
                    Alert alert = alerts.alerts().isEmpty() ? null : alerts.alerts().getFirst();
                    System.out.println(alert == null ? "inactive -" : alert.state() + " " + alert.startsAt());
                }
                case "delivered" -> System.out.println(alerts.deliveries().getFirst().delivered());
                default -> System.out.println("unknown command " + line);
            }
        }
    }
}
