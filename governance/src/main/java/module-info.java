/**
 * Risk assessments: matrix, approvals, policy, lifecycle, audit, storage and export. The records
 * Jackson binds or writes are opened to it; the migrations are opened to all, because Flyway
 * finds them through the class loader.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // JDBI and Flyway ship no descriptor
module io.warden.governance {
    requires transitive io.warden.config;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.zaxxer.hikari;
    requires flyway.core;
    requires java.sql;
    // GovernanceStore.jdbi() hands deploy the same database.
    requires transitive org.jdbi.v3.core;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports io.warden.governance;
    exports io.warden.governance.approval;
    exports io.warden.governance.assessment;
    exports io.warden.governance.export;
    exports io.warden.governance.matrix;
    exports io.warden.governance.policy;
    exports io.warden.governance.store;

    opens io.warden.governance to com.fasterxml.jackson.databind;
    opens io.warden.governance.approval to com.fasterxml.jackson.databind;
    opens io.warden.governance.assessment to com.fasterxml.jackson.databind, org.jdbi.v3.core;
    opens io.warden.governance.export to com.fasterxml.jackson.databind;
    opens io.warden.governance.matrix to com.fasterxml.jackson.databind;
    opens io.warden.governance.policy to com.fasterxml.jackson.databind;
    opens io.warden.governance.store.migration;
}
