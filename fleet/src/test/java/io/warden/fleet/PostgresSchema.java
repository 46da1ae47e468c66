package io.warden.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust auth), dropped on
 * close. Unreachable: the test is skipped with the reason, or fails when {@code CI=true}.
 */
final class PostgresSchema implements AutoCloseable {

    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

    private final String schema;

    private PostgresSchema(String schema) {
        this.schema = schema;
    }

    static PostgresSchema create() {
        String schema = "warden_fleet_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        try (Connection connection = DriverManager.getConnection(ADMIN)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
            return new PostgresSchema(schema);
        } catch (SQLException e) {
            String reason = "PostgreSQL at 127.0.0.1:5432 (database test) is unreachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " (CI=true: a failure, not a skip)");
            }
            Assumptions.abort(reason + " Skipping the PostgreSQL run (CI=true fails instead).");
            throw new AssertionError("unreachable");
        }
    }

    String url() {
        return ADMIN + "&currentSchema=" + schema;
    }

    /** Runs {@code sql} in the schema. */
    void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url())) {
            connection.createStatement().execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN)) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
