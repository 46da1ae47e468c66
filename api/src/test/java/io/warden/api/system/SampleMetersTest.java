package io.warden.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.warden.metrics.ProcessTreeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The per-service gauges while services come and go (a restart: no process in one sample, one in
 * the next) and Prometheus scrapes at the same time, as bench/api-load.sh does: every scrape
 * answers, with one series per service.
 */
class SampleMetersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static ProcessTreeSample process(String name) {
        return new ProcessTreeSample(name, 100, Instant.EPOCH, 1.5, 1_000_000, 1, 3, Duration.ofSeconds(5), 1);
    }

    @Test
    void servicesComingAndGoing_whileScraped_everyScrapeAnswersWithOneSeriesPerService() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SampleMeters meters = SampleMeters.register(Optional::empty, registry);
        // Every service but one restarting, or all of them: the rows left were replaced, and so was
        // the whole collector when they were its last.
        Map<String, ProcessTreeSample> all = Map.of("web", process("web"), "ticker", process("ticker"));
        Map<String, ProcessTreeSample> restarting = Map.of("ticker", process("ticker"));
        List<Map<String, ProcessTreeSample>> samples = List.of(restarting, all, Map.of(), all);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 3_000 && !done.get(); i++) {
                meters.onProcesses(samples.get(i % samples.size()));
            }
            done.set(true);
        });
        List<RuntimeException> failures = new ArrayList<>();
        int scrapes = 0;
        while (!done.get() && failures.isEmpty()) {
            try {
                SampleMeters.scrape(registry);
                scrapes++;
            } catch (RuntimeException e) {
                failures.add(e);
                done.set(true);
            }
        }
        sampler.join();

        assertThat(failures).as("after %d scrapes", scrapes).isEmpty();
        // The rows change on their own thread, after the last sample.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(SampleMeters.scrape(registry))
                .containsOnlyOnce("warden_service_processes{service=\"ticker\"} 1")
                .containsOnlyOnce("warden_service_processes{service=\"web\"} 1"));
    }

    @Test
    void aScrapeHeldUpWhileTheServicesChange_doesNotHoldUpTheSampler() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SampleMeters meters = SampleMeters.register(Optional::empty, registry);
        CountDownLatch inScrape = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A gauge that waits, as a scrape does when its virtual thread parks on a busy lock and an
        // API flood keeps the carriers from running it again.
        Gauge.builder("test.held.up", () -> {
            inScrape.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }).register(registry);
        Thread scrape = Thread.ofPlatform().start(() -> SampleMeters.scrape(registry));
        inScrape.await();

        try {
            CompletableFuture.runAsync(() -> meters.onProcesses(Map.of("web", process("web"))))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            release.countDown();
            scrape.join();
        }
        await().atMost(PATIENCE).until(() -> SampleMeters.scrape(registry)
                .contains("warden_service_processes{service=\"web\"} 1"));
    }
}
