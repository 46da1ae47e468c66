package io.warden.supervisor.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a dependant waits for before it starts. */
public enum DependencyCondition {
    /** The dependency's process runs. */
    STARTED,
    /** The dependency passed its first health probe (it must have a health check). */
    HEALTHY;

    @JsonValue
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static DependencyCondition parse(String text) {
        for (DependencyCondition condition : values()) {
            if (condition.configName().equals(text)) {
                return condition;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a dependency condition: use started or healthy");
    }

    @Override
    public String toString() {
        return configName();
    }
}
