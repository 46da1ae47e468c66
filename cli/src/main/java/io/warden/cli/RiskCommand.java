package io.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code warden risk ACTION ...}: risk assessments through the daemon's API. One command whose
 * first argument is the action, so {@code warden --help} stays short and the actions share their
 * options. Decisions are made as the caller's token's user: give {@code --token-file} (or
 * {@code WARDEN_TOKEN}) to approve as yourself rather than as {@code admin}, who holds no role.
 */
final class RiskCommand implements Command {

    private static final String BASE = "/api/v1/assessments";

    /** Each action and its usage line, in the order of the lifecycle. */
    private static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("new", "new --from FILE               file an assessment (YAML, or JSON for *.json) as a draft");
        ACTIONS.put("list", "list [--status S] [--level L] [--service NAME] [--json]");
        ACTIONS.put("show", "show ID [--md|--json]         summary, approvals and policy; or the export");
        ACTIONS.put("update", "update ID --from FILE         replace a draft's content");
        ACTIONS.put("submit", "submit ID                     send a draft to review (completeness gate)");
        ACTIONS.put("approve", "approve ID [--comment TEXT]   approve as your token's user and roles");
        ACTIONS.put("reject", "reject ID --comment TEXT      reject as your token's user and roles");
        ACTIONS.put("transition", "transition ID --to STATE      draft, deployed, observing");
        ACTIONS.put("close", "close ID --retrospective FILE close with observedIncidents, actualLevel, notes");
        ACTIONS.put("history", "history ID                    the audit log");
    }

    private static final CommandSpec SPEC = new CommandSpec("risk", "ACTION [ID] [OPTIONS]", description(),
            ClientOptions.with(
                    Option.value("--from", "FILE", "The assessment to file (new, update)."),
                    Option.value("--status", "S", "Only this status (list): draft, in_review, approved, ..."),
                    Option.value("--level", "L", "Only this level (list): low, medium, high, critical."),
                    Option.value("--service", "NAME", "Only assessments touching this service (list)."),
                    Option.flag("--json", "JSON instead of a table or summary (list, show)."),
                    Option.flag("--md", "The Markdown export (show)."),
                    Option.value("--comment", "TEXT", "Why (approve, reject, transition)."),
                    Option.value("--to", "STATE", "The status to move to (transition)."),
                    Option.value("--retrospective", "FILE", "The retrospective, YAML or JSON (close).")),
            "ACTION", 1, false);

    private final ObjectMapper json = new ObjectMapper();

    private static String description() {
        StringBuilder text = new StringBuilder("Risk assessments: file, review, approve, deploy, close.\nActions:\n");
        ACTIONS.values().forEach(line -> text.append("  warden risk ").append(line).append('\n'));
        return text.append("Example: warden risk approve 3f2a... --comment \"rollback tested\" --token-file ~/.warden-token")
                .toString();
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String action = args.positionals().getFirst();
        if (!ACTIONS.containsKey(action)) {
            throw new UsageException(SPEC, "unknown action '" + action + "'; use one of "
                    + String.join(", ", ACTIONS.keySet()));
        }
        int wanted = action.equals("new") || action.equals("list") ? 1 : 2;
        if (args.positionals().size() != wanted) {
            throw new UsageException(SPEC, (args.positionals().size() < wanted ? "missing the assessment ID"
                    : "too many arguments") + "; usage: warden risk " + ACTIONS.get(action));
        }
        String id = wanted == 2 ? args.positionals().get(1) : null;
        DaemonClient client = ClientOptions.connect(args);
        RiskPrinter printer = new RiskPrinter(out);
        switch (action) {
            case "new" -> printer.changed("created", body(upload(client, "POST", BASE, args, "--from")));
            case "list" -> list(client, args, out, printer);
            case "show" -> show(client, args, id, out, printer);
            case "update" -> printer.changed("updated", body(upload(client, "PUT", BASE + "/" + id, args, "--from")));
            case "submit" -> printer.changed("submitted", post(client, id, "submit", Map.of()));
            case "approve", "reject" -> {
                if (action.equals("reject") && args.value("--comment").isEmpty()) {
                    throw new UsageException(SPEC, "a rejection needs --comment TEXT saying what to fix");
                }
                printer.changed(action.equals("approve") ? "approved" : "rejected",
                        post(client, id, action, Map.of("comment", args.value("--comment").orElse(""))));
                printer.approval(body(client.get(BASE + "/" + id)));
            }
            case "transition" -> printer.changed("moved", post(client, id, "transition",
                    Map.of("to", args.required("--to"), "comment", args.value("--comment").orElse(""))));
            case "close" -> printer.changed("closed", body(upload(client, "POST", BASE + "/" + id + "/close", args,
                    "--retrospective")));
            case "history" -> printer.history(body(client.get(BASE + "/" + id + "/history")));
            default -> throw new IllegalStateException("action " + action + " is declared but not handled");
        }
        return ExitCodes.OK;
    }

    private void list(DaemonClient client, Args args, PrintStream out, RiskPrinter printer) throws IOException {
        List<String> query = new ArrayList<>();
        for (String name : List.of("status", "level", "service")) {
            args.value("--" + name).ifPresent(value -> query.add(name + "=" + URLEncoder.encode(value,
                    StandardCharsets.UTF_8)));
        }
        DaemonClient.Response response = client.get(BASE + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        Responses.check(response);
        if (args.flag("--json")) {
            out.println(response.body());
        } else {
            printer.list(json.readTree(response.body()));
        }
    }

    private void show(DaemonClient client, Args args, String id, PrintStream out, RiskPrinter printer)
            throws IOException {
        if (args.flag("--md") || args.flag("--json")) {
            DaemonClient.Response export = client.get(BASE + "/" + id + "/export?format="
                    + (args.flag("--md") ? "md" : "json"));
            Responses.check(export);
            out.print(export.body());
            if (!export.body().endsWith("\n")) {
                out.println();
            }
        } else {
            printer.show(body(client.get(BASE + "/" + id)));
        }
    }

    private JsonNode post(DaemonClient client, String id, String action, Map<String, String> body) throws IOException {
        return body(client.post(BASE + "/" + id + "/" + action, json.writeValueAsString(body)));
    }

    private JsonNode body(DaemonClient.Response response) throws IOException {
        Responses.check(response);
        return json.readTree(response.body());
    }

    /** Sends the file of {@code option}, named, so that the daemon's refusals name it, its line and key. */
    private static DaemonClient.Response upload(DaemonClient client, String method, String path, Args args,
                                                String option) {
        Path file = Path.of(args.required(option));
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file.toAbsolutePath() + " (" + option + "): " + e.getMessage());
        }
        return client.sendFile(method, path, file, text, mediaType(file.toString()));
    }

    private static String mediaType(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : "application/yaml";
    }
}
