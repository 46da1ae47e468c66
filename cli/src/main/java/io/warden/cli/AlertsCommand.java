package io.warden.cli;

import java.io.PrintStream;

/** {@code warden alerts}: the alerts that fire, are pending or resolved lately, or the daemon's JSON. */
final class AlertsCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("alerts", "[--json] [OPTIONS]",
            """
            Shows the alerts: firing, pending, no data, error, and recently resolved.
            Then each webhook receiver with failed or queued notifications.
            Example: warden alerts --json | jq '.alerts[] | select(.state=="firing")'""",
            ClientOptions.with(Option.flag("--json", "Print the daemon's JSON ({\"alerts\":[...],\"receivers\":[...]}) instead.")),
            null, 0, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        DaemonClient client = ClientOptions.connect(args);
        boolean json = args.flag("--json");
        DaemonClient.Response response = json ? client.get("/api/v1/alerts") : client.getText("/api/v1/alerts");
        Responses.check(response);
        out.print(json ? response.body() + "\n" : response.body());
        return ExitCodes.OK;
    }
}
