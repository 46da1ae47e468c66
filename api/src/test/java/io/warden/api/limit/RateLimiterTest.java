package io.warden.api.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.warden.os.HostClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Buckets over a hand-advanced Bucket4j {@link TimeMeter}: refill and eviction without sleeping. */
class RateLimiterTest {

    /** Three at once, one more every second; the other classes at their defaults. */
    private static final RateLimits THREE_PER_BURST = new RateLimits(Limit.of(3, 1, Duration.ofSeconds(1)), null, null,
            null, null, null, null, null, null, null);

    private final HandMeter meter = new HandMeter();
    private final RateLimiter limiter = new RateLimiter(THREE_PER_BURST, meter);

    @Test
    void tryAcquire_burstSpent_refusedWithRetryAfter_untilTheMeterAdvancesOnePeriod() {
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ)).isEqualTo(new Decision(true, 3, 2, 1, 0));
        limiter.tryAcquire("10.0.0.1", RateClass.READ);
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ)).isEqualTo(new Decision(true, 3, 0, 3, 0));

        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ)).isEqualTo(new Decision(false, 3, 0, 3, 1));
        meter.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ).allowed()).isFalse();

        meter.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ)).isEqualTo(new Decision(true, 3, 0, 3, 0));
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ).allowed()).isFalse();
    }

    @Test
    void tryAcquire_longIdle_refillsToCapacityNotBeyond() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("10.0.0.1", RateClass.READ);
        }

        meter.advance(Duration.ofHours(1));

        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ).remaining()).isEqualTo(2);
        limiter.tryAcquire("10.0.0.1", RateClass.READ);
        limiter.tryAcquire("10.0.0.1", RateClass.READ);
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ).allowed()).isFalse();
    }

    @Test
    void tryAcquire_clientsAndClassesHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("10.0.0.1", RateClass.READ);
        }

        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.READ).allowed()).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2", RateClass.READ).allowed()).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", RateClass.WRITE)).isEqualTo(new Decision(true, 20, 19, 1, 0));
    }

    @Test
    void evictIdle_onlyBucketsQuietLongerThanAFullRefillAndASecond() {
        limiter.tryAcquire("quiet", RateClass.READ);
        meter.advance(Duration.ofSeconds(3)); // READ refills whole in 3 s; eviction waits 1 s more
        limiter.tryAcquire("busy", RateClass.READ);
        meter.advance(Duration.ofSeconds(1));

        assertThat(limiter.evictIdle()).isZero();
        meter.advance(Duration.ofNanos(1));
        assertThat(limiter.evictIdle()).isEqualTo(1);
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.tryAcquire("quiet", RateClass.READ).remaining()).isEqualTo(2); // a new, full bucket
    }

    @Test
    void hostClock_bucketsTimedByItsMonotonicCounter() {
        HandMeter counter = new HandMeter();
        HostClock clock = new HostClock() {
            @Override
            public Instant instant() {
                return Instant.EPOCH; // stands still: only the monotonic counter may refill
            }

            @Override
            public long nanoTime() {
                return counter.currentTimeNanos();
            }
        };
        RateLimiter timed = new RateLimiter(THREE_PER_BURST, clock);
        for (int i = 0; i < 3; i++) {
            timed.tryAcquire("10.0.0.1", RateClass.READ);
        }
        assertThat(timed.tryAcquire("10.0.0.1", RateClass.READ).allowed()).isFalse();

        counter.advance(Duration.ofSeconds(1));

        assertThat(timed.tryAcquire("10.0.0.1", RateClass.READ).allowed()).isTrue();
    }
}
