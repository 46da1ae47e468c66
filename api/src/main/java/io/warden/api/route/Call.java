package io.warden.api.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.api.auth.Principal;
import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One authenticated, rate-limited call: typed access to its parameters and body, and JSON answers.
 * Used by one handler on one thread.
 */
public final class Call {


    private final ServerRequest request;
    private final ServerResponse response;
    private final Principal principal;
    private final ConfigMapper mapper;
    private final long maxBodyBytes;

    Call(ServerRequest request, ServerResponse response, Principal principal, ConfigMapper mapper, long maxBodyBytes) {
        this.request = request;
        this.response = response;
        this.principal = principal;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Who calls. */
    public Principal principal() {
        return principal;
    }

    /** A path parameter that names something (a service, an assessment): validated, never a path. */
    public String name(String parameter) {
        String value = request.path().pathParameters().first(parameter).orElse("");
        if (!isName(value)) {
            throw ApiProblem.badRequest(parameter, "'" + abbreviate(value) + "' is not a valid " + parameter
                    + ": use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** A query parameter, if present. */
    public Optional<String> query(String parameter) {
        return request.query().first(parameter).asOptional();
    }

    /** An integer query parameter within bounds, or the default; 400 naming it otherwise. */
    public int queryInt(String parameter, int defaultValue, int min, int max) {
        Optional<String> text = query(parameter);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw ApiProblem.badRequest(parameter, parameter + " must be between " + min + " and " + max
                        + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(parameter, parameter + " must be a whole number, was '"
                    + abbreviate(text.get()) + "'");
        }
    }

    /** A request header, if present. */
    public Optional<String> header(String name) {
        return header(HeaderNames.create(name));
    }

    /** A request header, if present. */
    public Optional<String> header(HeaderName name) {
        return request.headers().first(name);
    }

    /**
     * The JSON body bound to {@code type}: at most the configured size (413 beyond), unknown
     * fields and wrong types refused with 400 naming the field.
     */
    public <T> T body(Class<T> type) {
        String text = bodyText();
        try {
            return mapper.bind("request body", text, type, true);
        } catch (ConfigException e) {
            throw ApiProblem.badRequest(e.key().isEmpty() ? null : e.key(), "request body: "
                    + (e.key().isEmpty() ? "" : e.key() + ": ") + e.problem());
        }
    }

    /** The raw body text, at most the configured size (413 beyond). */
    public String bodyText() {
        long declared = request.headers().contentLength().orElse(-1L);
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        // Read at most one byte past the declared length: readNBytes allocates a buffer of the
        // limit up to 16 KB before it reads, and most bodies (an empty submit, a comment) are tiny.
        long limit = declared >= 0 ? declared + 1 : maxBodyBytes + 1;
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (ClientGone.causedBy(e)) {
                throw new java.io.UncheckedIOException(e); // the guard counts it; there is no one to answer
            }
            throw ApiProblem.badRequest(null, "the request body could not be read: " + e.getMessage());
        }
    }

    /** Answers 200 with the value as JSON. */
    public void json(Object value) throws IOException {
        json(200, value);
    }

    /** Answers with the status and the value as JSON. */
    public void json(int status, Object value) throws IOException {
        response.status(Status.create(status));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(mapper.jsonMapper().writeValueAsBytes(value));
    }

    /** Answers with the status and JSON the handler rendered itself, as UTF-8. */
    public void renderedJson(int status, byte[] body) {
        response.status(Status.create(status));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(body);
    }

    /** Answers 200 with pre-rendered JSON (hot routes render once per change, not per call). */
    public void json(RenderedJson json) {
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.header(json.contentLength());
        response.send(json.body());
    }

    /** Answers 200 with text of the given media type. */
    public void text(String mediaType, String body) {
        response.header(HeaderNames.CONTENT_TYPE, mediaType);
        response.send(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON mapper of the API, for handlers that stream. */
    public ObjectMapper jsonMapper() {
        return mapper.jsonMapper();
    }

    /** The raw response, for handlers that stream. */
    public ServerResponse response() {
        return response;
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}, checked without a regex matcher (every call by id checks one). */
    static boolean isName(String value) {
        if (value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "Content Too Large", "the request body is larger than the limit of "
                + maxBodyBytes + " bytes", null);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
