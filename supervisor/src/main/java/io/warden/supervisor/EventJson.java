package io.warden.supervisor;

import io.warden.config.JsonText;
import java.nio.charset.StandardCharsets;

/**
 * One {@link ServiceEvent} as a line of {@code events.log}: the JSON object Jackson wrote before,
 * field for field, without going through Jackson. A crash loop writes four events per restart,
 * while the replacement child starts on the same two cores; Jackson's bean serializer (reflection,
 * a generator and a date formatter per event) was a fifth of the daemon's sampled CPU there.
 *
 * <p>Stateless and thread-safe.
 */
final class EventJson {

    private EventJson() {
    }

    /** The event as one JSON object and a newline, in UTF-8. */
    static byte[] line(ServiceEvent event) {
        StringBuilder out = new StringBuilder(192);
        out.append("{\"time\":\"").append(event.time()).append('"');
        out.append(",\"service\":");
        JsonText.quote(out, event.service());
        out.append(",\"from\":\"").append(event.from().wireName()).append('"');
        out.append(",\"to\":\"").append(event.to().wireName()).append('"');
        out.append(",\"reason\":");
        JsonText.quote(out, event.reason());
        out.append(",\"pid\":").append(event.pid());
        out.append(",\"exitCode\":").append(event.exitCode());
        return out.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An event of another kind (an alert's transition) as one JSON line: {@code time}, {@code kind},
     * then the fields as strings. The {@code kind} key tells readers (the doctor) it is no service event.
     */
    static byte[] note(java.time.Instant time, String kind, java.util.Map<String, String> fields) {
        StringBuilder out = new StringBuilder(192);
        out.append("{\"time\":\"").append(time).append("\",\"kind\":");
        JsonText.quote(out, kind);
        fields.forEach((key, value) -> {
            out.append(',');
            JsonText.quote(out, key).append(':');
            if (value == null) {
                out.append("null");
            } else {
                JsonText.quote(out, value);
            }
        });
        return out.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
