/**
 * Services: specs, runners and their state machine, restarts, process trees, logs, health probes,
 * the doctor. Exported: what the daemon, the API and the CLI's {@code run} and {@code doctor} use.
 * Opened to Jackson: the packages whose records it binds from warden.yaml or writes as JSON.
 */
module io.warden.supervisor {
    requires transitive io.warden.os;
    requires transitive io.warden.lock;
    requires transitive io.warden.config;
    requires com.fasterxml.jackson.annotation;
    requires com.github.oshi;
    requires com.sun.jna;
    requires java.management;
    requires transitive java.net.http;
    // directory-watcher declares no module name: its name comes from the jar's file name.
    requires directory.watcher;
    requires org.slf4j;

    exports io.warden.supervisor;
    exports io.warden.supervisor.doctor;
    exports io.warden.supervisor.health;
    exports io.warden.supervisor.identity;
    exports io.warden.supervisor.logs;
    exports io.warden.supervisor.process;
    exports io.warden.supervisor.spec;
    exports io.warden.supervisor.watch;

    opens io.warden.supervisor to com.fasterxml.jackson.databind;
    opens io.warden.supervisor.doctor to com.fasterxml.jackson.databind;
    opens io.warden.supervisor.identity to com.fasterxml.jackson.databind;
    opens io.warden.supervisor.logs to com.fasterxml.jackson.databind;
    opens io.warden.supervisor.process to com.fasterxml.jackson.databind;
    opens io.warden.supervisor.spec to com.fasterxml.jackson.databind;
}
