package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden doctor} without a daemon: a copy of the configured command started by hand, a
 * corrupt PID file. The JSON field names asserted here are the documented schema (docs/doctor.md).
 */
@EnabledOnOs(OS.LINUX)
class DoctorCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private Process copy;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void copyByHandAndACorruptPidFile() throws Exception {
        // An argument no other test uses, so only our copy matches.
        String seconds = Long.toString(600_000 + ProcessHandle.current().pid());
        config = Files.writeString(dir.resolve("warden.yaml"), """
                services:
                  backend:
                    command: [sleep, "%s"]
                    port: %d
                    stop: {timeout: 5s}
                """.formatted(seconds, 1));
        copy = new ProcessBuilder("sleep", seconds).directory(dir.toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> copy.info().arguments().isPresent());
        Files.createDirectories(dir.resolve(".warden"));
        Files.writeString(dir.resolve(".warden/junk.pid"), "not a pid\n");
    }

    @AfterEach
    void stopCopy() {
        copy.destroyForcibly();
    }

    private int doctor(String stdin, String... args) throws Exception {
        out.reset();
        err.reset();
        DoctorCommand command = new DoctorCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return command.run(Args.parse(command.spec(), List.of(args)), new PrintStream(out, true),
                new PrintStream(err, true));
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void json_hasTheDocumentedFields_andNamesTheCopy() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0)) {
            int exit = doctor("", "--json", "--config", config.toString(), "--port",
                    Integer.toString(squatter.getLocalPort()));

            assertThat(exit).as("a port held outside Warden").isEqualTo(1);
            JsonNode report = json();
            assertThat(fields(report)).containsExactly("schema", "takenAt", "stateDir", "daemon", "clean", "problems",
                    "services", "files", "port", "stale");
            assertThat(report.get("schema").asText()).isEqualTo("warden.doctor/1");
            assertThat(fields(report.get("daemon"))).containsExactly("running", "pid", "port");
            JsonNode backend = report.get("services").get(0);
            assertThat(fields(backend)).containsExactly("name", "configured", "command", "port", "state", "supervised",
                    "duplicates", "orphans", "portOwners", "failed", "problems");
            JsonNode duplicate = backend.get("duplicates").get(0);
            assertThat(fields(duplicate)).containsExactly("kind", "pid", "parentPid", "started", "rssBytes", "command",
                    "workdir", "listening", "holdsServicePort", "why");
            assertThat(duplicate.get("pid").asLong()).isEqualTo(copy.pid());
            assertThat(backend.get("duplicates")).hasSize(1);
            JsonNode file = report.get("files").get(0);
            assertThat(fields(file)).containsExactly("name", "path", "status", "detail", "action");
            assertThat(file.get("status").asText()).isEqualTo("corrupt");
            JsonNode port = report.get("port");
            assertThat(fields(port)).containsExactly("port", "owners", "outsideWarden");
            assertThat(fields(port.get("owners").get(0))).containsExactly("port", "pid", "command", "supervised",
                    "service");
            assertThat(port.get("owners").get(0).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void fixWithoutAnAnswer_touchesNothing_thenFixYesStopsTheCopyAndClearsTheFile() throws Exception {
        assertThat(doctor("", "--fix", "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Stop 1 listed process tree(s) and clear 1 PID "
                + "file(s)? [y/N]").contains("not fixed (no confirmation)");
        assertThat(copy.isAlive()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PID " + copy.pid())
                .contains("1 duplicate(s), the same command outside supervision");

        int exit = doctor("", "--fix", "--yes", "--json", "--config", config.toString());

        JsonNode fix = json();
        assertThat(fields(fix)).containsExactly("schema", "before", "actions", "after");
        assertThat(fix.get("schema").asText()).isEqualTo("warden.doctor.fix/1");
        JsonNode stopped = fix.get("actions").get(0);
        assertThat(fields(stopped)).containsExactly("target", "kind", "pid", "started", "outcome", "detail");
        assertThat(stopped.get("pid").asLong()).isEqualTo(copy.pid());
        assertThat(stopped.get("outcome").asText()).isEqualTo("stopped");
        assertThat(fix.get("actions").get(1).get("outcome").asText()).isEqualTo("cleared");
        assertThat(copy.isAlive()).isFalse();
        assertThat(dir.resolve(".warden/junk.pid")).doesNotExist();
        assertThat(dir.resolve(".warden/junk.lock")).as("lock files stay").exists();
        assertThat(fix.get("after").get("clean").asBoolean()).isTrue();
        assertThat(exit).isZero();
    }
}
