package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fleet agent for tests: a daemon in a process of its own ({@link DaemonChild}) on a config of its
 * own, with its state dir beside it. {@link #kill()} is SIGKILL of the JVM this started; {@link
 * #close()} stops it cleanly (SIGTERM) if it still runs.
 */
final class AgentProcess implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Path dir;
    private final Process process;
    private final int port;

    private AgentProcess(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Writes {@code yaml} to {@code dir/warden.yaml} and starts a daemon on it; returns once it listens. */
    static AgentProcess start(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("warden.yaml"), yaml);
        Path output = dir.resolve("daemon.out");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", ChildClassPath.ofThisJvm(),
                DaemonChild.class.getName(), config.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String ready = await().atMost(PATIENCE).until(() -> Files.exists(output) ? Files.readString(output) : "",
                text -> text.contains("ready ") || !process.isAlive());
        assertThat(process.isAlive()).as(ready).isTrue();
        int port = Integer.parseInt(ready.substring(ready.indexOf("ready ") + 6).lines().findFirst().orElseThrow()
                .strip());
        return new AgentProcess(dir, process, port);
    }

    int port() {
        return port;
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    /** The agent id it registered with (its state dir's {@code agent.id}). */
    String id() throws IOException {
        return Files.readString(dir.resolve(".warden/agent.id")).strip();
    }

    /** SIGKILL: no close, no last row. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** What the daemon printed, for failure messages. */
    String output() throws IOException {
        return Files.readString(dir.resolve("daemon.out"));
    }

    /** SIGTERM, a clean close, and waits for the JVM to end. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
