package io.warden.api.stream;

import io.helidon.webserver.spi.ProtocolConfig;
import io.warden.api.auth.Scope;
import io.warden.api.route.Guard;
import java.util.Map;

/**
 * The server-config entry that makes Helidon ask {@link StreamUpgradeProvider} for the gate: the
 * way to hand objects (the guard, the paths) to a provider Helidon loads with the ServiceLoader.
 * Immutable.
 */
final class StreamProtocol implements ProtocolConfig {

    static final String TYPE = "warden-stream";

    private final Guard guard;
    private final Map<String, Scope> paths;

    StreamProtocol(Guard guard, Map<String, Scope> paths) {
        this.guard = guard;
        this.paths = Map.copyOf(paths);
    }

    StreamUpgrader upgrader() {
        return new StreamUpgrader(guard, paths);
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public String type() {
        return TYPE;
    }
}
