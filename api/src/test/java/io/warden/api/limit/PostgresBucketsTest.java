package io.warden.api.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract on the machine's PostgreSQL (a schema of its own); and the rows' expiry. */
class PostgresBucketsTest extends BucketStoreContract {

    private String url;

    @Override
    BucketStore open(HandMeter time) {
        if (url == null) {
            url = TestServers.postgres();
        }
        return new PostgresBuckets(url, time);
    }

    @Test
    void rows_expireOnceTheBucketWouldBeFullAgain_andEvictIdleDeletesThem() throws Exception {
        BucketStore store = store();
        store.tryConsume(RateClass.READ, client, THREE);
        String key = SharedBuckets.key(RateClass.READ, client, THREE);
        long now = time.currentTimeNanos() / 1_000_000;

        // One token short: a second to refill it, plus the second kept after refilling (and Bucket4j's rounding).
        assertThat(expiresAt(key) - now).isBetween(1L, 3_000L);

        // Bucket4j deletes by the database host's clock, not the buckets' one: real time must pass.
        await().atMost(Duration.ofSeconds(15)).until(() -> store.evictIdle() == 1);
        assertThat(expiresAt(key)).isEqualTo(-1);
    }

    private long expiresAt(String key) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT expires_at FROM " + PostgresBuckets.TABLE + " WHERE id = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }
}
