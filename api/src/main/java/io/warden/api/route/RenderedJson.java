package io.warden.api.route;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;

/**
 * A JSON body rendered once and served many times (the latest system sample), with its
 * {@code Content-Length} header pre-encoded: the server then neither formats the length nor
 * builds a header for it per request. Immutable.
 */
public final class RenderedJson {

    private final byte[] body;
    private final Header contentLength;

    private RenderedJson(byte[] body) {
        this.body = body;
        this.contentLength = HeaderValues.createCached(HeaderNames.CONTENT_LENGTH, body.length);
    }

    /** Wraps the rendered bytes; they must not be changed afterwards. */
    public static RenderedJson of(byte[] body) {
        return new RenderedJson(body);
    }

    byte[] body() {
        return body;
    }

    Header contentLength() {
        return contentLength;
    }
}
