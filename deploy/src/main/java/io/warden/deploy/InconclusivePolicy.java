package io.warden.deploy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a watch does with evaluations that have no data or failed to read (Argo Rollouts'
 * Inconclusive): never a silent pass.
 */
public enum InconclusivePolicy {
    /** Each counts as a failed evaluation; too many in a row roll back (the default). */
    FAIL,
    /** Too many in a row stop the watch and leave the new version running, not promoted, for a person. */
    PAUSE,
    /** They count neither way; a threshold never measured still keeps the deploy from promotion. */
    IGNORE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code fail}, {@code pause} or {@code ignore}, naming the choices otherwise. */
    @JsonCreator
    public static InconclusivePolicy parse(String text) {
        for (InconclusivePolicy policy : values()) {
            if (policy.wire().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("inconclusive '" + text + "' is not one of fail, pause, ignore");
    }
}
