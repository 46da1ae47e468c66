package io.warden.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The lease table and the advisory locks over one dedicated JDBC connection: opened with
 * {@link DriverManager}, never from a pool, so no pool can recycle it and silently drop the
 * session's advisory lock. Every time is the database's ({@code now()}). The lock key is the
 * service's name hashed with the schema, so two schemas (two fleets, or two tests) never share one.
 *
 * <p>Not thread safe: one elector's loop uses it; {@link #abort()} may come from any thread.
 */
final class LeaseTable implements AutoCloseable {

    private static final String KEY = "hashtextextended('warden-cluster/' || current_schema() || '/' || ?, 0)";

    private final Connection connection;
    private final int timeoutSeconds;

    private LeaseTable(Connection connection, int timeoutSeconds) {
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Migrates the lease table at {@code url} (Flyway, its own history table). */
    static void migrate(String url) {
        Flyway.configure(LeaseTable.class.getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:io/warden/cluster/migration")
                .table("cluster_schema_history")
                // The schema usually holds governance's tables already: start this history at 0, then V1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * A new session named {@code application} ({@code pg_stat_activity.application_name}). A query
     * or a connect that hangs fails after {@code timeout} (rounded up to whole seconds); the server
     * ends the session when it stays idle for {@code idle} (a paused holder's lock is freed then).
     */
    static LeaseTable connect(String url, String application, Duration timeout, Duration idle) throws SQLException {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", application);
        properties.setProperty("connectTimeout", Integer.toString(seconds));
        properties.setProperty("socketTimeout", Integer.toString(seconds));
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(url, properties);
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('idle_session_timeout', ?, false)")) {
            set.setString(1, idle.toMillis() + "ms");
            set.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.setAutoCommit(true);
        return new LeaseTable(connection, seconds);
    }

    /** Takes the service's advisory lock for this session, without waiting; true when held (again). */
    boolean tryLock(String service) throws SQLException {
        try (PreparedStatement statement = prepare("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            statement.setString(1, service);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** The service's lease row; empty when none was ever taken. */
    Optional<Lease> read(String service) throws SQLException {
        try (PreparedStatement statement = prepare("SELECT holder, epoch, "
                + "(EXTRACT(EPOCH FROM expires_at - now()) * 1000)::bigint FROM cluster_lease WHERE service = ?")) {
            statement.setString(1, service);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Lease(row.getString(1), row.getLong(2),
                        Duration.ofMillis(row.getLong(3)))) : Optional.empty();
            }
        }
    }

    /**
     * Takes the lease for {@code holder} with the next epoch, if it ended (or was this holder's):
     * one statement, so two agents can never both get it. Call it holding the advisory lock.
     *
     * @return the new epoch; empty when another holder's lease still runs
     */
    OptionalLong claim(String service, String holder, Duration lease) throws SQLException {
        try (PreparedStatement statement = prepare("INSERT INTO cluster_lease AS l "
                + "(service, holder, epoch, acquired_at, renewed_at, expires_at) "
                + "VALUES (?, ?, 1, now(), now(), now() + ? * interval '1 millisecond') "
                + "ON CONFLICT (service) DO UPDATE SET holder = EXCLUDED.holder, epoch = l.epoch + 1, "
                + "acquired_at = now(), renewed_at = now(), expires_at = EXCLUDED.expires_at "
                + "WHERE l.expires_at <= now() OR l.holder = EXCLUDED.holder RETURNING epoch")) {
            statement.setString(1, service);
            statement.setString(2, holder);
            statement.setLong(3, lease.toMillis());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Extends the lease by {@code lease} from the database's now; false when it is no longer this holder's epoch. */
    boolean renew(String service, String holder, long epoch, Duration lease) throws SQLException {
        try (PreparedStatement statement = prepare("UPDATE cluster_lease SET renewed_at = now(), "
                + "expires_at = now() + ? * interval '1 millisecond' WHERE service = ? AND holder = ? AND epoch = ?")) {
            statement.setLong(1, lease.toMillis());
            statement.setString(2, service);
            statement.setString(3, holder);
            statement.setLong(4, epoch);
            return statement.executeUpdate() == 1;
        }
    }

    /** Ends this holder's lease now (its copy is stopped): another agent may take over at once. */
    void release(String service, String holder, long epoch) throws SQLException {
        try (PreparedStatement statement = prepare("UPDATE cluster_lease SET expires_at = now() "
                + "WHERE service = ? AND holder = ? AND epoch = ?")) {
            statement.setString(1, service);
            statement.setString(2, holder);
            statement.setLong(3, epoch);
            statement.executeUpdate();
        }
    }

    /** Ends the session from any thread, even while a query hangs: the advisory lock goes with it. */
    void abort() {
        try {
            connection.abort(command -> Thread.ofVirtual().name("warden-cluster-abort").start(command));
        } catch (SQLException | RuntimeException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the session is gone either way
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }
}
