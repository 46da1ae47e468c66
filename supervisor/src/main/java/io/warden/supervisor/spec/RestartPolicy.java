package io.warden.supervisor.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** When a service that exited is started again; the names of Docker's restart policies. */
public enum RestartPolicy {
    /** Never restarted. */
    NO("no"),
    /** Restarted when it exits with a non-zero code or is killed by a signal. */
    ON_FAILURE("on-failure"),
    /**
     * Restarted whenever it exits by itself, code 0 included. Stopped by hand, it stays stopped
     * while the daemon runs, and is started again with the next daemon (as Docker does).
     */
    ALWAYS("always"),
    /**
     * Like {@link #ALWAYS}, except that a service stopped by hand stays stopped across daemon
     * restarts too, until started by hand ({@code NAME.stopped} in the state directory).
     */
    UNLESS_STOPPED("unless-stopped");

    private final String configName;

    RestartPolicy(String configName) {
        this.configName = configName;
    }

    /** The name as written in warden.yaml. */
    @JsonValue
    public String configName() {
        return configName;
    }

    /** Whether a service that exited with this code (null: killed by a signal) is restarted. */
    public boolean restarts(Integer exitCode) {
        return switch (this) {
            case NO -> false;
            case ON_FAILURE -> exitCode == null || exitCode != 0;
            case ALWAYS, UNLESS_STOPPED -> true;
        };
    }

    /** Parses the config name. */
    @JsonCreator
    public static RestartPolicy parse(String text) {
        for (RestartPolicy policy : values()) {
            if (policy.configName.equals(text)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a restart policy: use one of "
                + Arrays.stream(values()).map(RestartPolicy::configName).toList());
    }

    @Override
    public String toString() {
        return configName;
    }
}
