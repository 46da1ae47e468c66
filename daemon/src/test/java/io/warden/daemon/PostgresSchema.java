package io.warden.daemon;

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

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String adminUrl;
    private final String schema;

    private PostgresSchema(String adminUrl, String schema) {
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    static PostgresSchema create(String prefix) {
        String schema = prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        StringBuilder failures = new StringBuilder();
        for (String user : new String[] {"postgres", "root"}) {
            String admin = SERVER + "?user=" + user + "&connectTimeout=3";
            try (Connection connection = DriverManager.getConnection(admin)) {
                connection.createStatement().execute("CREATE SCHEMA " + schema);
                return new PostgresSchema(admin, schema);
            } catch (SQLException e) {
                failures.append(user).append(": ").append(e.getMessage()).append("; ");
            }
        }
        String reason = "PostgreSQL at 127.0.0.1:5432 (database test) is unreachable: " + failures;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: a failure, not a skip)");
        }
        Assumptions.abort(reason + " Skipping the PostgreSQL run (CI=true fails instead).");
        throw new AssertionError("unreachable");
    }

    /** The storage URL of the schema. */
    String url() {
        return adminUrl + "&currentSchema=" + schema;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl)) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
