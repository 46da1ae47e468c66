package io.warden.supervisor.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartCoalescerTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(30);
    private static final Duration QUIET = Duration.ofMillis(500);
    /** The timer may run late on a loaded machine: only the quiet time after the restarts is the test. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Change> restarts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void burst_isOneRestart_namingItsFirstPathAndCount() {
        RestartCoalescer coalescer = new RestartCoalescer(DEBOUNCE, timer, restarts::add);
        for (int i = 0; i < 50; i++) {
            coalescer.changed("src/f" + i + ".py");
        }
        await().during(QUIET).atMost(PATIENCE).until(() -> restarts.size() == 1);
        assertThat(restarts.getFirst()).isEqualTo(new Change("src/f0.py", 50));
        assertThat(restarts.getFirst().reason()).isEqualTo("changed: src/f0.py and 49 more");
    }

    @Test
    void changesDuringARestart_makeExactlyOneMore() throws InterruptedException {
        CountDownLatch inRestart = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RestartCoalescer coalescer = new RestartCoalescer(DEBOUNCE, timer, change -> {
            restarts.add(change);
            if (restarts.size() == 1) {
                inRestart.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            }
        });
        coalescer.changed("a.py");
        assertThat(inRestart.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 20; i++) {
            coalescer.changed("b" + i + ".py"); // while the first restart runs
        }
        release.countDown();
        await().during(QUIET).atMost(PATIENCE).until(() -> restarts.size() == 2);
        assertThat(restarts).containsExactly(new Change("a.py", 1), new Change("b0.py", 20));
    }

    @Test
    void closed_restartsNoMore() {
        RestartCoalescer coalescer = new RestartCoalescer(DEBOUNCE, timer, restarts::add);
        coalescer.changed("a.py");
        coalescer.close();
        coalescer.changed("b.py");
        await().during(QUIET).atMost(PATIENCE).until(restarts::isEmpty);
    }
}
