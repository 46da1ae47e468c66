package io.warden.api.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

/** The contract on the machine's Redis; and the keys' time to live. */
class RedisBucketsTest extends BucketStoreContract {

    @Override
    BucketStore open(HandMeter time) {
        return new RedisBuckets(TestServers.redis(), time);
    }

    @Test
    void keys_expireOnceTheBucketWouldBeFullAgain() {
        store().tryConsume(RateClass.READ, client, THREE);
        String key = SharedBuckets.key(RateClass.READ, client, THREE);

        RedisClient redis = RedisClient.create(TestServers.REDIS);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            // One token short: a second to refill it, plus the second kept after refilling.
            assertThat(connection.sync().pttl(key)).isBetween(1L, 2_000L);
        } finally {
            redis.shutdown();
        }
    }
}
