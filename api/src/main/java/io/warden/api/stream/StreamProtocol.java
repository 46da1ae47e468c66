package io.warden.api.stream;

import io.helidon.webserver.spi.ProtocolConfig;
import io.warden.api.auth.Scope;
import io.helidon.websocket.WsSession;
import io.warden.api.route.Guard;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server-config entry that makes Helidon ask {@link StreamUpgradeProvider} for the gate: the
 * way to hand objects (the guard, the paths, the hub's end notice) to a provider Helidon loads with the ServiceLoader.
 * Immutable.
 */
final class StreamProtocol implements ProtocolConfig {

    static final String TYPE = "warden-stream";

    private final Guard guard;
    private final Map<String, Scope> paths;
    private final OriginPolicy origins;
    private final Consumer<WsSession> ended;

    StreamProtocol(Guard guard, Map<String, Scope> paths, OriginPolicy origins, Consumer<WsSession> ended) {
        this.guard = guard;
        this.paths = Map.copyOf(paths);
        this.origins = origins;
        this.ended = ended;
    }

    StreamUpgrader upgrader() {
        return new StreamUpgrader(guard, paths, origins, ended);
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
