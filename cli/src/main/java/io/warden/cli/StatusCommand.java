package io.warden.cli;

import java.io.PrintStream;

/** {@code warden status}: one line per service, or the daemon's JSON for scripts. */
final class StatusCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("status", "[--json] [--wide] [OPTIONS]",
            """
            Shows every service: state, PID, uptime, restarts, health, port.
            With --wide, which instance serves: PID, the ports its tree listens on (from the OS),
            the code it runs (commit, newest file), whether it is stale, and copies outside supervision.
            Example: warden status --json | jq '.services[] | select(.state=="failed")'""",
            ClientOptions.with(Option.flag("--json", "Print the daemon's JSON ({\"services\":[...]}) instead of a table."),
                    Option.flag("--wide", "Which instance serves: listening ports, code, stale, copies outside.")),
            null, 0, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        DaemonClient client = ClientOptions.connect(args);
        boolean json = args.flag("--json");
        String path = args.flag("--wide") ? "/api/v1/services?wide=true" : "/api/v1/services";
        DaemonClient.Response response = json ? client.get(path) : client.getText(path);
        Responses.check(response);
        out.print(json ? response.body() + "\n" : response.body());
        return ExitCodes.OK;
    }
}
