package io.warden.api.stream;

import java.nio.charset.StandardCharsets;

/**
 * A complete server-to-client WebSocket frame (RFC 6455 section 5.2; a server's frames are not
 * masked), encoded once and written as is to every receiver. Helidon 4.3's {@code WsSession.send}
 * encodes and copies the text for each connection; one push to thousands of clients so cost
 * thousands of encodings and copies of the same bytes. Immutable; thread safe.
 */
final class Frame {

    private static final int FIN = 0x80;
    private static final int TEXT = 0x1;
    private static final int PING_CODE = 0x9;

    /** An empty ping. */
    static final Frame PING = new Frame(new byte[] {(byte) (FIN | PING_CODE), 0}, 0);

    private final byte[] bytes;
    private final int payload;

    private Frame(byte[] bytes, int payload) {
        this.bytes = bytes;
        this.payload = payload;
    }

    /** One final text frame carrying {@code text}. */
    static Frame text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        int header = n < 126 ? 2 : n < 1 << 16 ? 4 : 10;
        byte[] bytes = new byte[header + n];
        bytes[0] = (byte) (FIN | TEXT);
        if (n < 126) {
            bytes[1] = (byte) n;
        } else if (n < 1 << 16) {
            bytes[1] = 126;
            bytes[2] = (byte) (n >>> 8);
            bytes[3] = (byte) n;
        } else {
            bytes[1] = 127;
            for (int i = 0; i < 8; i++) {
                bytes[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(utf8, 0, bytes, header, n);
        return new Frame(bytes, n);
    }

    /** The whole frame, header included; not to be modified. */
    byte[] bytes() {
        return bytes;
    }

    /** Payload bytes, what a client's queue bound counts. */
    int payloadLength() {
        return payload;
    }
}
