package io.warden.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The client side of many WebSocket connections for a load test, on plain NIO: a handshake per
 * connection (blocking, on the caller's thread), then a few reader threads, each with a selector
 * over its share of the sockets, that split the server's frames and hand each text message to a
 * {@link Handler} with the instant its bytes were read. The JDK's {@code HttpClient} WebSocket
 * spent more CPU per message than the daemon under test (24-60 us a push on 2 cores); this spends
 * a read call per ready socket and a string per message. Server frames are unmasked; the client's
 * own frames (one text message after the handshake, pongs) carry the mask bit with a zero key,
 * which RFC 6455 allows and which leaves the payload as it is.
 */
final class RawWebSockets implements AutoCloseable {

    /** Receives what the reader threads read; called on those threads. */
    interface Handler {
        void text(String message, long receivedAtEpochNanos);

        void closed(String why);
    }

    private final InetSocketAddress address;
    private final String path;
    private final String token;
    private final Handler handler;
    private final List<Reader> readers = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private volatile boolean closing;

    RawWebSockets(int port, String path, String token, int readerThreads, Handler handler) throws IOException {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.path = path;
        this.token = token;
        this.handler = handler;
        for (int i = 0; i < readerThreads; i++) {
            Reader reader = new Reader(Selector.open());
            readers.add(reader);
            Thread.ofPlatform().daemon().name("ws-load-reader-" + i).start(reader);
        }
    }

    /** Opens one connection, upgrades it with the token in the header and sends {@code firstMessage}. */
    void open(String firstMessage) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        try {
            channel.socket().setSoTimeout(30_000);
            write(channel, ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
                    + address.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer response = ByteBuffer.allocate(4096);
            // Read through the socket's stream: its reads honour the timeout, the channel's would not.
            java.io.InputStream in = channel.socket().getInputStream();
            int headerEnd;
            while ((headerEnd = headerEnd(response)) < 0) {
                int read = response.hasRemaining()
                        ? in.read(response.array(), response.position(), response.remaining()) : -1;
                if (read < 0) {
                    throw new IOException("no upgrade response");
                }
                response.position(response.position() + read);
            }
            String status = new String(response.array(), 0, Math.min(headerEnd, 64), StandardCharsets.US_ASCII);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + status.lines().findFirst().orElse(""));
            }
            write(channel, ByteBuffer.wrap(frame(0x1, firstMessage.getBytes(StandardCharsets.UTF_8))));
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            // Frames that came with the upgrade response are read as the connection's first bytes.
            connection.leftover = java.util.Arrays.copyOfRange(response.array(), headerEnd, response.position());
            synchronized (channels) {
                channels.add(channel);
            }
            Reader reader = readers.get(channels.size() % readers.size());
            reader.pending.add(connection);
            reader.selector.wakeup();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static int headerEnd(ByteBuffer buffer) {
        byte[] bytes = buffer.array();
        for (int i = 3; i < buffer.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** A client frame: FIN, the opcode, the mask bit with a zero key, the payload (under 64 KiB). */
    static byte[] frame(int opcode, byte[] payload) {
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(payload, 0, frame, header + 4, payload.length);
        return frame;
    }

    private static void write(SocketChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                Thread.onSpinWait(); // a pong to a socket the server does not read: rare and short
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        readers.forEach(reader -> reader.selector.wakeup());
        synchronized (channels) {
            for (SocketChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static final class Connection {
        final SocketChannel channel;
        byte[] leftover;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final class Reader implements Runnable {
        final Selector selector;
        final Queue<Connection> pending = new ConcurrentLinkedQueue<>();
        /** Large enough for a socket's whole backlog of pushes in one read. */
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

        Reader(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (!closing) {
                    selector.select(100);
                    Connection added;
                    while ((added = pending.poll()) != null) {
                        added.channel.register(selector, SelectionKey.OP_READ, added);
                        if (added.leftover.length > 0) {
                            read(added);
                        }
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        read((Connection) key.attachment());
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                if (!closing) {
                    handler.closed("reader failed: " + e);
                }
            }
        }

        private void read(Connection connection) {
            buffer.clear();
            if (connection.leftover != null) {
                buffer.put(connection.leftover);
                connection.leftover = null;
            }
            int read;
            try {
                read = connection.channel.read(buffer);
            } catch (IOException e) {
                read = -1;
            }
            long now = epochNanos();
            buffer.flip();
            if (!frames(connection, now) || read < 0) {
                if (!closing) {
                    handler.closed(read < 0 ? "the server closed the socket" : "a close frame");
                }
                try {
                    connection.channel.close();
                } catch (IOException ignored) {
                    // gone anyway
                }
                return;
            }
            if (buffer.hasRemaining()) {
                connection.leftover = new byte[buffer.remaining()];
                buffer.get(connection.leftover);
            }
        }

        /** Handles the whole frames in the buffer; false after a close frame. */
        private boolean frames(Connection connection, long now) {
            byte[] bytes = buffer.array();
            while (buffer.remaining() >= 2) {
                int start = buffer.position();
                int opcode = bytes[start] & 0x0F;
                long length = bytes[start + 1] & 0x7F;
                int header = 2;
                if (length == 126) {
                    header = 4;
                } else if (length == 127) {
                    header = 10;
                }
                if (buffer.remaining() < header) {
                    return true;
                }
                if (header == 4) {
                    length = ((bytes[start + 2] & 0xFF) << 8) | (bytes[start + 3] & 0xFF);
                } else if (header == 10) {
                    length = buffer.getLong(start + 2);
                }
                if (buffer.remaining() < header + length) {
                    return true;
                }
                int payload = start + header;
                buffer.position(payload + (int) length);
                switch (opcode) {
                    case 0x1 -> handler.text(new String(bytes, payload, (int) length, StandardCharsets.UTF_8), now);
                    case 0x8 -> {
                        return false;
                    }
                    case 0x9 -> {
                        try {
                            write(connection.channel, ByteBuffer.wrap(
                                    frame(0xA, java.util.Arrays.copyOfRange(bytes, payload, payload + (int) length))));
                        } catch (IOException e) {
                            return false;
                        }
                    }
                    default -> { } // pong, or a continuation: the server under test sends whole text frames
                }
            }
            return true;
        }
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
