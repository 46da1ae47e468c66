package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/services/{name}/start}: dependencies first, named in the answer; a failed
 * dependency, or a start that leaves the service failed, is a 409.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StartDependenciesApiTest {

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config(dir -> """
            services:
              db:
                command: [sh, -c, "while true; do sleep 1; done"]
              api:
                command: [sh, -c, "while true; do sleep 1; done"]
                dependsOn: [db]
              missing:
                command: [%1$s]
              web:
                command: [sh, -c, "while true; do sleep 1; done"]
                dependsOn: [missing]
            """.formatted(dir.resolve("no-such-program")));

    @Test
    void startAnswersWithTheDependenciesItStarted_andA409NamingTheDependencyThatCannotStart() {
        ApiClient api = new ApiClient(daemon.port());
        String token = daemon.adminToken();
        await().atMost(Duration.ofSeconds(60)).until(() -> daemon.supervisor().service("api").state().isUp());
        daemon.supervisor().stop("api");
        daemon.supervisor().stop("db");

        HttpResponse<String> started = api.post(token, "/api/v1/services/api/start", null, null);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode body = ApiClient.json(started);
        assertThat(body.path("name").asText()).isEqualTo("api");
        assertThat(body.path("state").asText()).isEqualTo("running");
        assertThat(body.path("startedDependencies")).hasSize(1);
        assertThat(body.path("startedDependencies").get(0).path("name").asText()).isEqualTo("db");
        assertThat(body.path("startedDependencies").get(0).path("pid").isNumber()).isTrue();

        HttpResponse<String> refused = api.post(token, "/api/v1/services/web/start", null, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ApiClient.json(refused).path("detail").asText())
                .startsWith("not started: dependency missing failed: cannot start [" + daemon.dir().resolve("no-such-program"));
    }

    @Test
    void startThatEndsFailed_isA409StartFailedProblemWithTheReason_notA200() {
        ApiClient api = new ApiClient(daemon.port());
        String token = daemon.adminToken();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> daemon.supervisor().service("missing").state() == io.warden.supervisor.ServiceState.FAILED);

        for (String action : java.util.List.of("start", "restart")) {
            HttpResponse<String> refused = api.post(token, "/api/v1/services/missing/" + action, null, null);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = ApiClient.json(refused);
            assertThat(problem.path("title").asText()).isEqualTo("Start Failed");
            assertThat(problem.path("detail").asText()).startsWith("missing did not start, it is failed: cannot start [")
                    .contains("no-such-program");
        }
    }
}
