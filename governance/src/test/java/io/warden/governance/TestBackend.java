package io.warden.governance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A database for one test class: a SQLite file in a temporary directory, or a fresh schema in the
 * PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust auth, user postgres or root) that is
 * dropped afterwards. When PostgreSQL is unreachable the test is skipped with the reason, or fails
 * when the environment says {@code CI=true}.
 */
public final class TestBackend implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String url;
    private final String adminUrl;
    private final String schema;

    private TestBackend(String url, String adminUrl, String schema) {
        this.url = url;
        this.adminUrl = adminUrl;
        this.schema = schema;
    }

    /** A SQLite file in {@code dir}. */
    public static TestBackend sqlite(Path dir) {
        return new TestBackend("jdbc:sqlite:" + dir.resolve("governance.db"), null, null);
    }

    /** A fresh schema named after {@code owner} in the local PostgreSQL. */
    public static TestBackend postgres(Class<?> owner) {
        String schema = ("gov_" + owner.getSimpleName() + "_" + Long.toHexString(ThreadLocalRandom.current()
                .nextLong() & 0xffffffL)).toLowerCase(Locale.ROOT);
        StringBuilder failures = new StringBuilder();
        for (String user : new String[] {"postgres", "root"}) {
            String admin = SERVER + "?user=" + user + "&connectTimeout=3";
            try (Connection connection = DriverManager.getConnection(admin)) {
                connection.createStatement().execute("CREATE SCHEMA " + schema);
                return new TestBackend(admin + "&currentSchema=" + schema, admin, schema);
            } catch (SQLException e) {
                failures.append(user).append(": ").append(e.getMessage()).append("; ");
            }
        }
        String reason = "PostgreSQL at 127.0.0.1:5432 (database test, user postgres or root) is unreachable: "
                + failures;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(reason + " Skipping the PostgreSQL run; start PostgreSQL to run it (CI=true fails"
                + " instead of skipping).");
        throw new AssertionError("unreachable");
    }

    /** The JDBC URL of the store. */
    public String url() {
        return url;
    }

    /** Whether this is the PostgreSQL backend. */
    public boolean isPostgres() {
        return adminUrl != null;
    }

    @Override
    public void close() throws SQLException {
        if (adminUrl != null) {
            try (Connection connection = DriverManager.getConnection(adminUrl)) {
                connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
