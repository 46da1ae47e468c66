package io.warden.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.os.HostClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host side of a real sampler on this machine, the history it writes and its listeners. */
class MetricsSamplerTest {

    private static final SamplerSettings FAST = SamplerSettings.defaults().withInterval(Duration.ofMillis(500));

    private MetricsSampler sampler;

    @BeforeEach
    void startSampler() {
        sampler = MetricsSampler.create(FAST, HostClock.system());
    }

    @AfterEach
    void closeSampler() {
        sampler.close();
    }

    @Test
    void start_twoTicks_plausibleHostValues() {
        assertThat(sampler.latest()).isEmpty();
        sampler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sequence() >= 2);

        HostSample host = sampler.latest().orElseThrow().host();
        assertThat(host.cpu().perCorePercent()).isNotEmpty().allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
        assertThat(host.cpu().totalPercent()).isBetween(0.0, 100.0);
        assertThat(host.memory().totalBytes()).isPositive();
        assertThat(host.memory().usedBytes()).isPositive().isLessThanOrEqualTo(host.memory().totalBytes());
        assertThat(host.network().interfaces()).isNotEmpty();
        assertThat(host.fileStores()).isNotEmpty()
                .allSatisfy(store -> assertThat(store.usedBytes()).isLessThanOrEqualTo(store.totalBytes()));
        assertThat(host.uptime()).isPositive();
        assertThat(host.load()).isPresent(); // Linux has one
        assertThat(sampler.latest().orElseThrow().cost().wallNanos()).isPositive();
    }

    @Test
    void ticks_writeHistoryInOrder() {
        sampler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sequence() >= 3);

        var cpu = sampler.history().find("cpu.total").orElseThrow().all();
        assertThat(cpu.size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < cpu.size(); i++) {
            assertThat(cpu.epochMillis(i)).isGreaterThan(cpu.epochMillis(i - 1));
        }
        assertThat(sampler.history().names()).contains("cpu.total", "cpu.core.0", "memory.used", "swap.used",
                "load.1", "net.rx", "net.tx", "disk.read", "disk.write");
        assertThat(sampler.stats().ticks()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void listeners_throwingAndSlow_samplingGoesOnAndOthersCalled() {
        CopyOnWriteArrayList<Long> seen = new CopyOnWriteArrayList<>();
        AtomicLong slowCalls = new AtomicLong();
        sampler.subscribe(sample -> {
            throw new IllegalStateException("listener bug");
        });
        sampler.subscribe(sample -> {
            if (slowCalls.incrementAndGet() == 1) {
                sleepQuietly(Duration.ofMillis(1200)); // longer than two intervals, once
            }
        });
        sampler.subscribe(sample -> seen.add(sample.sequence()));
        sampler.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 4);

        assertThat(seen).isSorted().doesNotHaveDuplicates();
        assertThat(sampler.stats().listenerFailures()).isGreaterThanOrEqualTo(4);
        assertThat(sampler.stats().failedTicks()).isZero();
    }

    @Test
    void subscription_closed_noMoreCalls() {
        AtomicLong calls = new AtomicLong();
        MetricsSampler.Subscription subscription = sampler.subscribe(sample -> calls.incrementAndGet());
        sampler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 1);

        subscription.close();
        long after = calls.get();
        long sequence = sequence();
        await().atMost(Duration.ofSeconds(10)).until(() -> sequence() >= sequence + 2);

        assertThat(calls.get()).isBetween(after, after + 1); // at most the tick in flight
    }

    @Test
    void tick_injectedClock_sampleInstantIntervalAndCostFromIt() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T20:00:00Z"));
        try (MetricsSampler manual = MetricsSampler.create(FAST, clock)) {
            manual.prime();
            clock.advance(Duration.ofMillis(1500));

            manual.tick();

            Sample sample = manual.latest().orElseThrow();
            assertThat(sample.at()).isEqualTo(Instant.parse("2026-12-07T20:00:01.500Z"));
            assertThat(sample.elapsed()).isEqualTo(Duration.ofMillis(1500));
            assertThat(sample.cost().wallNanos()).isZero(); // the clock stood still during the tick
            var cpu = manual.history().find("cpu.total").orElseThrow().all();
            assertThat(cpu.epochMillis(cpu.size() - 1)).isEqualTo(sample.at().toEpochMilli());
        }
    }

    private long sequence() {
        return sampler.latest().map(Sample::sequence).orElse(0L);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
