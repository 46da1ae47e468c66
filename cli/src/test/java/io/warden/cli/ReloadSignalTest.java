package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The PIDs {@code service} was started with, from events.log (its PID file names the daemon). */
    private List<String> starts(String service) throws Exception {
        Matcher started = Pattern.compile("\\{[^\n]*\"service\":\"" + service
                + "\",\"from\":\"starting\",\"to\":\"running\"[^\n]*\"pid\":(\\d+)")
                .matcher(Files.readString(dir.resolve(".warden/events.log")));
        List<String> pids = new ArrayList<>();
        while (started.find()) {
            pids.add(started.group(1));
        }
        return pids;
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
            await().atMost(PATIENCE).until(() -> starts("beta").size() == 1 && starts("alpha").size() == 1);

            Files.writeString(config, Files.readString(config).replace("\"601\"", "\"602\""));
            hangUp(daemon.process);

            await().atMost(PATIENCE).until(() -> starts("beta").size() == 2);
            assertThat(daemon.stderr()).contains("SIGHUP: beta change");
            assertThat(starts("alpha")).hasSize(1);

            Files.writeString(config, Files.readString(config).replace("[sleep, \"600\"]", "[sleep, \"600\"]\n"
                    + "    restart: {policy: sometimes}"));
            hangUp(daemon.process);

            await().atMost(PATIENCE).until(() -> daemon.stderr().contains("SIGHUP: nothing changed"));
            assertThat(daemon.stderr()).contains("warden.yaml:6", "services.alpha.restart.policy");
            assertThat(starts("alpha")).hasSize(1);
            assertThat(starts("beta")).hasSize(2);
            daemon.process.destroy();
            assertThat(daemon.await()).isZero();
        }
    }
}
