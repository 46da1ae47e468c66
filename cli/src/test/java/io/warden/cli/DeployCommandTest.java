package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.daemon.Daemon;
import io.warden.daemon.WardenConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden deploy}, {@code deploy status}, {@code deploy history} and {@code rollback} as real
 * processes against a daemon in this JVM supervising the deploy module's fixture service.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeployCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path FIXTURE = ROOT.resolve("deploy/src/test/resources/io/warden/deploy/fixture_service.py");

    @TempDir
    Path dir;

    private Daemon daemon;
    private Path state;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                auth:
                  tokens:
                    - {user: ann, token: ann-token-0123456789, scope: admin, roles: [developer]}
                    - {user: lee, token: lee-token-0123456789, scope: admin, roles: [lead]}
                    - {user: quinn, token: quinn-token-01234567, scope: admin, roles: [qa]}
                update: {healthyDeadline: 10s, minHealthyTime: 300ms, window: 1s, interval: 100ms}
                services:
                  web:
                    command: [python3, "%s", "%d", v1, good]
                    port: %d
                    health: {http: "http://127.0.0.1:%d/health", interval: 100ms}
                """.formatted(FIXTURE, port, port, port));
        Files.writeString(dir.resolve("ann.token"), "ann-token-0123456789\n");
        Files.writeString(dir.resolve("lee.token"), "lee-token-0123456789\n");
        Files.writeString(dir.resolve("quinn.token"), "quinn-token-01234567\n");
        state = dir.resolve(".warden");
        daemon = Daemon.start(WardenConfig.load(config), dir, state, "test", "test");
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private WardenProcess warden(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = state.toString();
        WardenProcess process = WardenProcess.start(dir, Map.of(), all);
        process.await();
        return process;
    }

    private String command(String version) {
        return "command=[python3, '" + FIXTURE + "', '" + port + "', " + version + ", good]";
    }

    @Test
    void productionDeploy_withoutApproval_exits4_namingTheRule_andWithAnApprovedAssessment_isPromoted()
            throws Exception {
        WardenProcess refused = warden("deploy", "web", "--set", command("v2"), "--env", "production",
                "--token-file", "ann.token");
        assertThat(refused.await()).as(refused.stderr()).isEqualTo(4);
        assertThat(refused.stderr()).contains("environment production", "approved assessment", "--assessment ID");

        String yaml = Files.readString(ROOT.resolve("examples/assessments/process-management.yaml"))
                .replace("services: [control-center-backend]", "services: [web]")
                .replace("environment: development", "environment: production");
        yaml = yaml.substring(0, yaml.indexOf("monitoring:")) + """
                monitoring:
                  - {metric: "prometheus:#http_requests_total{code=\\"500\\"}", expected: "0", warning: "> 100"}
                """ + yaml.substring(yaml.indexOf("checklists:"));
        Path assessment = Files.writeString(dir.resolve("change.yaml"), yaml);
        String created = warden("risk", "new", "--from", assessment.toString(), "--token-file", "ann.token").stdout();
        Matcher id = Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(created);
        assertThat(id.find()).as(created).isTrue();
        warden("risk", "submit", id.group(), "--token-file", "ann.token");
        warden("risk", "approve", id.group(), "--token-file", "lee.token");
        warden("risk", "approve", id.group(), "--token-file", "quinn.token");

        WardenProcess deployed = warden("deploy", "web", "--set", command("v2"), "--env", "production",
                "--assessment", id.group(), "--token-file", "ann.token");

        assertThat(deployed.await()).as(deployed.stdout() + deployed.stderr()).isZero();
        assertThat(deployed.stdout()).contains("started", "command:", "watching", "http_requests_total",
                "warning > 100", "promoted");
        WardenProcess history = warden("deploy", "history", "web");
        assertThat(history.stdout()).contains("promoted", "by ann", "v2");
        assertThat(warden("deploy", "status").stdout()).contains("promoted");
    }

    @Test
    void rollback_byHand_restoresThePreviousSpec_andASecondIsRefused() throws Exception {
        WardenProcess detached = warden("deploy", "web", "--set", command("v3"), "--watch", "1m", "--detach");
        assertThat(detached.await()).as(detached.stderr()).isZero();
        assertThat(detached.stdout()).contains("warden deploy status dep-");

        WardenProcess rolledBack = warden("rollback", "web", "--reason", "v3 looks wrong");

        assertThat(rolledBack.await()).as(rolledBack.stderr()).isZero();
        assertThat(rolledBack.stdout()).contains("rolled_back (manual)");
        assertThat(warden("rollback", "web").await()).isEqualTo(1);
        WardenProcess usage = warden("deploy", "web");
        assertThat(usage.await()).isEqualTo(2);
        assertThat(usage.stderr()).contains("--spec FILE or changes with --set");
    }
}
