package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.supervisor.ServiceState;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/v1/config/apply} on a daemon of three real services. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ConfigApplyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> NAMES = List.of("alpha", "beta", "gamma");

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config("""
            update: {healthyDeadline: 10s, minHealthyTime: 200ms, window: 1s, interval: 100ms}
            services:
              alpha:
                command: [/bin/sh, -c, "exec sleep 1000"]
              beta:
                command: [/bin/sh, -c, "exec sleep 1000"]
                env: {LEVEL: info}
              gamma:
                command: [/bin/sh, -c, "exec sleep 1000"]
            """);

    private ApiClient api;
    private Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void up() {
        api = new ApiClient(daemon.port());
        file = daemon.dir().resolve("warden.yaml");
        NAMES.forEach(name -> await().atMost(PATIENCE)
                .until(() -> daemon.supervisor().service(name).state() == ServiceState.RUNNING));
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        daemon.supervisor().services().forEach(status -> pids.put(status.name(), status.pid()));
        return pids;
    }

    private HttpResponse<String> apply(String text, boolean dryRun) throws Exception {
        return api.postJson(daemon.adminToken(), "/api/v1/config/apply", mapper.writeValueAsString(Map.of(
                "config", text, "file", file.toString(), "dryRun", dryRun)));
    }

    @Test
    void editingOneOfThreeServices_restartsExactlyThatOne() throws Exception {
        Map<String, Long> before = pids();
        String edited = Files.readString(file).replace("LEVEL: info", "LEVEL: debug");

        HttpResponse<String> plan = apply(edited, true);
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(actions(json(plan))).containsExactly("alpha unchanged", "beta change", "gamma unchanged");
        assertThat(json(plan).path("services").get(1).path("changes").get(0).asText())
                .isEqualTo("env: {\"LEVEL\":\"info\"} -> {\"LEVEL\":\"debug\"}");
        assertThat(pids()).isEqualTo(before);

        HttpResponse<String> applied = apply(edited, false);

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json(applied).path("services").get(1).path("deployId").asText()).startsWith("dep-");
        await().atMost(PATIENCE).until(() -> daemon.supervisor().spec("beta").env().get("LEVEL").equals("debug")
                && daemon.supervisor().service("beta").state() == ServiceState.RUNNING);
        Map<String, Long> after = pids();
        assertThat(after.get("beta")).isNotEqualTo(before.get("beta"));
        assertThat(after.get("alpha")).isEqualTo(before.get("alpha"));
        assertThat(after.get("gamma")).isEqualTo(before.get("gamma"));
    }

    @Test
    void anInvalidEdit_changesNothing_andNamesFileLineAndKey() throws Exception {
        Map<String, Long> before = pids();
        String broken = Files.readString(file)
                .replace("env: {LEVEL: info}", "env: {LEVEL: info}\n    restart: {policy: sometimes}")
                .replace("  gamma:", "  delta:\n    command: [/bin/sh, -c, \"exec sleep 1000\"]\n  gamma:");

        HttpResponse<String> refused = apply(broken, false);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        int line = broken.lines().toList().indexOf("    restart: {policy: sometimes}") + 1;
        assertThat(json(refused).path("detail").asText()).contains(file + ":" + line, "services.beta.restart.policy");
        assertThat(daemon.supervisor().names()).containsExactlyElementsOf(NAMES);
        assertThat(pids()).isEqualTo(before);
    }

    @Test
    void addedAndRemovedServices_areStartedAndStopped_theRestUntouched() throws Exception {
        Map<String, Long> before = pids();
        String text = Files.readString(file).replace("  gamma:\n    command: [/bin/sh, -c, \"exec sleep 1000\"]\n",
                "  delta:\n    command: [/bin/sh, -c, \"exec sleep 1000\"]\n");

        HttpResponse<String> applied = apply(text, false);

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(actions(json(applied))).containsExactly("alpha unchanged", "beta unchanged", "delta add",
                "gamma remove");
        assertThat(daemon.supervisor().names()).containsExactly("alpha", "beta", "delta");
        assertThat(ProcessHandle.of(before.get("gamma")).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(PATIENCE).until(() -> daemon.supervisor().service("delta").state() == ServiceState.RUNNING);
        assertThat(pids().get("alpha")).isEqualTo(before.get("alpha"));
        assertThat(pids().get("beta")).isEqualTo(before.get("beta"));
    }

    private static List<String> actions(JsonNode plan) {
        return java.util.stream.StreamSupport.stream(plan.path("services").spliterator(), false)
                .map(s -> s.path("service").asText() + " " + s.path("action").asText()).toList();
    }
}
