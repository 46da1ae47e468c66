package io.warden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code warden rollback SERVICE [--reason TEXT]}: stops the service's running watch and restores the
 * previous spec of its latest deploy (docs/deploy.md); blocks until it runs again.
 */
final class RollbackCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("rollback", "SERVICE",
            "Restore the previous spec of the service's latest deploy, by hand.\n"
                    + "Example: warden rollback web --reason \"errors in the checkout\"",
            ClientOptions.with(Option.value("--reason", "TEXT", "Why, recorded in the deploy and its assessment.")),
            "SERVICE", 1, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1) {
            throw new UsageException(SPEC, "usage: warden rollback SERVICE [--reason TEXT]");
        }
        String service = args.positionals().getFirst();
        ObjectMapper json = new ObjectMapper();
        DaemonClient.Response response = ClientOptions.connect(args).post("/api/v1/services/"
                + URLEncoder.encode(service, StandardCharsets.UTF_8) + "/rollback",
                json.writeValueAsString(Map.of("reason", args.value("--reason").orElse("rolled back by hand"))));
        Responses.check(response);
        new DeployPrinter(out).ended(json.readTree(response.body()));
        return ExitCodes.OK;
    }
}
