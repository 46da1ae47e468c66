package io.warden.fleet;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An agent's state as the fleet sees it. */
public enum HostState {
    /** Its heartbeat is recent. */
    RUNNING,
    /** It stopped cleanly and said so. */
    STOPPED,
    /** It said it runs, but its last heartbeat is older than {@code fleet.staleAfter}: killed, paused or cut off. */
    UNREACHABLE;

    /** The lower-case name, as on the wire. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
