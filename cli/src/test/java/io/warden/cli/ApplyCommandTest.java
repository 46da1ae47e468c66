package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.daemon.Daemon;
import io.warden.daemon.WardenConfig;
import io.warden.supervisor.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden apply} as a real process against a daemon of three real services. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ApplyCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Daemon daemon;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                update: {healthyDeadline: 10s, minHealthyTime: 200ms, window: 1s, interval: 100ms}
                services:
                  alpha:
                    command: [/bin/sh, -c, "exec sleep 1000"]
                  beta:
                    command: [/bin/sh, -c, "exec sleep 1000"]
                    env:
                      LEVEL: info
                  gamma:
                    command: [/bin/sh, -c, "exec sleep 1000"]
                """);
        daemon = Daemon.start(WardenConfig.load(config), dir, dir.resolve(".warden"), "test", "test");
        for (String name : List.of("alpha", "beta", "gamma")) {
            await().atMost(PATIENCE).until(() -> daemon.supervisor().service(name).state() == ServiceState.RUNNING);
        }
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private WardenProcess warden(String... args) throws Exception {
        WardenProcess process = WardenProcess.start(dir, Map.of(), args);
        process.await();
        return process;
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        daemon.supervisor().services().forEach(status -> pids.put(status.name(), status.pid()));
        return pids;
    }

    @Test
    void applyDryRun_printsTheReloadedSections_andTheKeysThatNeedARestart() throws Exception {
        Files.writeString(config, Files.readString(config).replace("server: {port: 0}\n", """
                server: {port: 0, maxBodySize: 64KB}
                auth:
                  tokens:
                    - {user: bob, token: bob-token-0123456789abcdef}
                rateLimits:
                  read: {capacity: 3, refill: 1, period: 1h}
                """));

        WardenProcess plan = warden("apply", "--dry-run");

        assertThat(plan.await()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("~ auth.tokens  reload\n      + bob (read)",
                "~ rateLimits  reload\n      read: 50 per second, bursts of up to 200 -> 1 per hour, bursts of up to 3",
                "needs a restart (read at start only; restart the daemon to change them): server.maxBodySize");
    }

    @Test
    void apply_afterEditingOneOfThreeServices_restartsExactlyThatOne() throws Exception {
        Map<String, Long> before = pids();
        Files.writeString(config, Files.readString(config).replace("LEVEL: info", "LEVEL: debug"));

        WardenProcess plan = warden("apply", "--dry-run");
        assertThat(plan.await()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("plan for warden.yaml", "= alpha  unchanged", "~ beta  change",
                "env: {\"LEVEL\":\"info\"} -> {\"LEVEL\":\"debug\"}");
        assertThat(pids()).isEqualTo(before);

        WardenProcess applied = warden("apply");

        assertThat(applied.await()).as(applied.stderr()).isZero();
        assertThat(applied.stdout()).contains("~ beta  change (deploy dep-");
        await().atMost(PATIENCE).until(() -> "debug".equals(daemon.supervisor().spec("beta").env().get("LEVEL"))
                && daemon.supervisor().service("beta").state() == ServiceState.RUNNING);
        Map<String, Long> after = pids();
        assertThat(after.get("beta")).isNotEqualTo(before.get("beta"));
        assertThat(after.get("alpha")).isEqualTo(before.get("alpha"));
        assertThat(after.get("gamma")).isEqualTo(before.get("gamma"));
    }

    @Test
    void anInvalidEdit_changesNothing_andNamesFileLineAndKey() throws Exception {
        Map<String, Long> before = pids();
        Files.writeString(config, Files.readString(config).replace("LEVEL: info", "LEVEL: info\n    restart:\n"
                + "      policy: sometimes"));

        WardenProcess refused = warden("apply");

        assertThat(refused.await()).isEqualTo(1);
        assertThat(refused.stderr()).contains("warden.yaml:11", "services.beta.restart.policy", "sometimes");
        assertThat(pids()).isEqualTo(before);
    }
}
