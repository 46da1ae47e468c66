package io.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code warden apply [--config FILE] [--dry-run]}: sends warden.yaml to the running daemon, which
 * applies the difference (docs/config.md, "Applying a changed config"); prints what was done per
 * service, or with {@code --dry-run} what would be.
 */
final class ApplyCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("apply", "[--config FILE] [--dry-run]", """
            Apply a changed warden.yaml to the running daemon: new services started, removed ones stopped,
            changed ones deployed with the new spec, unchanged ones untouched. SIGHUP to warden up does the same.
            A file that fails validation changes nothing; a change the policy refuses exits 4.
            Example: warden apply --dry-run""",
            ClientOptions.with(Option.flag("--dry-run", "Print the plan, a diff per service, and change nothing.")),
            null, 0, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path file = args.path("--config").orElse(Path.of("warden.yaml"));
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage()
                    + "; name the config with --config FILE");
        }
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("config", text);
        body.put("file", file.toString());
        body.put("dryRun", args.flag("--dry-run"));
        DaemonClient.Response response = ClientOptions.connect(args).post("/api/v1/config/apply",
                json.writeValueAsString(body));
        Responses.check(response);
        return print(json.readTree(response.body()), out);
    }

    /** One line per service (and its diff); exit 1 when an action failed. */
    private static int print(JsonNode plan, PrintStream out) {
        boolean dryRun = plan.path("dryRun").asBoolean();
        out.println((dryRun ? "plan for " : "applied ") + plan.path("file").asText() + ":");
        boolean failed = false;
        for (JsonNode service : plan.path("services")) {
            String action = service.path("action").asText();
            String mark = switch (action) {
                case "add" -> "+";
                case "remove" -> "-";
                case "change" -> "~";
                default -> "=";
            };
            String deploy = service.path("deployId").isTextual() ? " (deploy " + service.path("deployId").asText()
                    + ")" : "";
            out.println("  " + mark + " " + service.path("service").asText() + "  " + action + deploy);
            if (!action.equals("add")) {
                service.path("changes").forEach(line -> out.println("      " + line.asText()));
            }
            if (service.path("error").isTextual()) {
                failed = true;
                out.println("      failed: " + service.path("error").asText());
            }
        }
        for (JsonNode section : plan.path("reloaded")) {
            out.println("  ~ " + section.path("section").asText() + "  " + (dryRun ? "reload" : "reloaded"));
            section.path("changes").forEach(line -> out.println("      " + line.asText()));
        }
        if (!plan.path("needsRestart").isEmpty()) {
            StringBuilder keys = new StringBuilder();
            plan.path("needsRestart").forEach(s -> keys.append(keys.isEmpty() ? "" : ", ").append(s.asText()));
            out.println("  needs a restart (read at start only; restart the daemon to change them): " + keys);
        }
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
