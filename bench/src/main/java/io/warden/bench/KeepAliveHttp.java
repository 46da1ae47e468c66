package io.warden.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection to 127.0.0.1, used by one thread, for a closed-loop load
 * client: a request is written as one buffer and the response read with a blocking read, its body
 * delimited by Content-Length or chunked encoding. A client that costs a fraction of the JDK
 * HttpClient's CPU per call (its selector thread and hand-offs), which shares the cores with the
 * server it measures. Not a general HTTP client: no redirects, TLS or 1xx responses.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A response: its status and body (UTF-8). */
    record Response(int status, String body) {
    }

    private final int port;
    private final String host;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    KeepAliveHttp(int port) {
        this.port = port;
        this.host = "127.0.0.1:" + port;
    }

    /** The bytes of a POST of {@code body} (JSON) to {@code path} with a bearer {@code token}. */
    byte[] post(String path, String token, String body) {
        return request("POST", path, token, body);
    }

    /**
     * The bytes of a request: {@code method} on {@code path}, with a bearer {@code token} unless it
     * is null, and {@code body} (JSON) unless it is null.
     */
    byte[] request(String method, String path, String token, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /** Sends {@code request} and reads its response; on an I/O error the connection is dropped (the next call reconnects). */
    Response send(byte[] request) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon);
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closing = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunks();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new EOFException("the response ended after " + body.length + " of " + length + " bytes");
            }
        } else {
            throw new IOException("a response without Content-Length or chunked encoding (status " + status + ")");
        }
        if (closing) {
            close();
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine();
            int extension = size.indexOf(';');
            int n = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
            if (n == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length != n) {
                throw new EOFException("a chunk ended early");
            }
            body.write(chunk);
            readLine();
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing more to do
            }
            socket = null;
        }
    }
}
