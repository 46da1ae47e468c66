package io.warden.api.limit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.warden.api.ComponentHealth;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buckets in Redis (Bucket4j's compare-and-swap proxy over Lettuce). Every call fails within
 * {@link SharedBuckets#TIMEOUT}: while the connection is down commands are refused at once instead
 * of queued, Lettuce reconnects every 250 ms, and a first connection that failed is tried again at
 * most as often. Keys expire once their bucket would be full again (plus a second). Thread safe.
 */
final class RedisBuckets implements BucketStore {

    private static final long RECONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final RedisURI uri;
    private final RedisClient client;
    private final TimeMeter time;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile Connected connected;
    private volatile long lastAttemptNanos = System.nanoTime() - RECONNECT_NANOS;

    private record Connected(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> buckets) {
    }

    /**
     * @param url  {@code redis://HOST:PORT[/DB]} or {@code rediss://...}
     * @param time the buckets' clock: wall-clock based, as every API instance must agree on it
     */
    RedisBuckets(String url, TimeMeter time) {
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(SharedBuckets.TIMEOUT);
        this.time = time;
        ClientResources resources = ClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.constant(Duration.ofNanos(RECONNECT_NANOS))).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(SharedBuckets.TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(SharedBuckets.TIMEOUT))
                .build());
    }

    @Override
    public Decision tryConsume(RateClass rateClass, String client, Limit limit) {
        Connected current = connection();
        try {
            return Decision.of(current.buckets().builder()
                    .build(SharedBuckets.key(rateClass, client, limit), () -> LocalBuckets.configuration(limit))
                    .tryConsumeAndReturnRemaining(1), limit.capacity());
        } catch (RuntimeException e) {
            throw new BucketStoreException(describe() + ": " + SharedBuckets.reason(e), e);
        }
    }

    @Override
    public String describe() {
        return "redis://" + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public ComponentHealth health() {
        try {
            connection().connection().sync().ping();
            return ComponentHealth.up(describe());
        } catch (RuntimeException e) {
            return ComponentHealth.down(describe() + ": " + SharedBuckets.reason(e));
        }
    }

    @Override
    public void close() {
        Connected current = connected;
        if (current != null) {
            current.connection().close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The connection, opened on first use; once open, Lettuce keeps it reconnecting by itself. */
    private Connected connection() {
        Connected current = connected;
        if (current != null) {
            return current;
        }
        long now = System.nanoTime();
        if (now - lastAttemptNanos < RECONNECT_NANOS || !connecting.tryLock()) {
            throw new BucketStoreException(describe() + ": not connected", null);
        }
        try {
            if (connected == null) {
                lastAttemptNanos = now;
                StatefulRedisConnection<String, byte[]> connection =
                        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                connected = new Connected(connection, Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                        .clientClock(time)
                        .requestTimeout(SharedBuckets.TIMEOUT)
                        .build());
            }
            return connected;
        } catch (RuntimeException e) {
            throw new BucketStoreException(describe() + ": " + SharedBuckets.reason(e), e);
        } finally {
            connecting.unlock();
        }
    }
}
