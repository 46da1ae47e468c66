package io.warden.api.route;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.warden.config.JsonText;
import java.nio.charset.StandardCharsets;

/** Writes RFC 9457 {@code application/problem+json} bodies. Stateless. */
public final class Problems {

    private static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "application/problem+json");

    private Problems() {
    }

    /** Writes the problem; {@code field} is added as an extension member when not null. */
    static void write(ServerResponse response, int status, String title, String detail, String field,
                             String instance) {
        response.status(Status.create(status));
        response.header(CONTENT_TYPE);
        response.send(json(status, title, detail, field, instance));
    }

    /** The problem document's bytes; {@code field} and {@code instance} are left out when null. */
    public static byte[] json(int status, String title, String detail, String field, String instance) {
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
        JsonText.quote(json, title).append(",\"status\":").append(status).append(",\"detail\":");
        JsonText.quote(json, detail);
        if (field != null) {
            JsonText.quote(json.append(",\"field\":"), field);
        }
        if (instance != null) {
            JsonText.quote(json.append(",\"instance\":"), instance);
        }
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes an {@link ApiProblem}. */
    static void write(ServerResponse response, ApiProblem problem, String instance) {
        write(response, problem.status(), problem.title(), problem.getMessage(), problem.field(), instance);
    }
}
