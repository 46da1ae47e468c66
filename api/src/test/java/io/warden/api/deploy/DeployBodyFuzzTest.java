package io.warden.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.warden.api.route.ApiProblem;
import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import io.warden.config.Durations;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any text as the body of a deploy ({@code POST /api/v1/services/{name}/deploy}), of
 * {@code config/apply} and of a rollback, read as the routes read them: the body bound as the
 * request's record, then the new spec made from {@code spec} or {@code set} and the watch window
 * parsed. Every step either succeeds or refuses with what the route turns into a 400 naming the
 * field, never another exception (a 500). Done here, not through a daemon, because a valid body
 * would deploy the commands it names. Every build runs the committed inputs under
 * {@code DeployBodyFuzzTestInputs/anyBody}; with {@code JAZZER_FUZZ=1} it fuzzes, and a crash's
 * input lands there as a new regression case.
 */
class DeployBodyFuzzTest {

    private static final ConfigMapper MAPPER = ConfigMapper.create();
    private static final ServiceSpec CURRENT = ServiceSpec.of(List.of("sleep", "60"));

    @FuzzTest(maxDuration = "30s")
    void anyBody(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        deploy(text);
        bound(text, ConfigRoutes.ApplyBody.class);
        rollback(text);
    }

    /** As the rollback route reads its body: blank is no reason, anything else JSON. */
    private static void rollback(String text) {
        if (text.isBlank()) {
            return;
        }
        try {
            MAPPER.jsonMapper().readValue(text, DeployRoutes.RollbackBody.class);
        } catch (JsonProcessingException refused) {
            // the route's 400 naming reason
        }
    }

    private static void deploy(String text) {
        DeployRoutes.DeployBody body = bound(text, DeployRoutes.DeployBody.class);
        if (body == null) {
            return;
        }
        if (body.spec() != null) {
            refusedAs400(() -> SpecChange.parse(body.specFile() == null ? "spec" : body.specFile(), body.spec()));
        }
        if (body.set() != null && !body.set().isEmpty()) {
            refusedAs400(() -> SpecChange.set(CURRENT, body.set()));
        }
        if (body.watch() != null) {
            try {
                Durations.parse(body.watch());
            } catch (IllegalArgumentException refused) {
                // the route's 400 naming watch
            }
        }
    }

    /** The body bound as {@code Call.body} binds it; null where that is a 400. */
    private static <T> T bound(String text, Class<T> type) {
        try {
            return MAPPER.bind("request body", text, type, true);
        } catch (ConfigException refused) {
            return null;
        }
    }

    private static void refusedAs400(Runnable step) {
        try {
            step.run();
        } catch (ApiProblem problem) {
            assertThat(problem.status()).as(problem.getMessage()).isEqualTo(400);
        }
    }
}
