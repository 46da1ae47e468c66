package io.warden.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The messages the server sends, rendered once each whatever the number of receivers. Stateless. */
final class Outbound {

    private Outbound() {
    }

    /** {@code {"topic":...,"data":...}} around data already rendered as JSON. */
    static String push(ObjectMapper json, String topic, String data) {
        return "{\"topic\":" + quote(json, topic) + ",\"data\":" + data + "}";
    }

    /** A push of a value to render. */
    static String push(ObjectMapper json, String topic, Object data) {
        return push(json, topic, render(json, data));
    }

    /** {@code {"type":"error","status":...,"detail":...}}, with {@code retryAfter} seconds when positive. */
    static String error(ObjectMapper json, int status, String detail, long retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error");
        body.put("status", status);
        body.put("detail", detail);
        if (retryAfterSeconds > 0) {
            body.put("retryAfter", retryAfterSeconds);
        }
        return render(json, body);
    }

    /** A reply such as {@code {"type":"subscribed","topics":[...]}}. */
    static String reply(ObjectMapper json, String type, String key, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put(key, value);
        return render(json, body);
    }

    static String render(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(ObjectMapper json, String text) {
        return render(json, text);
    }
}
