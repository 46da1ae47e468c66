package io.warden.api.stream;

import io.helidon.common.Weighted;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;

/**
 * Gives Helidon's HTTP/1 connections the {@link StreamUpgrader} for {@code Upgrade: websocket}.
 * Public only because Helidon loads it with the ServiceLoader; not part of the API. Weighted above
 * Helidon's own WebSocket provider so the gate, not the bare upgrader, takes the protocol.
 */
public final class StreamUpgradeProvider implements Http1UpgradeProvider<StreamProtocol>, Weighted {

    /** For the ServiceLoader. */
    public StreamUpgradeProvider() {
    }

    @Override
    public String protocolType() {
        return StreamProtocol.TYPE;
    }

    @Override
    public Class<StreamProtocol> protocolConfigType() {
        return StreamProtocol.class;
    }

    @Override
    public Http1Upgrader create(StreamProtocol config, ProtocolConfigs configs) {
        return config.upgrader();
    }

    @Override
    public double weight() {
        return 1_000;
    }
}
