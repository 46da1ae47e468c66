package io.warden.cli;

import java.io.PrintStream;

/** {@code warden status}: one line per service, or the daemon's JSON for scripts. */
final class StatusCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("status", "[--json] [OPTIONS]",
            """
            Shows every service: state, PID, uptime, restarts, health, port.
            Example: warden status --json | jq '.services[] | select(.state=="failed")'""",
            ClientOptions.with(Option.flag("--json", "Print the daemon's JSON ({\"services\":[...]}) instead of a table.")),
            null, 0, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        DaemonClient client = ClientOptions.connect(args);
        boolean json = args.flag("--json");
        DaemonClient.Response response = json ? client.get("/api/v1/services") : client.getText("/api/v1/services");
        Responses.check(response);
        out.print(json ? response.body() + "\n" : response.body());
        return ExitCodes.OK;
    }
}
