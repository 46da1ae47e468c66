/**
 * Cluster singletons: the lease and advisory lock in PostgreSQL that let one agent of the fleet
 * run a service. The migrations are opened to all, because Flyway finds them through the class
 * loader; the settings record is opened to Jackson, which binds it from warden.yaml.
 */
@SuppressWarnings("requires-automatic") // Flyway ships no descriptor
module io.warden.cluster {
    requires transitive io.warden.supervisor;
    requires flyway.core;
    requires java.sql;
    requires org.slf4j;

    exports io.warden.cluster;

    opens io.warden.cluster to com.fasterxml.jackson.databind;
    opens io.warden.cluster.migration;
}
