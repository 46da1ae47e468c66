package io.warden.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.alerts.testing.AlertsChild;
import io.warden.alerts.testing.HttpFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts in a real process killed with SIGKILL while an alert fires, then started again. */
class AlertsKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** A child on stdin/stdout. */
    private final class Child {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        Child(String receiverUrl) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), AlertsChild.class.getName(),
                    dir.resolve("alerts.json").toString(), receiverUrl, "2026-12-07T10:00:00Z")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(process);
            in = new PrintWriter(process.getOutputStream(), true);
            out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            assertThat(out.readLine()).isEqualTo("ready");
        }

        String ask(String command) throws Exception {
            in.println(command);
            return out.readLine();
        }

        void send(String command) {
            in.println(command);
        }
    }

    @Test
    void sigkillWhileFiring_thenRestart_noSecondFiringAndSameStartsAt() throws Exception {
        try (HttpFixture receiver = HttpFixture.receiver(0)) {
            Child first = new Child(receiver.url("/hook"));
            first.send("cpu 95");
            assertThat(first.ask("tick")).isEqualTo("firing 2026-12-07T10:00:00Z");
            await().atMost(Duration.ofSeconds(30)).until(() -> first.ask("delivered").equals("1"));
            first.process.destroyForcibly(); // SIGKILL: no close(), no shutdown hook
            first.process.waitFor();

            Child second = new Child(receiver.url("/hook"));
            second.send("cpu 95");
            second.send("advance 180");
            assertThat(second.ask("tick")).isEqualTo("firing 2026-12-07T10:00:00Z");
            second.send("cpu 10");
            second.send("advance 1");
            assertThat(second.ask("tick")).isEqualTo("resolved 2026-12-07T10:00:00Z");
            await().atMost(Duration.ofSeconds(30)).until(() -> second.ask("delivered").equals("1"));
            assertThat(receiver.bodies()).extracting(body -> JSON.readTree(body).get("status").asText())
                    .containsExactly("firing", "resolved");
            assertThat(receiver.bodies()).extracting(body -> JSON.readTree(body).get("alerts").get(0)
                    .get("startsAt").asText()).containsOnly("2026-12-07T10:00:00Z");
        }
    }
}
