package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every "Stop it with" that a refused start prints is run here, as printed, and must stop what
 * holds the name, and nothing else: for a {@code warden run} wrapper, for a service a daemon
 * supervises, for a second daemon on the same state dir, and for a copy a killed wrapper left.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StopHintsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern STOP = Pattern.compile("Stop it with: (.+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private Optional<PidRecord> pidFileWithChild(String name) {
        try {
            PidRecord record = PidRecord.parse(Files.readString(dir.resolve(".warden").resolve(name + ".pid")));
            return record.hasChild() ? Optional.of(record) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String stopHint(WardenProcess refused) {
        Matcher hint = STOP.matcher(refused.stderr().strip());
        assertThat(hint.find()).as(refused.stderr()).isTrue();
        return hint.group(1);
    }

    /** Runs a printed command as a user would: {@code warden ...} as this build's warden, anything else in sh. */
    private int run(String command) throws Exception {
        if (command.startsWith("warden ")) {
            try (var warden = WardenProcess.start(dir, command.substring("warden ".length()).split(" "))) {
                return warden.await();
            }
        }
        Process shell = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return shell.exitValue();
    }

    @Test
    void wrapperHolder_hintIsKillOfTheWrapper_whichStopsItAndItsProgram() throws Exception {
        try (var first = WardenProcess.start(dir, "run", "--name", "backend", "--", "sleep", "120")) {
            PidRecord holder = await().atMost(PATIENCE).until(() -> pidFileWithChild("backend"), Optional::isPresent)
                    .orElseThrow();
            String hint;
            try (var second = WardenProcess.start(dir, "run", "--name", "backend", "--", "sleep", "1")) {
                assertThat(second.await()).isEqualTo(3);
                hint = stopHint(second);
            }
            assertThat(hint).isEqualTo("kill " + first.process.pid());

            assertThat(run(hint)).isZero();

            first.process.waitFor(60, TimeUnit.SECONDS);
            assertThat(first.process.isAlive()).isFalse();
            await().atMost(PATIENCE).until(() -> ProcessHandle.of(holder.childPid()).isEmpty());
            try (var again = WardenProcess.start(dir, "run", "--name", "backend", "--", "true")) {
                assertThat(again.await()).as(again.stderr()).isZero();
            }
        }
    }

    @Test
    void supervisedService_hintIsWardenStopWithItsStateDir_whichStopsThatServiceOnly() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                services:
                  backend:
                    command: [sleep, "600"]
                  worker:
                    command: [sleep, "600"]
                """);
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            PidRecord backend = await().atMost(PATIENCE).until(() -> pidFileWithChild("backend"), Optional::isPresent)
                    .orElseThrow();
            PidRecord worker = await().atMost(PATIENCE).until(() -> pidFileWithChild("worker"), Optional::isPresent)
                    .orElseThrow();
            await().atMost(PATIENCE).until(() -> daemon.stderr().contains("listening on"));
            String hint;
            try (var second = WardenProcess.start(dir, "run", "--name", "backend", "--", "sleep", "1")) {
                assertThat(second.await()).isEqualTo(3);
                hint = stopHint(second);
            }
            assertThat(hint).isEqualTo("warden stop backend --state-dir " + dir.toAbsolutePath().resolve(".warden"))
                    .doesNotContain("kill");

            assertThat(run(hint)).isZero();

            await().atMost(PATIENCE).until(() -> ProcessHandle.of(backend.childPid()).isEmpty());
            assertThat(daemon.process.isAlive()).as("the daemon runs on").isTrue();
            assertThat(ProcessHandle.of(worker.childPid())).as("the other service runs on").isPresent();
            daemon.process.destroy();
            assertThat(daemon.await()).isZero();
        }
    }

    @Test
    void secondDaemon_hintIsKillOfTheFirstDaemon_whichStopsItCleanly() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), "server: {port: 0}\n");
        try (var first = WardenProcess.start(dir, "up", "--config", config.toString())) {
            await().atMost(PATIENCE).until(() -> first.stderr().contains("listening on"));
            String hint;
            try (var second = WardenProcess.start(dir, "up", "--config", config.toString())) {
                assertThat(second.await()).isEqualTo(3);
                hint = stopHint(second);
            }
            assertThat(hint).isEqualTo("kill " + first.process.pid()).doesNotContain("warden stop");

            assertThat(run(hint)).isZero();

            assertThat(first.await()).isZero();
            assertThat(dir.resolve(".warden/warden.pid")).doesNotExist();
        }
    }

    @Test
    void copyLeftByAKilledWrapper_hintReplacesItsWholeTree_withItsOwnCommand() throws Exception {
        long orphanPid;
        try (var first = WardenProcess.start(dir, "run", "--name", "backend", "--state-dir", ".warden", "--",
                "sleep", "300")) {
            orphanPid = await().atMost(PATIENCE).until(() -> pidFileWithChild("backend"), Optional::isPresent)
                    .orElseThrow().childPid();
            first.process.destroyForcibly();
            first.process.waitFor(30, TimeUnit.SECONDS);
        }
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        try {
            String refusal;
            try (var second = WardenProcess.start(dir, "run", "--name", "backend", "--state-dir", ".warden", "--",
                    "sleep", "300")) {
                assertThat(second.await()).isEqualTo(3);
                refusal = second.stderr();
            }
            Matcher replace = Pattern.compile("Replace it \\(its whole process tree, then a fresh copy\\): (warden run .+?)"
                    + "  \\(or stop it alone: (kill \\d+)\\)").matcher(refusal);
            assertThat(replace.find()).as(refusal).isTrue();
            assertThat(replace.group(1)).isEqualTo("warden run --replace --name backend --state-dir "
                    + dir.toAbsolutePath().resolve(".warden") + " -- sleep 300");
            assertThat(replace.group(2)).isEqualTo("kill " + orphanPid);

            String[] args = replace.group(1).substring("warden ".length()).split(" ");
            try (var fresh = WardenProcess.start(dir, args)) {
                await().atMost(PATIENCE).until(() -> !orphan.isAlive());
                PidRecord record = await().atMost(PATIENCE).until(() -> pidFileWithChild("backend"),
                        r -> r.isPresent() && r.get().childPid() != orphanPid).orElseThrow();
                assertThat(record.pid()).isEqualTo(fresh.process.pid());
                assertThat(Arrays.asList(record.childCommand().split(" "))).containsExactly("sleep", "300");
            }
        } finally {
            orphan.destroyForcibly();
        }
    }
}
