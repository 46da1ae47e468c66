package io.warden.api.limit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.warden.api.ComponentHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Buckets in PostgreSQL, in the table {@code warden_rate_buckets} (created when missing; a row per
 * client bucket, locked with {@code SELECT ... FOR UPDATE} while it is drawn from). Rows carry
 * {@code expires_at}; {@link #evictIdle()} deletes the expired ones. A pool of its own, small and
 * quick to give up (connection timeout {@link SharedBuckets#TIMEOUT}). Thread safe.
 */
final class PostgresBuckets implements BucketStore {

    static final String TABLE = "warden_rate_buckets";

    private final HikariDataSource pool;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private volatile boolean tableReady;

    PostgresBuckets(String jdbcUrl, TimeMeter time) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("warden-rate-limits");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, SharedBuckets.TIMEOUT.toMillis()));
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1); // start even when the database is down: the fallback answers
        config.addDataSourceProperty("socketTimeout", "2");
        this.pool = new HikariDataSource(config);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                .clientClock(time)
                .build();
    }

    @Override
    public Decision tryConsume(RateClass rateClass, String client, Limit limit) {
        try {
            ensureTable();
            return Decision.of(buckets.builder()
                    .build(SharedBuckets.key(rateClass, client, limit), () -> LocalBuckets.configuration(limit))
                    .tryConsumeAndReturnRemaining(1), limit.capacity());
        } catch (SQLException | RuntimeException e) {
            throw new BucketStoreException(describe() + ": " + SharedBuckets.reason(e), e);
        }
    }

    @Override
    public String describe() {
        return "postgresql";
    }

    @Override
    public ComponentHealth health() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1) ? ComponentHealth.up(describe()) : ComponentHealth.down(describe() + ": no answer");
        } catch (SQLException | RuntimeException e) {
            return ComponentHealth.down(describe() + ": " + SharedBuckets.reason(e));
        }
    }

    /** Deletes expired rows, a batch at a time (rows being drawn from are skipped). */
    @Override
    public int evictIdle() {
        int removed = 0;
        try {
            for (int batch; (batch = buckets.removeExpired(1_000)) > 0; ) {
                removed += batch;
            }
        } catch (RuntimeException e) {
            // The next round tries again; the fallback's health says why the store is down.
        }
        return removed;
    }

    @Override
    public void close() {
        pool.close();
    }

    private void ensureTable() throws SQLException {
        if (tableReady) {
            return;
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(512) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
        } catch (SQLException e) {
            // Two agents creating it at once: one wins, the other sees a duplicate type; both may go on.
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
        tableReady = true;
    }
}
