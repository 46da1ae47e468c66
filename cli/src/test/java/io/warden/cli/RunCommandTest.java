package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import io.warden.supervisor.process.ProcessSignals;
import io.warden.supervisor.process.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden run} as a user runs it: real wrapper processes around real programs. */
class RunCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private PidRecord pidFile(String name) throws Exception {
        return PidRecord.parse(Files.readString(dir.resolve(".warden").resolve(name + ".pid")));
    }

    private Optional<PidRecord> pidFileWithChild(String name) {
        try {
            PidRecord record = pidFile(name);
            return record.hasChild() ? Optional.of(record) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Test
    void passesTheChildsExitCodeThrough_andLeavesNoPidFile() throws Exception {
        try (var run = WardenProcess.start(dir, "run", "--name", "job", "--", "sh", "-c", "echo hello; exit 7")) {
            assertThat(run.await()).isEqualTo(7);
            assertThat(run.stdout()).isEqualTo("hello\n");
        }
        assertThat(dir.resolve(".warden/job.pid")).doesNotExist();
        assertThat(dir.resolve(".warden/job.lock")).exists();
    }

    @Test
    void secondRunWhileTheFirstRuns_exits3NamingPidPortPidFileAndHowToStop() throws Exception {
        try (var first = WardenProcess.start(dir, "run", "--name", "backend", "--port", "54112", "--",
                "sleep", "120")) {
            PidRecord holder = await().atMost(PATIENCE).until(() -> pidFileWithChild("backend"), Optional::isPresent)
                    .orElseThrow();
            try (var second = WardenProcess.start(dir, "run", "--name", "backend", "--", "sleep", "1")) {
                assertThat(second.await()).isEqualTo(3);
                assertThat(second.stderr())
                        .contains("backend is already running (PID " + first.process.pid() + ", port 54112, up since ")
                        .contains("PID file: " + dir.resolve(".warden/backend.pid").toRealPath())
                        .contains("Stop it with: kill " + first.process.pid());
            }
            assertThat(holder.childCommand()).isEqualTo("sleep 120");
            assertThat(ProcessHandle.of(holder.childPid())).isPresent();
        }
    }

    @Test
    void sigtermToTheWrapper_isForwardedToTheChild_whoseExitCodeComesBack() throws Exception {
        Path ready = dir.resolve("ready");
        String script = "trap 'echo got TERM; exit 42' TERM; touch " + ready + "; while true; do sleep 0.05; done";
        try (var run = WardenProcess.start(dir, "run", "--name", "svc", "--", "sh", "-c", script)) {
            await().atMost(PATIENCE).until(() -> Files.exists(ready) && pidFileWithChild("svc").isPresent());
            run.process.destroy();
            assertThat(run.await()).isEqualTo(42);
            assertThat(run.stdout()).contains("got TERM");
        }
        assertThat(dir.resolve(".warden/svc.pid")).doesNotExist();
    }

    @Test
    void sigintToTheWrapper_isForwardedToTheChild() throws Exception {
        Path ready = dir.resolve("ready");
        String script = "trap 'echo got INT; exit 43' INT; touch " + ready + "; while true; do sleep 0.05; done";
        try (var run = WardenProcess.start(dir, "run", "--name", "svc", "--", "sh", "-c", script)) {
            await().atMost(PATIENCE).until(() -> Files.exists(ready) && pidFileWithChild("svc").isPresent());
            ProcessSignals.platform().send(run.process.toHandle(), Signal.INT);
            assertThat(run.await()).isEqualTo(43);
            assertThat(run.stdout()).contains("got INT");
        }
    }

    @Test
    void killMinus9OfTheWrapper_leavesAnOrphanThatTheNextRunRecognises_andReplaceStops() throws Exception {
        long orphanPid;
        try (var first = WardenProcess.start(dir, "run", "--name", "backend", "--", "sleep", "300")) {
            PidRecord record = await().atMost(PATIENCE).until(() -> pidFileWithChild("backend"), Optional::isPresent)
                    .orElseThrow();
            orphanPid = record.childPid();
            first.process.destroyForcibly();
            first.process.waitFor(30, TimeUnit.SECONDS);
        }
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        try {
            assertThat(orphan.isAlive()).isTrue();
            try (var second = WardenProcess.start(dir, "run", "--name", "backend", "--", "sleep", "300")) {
                assertThat(second.await()).isEqualTo(3);
                assertThat(second.stderr()).contains("backend is already running (PID " + orphanPid + ": sleep 300");
            }
            assertThat(orphan.isAlive()).as("the refusal must not touch the orphan").isTrue();
            assertThat(pidFile("backend").childPid()).as("the PID file still names the orphan").isEqualTo(orphanPid);

            try (var third = WardenProcess.start(dir, "run", "--name", "backend", "--replace", "--", "sh", "-c",
                    "exit 5")) {
                assertThat(third.await()).isEqualTo(5);
                assertThat(third.stderr()).contains("stopped the copy left running (PID " + orphanPid);
            }
            // Reaping the orphan is its new parent's (init's) job, done asynchronously.
            await().atMost(PATIENCE).until(() -> !orphan.isAlive());
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void stateDirThatCannotBeCreated_exits1NamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        try (var run = WardenProcess.start(dir, "run", "--name", "x", "--state-dir", file.resolve("state").toString(),
                "--", "true")) {
            assertThat(run.await()).isEqualTo(1);
            assertThat(run.stderr()).contains("cannot create state directory " + file.resolve("state"));
        }
    }

    @Test
    void missingCommand_exits127WithTheReason() throws Exception {
        try (var run = WardenProcess.start(dir, "run", "--name", "x", "--", "/no/such/program")) {
            assertThat(run.await()).isEqualTo(127);
            assertThat(run.stderr()).contains("cannot run '/no/such/program'");
        }
        assertThat(dir.resolve(".warden/x.pid")).doesNotExist();
    }

    @Test
    void usageErrors_exit2() throws Exception {
        try (var run = WardenProcess.start(dir, "run", "--", "true")) {
            assertThat(run.await()).isEqualTo(2);
            assertThat(run.stderr()).contains("--name");
        }
    }
}
