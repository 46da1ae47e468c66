package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.daemon.Daemon;
import io.warden.daemon.WardenConfig;
import io.warden.supervisor.ServiceState;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden start}, {@code warden status} and {@code warden hosts} as a user runs them: real {@code warden} processes
 * against a real daemon (in this JVM, on an ephemeral port) with real children.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ControlCommandTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void daemon(String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), yaml);
        daemon = Daemon.start(WardenConfig.load(config), dir, dir.resolve(".warden"), "test", "test");
    }

    private WardenProcess warden(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = dir.resolve(".warden").toString();
        WardenProcess process = WardenProcess.start(dir, all);
        process.await();
        return process;
    }

    @Test
    void startThatEndsFailed_exits1WithTheReason_andAStartThatComesUpExits0() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            daemon("""
                    server: {port: 0}
                    services:
                      missing:
                        command: [%s]
                      web:
                        command: [sleep, "600"]
                        port: %d
                      fine:
                        command: [sleep, "600"]
                    """.formatted(dir.resolve("no-such-program"), port));
            await().atMost(PATIENCE).until(() -> daemon.supervisor().service("web").state() == ServiceState.FAILED
                    && daemon.supervisor().service("fine").state().isUp());

            WardenProcess missing = warden("start", "missing");
            assertThat(missing.process.exitValue()).as(missing.stdout()).isEqualTo(1);
            assertThat(missing.stderr()).contains("warden: missing did not start, it is failed: cannot start ["
                    + dir.resolve("no-such-program"));

            WardenProcess web = warden("start", "web");
            assertThat(web.process.exitValue()).as(web.stdout()).isEqualTo(1);
            assertThat(web.stderr()).contains("web did not start, it is failed: not started: port " + port
                    + " is held by PID " + ProcessHandle.current().pid());

            daemon.supervisor().stop("fine");
            WardenProcess fine = warden("start", "fine");
            assertThat(fine.process.exitValue()).as(fine.stderr()).isZero();
            assertThat(fine.stdout()).startsWith("fine: running (PID ");
        }
    }

    @Test
    void statusTable_saysWhyUnderTheRowOfAFailedOrUnhealthyService_andHowToStartAFailedOne() throws Exception {
        daemon("""
                server: {port: 0}
                services:
                  crashy:
                    command: [sh, -c, "exit 3"]
                    restart: {policy: on-failure, startLimit: {burst: 1, interval: 1m}}
                  sick:
                    command: [sleep, "600"]
                    health: {exec: ["false"], interval: 100ms, retries: 1}
                  fine:
                    command: [sleep, "600"]
                """);
        await().atMost(PATIENCE).until(() -> daemon.supervisor().service("crashy").state() == ServiceState.FAILED
                && daemon.supervisor().service("sick").state() == ServiceState.UNHEALTHY);

        WardenProcess status = warden("status");

        assertThat(status.process.exitValue()).as(status.stderr()).isZero();
        String[] lines = status.stdout().split("\n");
        assertThat(lines[1]).startsWith("crashy").contains("failed");
        assertThat(lines[2]).isEqualTo("  why: exited with code 3; start limit reached: 1 starts within 1m "
                + "(startLimit.burst 1). It stays down until started by hand: warden start crashy");
        assertThat(lines[3]).startsWith("sick").contains("unhealthy");
        assertThat(lines[4]).startsWith("  why: health check: ");
        assertThat(lines[5]).startsWith("fine").contains("running");
        assertThat(lines).hasSize(6);
    }

    /** With SQLite storage the fleet is this daemon alone; agents sharing PostgreSQL: the daemon's FleetTest. */
    @Test
    void hosts_listsThisAgentAlone_andRestartWithHost_goesThroughTheFleetRoute() throws Exception {
        daemon("""
                server: {port: 0}
                fleet: {heartbeat: 200ms}
                services:
                  web: {command: [sleep, "600"]}
                """);
        String id = Files.readString(dir.resolve(".warden/agent.id")).strip();
        await().atMost(PATIENCE).until(() -> daemon.supervisor().service("web").state().isUp());

        WardenProcess table = await().atMost(PATIENCE).until(() -> warden("hosts"),
                hosts -> hosts.stdout().contains("web running"));
        assertThat(table.process.exitValue()).isZero();
        assertThat(table.stdout()).startsWith("ID").contains(id + " *", "running", "127.0.0.1:" + daemon.port(),
                "(this agent alone: agents share a fleet through storage.url on PostgreSQL)");
        WardenProcess json = warden("hosts", "--json");
        assertThat(json.stdout()).contains("\"shared\":false", "\"self\":\"" + id + "\"", "\"name\":\"web\"");

        long before = daemon.supervisor().service("web").pid();
        WardenProcess restart = warden("restart", "web", "--host", id);
        assertThat(restart.process.exitValue()).as(restart.stderr()).isZero();
        assertThat(daemon.supervisor().service("web").pid()).isNotEqualTo(before);

        WardenProcess unknown = warden("restart", "web", "--host", "nobody");
        assertThat(unknown.process.exitValue()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("no agent 'nobody' in the fleet");
        WardenProcess all = warden("restart", "--all", "--host", id);
        assertThat(all.process.exitValue()).isEqualTo(2);
        assertThat(all.stderr()).contains("with --host, name them");
    }
}
