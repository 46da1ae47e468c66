package io.warden.supervisor.watch;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The development loop's fixture: a tiny Python HTTP server whose source holds its version, so a
 * test edits the file and asks which code answers. Each process starts a worker ({@code sleep}),
 * so a service is a tree of two; the answer is {@code VERSION SERVER_PID WORKER_PID}.
 */
final class VersionServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private VersionServer() {
    }

    /** Writes (or rewrites) {@code app.py} serving {@code version}. */
    static void write(Path dir, String version) throws IOException {
        Files.writeString(dir.resolve("app.py"), """
                import http.server, os, subprocess, sys
                VERSION = "%s"
                worker = subprocess.Popen(["sleep", "3600"])
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        body = ("%%s %%d %%d" %% (VERSION, os.getpid(), worker.pid)).encode()
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        print("served", VERSION, flush=True)
                    def log_message(self, *args):
                        pass
                http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
                """.formatted(version), StandardCharsets.UTF_8);
    }

    static List<String> command(int port) {
        return List.of(PYTHON, "app.py", Integer.toString(port));
    }

    /** The answer, {@code [version, serverPid, workerPid]}; empty while nothing answers. */
    static Optional<String[]> ask(int port) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(answer.body().split(" ")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String version(int port) {
        return ask(port).map(answer -> answer[0]).orElse("");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
