package io.warden.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.ConfigMapper;
import java.nio.charset.StandardCharsets;

/**
 * Any text as a WebSocket message: a well-formed {@link Inbound} or an
 * {@link IllegalArgumentException} whose message the client is sent, never another exception
 * (which would close the socket with a server error). The stream through a real daemon is fuzzed
 * by the daemon's {@code ApiBodyFuzzTest}; this is the parser alone, thousands of times faster.
 * Every build runs the committed inputs under {@code InboundFuzzTestInputs/anyMessage}; with
 * {@code JAZZER_FUZZ=1} it fuzzes, and a crash's input lands there as a new regression case.
 */
class InboundFuzzTest {

    private static final ObjectMapper JSON = ConfigMapper.create().jsonMapper();

    @FuzzTest(maxDuration = "30s")
    void anyMessage(byte[] data) {
        Inbound message;
        try {
            message = Inbound.parse(JSON, new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(message.type()).isIn(Inbound.TYPES);
        if (message.type().equals("auth")) {
            assertThat(message.topics()).isEmpty();
        } else {
            assertThat(message.topics()).hasSizeBetween(1, Inbound.MAX_TOPICS).doesNotContainNull();
        }
    }
}
