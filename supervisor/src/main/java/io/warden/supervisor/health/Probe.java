package io.warden.supervisor.health;

import io.warden.os.OsFamily;
import io.warden.supervisor.spec.HealthSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One health probe; blocking, called on a virtual thread. */
@FunctionalInterface
public interface Probe {

    /** Runs the probe within {@code timeout}; never throws. */
    Result check(Duration timeout);

    /** A probe's outcome, with what it saw ("HTTP 200", "connection refused"). */
    record Result(boolean ok, String detail) {
    }

    /** The probe a spec asks for; {@code http} is shared across probes. */
    static Probe of(HealthSpec spec, HttpClient http) {
        if (spec.http() != null) {
            URI uri = URI.create(spec.http());
            return timeout -> httpCheck(http, uri, timeout);
        }
        if (spec.tcp() != null) {
            return timeout -> tcpCheck(spec.tcpHost(), spec.tcpPort(), timeout);
        }
        return timeout -> execCheck(spec, timeout);
    }

    private static Result httpCheck(HttpClient http, URI uri, Duration timeout) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return new Result(code >= 200 && code < 400, "HTTP " + code);
        } catch (IOException e) {
            return new Result(false, "GET " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    private static Result tcpCheck(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return new Result(true, "connected to " + host + ":" + port);
        } catch (IOException e) {
            return new Result(false, host + ":" + port + ": " + e.getMessage());
        }
    }

    private static Result execCheck(HealthSpec spec, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(spec.exec())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                            OsFamily.isWindows() ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Result(false, "cannot run " + spec.exec() + ": " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(false, "timed out after " + timeout.toMillis() + "ms");
            }
            int code = process.exitValue();
            return new Result(code == 0, "exit code " + code);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }
}
