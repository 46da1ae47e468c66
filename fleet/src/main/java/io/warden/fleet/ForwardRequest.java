package io.warden.fleet;

import java.util.Objects;

/**
 * A request to pass on to the agent that owns a service.
 *
 * @param method      {@code POST}...
 * @param path        the path on the owner, from {@code /api/v1/}
 * @param accept      the caller's {@code Accept}, or null
 * @param contentType the caller's {@code Content-Type}, or null
 * @param body        the caller's body, empty for none
 * @param user        who asked (the user this agent authenticated)
 */
public record ForwardRequest(String method, String path, String accept, String contentType, String body,
                             String user) {

    public ForwardRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(user, "user");
        if (!path.startsWith("/api/v1/")) {
            throw new IllegalArgumentException("only API paths are forwarded, not " + path);
        }
        body = body == null ? "" : body;
    }
}
