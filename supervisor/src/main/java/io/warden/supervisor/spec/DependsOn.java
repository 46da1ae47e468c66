package io.warden.supervisor.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services a service needs, each with the condition to wait for. Written as a list
 * ({@code dependsOn: [db, cache]}, condition {@code started}) or as a map
 * ({@code dependsOn: {db: {condition: healthy}}}, or the short {@code {db: healthy}}).
 *
 * @param conditions by service name, in the order written
 */
public record DependsOn(Map<String, DependencyCondition> conditions) {

    public static final DependsOn NONE = new DependsOn(Map.of());

    public DependsOn {
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
    }

    /** The config form: a list of names or a map of name to condition. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DependsOn fromConfig(Object raw) {
        Map<String, DependencyCondition> conditions = new LinkedHashMap<>();
        if (raw instanceof List<?> names) {
            for (Object name : names) {
                if (!(name instanceof String text)) {
                    throw new IllegalArgumentException("dependsOn lists service names; found " + name);
                }
                conditions.put(text, DependencyCondition.STARTED);
            }
        } else if (raw instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                conditions.put(String.valueOf(entry.getKey()), condition(entry.getKey(), entry.getValue()));
            }
        } else if (raw != null) {
            throw new IllegalArgumentException("dependsOn is a list of service names or a map of name to "
                    + "{condition: started | healthy}; found " + raw);
        }
        return new DependsOn(conditions);
    }

    private static DependencyCondition condition(Object name, Object value) {
        if (value == null) {
            return DependencyCondition.STARTED;
        }
        if (value instanceof String text) {
            return DependencyCondition.parse(text);
        }
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!"condition".equals(key)) {
                    throw new IllegalArgumentException("dependsOn." + name + ": unknown key '" + key
                            + "'. Valid keys: condition");
                }
            }
            return map.get("condition") == null ? DependencyCondition.STARTED
                    : DependencyCondition.parse(String.valueOf(map.get("condition")));
        }
        throw new IllegalArgumentException("dependsOn." + name + " is {condition: started | healthy}; found " + value);
    }

    @JsonValue
    Map<String, Map<String, String>> toConfig() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        conditions.forEach((name, condition) -> out.put(name, Map.of("condition", condition.configName())));
        return out;
    }
}
