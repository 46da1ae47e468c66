package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.warden.api.auth.AdminToken;
import io.warden.supervisor.ServiceState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon whose state dir is a real 8 MB tmpfs, filled up while a service prints: the default
 * rule {@code state-dir-disk-full} fires and {@code /metrics} shows the free bytes gone, the
 * service keeps running (same process), and once the filler is deleted the alert resolves.
 * Skipped where this machine does not let the test mount (needs root), but not under
 * {@code CI=true}.
 */
@EnabledOnOs(OS.LINUX)
class StateDirFullAlertTest {

    private static final String RULE = "state-dir-disk-full";
    private static final Pattern FREE_BYTES = Pattern.compile("(?m)^warden_state_dir_free_bytes (\\S+)$");

    @TempDir
    Path dir;

    private Path state;
    private boolean mounted;

    @BeforeEach
    void mountTmpfs() throws Exception {
        state = Files.createDirectory(dir.resolve("state"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", state.toString()) == 0;
        if (!mounted && "true".equals(System.getenv("CI"))) {
            fail("CI must let this test mount a tmpfs (run it as root)");
        }
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", state.toString());
        }
    }

    @Test
    void aFullStateDir_firesTheAlert_theServiceKeepsRunning_andItResolvesWhenSpaceReturns() throws Exception {
        Path yaml = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                alerts: {interval: 200ms}
                services:
                  printer:
                    command: [python3, -u, -c, "import time\\nwhile True:\\n    print('x' * 100)\\n    time.sleep(0.01)"]
                """);
        try (Daemon daemon = Daemon.start(WardenConfig.load(yaml), dir, state, "test", "test")) {
            ApiClient api = new ApiClient(daemon.port());
            String token = AdminToken.read(state.resolve(AdminToken.FILE));
            await().atMost(Duration.ofSeconds(30)).until(() -> daemon.supervisor().service("printer").state()
                    == ServiceState.RUNNING);
            long pid = daemon.supervisor().service("printer").pid();
            assertThat(alert(api, token)).as("an empty tmpfs").isNull();

            Path filler = state.resolve("filler");
            fill(filler);
            await().atMost(Duration.ofSeconds(30)).until(() -> "firing".equals(stateOf(alert(api, token))));
            assertThat(alert(api, token).path("severity").asText()).isEqualTo("critical");
            assertThat(freeBytes(api, token)).as("warden_state_dir_free_bytes of a full 8 MB tmpfs")
                    .isLessThan(1024 * 1024);
            assertThat(daemon.supervisor().service("printer").state()).isEqualTo(ServiceState.RUNNING);
            assertThat(daemon.supervisor().service("printer").pid()).isEqualTo(pid);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(30)).until(() -> "resolved".equals(stateOf(alert(api, token))));
            assertThat(freeBytes(api, token)).isGreaterThan(4 * 1024 * 1024);
            assertThat(daemon.supervisor().service("printer").pid()).isEqualTo(pid);
        }
    }

    private static JsonNode alert(ApiClient api, String token) {
        HttpResponse<String> response = api.get(token, "/api/v1/alerts");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(ApiClient.json(response).path("alerts").spliterator(), false)
                .filter(alert -> alert.path("name").asText().equals(RULE)).findFirst().orElse(null);
    }

    private static String stateOf(JsonNode alert) {
        return alert == null ? "inactive" : alert.path("state").asText();
    }

    private static double freeBytes(ApiClient api, String token) {
        String metrics = api.get(token, "/metrics").body();
        Matcher free = FREE_BYTES.matcher(metrics);
        assertThat(free.find()).as(metrics).isTrue();
        return Double.parseDouble(free.group(1));
    }

    /** Writes until the file system refuses: it is full then. */
    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(block);
            }
            throw new AssertionError("an 8 MB tmpfs took 64 MB");
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
