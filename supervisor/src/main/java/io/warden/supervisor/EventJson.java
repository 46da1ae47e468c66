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
}
