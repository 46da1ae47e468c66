package io.warden.cli;

import io.warden.config.JsonText;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code warden silence add|list|expire}: silences through the daemon's API. A silenced alert
 * still changes state and is listed, but notifies no receiver until the silence ends.
 */
final class SilenceCommand implements Command {

    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)(.*)", Pattern.DOTALL);
    private static final String BASE = "/api/v1/silences";

    private static final CommandSpec SPEC = new CommandSpec("silence", "add|list|expire [ID] [OPTIONS]",
            """
            Silences alerts by label: still listed, but no notifications until the silence ends.
              warden silence add --match LABEL=VALUE|LABEL=~REGEX ... --duration 2h --comment TEXT
              warden silence list [--json]
              warden silence expire ID
            Labels: alertname (the rule), service, severity, and the rule's own labels.
            Example: warden silence add --match alertname=restarts --match service=~'back.*' --duration 30m""",
            ClientOptions.with(
                    Option.value("--match", "MATCHER", "LABEL=VALUE, !=, =~ or !~ REGEX; repeat for more (add)."),
                    Option.value("--duration", "DURATION", "How long from now, e.g. 30m, 2h (add).").defaultsTo("1h"),
                    Option.value("--comment", "TEXT", "Why (add)."),
                    Option.flag("--json", "Print the daemon's JSON (list).")),
            "ACTION", 1, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        String action = args.positionals().getFirst();
        int wanted = action.equals("expire") ? 2 : 1;
        if (!List.of("add", "list", "expire").contains(action)) {
            throw new UsageException(SPEC, "unknown action '" + action + "'; use add, list or expire");
        }
        if (args.positionals().size() != wanted) {
            throw new UsageException(SPEC, wanted == 2 && args.positionals().size() < 2
                    ? "missing the silence ID; see: warden silence list" : "too many arguments");
        }
        DaemonClient client = ClientOptions.connect(args);
        DaemonClient.Response response = switch (action) {
            case "add" -> client.sendText("POST", BASE, body(args));
            case "list" -> args.flag("--json") ? client.get(BASE) : client.getText(BASE);
            default -> client.sendText("DELETE", BASE + "/" + args.positionals().get(1), null);
        };
        Responses.check(response);
        out.print(response.body().endsWith("\n") ? response.body() : response.body() + "\n");
        return ExitCodes.OK;
    }

    private static String body(Args args) {
        List<String> matches = args.values("--match");
        if (matches.isEmpty()) {
            throw new UsageException(SPEC, "add needs at least one --match, e.g. --match alertname=api-p99");
        }
        args.duration("--duration"); // a bad duration is a usage error here, not a 400 from the daemon
        StringBuilder json = new StringBuilder("{\"matchers\":[");
        for (int i = 0; i < matches.size(); i++) {
            Matcher m = MATCHER.matcher(matches.get(i));
            if (!m.matches()) {
                throw new UsageException(SPEC, "--match '" + matches.get(i) + "' is not LABEL=VALUE, LABEL!=VALUE, "
                        + "LABEL=~REGEX or LABEL!~REGEX");
            }
            json.append(i == 0 ? "" : ",").append("{\"name\":");
            JsonText.quote(json, m.group(1)).append(",\"op\":");
            JsonText.quote(json, m.group(2)).append(",\"value\":");
            JsonText.quote(json, m.group(3)).append('}');
        }
        json.append("],\"duration\":");
        JsonText.quote(json, args.required("--duration"));
        if (args.value("--comment").isPresent()) {
            json.append(",\"comment\":");
            JsonText.quote(json, args.required("--comment"));
        }
        return json.append('}').toString();
    }
}
