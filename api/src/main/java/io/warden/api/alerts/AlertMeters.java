package io.warden.api.alerts;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.warden.alerts.Alerts;
import io.warden.alerts.notify.DeliveryStatus;
import java.util.List;

/**
 * The alerts on {@code /metrics}: {@code warden_alerts_firing} (alerts in an active state:
 * firing, nodata, error) and, per receiver, {@code warden_alert_notifications_delivered_total}
 * and {@code warden_alert_notifications_failed_total} (given up after every retry).
 */
public final class AlertMeters {

    private AlertMeters() {
    }

    /** Registers the meters; they read the alerts at each scrape. */
    public static void bind(Alerts alerts, List<String> receivers, MeterRegistry registry) {
        Gauge.builder("warden.alerts.firing", alerts, Alerts::firingCount)
                .description("alerts in an active state (firing, nodata, error), silenced ones included")
                .register(registry);
        bindReceivers(alerts, receivers, registry);
    }

    /**
     * The counters of each receiver, after a change of the receivers ({@code warden apply}): those
     * of a receiver no longer configured are removed, a new receiver's registered.
     */
    public static void bindReceivers(Alerts alerts, List<String> receivers, MeterRegistry registry) {
        registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("warden.alert.notifications.")
                && !receivers.contains(meter.getId().getTag("receiver"))).toList().forEach(registry::remove);
        for (String receiver : receivers) {
            FunctionCounter.builder("warden.alert.notifications.delivered", alerts,
                            a -> status(a, receiver, true))
                    .description("notifications a receiver took (2xx)").tag("receiver", receiver).register(registry);
            FunctionCounter.builder("warden.alert.notifications.failed", alerts, a -> status(a, receiver, false))
                    .description("notifications given up after every retry").tag("receiver", receiver)
                    .register(registry);
        }
    }

    private static double status(Alerts alerts, String receiver, boolean delivered) {
        for (DeliveryStatus status : alerts.deliveries()) {
            if (status.receiver().equals(receiver)) {
                return delivered ? status.delivered() : status.failed();
            }
        }
        return 0;
    }
}
