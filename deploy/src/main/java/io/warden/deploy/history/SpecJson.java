package io.warden.deploy.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.ConfigMapper;
import io.warden.deploy.UpdateSettings;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Specs and settings as JSON in Warden's conventions (durations as {@code 5s}), and the diff
 * between two specs that the history shows: one line per key that changed. Thread safe.
 */
public final class SpecJson {

    private static final ObjectMapper JSON = ConfigMapper.create().jsonMapper();

    private SpecJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static ServiceSpec spec(String json) {
        return read(json, ServiceSpec.class);
    }

    static UpdateSettings settings(String json) {
        return read(json, UpdateSettings.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * What changed from {@code before} to {@code after}, one line per top-level key:
     * {@code command: ["python3","v1.py"] -> ["python3","v2.py"]}; empty when nothing did.
     */
    public static List<String> diff(ServiceSpec before, ServiceSpec after) {
        JsonNode a = JSON.valueToTree(before);
        JsonNode b = JSON.valueToTree(after);
        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        a.fieldNames().forEachRemaining(keys::add);
        for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                keys.add(name);
            }
        }
        for (String key : keys) {
            JsonNode was = a.get(key);
            JsonNode now = b.get(key);
            if (!Objects.equals(was, now)) {
                lines.add(key + ": " + (was == null ? "(none)" : was) + " -> " + (now == null ? "(none)" : now));
            }
        }
        return lines;
    }
}
