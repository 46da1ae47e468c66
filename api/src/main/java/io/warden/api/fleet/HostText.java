package io.warden.api.fleet;

import io.warden.config.TextTable;
import io.warden.fleet.Host;
import io.warden.fleet.HostService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code warden hosts}: the fleet as a table, rendered by the daemon as {@code warden status} is. */
final class HostText {

    private HostText() {
    }

    /**
     * ID HOST STATE VERSION API HEARTBEAT SERVICES, with {@code *} after this agent's id; under the
     * table, when the agents share no database, how to make them.
     */
    static String table(List<Host> hosts, boolean shared) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "HOST", "STATE", "VERSION", "API", "HEARTBEAT", "SERVICES"});
        for (Host host : hosts) {
            rows.add(new String[] {host.id() + (host.self() ? " *" : ""), host.hostName(), host.state().wire(),
                host.version(), host.apiUrl(), age(host), services(host.services())});
        }
        String table = hosts.isEmpty() ? "no agents registered yet\n" : TextTable.render(rows);
        return shared ? table : table + "(this agent alone: agents share a fleet through storage.url on PostgreSQL)\n";
    }

    private static String age(Host host) {
        long ms = host.heartbeatAge().toMillis();
        return (ms < 10_000 ? "%.1fs".formatted(ms / 1000.0) : ms / 1000 + "s") + " ago";
    }

    private static String services(List<HostService> services) {
        if (services.isEmpty()) {
            return "-";
        }
        return services.stream().map(s -> s.name() + " " + s.state()).collect(Collectors.joining(", "));
    }
}
