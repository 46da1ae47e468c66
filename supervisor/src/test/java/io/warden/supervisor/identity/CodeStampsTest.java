package io.warden.supervisor.identity;

import io.warden.supervisor.TestHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.Supervisor;
import io.warden.supervisor.TestHost;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.watch.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class CodeStampsTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable part : open.reversed()) {
            part.close();
        }
    }

    @Test
    void editWithoutWatch_isStaleWithinOneInterval_andARestartIsNot() throws Exception {
        Assumptions.assumeTrue(GitFixture.installed(), "git is not installed");
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("app.py"), "VERSION = 1\n");
        Files.writeString(app.resolve(".gitignore"), ".warden/\n");
        GitFixture.git(app, "init", "-q", "-b", "main");
        GitFixture.git(app, "add", "-A");
        GitFixture.git(app, "commit", "-q", "-m", "one");
        String head = GitFixture.git(app, "rev-parse", "HEAD").strip();
        Map<String, ServiceSpec> specs = Map.of("web", ServiceSpec.of(List.of("sleep", "300")).withWorkdir("app"));
        Path stateDir = app.resolve(".warden");
        Supervisor supervisor = TestHost.supervisor(specs, stateDir).baseDir(dir).build();
        open.add(supervisor);
        CodeStamps stamps = CodeStamps.start(supervisor, specs, dir, stateDir, INTERVAL, Clock.systemUTC());
        open.add(stamps);
        supervisor.start("web");

        await().atMost(Duration.ofSeconds(20)).until(() -> stamps.stamp("web").isPresent());
        CodeStamp first = stamps.stamp("web").orElseThrow();
        assertThat(first.commit()).isEqualTo(head);
        assertThat(first.dirty()).isFalse();
        assertThat(first.newestPath()).isEqualTo("app.py"); // .gitignore is no code file
        assertThat(first.stale()).isFalse();
        assertThat(first.summary()).startsWith(head.substring(0, 12) + ", files ");

        Files.writeString(app.resolve("app.py"), "VERSION = 2\n");
        long edited = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> stamps.stale("web"));
        // within one interval, plus the time a loaded machine takes to run the check
        assertThat(Duration.ofNanos(System.nanoTime() - edited)).isLessThan(INTERVAL.plus(Duration.ofSeconds(2)));
        assertThat(stamps.stamp("web").orElseThrow().staleBy()).isEqualTo("app.py");
        assertThat(supervisor.events(null)).extracting(event -> event.reason())
                .contains("code " + first.summary())
                .anyMatch(reason -> reason.startsWith("stale: app.py changed after PID ")
                        && reason.endsWith("started; warden restart web"));

        supervisor.restart("web");
        await().atMost(Duration.ofSeconds(20)).until(() -> stamps.stamp("web").isPresent());
        CodeStamp restarted = stamps.stamp("web").orElseThrow();
        assertThat(restarted.stale()).isFalse();
        assertThat(restarted.dirty()).isTrue();
        assertThat(restarted.summary()).contains("+dirty");
    }
}
