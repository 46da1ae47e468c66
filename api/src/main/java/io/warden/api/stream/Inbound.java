package io.warden.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One message a client sent: {@code {"type":"auth","token":"..."}},
 * {@code {"type":"subscribe","topics":[...]}} or {@code {"type":"unsubscribe","topics":[...]}}.
 *
 * @param type   auth, subscribe or unsubscribe
 * @param topics the topics of a (un)subscribe, empty otherwise
 * @param token  the token of an auth message, empty otherwise
 */
record Inbound(String type, List<String> topics, String token) {

    static final Set<String> TYPES = Set.of("auth", "subscribe", "unsubscribe");
    static final int MAX_TOPICS = 64;

    Inbound {
        topics = List.copyOf(topics);
    }

    /** Parses a message; the exception's message says what is wrong, for the client. */
    static Inbound parse(ObjectMapper json, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a message is a JSON object such as {\"type\":\"subscribe\",\"topics\":[\"system\"]}");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
            throw new IllegalArgumentException("type must be one of auth, subscribe, unsubscribe");
        }
        if (type.asText().equals("auth")) {
            JsonNode token = root.get("token");
            if (token == null || !token.isTextual()) {
                throw new IllegalArgumentException("token must be a string");
            }
            return new Inbound("auth", List.of(), token.asText());
        }
        JsonNode topics = root.get("topics");
        if (topics == null || !topics.isArray() || topics.isEmpty() || topics.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("topics must be an array of 1.." + MAX_TOPICS + " topic names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode topic : topics) {
            if (!topic.isTextual()) {
                throw new IllegalArgumentException("topics must be strings, found " + topic.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            names.add(topic.asText());
        }
        return new Inbound(type.asText(), names, "");
    }
}
