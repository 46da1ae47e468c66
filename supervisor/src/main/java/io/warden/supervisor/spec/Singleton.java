package io.warden.supervisor.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a service runs at most once: on its host (every agent runs its copy), or in the whole fleet. */
public enum Singleton {
    /** One copy per host, guarded by the instance lock in the state directory (the default). */
    HOST("host"),
    /**
     * One copy in the fleet: only the agent holding the service's lease in PostgreSQL runs it
     * (docs/cluster.md); the others show it as {@code standby}.
     */
    CLUSTER("cluster");

    private final String configName;

    Singleton(String configName) {
        this.configName = configName;
    }

    /** The name as written in warden.yaml. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /** Parses the config name. */
    @JsonCreator
    public static Singleton parse(String text) {
        for (Singleton singleton : values()) {
            if (singleton.configName.equals(text)) {
                return singleton;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a singleton scope: use one of "
                + Arrays.stream(values()).map(Singleton::configName).toList());
    }

    @Override
    public String toString() {
        return configName;
    }
}
