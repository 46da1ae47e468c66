package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden logs -f} as a real process against a real daemon: a service printing numbered
 * lines at more than 10,000 a second, its log rotated many times meanwhile, is shown whole, once,
 * in order.
 */
class LogsFollowTest {

    private static final int LINES = 30_000;

    /** Waits for {@code go}, then prints 0..LINES-1 at 12,500 lines a second, then {@code done} and its rate. */
    private static final String BURST = """
            import os, sys, time
            print('ready', flush=True)
            while not os.path.exists('go'):
                time.sleep(0.01)
            start = time.monotonic()
            for batch in range(%d // 125):
                sys.stdout.write(''.join('n %%d\\n' %% (batch * 125 + i) for i in range(125)))
                sys.stdout.flush()
                delay = start + (batch + 1) * 0.01 - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            rate = %d / (time.monotonic() - start)
            print('done %%d lines/s' %% rate, flush=True)
            time.sleep(3600)
            """.formatted(LINES, LINES);

    @TempDir
    Path dir;

    @Test
    void follow_showsEveryLineOfA10kLinesPerSecondBurstOnceInOrder_acrossRotations() throws Exception {
        Files.writeString(dir.resolve("burst.py"), BURST);
        // 100KB files: the burst (about 600 KB) rotates the log six times while it is followed.
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                services:
                  burst:
                    command: [python3, burst.py]
                    logs: {maxSize: 100KB, keep: 50}
                """);
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> PidRecord.parse(Files.readString(dir.resolve(".warden/warden.pid"))).port() > 0);
            Path log = dir.resolve(".warden/logs/burst.log");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> Files.readString(log).contains(" out ready"));

            try (var follow = WardenProcess.start(dir, "logs", "burst", "-f", "-n", "5")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> follow.stdout().contains(" out ready"));
                Files.writeString(dir.resolve("go"), "");
                await().atMost(Duration.ofSeconds(120)).until(() -> follow.stdout().contains(" out done"));

                List<Integer> numbers = new ArrayList<>();
                String rate = "";
                for (String line : follow.stdout().lines().toList()) {
                    int at = line.indexOf(" out ");
                    String text = at < 0 ? line : line.substring(at + 5);
                    if (text.startsWith("n ")) {
                        numbers.add(Integer.parseInt(text.substring(2)));
                    } else if (text.startsWith("done ")) {
                        rate = text;
                    }
                }
                assertThat(Integer.parseInt(rate.split(" ")[1])).as(rate).isGreaterThanOrEqualTo(10_000);
                assertThat(numbers).as("every number once, in order").isEqualTo(IntStream.range(0, LINES).boxed().toList());
                assertThat(follow.stderr()).isEmpty();
                assertThat(follow.process.isAlive()).as("still following").isTrue();
            }
            try (var files = Files.list(dir.resolve(".warden/logs"))) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith("burst.log.")).count())
                        .as("rotated files").isGreaterThanOrEqualTo(3);
            }
            daemon.process.destroy();
            assertThat(daemon.await()).isZero();
        }
    }

    /** Prints 0..1999 every 5 ms, then {@code done}. */
    private static final String TICKER = """
            import sys, time
            for i in range(2000):
                print('n %d' % i, flush=True)
                time.sleep(0.005)
            print('done', flush=True)
            time.sleep(3600)
            """;

    @Test
    void follow_resumesAfterTheDaemonIsKilledAndAnotherAdoptsTheService_withoutRepeatsOrLosses() throws Exception {
        Files.writeString(dir.resolve("ticker.py"), TICKER);
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                services:
                  ticker:
                    command: [python3, ticker.py]
                """);
        Path pidFile = dir.resolve(".warden/warden.pid");
        WardenProcess second = null;
        try (var first = WardenProcess.start(dir, "up", "--config", config.toString());
             var follow = startFollowing(dir, first, pidFile)) {
            await().atMost(Duration.ofSeconds(60)).failFast("logs -f exited", () -> !follow.process.isAlive())
                    .until(() -> follow.stdout().contains(" out n 100\n"));
            first.process.destroyForcibly(); // kill -9: the service runs on, writing to its spool
            first.process.waitFor();
            second = WardenProcess.start(dir, "up", "--config", config.toString());
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> follow.stdout().contains(" out done"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                String out = follow.stdout();
                throw new AssertionError("alive=" + follow.process.isAlive() + " stderr=" + follow.stderr() + " stdout tail="
                        + out.substring(Math.max(0, out.length() - 300)) + " daemon2 err=" + second.stderr()
                        + " log tail=" + Files.readString(dir.resolve(".warden/logs/ticker.log")).lines()
                        .reduce((a, b) -> b).orElse(""), e);
            }

            List<Integer> numbers = follow.stdout().lines().filter(line -> line.contains(" out n "))
                    .map(line -> Integer.parseInt(line.substring(line.indexOf(" out n ") + 7))).toList();
            assertThat(numbers.getFirst()).isLessThan(100);
            assertThat(numbers).as("every number once, in order, across the daemon's death")
                    .isEqualTo(IntStream.range(numbers.getFirst(), 2000).boxed().toList());

            long stopping = System.nanoTime();
            second.process.destroy();
            assertThat(second.await()).as("a daemon with a follower connected stops").isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(30));
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private static WardenProcess startFollowing(Path dir, WardenProcess daemon, Path pidFile) throws Exception {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> PidRecord.parse(Files.readString(pidFile)), r -> r.pid() == daemon.process.pid() && r.port() > 0);
        return WardenProcess.start(dir, "logs", "ticker", "-f", "-n", "10000");
    }
}
