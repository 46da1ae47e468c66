package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.process.Signal;
import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StopSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervision keeps its timing while every virtual-thread carrier is busy, as an API flood makes
 * them (bench/api-load.sh): a stop's KILL after the stop timeout, the restart after a crash, the
 * health probes (an HTTP one: the probe client's threads too). The
 * carriers are taken by virtual threads that spin and never park, so that no other virtual thread
 * runs until they are released: work left on virtual threads would never happen, and each test
 * would time out (the bounds are generous: the work takes about a second or less).
 */
@EnabledOnOs(OS.LINUX)
class FloodedSchedulerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Far above what the work takes (the stop: its 1-s timeout, then the KILL), far below never. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path stateDir;

    private final List<Supervisor> supervisors = new ArrayList<>();
    private volatile boolean flooding;

    @AfterEach
    void release() {
        flooding = false;
        supervisors.forEach(Supervisor::close);
    }

    private Supervisor supervise(String name, ServiceSpec spec) {
        Supervisor supervisor = TestHost.supervisor(Map.of(name, spec), stateDir).baseDir(stateDir).build();
        supervisors.add(supervisor);
        supervisor.startAll();
        return supervisor;
    }

    /** Takes every carrier of the virtual-thread scheduler (twice over) until {@link #release}. */
    private void floodCarriers() {
        flooding = true;
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < 2 * carriers; i++) {
            Thread.ofVirtual().name("flood-" + i).start(() -> {
                while (flooding) {
                    Thread.onSpinWait();
                }
            });
        }
    }

    @Test
    void stopOfAChildIgnoringTerm_killsAfterItsTimeout_whileTheCarriersAreBusy() throws Exception {
        Path ready = stateDir.resolve("ready");
        Supervisor supervisor = supervise("stubborn", ServiceSpec.of(List.of("/bin/sh", "-c",
                        "trap '' TERM; touch " + ready + "; while :; do sleep 1; done"))
                .withStop(new StopSpec(Signal.TERM, Duration.ofSeconds(1))));
        await().atMost(PATIENCE).until(() -> Files.exists(ready));
        floodCarriers();

        // From a platform thread, as the daemon's shutdown is: the caller is not what is starved.
        CompletableFuture<ServiceStatus> stop = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> stop.complete(supervisor.stop("stubborn")));

        ServiceStatus stopped = stop.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stopped.reason()).matches("\\d+ process\\(es\\) exited, [1-9]\\d* killed");
    }

    @Test
    void crashedChild_isRestarted_whileTheCarriersAreBusy() throws Exception {
        Path ready = stateDir.resolve("ready");
        Path crash = stateDir.resolve("crash");
        Path crashed = stateDir.resolve("crashed");
        // The first run waits for the word to crash; the next one runs on.
        String script = "if [ -e " + crashed + " ]; then exec sleep 1000; fi; touch " + crashed + " " + ready
                + "; while [ ! -e " + crash + " ]; do sleep 0.02; done; exit 3";
        Supervisor supervisor = supervise("crasher", ServiceSpec.of(List.of("/bin/sh", "-c", script))
                .withRestart(new RestartSpec(RestartPolicy.ALWAYS,
                        new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1.0, 0.0), null, null)));
        await().atMost(PATIENCE).until(() -> Files.exists(ready));
        floodCarriers();

        Files.createFile(crash);

        await().atMost(BOUND).until(() -> supervisor.service("crasher").restarts() == 1
                && supervisor.service("crasher").state() == ServiceState.RUNNING);
    }

    @Test
    void httpHealthProbe_findsTheServiceHealthy_whileTheCarriersAreBusy() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Supervisor supervisor = supervise("web", ServiceSpec.of(List.of("/bin/sh", "-c", "exec sleep 1000"))
                    .withHealth(new HealthSpec("http://127.0.0.1:" + server.getLocalPort() + "/ready", null, null,
                            Duration.ofMillis(100), Duration.ofSeconds(5), 1, null, null)));
            await().atMost(PATIENCE).until(() -> supervisor.service("web").state() == ServiceState.RUNNING);
            floodCarriers();

            // Unanswered until now (the probes wait in the backlog); answered on a platform thread.
            Thread.ofPlatform().daemon().start(() -> answerNoContent(server));

            await().atMost(BOUND).until(() -> "healthy".equals(supervisor.service("web").health()));
        }
    }

    private static void answerNoContent(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                BufferedReader request = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                String line;
                do {
                    line = request.readLine();
                } while (line != null && !line.isEmpty());
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return; // closed at the test's end
            }
        }
    }
}
