package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon under {@code ulimit -n 256} and more idle, silent sockets than that (the seed's
 * listener died for good with "Too many open files" and the port stayed closed while the process
 * lived on). With the connection cap the port answers again once the crowd leaves; without it (a
 * cap above the limit) the daemon exits with status 1 for a service manager to restart, never a
 * live process with a dead port. Local only, bounded: 400 sockets held for a few seconds.
 */
class ListenerSurvivalTest {

    private static final int DESCRIPTORS = 256;
    private static final int IDLE_SOCKETS = 400;

    @TempDir
    Path dir;

    private WardenProcess start(String serverKeys) throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), "server: {port: 0, idleTimeout: 3s" + serverKeys
                + "}\n");
        return WardenProcess.startWithDescriptorLimit(dir, DESCRIPTORS, "up", "--config", config.toString());
    }

    private int portOf(WardenProcess daemon) {
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            assertThat(daemon.process.isAlive()).as(daemon.stderr()).isTrue();
            return PidRecord.parse(Files.readString(dir.resolve(".warden/warden.pid"))).port();
        }, port -> port > 0);
    }

    /** Opens silent sockets (connected at the TCP level, the daemon accepting or not), holds them, closes them. */
    private static void crowd(int port) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_SOCKETS; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                } catch (java.io.IOException e) {
                    break; // the listener is gone: what the second test expects
                }
            }
            Thread.sleep(3_000); // let the daemon accept what it will: the crowd stays a while
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static int health(int port) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void moreIdleSocketsThanDescriptors_thePortAnswersAgainAfterwards() throws Exception {
        try (WardenProcess daemon = start("")) {
            int port = portOf(daemon);
            crowd(port);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> health(port), status -> status == 200
                    || status == 503);
            assertThat(daemon.process.isAlive()).isTrue();
            assertThat(daemon.stderr()).doesNotContain("Too many open files").doesNotContain("terminating");
        }
    }

    @Test
    void aListenerThatStillDies_endsTheProcessWithStatus1_neverADeadPort() throws Exception {
        try (WardenProcess daemon = start(", maxConnections: 100000")) { // no cap: the descriptors run out
            int port = portOf(daemon);
            crowd(port);
            assertThat(daemon.process.waitFor(60, TimeUnit.SECONDS)).as("exited; stderr: " + daemon.stderr()).isTrue();
            assertThat(daemon.process.exitValue()).isEqualTo(1);
            assertThat(daemon.stderr()).contains("the API listener on").contains("exiting with status 1");
        }
    }
}
