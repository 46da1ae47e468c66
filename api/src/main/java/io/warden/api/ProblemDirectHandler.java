package io.warden.api;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.warden.api.route.Problems;

/**
 * Answers what Helidon refuses before any route runs (a malformed request line, a body over the
 * server's backstop, a refused WebSocket upgrade) in the same problem+json format as the routes,
 * keeping the headers the refusal set ({@code Retry-After}, rate-limit headers). Stateless.
 */
final class ProblemDirectHandler implements DirectHandler {

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String detail = message == null || message.isBlank() ? status.reasonPhrase() : message;
        headers.set(HeaderNames.CONTENT_TYPE, "application/problem+json");
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive() && status.code() < 500)
                .entity(Problems.json(status.code(), status.reasonPhrase(), detail, null, request.path()))
                .build();
    }
}
