package io.warden.cli;

import io.warden.lock.PidRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CLI's connection to the running daemon of a state dir: its port from {@code warden.pid},
 * its admin token from {@code admin.token}. HTTP/1.1 over a plain socket on loopback: the JDK's
 * HttpClient costs tens of milliseconds to initialise, which {@code warden status} cannot afford.
 * One request per connection. Not thread safe.
 */
final class DaemonClient {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final Path stateDir;
    private final int port;
    private final String token;

    private DaemonClient(Path stateDir, int port, String token) {
        this.stateDir = stateDir;
        this.port = port;
        this.token = token;
    }

    /** A response: status, lower-case header names, body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    /**
     * The daemon of {@code stateDir}.
     *
     * @throws CliException when no daemon runs there, saying how to start one
     */
    static DaemonClient connect(Path stateDir) {
        return connect(stateDir, null);
    }

    /**
     * The daemon of {@code stateDir}, called with {@code token} (a person's own token), or with
     * the daemon's admin token when null.
     *
     * @throws CliException when no daemon runs there, saying how to start one
     */
    static DaemonClient connect(Path stateDir, String token) {
        Path pidFile = stateDir.resolve("warden.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            throw new CliException("no Warden daemon runs for " + stateDir.toAbsolutePath()
                    + " (no " + pidFile.getFileName() + "). Start one with: warden up");
        } catch (IOException e) {
            throw new CliException("cannot read " + pidFile.toAbsolutePath() + ": " + e.getMessage());
        }
        // Only the port is needed to connect; parsing the whole record (dates) costs start-up time,
        // so it is done only to explain a failure.
        int port = lines.stream().filter(line -> line.startsWith("port=")).findFirst()
                .map(line -> Integer.parseInt(line.substring(5).strip())).orElse(0);
        if (token != null) {
            return new DaemonClient(stateDir, port, token);
        }
        try {
            token = Files.readString(stateDir.resolve("admin.token")).strip();
        } catch (IOException e) {
            throw new CliException("cannot read the admin token " + stateDir.resolve("admin.token").toAbsolutePath()
                    + ": " + e.getMessage());
        }
        return new DaemonClient(stateDir, port, token);
    }

    private CliException unreachable(IOException cause) {
        Path pidFile = stateDir.resolve("warden.pid");
        try {
            PidRecord record = PidRecord.parse(Files.readString(pidFile));
            if (record.liveHolder().isEmpty()) {
                return new CliException("no Warden daemon runs for " + stateDir.toAbsolutePath() + " (PID "
                        + record.pid() + " in " + pidFile.getFileName() + " is gone). Start one with: warden up");
            }
        } catch (IOException | IllegalArgumentException e) {
            return new CliException("no Warden daemon runs for " + stateDir.toAbsolutePath() + " ("
                    + pidFile.getFileName() + " is unreadable: " + e.getMessage() + "). Start one with: warden up");
        }
        return new CliException("cannot reach the Warden daemon on 127.0.0.1:" + port + " (state dir "
                + stateDir.toAbsolutePath() + "): " + cause.getMessage());
    }

    /** GET asking for JSON. */
    Response get(String path) {
        return send("GET", path, null, null, "application/json", null);
    }

    /** GET asking for the daemon's plain-text rendering (tables, log lines). */
    Response getText(String path) {
        return send("GET", path, null, null, "text/plain", null);
    }

    /** POST a JSON body (empty when null), asking for JSON. */
    Response post(String path, String jsonBody) {
        return send("POST", path, jsonBody, "application/json", "application/json", null);
    }

    /** POST asking for the daemon's plain-text answer. */
    Response postText(String path) {
        return send("POST", path, null, null, "text/plain", null);
    }

    /** A request with a JSON body (none when null), asking for the daemon's plain-text answer. */
    Response sendText(String method, String path, String jsonBody) {
        return send(method, path, jsonBody, jsonBody == null ? null : "application/json", "text/plain", null);
    }

    /**
     * A request whose body is the text of {@code file}, of the given media type ({@code application/yaml},
     * for example), asking for JSON. The file is named in {@code Content-Disposition}, so the daemon's
     * refusals name it ({@code fix.yaml:28: risks[0].likelyhood: ...}) rather than "request body".
     */
    Response sendFile(String method, String path, Path file, String body, String mediaType) {
        String name = URLEncoder.encode(file.toString(), StandardCharsets.UTF_8).replace("+", "%20");
        return send(method, path, body, mediaType, "application/json",
                "Content-Disposition: inline; filename*=UTF-8''" + name + "\r\n", null);
    }

    /** Sends a request and hands the body to {@code chunks} as it arrives (for following a stream). */
    Response stream(String path, Consumer<byte[]> chunks) {
        return send("GET", path, null, null, "text/plain", chunks);
    }

    private Response send(String method, String path, String body, String mediaType, String accept,
                          Consumer<byte[]> chunks) {
        return send(method, path, body, mediaType, accept, "", chunks);
    }

    /** {@code extraHeaders}: whole header lines, each ending in CRLF, or empty. */
    private Response send(String method, String path, String body, String mediaType, String accept,
                          String extraHeaders, Consumer<byte[]> chunks) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(chunks == null ? TIMEOUT_MILLIS : 0);
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nConnection: close\r\nAccept: " + accept + "\r\n"
                    + (body == null ? "" : "Content-Type: " + mediaType + "\r\nContent-Length: " + payload.length + "\r\n")
                    + extraHeaders + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), chunks);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private static Response read(InputStream in, Consumer<byte[]> chunks) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                byte[] chunk = in.readNBytes(size);
                line(in);
                if (chunks != null) {
                    chunks.accept(chunk); // bytes: a chunk may end inside a character
                } else {
                    body.write(chunk);
                }
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            in.transferTo(body);
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** The size line of a chunk; the daemon going away mid-response (a restart) is an I/O error. */
    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in).split(";")[0].strip();
        try {
            return Integer.parseInt(line, 16);
        } catch (NumberFormatException e) {
            throw new IOException(line.isEmpty() ? "the connection closed in the middle of the response"
                    : "not a chunk size: " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                text.append((char) c);
            }
        }
        return text.toString();
    }
}
