package io.warden.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user postgres), dropped
 * afterwards: its own lease table, and advisory lock keys no other schema shares. Skipped when
 * PostgreSQL is unreachable, failed instead under {@code CI=true}.
 */
final class TestSchema implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

    final String name;
    final String url;

    private TestSchema(String name) {
        this.name = name;
        this.url = SERVER + "&currentSchema=" + name;
    }

    static TestSchema create(String prefix) {
        String name = (prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL))
                .toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(SERVER)) {
            connection.createStatement().execute("CREATE SCHEMA " + name);
            return new TestSchema(name);
        } catch (SQLException e) {
            String reason = "PostgreSQL at 127.0.0.1:5432 (database test, user postgres) is unreachable: "
                    + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " (CI=true, so this is a failure, not a skip)");
            }
            Assumptions.abort(reason + "; skipping (CI=true fails instead)");
            throw new AssertionError("unreachable");
        }
    }

    /** The first column of the first row of {@code sql}, run in this schema. */
    Object query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getObject(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER)) {
            connection.createStatement().execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
