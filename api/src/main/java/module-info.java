/**
 * The HTTP and WebSocket API over the domain modules. Assembled only by the daemon: every package
 * is exported to {@code io.warden.daemon} alone. Opened to Jackson for the records it writes and
 * reads; Helidon finds the WebSocket upgrade through the service loader.
 */
// module: exported to io.warden.daemon, which is built after this module; requires-automatic:
// Bucket4j and Micrometer ship no module descriptor.
@SuppressWarnings({"module", "requires-automatic"})
module io.warden.api {
    requires io.warden.alerts;
    requires io.warden.config;
    requires io.warden.deploy;
    requires io.warden.fleet;
    requires io.warden.governance;
    requires io.warden.metrics;
    requires io.warden.supervisor;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires io.github.bucket4j.core;
    // The shared buckets (rateLimits.store): Redis through Lettuce, or PostgreSQL.
    requires io.github.bucket4j.lettuce;
    requires io.github.bucket4j.postgresql;
    requires io.github.bucket4j.redis.common;
    requires lettuce.core;
    requires com.zaxxer.hikari;
    requires java.sql;
    requires io.helidon.common;
    requires io.helidon.http;
    requires io.helidon.webserver;
    requires io.helidon.webserver.websocket;
    requires io.helidon.websocket;
    requires java.management; // ConnectionLimit: the descriptor limit
    requires jdk.management;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.slf4j;

    exports io.warden.api to io.warden.daemon;
    exports io.warden.api.alerts to io.warden.daemon;
    exports io.warden.api.auth to io.warden.daemon;
    exports io.warden.api.dashboard to io.warden.daemon;
    exports io.warden.api.deploy to io.warden.daemon;
    exports io.warden.api.doctor to io.warden.daemon;
    exports io.warden.api.fleet to io.warden.daemon;
    exports io.warden.api.governance to io.warden.daemon;
    exports io.warden.api.limit to io.warden.daemon;
    exports io.warden.api.route to io.warden.daemon;
    exports io.warden.api.services to io.warden.daemon;
    exports io.warden.api.stream to io.warden.daemon;
    exports io.warden.api.system to io.warden.daemon;

    opens io.warden.api to com.fasterxml.jackson.databind;
    opens io.warden.api.alerts to com.fasterxml.jackson.databind;
    opens io.warden.api.dashboard to com.fasterxml.jackson.databind;
    opens io.warden.api.deploy to com.fasterxml.jackson.databind;
    opens io.warden.api.fleet to com.fasterxml.jackson.databind;
    opens io.warden.api.auth to com.fasterxml.jackson.databind;
    opens io.warden.api.governance to com.fasterxml.jackson.databind;
    opens io.warden.api.limit to com.fasterxml.jackson.databind;
    opens io.warden.api.services to com.fasterxml.jackson.databind;
    opens io.warden.api.stream to com.fasterxml.jackson.databind;
    opens io.warden.api.system to com.fasterxml.jackson.databind;

    provides io.helidon.webserver.http1.spi.Http1UpgradeProvider
            with io.warden.api.stream.StreamUpgradeProvider;
}
