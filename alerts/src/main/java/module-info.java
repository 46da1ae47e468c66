/**
 * Standing alert rules over the metrics and the services' states: evaluation, alert states
 * persisted, notifications, silences. Exported: the facade the daemon wires and the packages
 * of its signatures, and the rules, readings and evaluation that deploy's watch reuses. Opened to Jackson: the packages whose
 * records it binds from warden.yaml or keeps as JSON files.
 */
module io.warden.alerts {
    requires transitive io.warden.config;
    requires transitive io.warden.metrics;
    requires transitive io.warden.supervisor;
    requires com.fasterxml.jackson.annotation;
    // The tests only: a webhook receiver on the JDK's HTTP server.
    requires static jdk.httpserver;

    exports io.warden.alerts;
    exports io.warden.alerts.eval;
    exports io.warden.alerts.metric;
    exports io.warden.alerts.notify;
    exports io.warden.alerts.rule;
    exports io.warden.alerts.silence;

    opens io.warden.alerts to com.fasterxml.jackson.databind;
    opens io.warden.alerts.notify to com.fasterxml.jackson.databind;
    opens io.warden.alerts.rule to com.fasterxml.jackson.databind;
    opens io.warden.alerts.silence to com.fasterxml.jackson.databind;
    opens io.warden.alerts.state to com.fasterxml.jackson.databind;
}
