/**
 * Governed change of a service's spec: gate, apply, watch, roll back, history. Used by the API
 * (routes) and the daemon (wiring). Opened to Jackson for the records it stores and answers with.
 */
@SuppressWarnings("requires-transitive-automatic") // JDBI ships no descriptor
module io.warden.deploy {
    requires transitive io.warden.alerts;
    requires transitive io.warden.config;
    requires transitive io.warden.governance;
    requires transitive io.warden.supervisor;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    requires java.sql;
    requires transitive org.jdbi.v3.core;

    exports io.warden.deploy;
    exports io.warden.deploy.gate;
    exports io.warden.deploy.history;
    exports io.warden.deploy.watch;

    opens io.warden.deploy to com.fasterxml.jackson.databind;
    opens io.warden.deploy.gate to com.fasterxml.jackson.databind;
    opens io.warden.deploy.history to com.fasterxml.jackson.databind, org.jdbi.v3.core;
    opens io.warden.deploy.watch to com.fasterxml.jackson.databind;
}
