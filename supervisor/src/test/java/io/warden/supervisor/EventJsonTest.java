package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.ConfigMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** events.log lines written without Jackson read back as Jackson wrote them. */
class EventJsonTest {

    private final ObjectMapper json = ConfigMapper.create().jsonMapper();

    @Test
    void anEvent_isTheLineJacksonWrites() throws Exception {
        ServiceEvent exited = new ServiceEvent(Instant.parse("2026-11-22T06:22:25.287167466Z"), "s01",
                ServiceState.RUNNING, ServiceState.EXITED, "exited with code 1", 7558L, 1);
        ServiceEvent starting = new ServiceEvent(Instant.parse("2026-11-22T06:22:24Z"), "web-1.api",
                ServiceState.BACKOFF, ServiceState.STARTING, "restart 3", null, null);

        for (ServiceEvent event : new ServiceEvent[] {exited, starting}) {
            assertThat(new String(EventJson.line(event), StandardCharsets.UTF_8))
                    .isEqualTo(json.writeValueAsString(event) + "\n");
        }
    }

    @Test
    void quotesBackslashesControlCharactersAndNonAscii_readBackUnchanged() throws Exception {
        String reason = "cannot start [\"/opt/a b\\c\"]: line1\nline2\r\ttab \u0001\u001f é 漢 \uD83D\uDE00";
        ServiceEvent event = new ServiceEvent(Instant.parse("2026-11-22T00:00:00.000001Z"), "svc",
                ServiceState.STARTING, ServiceState.FAILED, reason, null, null);

        String line = new String(EventJson.line(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("\n}").hasLineCount(1);
        assertThat(json.readTree(line)).isEqualTo(json.readTree(json.writeValueAsString(event)));
        assertThat(json.readTree(line).path("reason").textValue()).isEqualTo(reason);
    }

    @Test
    void aNote_isOneJsonLineWithTimeKindAndItsFields() throws Exception {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("alert", "api-\"p99\"");
        fields.put("severity", null);
        String line = new String(EventJson.note(Instant.parse("2026-12-07T20:00:00Z"), "alert", fields),
                StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("{\"time\":\"2026-12-07T20:00:00Z\",\"kind\":\"alert\",\"alert\":\"api-\\\"p99\\\"\","
                + "\"severity\":null}\n");
        assertThat(json.readTree(line).get("alert").asText()).isEqualTo("api-\"p99\"");
    }
}
