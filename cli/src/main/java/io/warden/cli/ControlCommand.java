package io.warden.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code warden start|stop|restart NAME...|--all}: blocks until each service reached its new state.
 * With {@code --host ID}, the services of another agent of the fleet, through this daemon.
 */
final class ControlCommand implements Command {

    private final String action;
    private final CommandSpec spec;

    private ControlCommand(String action, String description) {
        this.action = action;
        this.spec = new CommandSpec(action, "NAME...|--all [--host ID] [OPTIONS]", description,
                ClientOptions.with(Option.flag("--all", "Every configured service."),
                        Option.value("--host", "ID", "The agent that runs the services (warden hosts lists them);"
                                + " the request goes through this daemon to it.")), "NAME", 0, false);
    }

    static ControlCommand start() {
        return new ControlCommand("start", """
                Starts services, each after the services it depends on. Dependencies that do not run
                are started first, and named; a failed service starts too (its start limit is reset).
                Forgets a stop by hand. Exits 1 naming the reason when a service does not come up.
                Example: warden start backend""");
    }

    static ControlCommand stop() {
        return new ControlCommand("stop", """
                Stops services: their stop signal to the whole process tree, then SIGKILL after the timeout.
                Services that depend on them keep running. With restart policy unless-stopped the
                stop outlives the daemon, until warden start NAME.
                Example: warden stop --all""");
    }

    static ControlCommand restart() {
        return new ControlCommand("restart", """
                Stops, then starts services (after the services they depend on, as start does).
                Example: warden restart backend worker""");
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        DaemonClient client = ClientOptions.connect(args);
        String prefix = args.value("--host").map(host -> "/api/v1/hosts/" + host).orElse("/api/v1");
        if (args.flag("--all") && args.value("--host").isPresent()) {
            throw new UsageException(spec, "--all is for this daemon's services; with --host, name them");
        }
        if (args.flag("--all")) {
            // One request for every service: in dependency order, and one token of the write bucket.
            DaemonClient.Response response = client.postText("/api/v1/services/_all/" + action);
            Responses.check(response);
            out.print(response.body());
            return ExitCodes.OK;
        }
        List<String> names = args.positionals();
        if (names.isEmpty()) {
            throw new UsageException(spec, "name a service, or give --all");
        }
        int exit = ExitCodes.OK;
        for (String name : names) {
            DaemonClient.Response response = client.postText(prefix + "/services/" + name + "/" + action);
            try {
                Responses.check(response);
                out.print(response.body());
            } catch (CliException e) {
                // The daemon's reason may name the service already ("backend did not start, ...").
                err.println("warden: " + (e.getMessage().startsWith(name + " ") ? "" : name + ": ") + e.getMessage());
                exit = e.exitCode();
            }
        }
        return exit;
    }
}
