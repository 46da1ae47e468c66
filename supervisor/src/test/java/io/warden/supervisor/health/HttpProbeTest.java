package io.warden.supervisor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.supervisor.spec.HealthSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP probe against a server that speaks HTTP/1.1 only and refuses an upgrade with 400, as
 * uvicorn 0.17.6 (Debian 12) does: the probe must send a plain HTTP/1.1 request with a Host
 * header, as Docker's and Kubernetes' probes do.
 */
class HttpProbeTest {

    @Test
    void probe_sendsPlainHttp11WithAHostHeader_andNoUpgrade() throws Exception {
        try (ServerSocket server = new ServerSocket(0); ProbeClient client = new ProbeClient()) {
            int port = server.getLocalPort();
            CompletableFuture<List<String>> request = CompletableFuture.supplyAsync(() -> answerOnce(server));
            HealthSpec spec = new HealthSpec("http://127.0.0.1:" + port + "/health", null, null, null, null, null,
                    null, null);

            Probe.Result result = Probe.of(spec, client.get()).check(Duration.ofSeconds(30));

            List<String> lines = request.get(30, TimeUnit.SECONDS);
            assertThat(lines.getFirst()).isEqualTo("GET /health HTTP/1.1");
            assertThat(lines).anyMatch(line -> line.equalsIgnoreCase("host: 127.0.0.1:" + port));
            assertThat(lines).noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("upgrade:")
                    || line.toLowerCase(Locale.ROOT).startsWith("http2-settings:"));
            assertThat(result).isEqualTo(new Probe.Result(true, "HTTP 200"));
        }
    }

    /** Reads one request's head; answers 400 to an upgrade offer (as uvicorn does), else 200. */
    private static List<String> answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                lines.add(line);
            }
            boolean upgrade = lines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("upgrade:"));
            String body = upgrade ? "Unsupported upgrade request." : "{\"status\":\"ok\"}";
            OutputStream out = socket.getOutputStream();
            out.write(((upgrade ? "HTTP/1.1 400 Bad Request" : "HTTP/1.1 200 OK") + "\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
