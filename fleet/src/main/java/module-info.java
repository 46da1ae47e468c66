/**
 * The fleet registry: agents sharing one PostgreSQL register their host, heartbeat, and forward
 * control requests to the agent that owns a service. Used by the API and built by the daemon. The
 * records Jackson binds (the {@code fleet:} section) or writes are opened to it; the migrations
 * are opened to all, because Flyway finds them through the class loader.
 */
@SuppressWarnings("requires-automatic") // JDBI and Flyway ship no descriptor
module io.warden.fleet {
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires java.net.http;
    requires java.sql;
    requires org.jdbi.v3.core;
    requires org.slf4j;

    exports io.warden.fleet;

    opens io.warden.fleet to com.fasterxml.jackson.databind;
    opens io.warden.fleet.migration;
}
