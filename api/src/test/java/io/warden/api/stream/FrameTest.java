package io.warden.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client reads back the text of a pre-encoded frame at each of the three length encodings. */
class FrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65_535, 65_536, 200_000})
    void aTextFrame_decodesToItsText_unmaskedAndFinal(int bytes) {
        // "é" is 2 bytes in UTF-8: the length field counts bytes, not characters.
        String text = "é".repeat(bytes / 2) + "x".repeat(bytes % 2);
        Frame frame = Frame.text(text);

        ByteBuffer in = ByteBuffer.wrap(frame.bytes());
        int first = in.get() & 0xFF;
        int second = in.get() & 0xFF;
        assertThat(first).as("FIN + text opcode").isEqualTo(0x81);
        assertThat(second & 0x80).as("a server's frames are not masked").isZero();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.getShort() & 0xFFFF;
        } else if (length == 127) {
            length = in.getLong();
        }
        assertThat(length).isEqualTo(bytes).isEqualTo(in.remaining()).isEqualTo(frame.payloadLength());
        assertThat(StandardCharsets.UTF_8.decode(in).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(ints = {125, 126})
    void theShortestLengthEncodingIsUsed(int bytes) {
        assertThat(Frame.text("x".repeat(bytes)).bytes()).hasSize(bytes + (bytes < 126 ? 2 : 4));
    }
}
