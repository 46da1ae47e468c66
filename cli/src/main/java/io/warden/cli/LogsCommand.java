package io.warden.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code warden logs NAME [-n N] [-f]}: the service's log, like {@code tail [-f]}. */
final class LogsCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("logs", "NAME [-n N] [-f] [OPTIONS]",
            """
            Prints the last lines of a service's log (stdout and stderr, timestamped and marked).
            With -f, keeps printing new lines until interrupted.
            Example: warden logs backend -n 50 -f""",
            ClientOptions.with(Option.value("--lines", "N", "How many lines.").alias("-n").defaultsTo("100"),
                    Option.flag("--follow", "Keep printing new lines.").alias("-f")),
            "NAME", 1, false);

    /** How often -f asks for new lines; the log is read backwards from its end, so a poll is cheap. */
    private static final long FOLLOW_POLL_MILLIS = 500;
    private static final int FOLLOW_WINDOW = 1_000;

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String name = args.positionals().getFirst();
        int lines = args.integer("--lines", 0, 10_000).orElse(100);
        DaemonClient client = ClientOptions.connect(args);
        List<String> printed = fetch(client, name, lines);
        printed.forEach(out::println);
        out.flush();
        while (args.flag("--follow")) {
            Thread.sleep(FOLLOW_POLL_MILLIS);
            // Connect afresh each time: a daemon restarted meanwhile may listen on another port.
            List<String> window = fetch(ClientOptions.connect(args), name, FOLLOW_WINDOW);
            List<String> fresh = after(printed, window);
            fresh.forEach(out::println);
            out.flush();
            if (!fresh.isEmpty()) {
                printed = window;
            }
        }
        return ExitCodes.OK;
    }

    private static List<String> fetch(DaemonClient client, String name, int lines) {
        DaemonClient.Response response = client.getText("/api/v1/services/" + name + "/logs?tail=" + lines);
        Responses.check(response);
        return response.body().lines().toList();
    }

    /** The lines of {@code window} after the longest tail of {@code printed} it starts with or contains. */
    static List<String> after(List<String> printed, List<String> window) {
        if (printed.isEmpty()) {
            return window;
        }
        String last = printed.getLast();
        for (int i = window.size() - 1; i >= 0; i--) {
            if (window.get(i).equals(last) && matchesBackwards(printed, window, i)) {
                return window.subList(i + 1, window.size());
            }
        }
        return window;
    }

    private static boolean matchesBackwards(List<String> printed, List<String> window, int at) {
        for (int k = 0; k <= at && k < printed.size() && k < 20; k++) {
            if (!window.get(at - k).equals(printed.get(printed.size() - 1 - k))) {
                return false;
            }
        }
        return true;
    }
}
