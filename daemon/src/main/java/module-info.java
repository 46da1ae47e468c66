/**
 * The composition root: binds warden.yaml, builds and wires every part. Used by the CLI's
 * {@code up} and {@code doctor} only. Logback finds {@code LogSetup} through the service loader;
 * Jackson binds the configuration records.
 */
// module: exported to io.warden.cli, which is built after this module; requires-automatic:
// Micrometer ships no module descriptor.
@SuppressWarnings({"module", "requires-automatic"})
module io.warden.daemon {
    requires transitive io.warden.supervisor;
    requires io.warden.alerts;
    requires io.warden.cluster;
    requires io.warden.api;
    requires transitive io.warden.deploy;
    requires io.warden.fleet;
    requires io.warden.governance;
    requires io.warden.metrics;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires java.management;
    requires jdk.management;
    requires jul.to.slf4j;
    requires micrometer.registry.prometheus;
    requires org.slf4j;
    // The tests only: an HTTP client for the API, JDBC for the governance database, a webhook
    // receiver on the JDK's HTTP server.
    requires static java.net.http;
    requires static jdk.httpserver;
    requires static java.sql;

    exports io.warden.daemon to io.warden.cli;

    opens io.warden.daemon to com.fasterxml.jackson.databind;

    provides ch.qos.logback.classic.spi.Configurator with io.warden.daemon.LogSetup;
}
