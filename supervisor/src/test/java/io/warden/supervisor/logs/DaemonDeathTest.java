package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon dies (SIGKILL of a separate JVM that captures a child), the child goes on printing
 * a numbered line every 10 ms, a new daemon opens the log and adopts the child: the child never
 * noticed, and the log holds every number once, in order.
 */
class DaemonDeathTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SERVICE = "ticker";

    @TempDir
    Path state;

    @Test
    void killedDaemon_childKeepsPrinting_newDaemonAdoptsWithoutLosingALine() throws Exception {
        Process daemon = Fixtures.java(CaptureDaemon.class, state.toString(), SERVICE)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle child = null;
        try {
            String pid = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            child = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
            await().atMost(PATIENCE).until(() -> LogFiles.ticks(state, SERVICE).size() >= 20);

            daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long capturedByTheDeadDaemon = LogFiles.ticks(state, SERVICE).size();
            // The child goes on: at least 30 more lines land in its spool while no daemon runs.
            Path spool = LogFiles.spool(state, SERVICE, 1);
            long spoolAtDeath = Files.size(spool);
            await().atMost(PATIENCE).until(() -> Files.size(spool) >= spoolAtDeath + 30 * "tick 100\n".length());
            assertThat(LogFiles.ticks(state, SERVICE)).hasSize((int) capturedByTheDeadDaemon);

            try (ServiceLog log = ServiceLog.open(state, SERVICE, new LogSettings(null, 3))) {
                log.adopt(child.pid());
                long spoolAtRestart = Files.size(spool) / "tick 100\n".length();
                await().atMost(PATIENCE).until(() -> LogFiles.ticks(state, SERVICE).size() >= spoolAtRestart + 20);

                assertThat(child.isAlive()).as("the child survived the daemon's death").isTrue();
                child.destroy();
                // The orphan may have been re-parented to this JVM (a subreaper when the supervisor's
                // tests ran here first): it is gone once that reaper collects it.
                ProcessHandle stopped = child;
                await().atMost(PATIENCE).until(() -> !stopped.isAlive());
            }
            List<Long> ticks = LogFiles.ticks(state, SERVICE);
            assertThat(ticks).isEqualTo(LongStream.range(0, ticks.size()).boxed().toList());
        } finally {
            daemon.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
