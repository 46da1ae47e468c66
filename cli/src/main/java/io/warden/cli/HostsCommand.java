package io.warden.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code warden hosts}: the agents of the fleet and their services, or the daemon's JSON for scripts. */
final class HostsCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("hosts", "[ID] [--json] [OPTIONS]",
            """
            Shows every agent sharing this daemon's PostgreSQL (storage.url): its id (* marks this one),
            host, state (running, stopped, or unreachable when its heartbeat is older than
            fleet.staleAfter), version, API address, last heartbeat and services. With ID, that agent
            in JSON. Control another agent's service with: warden restart NAME --host ID
            Example: warden hosts --json | jq '.hosts[] | select(.state=="unreachable") | .id'""",
            ClientOptions.with(Option.flag("--json", "Print the daemon's JSON ({\"hosts\":[...]}) instead of a table.")),
            "ID", 0, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        DaemonClient client = ClientOptions.connect(args);
        List<String> ids = args.positionals();
        if (ids.size() > 1) {
            throw new UsageException(SPEC, "name at most one agent");
        }
        if (ids.size() == 1) {
            DaemonClient.Response response = client.get("/api/v1/hosts/" + ids.getFirst());
            Responses.check(response);
            out.print(response.body() + "\n");
            return ExitCodes.OK;
        }
        boolean json = args.flag("--json");
        DaemonClient.Response response = json ? client.get("/api/v1/hosts") : client.getText("/api/v1/hosts");
        Responses.check(response);
        out.print(json ? response.body() + "\n" : response.body());
        return ExitCodes.OK;
    }
}
