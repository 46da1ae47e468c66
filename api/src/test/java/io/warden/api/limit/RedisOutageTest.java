package io.warden.api.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.os.HostClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Redis of the test's own, killed mid-run: the configured fallback answers within a second,
 * health says so, and the shared buckets come back with Redis.
 */
class RedisOutageTest {

    /** Ten at once, ten a minute: the fallback's half is five. */
    private static final Limit TEN = Limit.of(10, 10, Duration.ofMinutes(1));

    private static RateLimits settings(String store, StoreFallback fallback) {
        return new RateLimits(TEN, null, null, null, null, null, null, store, fallback, 2);
    }

    @Test
    void redisKilled_localBucketsAtHalfTheLimitWithinASecond_healthDown_thenBackWithRedis() throws Exception {
        try (TestServers.OwnRedis redis = TestServers.OwnRedis.start();
             BucketStore store = SharedBuckets.open(settings(redis.url(), StoreFallback.LOCAL), null, HostClock.system())) {
            assertThat(store.tryConsume(RateClass.READ, "10.0.0.1", TEN).limit()).isEqualTo(10);
            assertThat(store.health().up()).isTrue();

            redis.kill();
            long killed = System.nanoTime();
            Decision decision = store.tryConsume(RateClass.READ, "10.0.0.1", TEN);
            while (decision.limit() != 5 && System.nanoTime() - killed < Duration.ofSeconds(5).toNanos()) {
                decision = store.tryConsume(RateClass.READ, "10.0.0.1", TEN);
            }
            Duration toFallback = Duration.ofNanos(System.nanoTime() - killed);

            assertThat(decision.limit()).as("the local fallback's bucket: 10 / 2 agents").isEqualTo(5);
            assertThat(toFallback).isLessThan(Duration.ofSeconds(1));
            assertThat(store.health().up()).isFalse();
            assertThat(store.health().detail()).startsWith(redis.url() + ": ")
                    .contains("local buckets at 1/2 of each limit (rateLimits.fallback: local)");

            redis.restart();
            await().atMost(Duration.ofSeconds(20)).until(() -> store.health().up());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.tryConsume(RateClass.READ, "10.0.0.2", TEN).limit() == 10);
        }
    }

    @Test
    void failClosed_refusesEverything_whileTheStoreIsUnreachable() throws Exception {
        try (TestServers.OwnRedis redis = TestServers.OwnRedis.start();
             BucketStore store = SharedBuckets.open(settings(redis.url(), StoreFallback.FAIL_CLOSED), null,
                     HostClock.system())) {
            redis.kill();

            Decision decision = store.tryConsume(RateClass.READ, "10.0.0.1", TEN);

            assertThat(decision).isEqualTo(new Decision(false, 10, 0, 1, 1));
            assertThat(store.health().detail()).contains("every request refused (rateLimits.fallback: fail-closed)");
        }
    }

    @Test
    void failOpen_allowsEverything_andAStoreDownAtStartIsNoObstacle() {
        // Nothing listens on port 1: the store is down from the start.
        try (BucketStore store = SharedBuckets.open(settings("redis://127.0.0.1:1", StoreFallback.FAIL_OPEN), null,
                HostClock.system())) {
            for (int i = 0; i < 20; i++) {
                assertThat(store.tryConsume(RateClass.READ, "10.0.0.1", TEN).allowed()).isTrue();
            }
            assertThat(store.health().up()).isFalse();
        }
    }

    @Test
    void postgresqlStore_withoutAPostgresqlStorageUrl_isRefusedWithTheFix() {
        RateLimits postgres = settings("postgresql", StoreFallback.LOCAL);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SharedBuckets.open(postgres,
                        "jdbc:sqlite:/tmp/w.db", HostClock.system()))
                .hasMessage("rateLimits.store: postgresql keeps the buckets in the database of storage.url, which must"
                        + " then be jdbc:postgresql://HOST:PORT/DB?user=...; it is jdbc:sqlite:/tmp/w.db");
    }
}
