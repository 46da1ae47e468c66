package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden run --watch}: one command restarted on change, as a user runs it. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private void job(String version) throws Exception {
        // Each copy appends "VERSION PID" to runs.txt (outside the watched folder), then waits.
        Files.writeString(dir.resolve("src/job.sh"), "echo \"" + version + " $$\" >> runs.txt\nexec sleep 300\n");
    }

    private List<String> runs() throws Exception {
        Path runs = dir.resolve("runs.txt");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    @Test
    void burstOfEdits_restartsTheCommandOnce_stoppingTheOldCopy_andTermEndsIt() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        job("v1");
        try (var run = WardenProcess.start(dir, "run", "--name", "job", "--watch", "src", "--debounce", "100ms",
                "--", "sh", "src/job.sh")) {
            await().atMost(PATIENCE).until(() -> runs().size() == 1 && run.stderr().contains("watching [src]"));
            long first = Long.parseLong(runs().getFirst().split(" ")[1]);
            for (int i = 0; i < 20; i++) {
                job("draft" + i);
            }
            job("v2");
            await().atMost(PATIENCE).until(() -> runs().size() == 2);
            await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> runs().size() == 2);
            assertThat(runs().get(1)).startsWith("v2 ");
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(run.stderr()).contains("warden: restarting, changed: src/job.sh")
                    .doesNotContain("exited with code");

            run.process.destroy(); // SIGTERM, forwarded: sleep dies of it
            assertThat(run.await()).isEqualTo(143);
        }
    }

    @Test
    void missingWatchPath_failsNamingIt() throws Exception {
        try (var run = WardenProcess.start(dir, "run", "--name", "job", "--watch", "nowhere", "--", "sleep", "30")) {
            assertThat(run.await()).isEqualTo(1);
            assertThat(run.stderr()).contains("warden: watch path 'nowhere' does not exist in ");
        }
    }
}
