/**
 * Background sampling of the host and of the services' process trees, and the bounded history
 * behind charts. Opened to Jackson, which writes the samples as JSON for the API.
 */
@SuppressWarnings("module") // opened to Jackson, which the API writes samples with; metrics does not use it
module io.warden.metrics {
    requires transitive io.warden.os;
    requires com.github.oshi;
    requires java.management;

    // The tests only: a cost probe reads the thread CPU time through com.sun.management.
    requires static jdk.management;

    exports io.warden.metrics;
    exports io.warden.metrics.history;

    opens io.warden.metrics to com.fasterxml.jackson.databind;
}
