package io.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.deploy.history.DeployHistory;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a deploying process, then a restart that recovers the deploy. */
class DeployCrashTest {

    @TempDir
    Path dir;

    @Test
    void killedMidWatch_theRestartAdoptsTheNewVersion_resumesTheWatch_andRecordsIt() throws Exception {
        int port = DeployRig.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeployCrashFixture.class.getName(), dir.toString(), Integer.toString(port))
                .redirectError(dir.resolve("fixture.err").toFile()).start();
        String id;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(90, TimeUnit.SECONDS);
            assertThat(line).as("fixture output; its stderr is in " + dir.resolve("fixture.err")).startsWith("watching ");
            id = line.substring("watching ".length());
        } finally {
            daemon.destroyForcibly();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }

        // A restarted daemon starts each service with the spec of its latest deploy not rolled back.
        try (DeployRig restarted = new DeployRig(dir, port, "v2", "good")) {
            List<DeployRecord> recovered = restarted.deployer.recover();
            assertThat(recovered).extracting(DeployRecord::id).containsExactly(id);
            DeployRecord done = restarted.deployer.await(id, Duration.ofSeconds(60));

            assertThat(done.phase()).as(done.reason()).isEqualTo(Phase.PROMOTED);
            assertThat(restarted.get("/")).isEqualTo("v2");
            assertThat(restarted.control.status(DeployRig.SERVICE).adopted()).isTrue();
            assertThat(restarted.wiring.history().steps(id)).extracting(DeployHistory.Step::detail)
                    .anyMatch(d -> d.startsWith("recovered after a daemon restart during watching: watch resumed"));
        }
    }
}
