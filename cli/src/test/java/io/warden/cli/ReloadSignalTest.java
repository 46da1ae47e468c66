package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP to {@code warden up}: re-reads its config file as {@code warden apply} does. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ReloadSignalTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private long pid(String service) throws Exception {
        return PidRecord.parse(Files.readString(dir.resolve(".warden/" + service + ".pid"))).pid();
    }

    private void hangUp(Process daemon) throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor()).isZero();
    }

    @Test
    void sighup_restartsTheEditedService_only_andAnInvalidEditChangesNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                update: {healthyDeadline: 10s, minHealthyTime: 200ms, window: 1s, interval: 100ms}
                services:
                  alpha:
                    command: [sleep, "600"]
                  beta:
                    command: [sleep, "601"]
                """);
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            await().atMost(PATIENCE).until(() -> daemon.stderr().contains("listening on")
                    && daemon.stderr().contains(" beta: started"));
            long alpha = pid("alpha");
            long beta = pid("beta");

            Files.writeString(config, Files.readString(config).replace("\"601\"", "\"602\""));
            hangUp(daemon.process);

            await().atMost(PATIENCE).ignoreExceptions().until(() -> pid("beta") != beta);
            assertThat(daemon.stderr()).contains("SIGHUP: beta change");
            assertThat(pid("alpha")).isEqualTo(alpha);

            Files.writeString(config, Files.readString(config).replace("[sleep, \"600\"]", "[sleep, \"600\"]\n"
                    + "    restart: {policy: sometimes}"));
            hangUp(daemon.process);

            await().atMost(PATIENCE).until(() -> daemon.stderr().contains("SIGHUP: nothing changed"));
            assertThat(daemon.stderr()).contains("warden.yaml:6", "services.alpha.restart.policy");
            assertThat(pid("alpha")).isEqualTo(alpha);
            daemon.process.destroy();
            assertThat(daemon.await()).isZero();
        }
    }
}
