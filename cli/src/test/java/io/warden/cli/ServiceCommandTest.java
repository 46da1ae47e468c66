package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden service install|uninstall}: the unit systemd gets, and the WinSW definition. */
class ServiceCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int warden(String... args) {
        return Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    /** db stops in 20 s, api (depends on db) in 15 s, a lone worker in 30 s: the longest chain is 35 s. */
    private Path config() throws Exception {
        Path config = dir.resolve("app/warden.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                services:
                  db:
                    command: [python3, db.py]
                    stop: {timeout: 20s}
                  api:
                    command: [python3, api.py]
                    workdir: ../api-data
                    dependsOn: [db]
                    stop: {timeout: 15s}
                  worker:
                    command: [python3, worker.py]
                    stop: {timeout: 30s}
                """);
        return config;
    }

    @Test
    void install_writesAHardenedUnit_thatSystemdAnalyzeVerifies() throws Exception {
        Path config = config();
        Path units = dir.resolve("units");

        int exit = warden("service", "install", "--config", config.toString(), "--unit-dir", units.toString(),
                "--user", "root", "--writable", dir.resolve("uploads").toString());

        assertThat(exit).as(err.toString()).isZero();
        Path unit = units.resolve("warden.service");
        String text = Files.readString(unit);
        Path launcher = ServiceInstall.launcher();
        assertThat(launcher).isAbsolute().endsWith(Path.of("warden"));
        assertThat(text).contains("ExecStart=" + launcher + " up --config " + config.toRealPath(),
                "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "KillMode=process",
                "Restart=on-failure", "RestartSec=5s", "StartLimitIntervalSec=15s", "StartLimitBurst=5",
                "RestartPreventExitStatus=2 3", "User=root",
                // 20 s (db) + 15 s (api, stopped before db) beats the lone 30 s worker; plus 30 s for Warden.
                "TimeoutStopSec=65",
                "ReadWritePaths=" + config.getParent() + " " + dir.resolve("api-data") + " " + dir.resolve("uploads")
                        + " " + launcher.getParent().resolve("cli/target"));
        assertThat(out.toString()).contains("wrote " + unit, "sudo systemctl daemon-reload",
                "sudo systemctl enable --now warden.service", "journalctl -u warden -f");
        systemdAnalyzeVerifies(unit);
    }

    @Test
    void uninstall_removesTheUnit_andSaysWhatIsLeftToRun() throws Exception {
        Path units = dir.resolve("units");
        assertThat(warden("service", "install", "--config", config().toString(), "--unit-dir", units.toString(),
                "--name", "warden-app")).isZero();

        int exit = warden("service", "uninstall", "--unit-dir", units.toString(), "--name", "warden-app");

        assertThat(exit).isZero();
        assertThat(units.resolve("warden-app.service")).doesNotExist();
        assertThat(out.toString()).contains("removed " + units.resolve("warden-app.service"),
                "sudo systemctl disable --now warden-app.service", "sudo systemctl daemon-reload");
        assertThat(warden("service", "uninstall", "--unit-dir", units.toString(), "--name", "warden-app")).isEqualTo(1);
        assertThat(err.toString()).contains("no unit at " + units.resolve("warden-app.service"));
    }

    @Test
    void installWindows_writesAWinswDefinition_withTheStopTimeout_andTheSteps() throws Exception {
        Path config = config();

        int exit = warden("service", "install", "--windows", "--config", config.toString());

        assertThat(exit).as(err.toString()).isZero();
        String xml = Files.readString(config.getParent().resolve("warden.xml"));
        assertThat(xml).contains("<id>warden</id>", "<stoptimeout>65 sec</stoptimeout>",
                "up --config \"" + config.toRealPath() + "\"", "<onfailure action=\"restart\" delay=\"5 sec\"/>",
                "cli/target/warden.jar");
        assertThat(out.toString()).contains("warden.exe install", "warden.exe start", "WinSW-x64.exe");
    }

    @Test
    void install_withoutAConfig_saysWhichFileIsMissing() {
        int exit = warden("service", "install", "--config", dir.resolve("nope.yaml").toString(),
                "--unit-dir", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("warden: no config file at " + dir.resolve("nope.yaml") + "\n");
    }

    @Test
    void unknownAction_isAUsageError() {
        assertThat(warden("service", "reinstall")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown action 'reinstall'; use install or uninstall");
    }

    /** {@code systemd-analyze verify} (Debian {@code systemd}): no complaint about the unit. */
    private static void systemdAnalyzeVerifies(Path unit) throws Exception {
        Path tool = onPath("systemd-analyze");
        if (tool == null) {
            assertThat(System.getenv("CI")).as("systemd-analyze missing under CI=true: run bin/install-test-deps")
                    .isNotEqualTo("true");
            Assumptions.abort("systemd-analyze not found (apt-get install systemd): the unit was not verified");
        }
        Process verify = new ProcessBuilder(tool.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.lines().filter(line -> line.contains(unit.getFileName().toString())))
                .as("systemd-analyze verify " + unit + ":\n" + output).isEmpty();
        assertThat(verify.exitValue()).as("systemd-analyze verify: " + output).isZero();
    }

    private static Path onPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
