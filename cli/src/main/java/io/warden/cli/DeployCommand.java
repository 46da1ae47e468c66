package io.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code warden deploy SERVICE --spec FILE | --set key=value...}, {@code warden deploy status [ID]}
 * and {@code warden deploy history SERVICE}: the governed change of a service's spec through the
 * daemon's API (docs/deploy.md). A deploy follows its progress until it ends, unless
 * {@code --detach}; a policy refusal exits 4 with the rule and what would satisfy it.
 */
final class DeployCommand implements Command {

    /** Phases after which nothing more happens without a person. */
    static final Set<String> ENDED = Set.of("promoted", "rolled_back", "failed", "paused");

    private static final CommandSpec SPEC = new CommandSpec("deploy", "SERVICE | status [ID] | history SERVICE",
            """
                    Deploy a new spec of a service: gated by the governance policy, started, watched, rolled back
                    on a breach (docs/deploy.md).
                      warden deploy SERVICE --spec FILE | --set key=value [key=value...] [--assessment ID]
                                    [--env production] [--watch 10m] [--detach]
                      warden deploy status [ID]        the progress of a deploy (default: the latest)
                      warden deploy history SERVICE    the service's deploys with their spec changes
                    Exit 4 when the policy refuses; 1 when the deploy is rolled back or fails.
                    Example: warden deploy web --set env.LOG_LEVEL=debug --assessment 3f2a... --env production""",
            ClientOptions.with(
                    Option.value("--spec", "FILE", "The new spec of the service (YAML, or JSON for *.json)."),
                    Option.value("--set", "KEY=VALUE", "Change a key of the running spec (more may follow as arguments)."),
                    Option.value("--assessment", "ID", "The approved risk assessment the change goes with."),
                    Option.value("--env", "ENV", "Where the change goes (production needs an approved assessment)."),
                    Option.value("--watch", "DURATION", "How long the thresholds are watched (update.window)."),
                    Option.flag("--detach", "Return once the deploy started; follow with warden deploy status.")),
            "SERVICE", 1, false);

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> positionals = args.positionals();
        String first = positionals.getFirst();
        DaemonClient client = ClientOptions.connect(args);
        DeployPrinter printer = new DeployPrinter(out);
        if (first.equals("status")) {
            if (positionals.size() > 2) {
                throw new UsageException(SPEC, "usage: warden deploy status [ID]");
            }
            String id = positionals.size() == 2 ? positionals.get(1) : latest(client);
            return follow(client, id, printer, !args.flag("--detach"));
        }
        if (first.equals("history")) {
            if (positionals.size() != 2) {
                throw new UsageException(SPEC, "usage: warden deploy history SERVICE");
            }
            printer.history(body(client.get("/api/v1/deploys?service=" + encode(positionals.get(1)))));
            return ExitCodes.OK;
        }
        JsonNode started = body(client.post("/api/v1/services/" + encode(first) + "/deploy",
                json.writeValueAsString(request(args, positionals))));
        printer.started(started);
        if (args.flag("--detach")) {
            out.println("follow it with: warden deploy status " + started.path("id").asText());
            return ExitCodes.OK;
        }
        return follow(client, started.path("id").asText(), printer, true);
    }

    private ObjectNode request(Args args, List<String> positionals) {
        ObjectNode body = json.createObjectNode();
        List<String> settings = new ArrayList<>();
        args.value("--set").ifPresent(settings::add);
        for (String extra : positionals.subList(1, positionals.size())) {
            if (!extra.contains("=") || args.value("--set").isEmpty()) {
                throw new UsageException(SPEC, "unexpected argument '" + extra + "'; more settings follow --set as "
                        + "key=value");
            }
            settings.add(extra);
        }
        if (args.value("--spec").isPresent() == !settings.isEmpty()) {
            throw new UsageException(SPEC, "give the new spec with --spec FILE or changes with --set key=value, "
                    + "one of them");
        }
        args.value("--spec").ifPresent(file -> {
            Path path = Path.of(file);
            try {
                body.put("spec", Files.readString(path));
            } catch (IOException e) {
                throw new CliException("cannot read " + path.toAbsolutePath() + " (--spec): " + e.getMessage());
            }
            body.put("specFile", file);
        });
        if (!settings.isEmpty()) {
            settings.forEach(body.putArray("set")::add);
        }
        args.value("--assessment").ifPresent(id -> body.put("assessment", id));
        args.value("--env").ifPresent(env -> body.put("environment", env));
        args.value("--watch").ifPresent(window -> body.put("watch", window));
        return body;
    }

    /** Prints the deploy's steps and progress until it ends (or once); exit 0 only when promoted. */
    private int follow(DaemonClient client, String id, DeployPrinter printer, boolean untilTheEnd) throws Exception {
        while (true) {
            JsonNode detail = body(client.get("/api/v1/deploys/" + encode(id)));
            String phase = detail.path("deploy").path("phase").asText();
            printer.progress(detail);
            if (ENDED.contains(phase)) {
                printer.ended(detail.path("deploy"));
                return phase.equals("promoted") ? ExitCodes.OK : ExitCodes.FAILURE;
            }
            if (!untilTheEnd) {
                return ExitCodes.OK;
            }
            Thread.sleep(Duration.ofSeconds(1));
        }
    }

    private String latest(DaemonClient client) throws IOException {
        JsonNode deploys = body(client.get("/api/v1/deploys?limit=1&host=self")).path("deploys");
        if (deploys.isEmpty()) {
            throw new CliException("no deploys yet; start one with warden deploy SERVICE --spec FILE");
        }
        return deploys.get(0).path("id").asText();
    }

    private JsonNode body(DaemonClient.Response response) throws IOException {
        Responses.check(response);
        return json.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
