/**
 * Strict binding of YAML and JSON to records, with file, line and key in every error. Jackson is
 * part of its surface ({@code ConfigMapper} hands out its mappers), hence {@code transitive}.
 */
module io.warden.config {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires org.yaml.snakeyaml;

    exports io.warden.config;

    // The tests only: they bind records declared in this package.
    opens io.warden.config to com.fasterxml.jackson.databind;
}
