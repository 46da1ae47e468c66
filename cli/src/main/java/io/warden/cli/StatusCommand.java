package io.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        DaemonClient.Response response = ClientOptions.connect(args).get("/api/v1/services");
        Responses.check(response);
        if (args.flag("--json")) {
            out.println(response.body());
            return ExitCodes.OK;
        }
        JsonNode services = new ObjectMapper().readTree(response.body()).path("services");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "PID", "UPTIME", "RESTARTS", "HEALTH", "PORT"});
        for (JsonNode service : services) {
            rows.add(new String[] {
                service.path("name").asText(),
                service.path("state").asText(),
                service.path("pid").isNull() || service.path("pid").isMissingNode() ? "-" : service.path("pid").asText(),
                uptime(service),
                service.path("restarts").asText("0"),
                service.path("health").asText("none"),
                service.path("port").asInt() == 0 ? "-" : service.path("port").asText()});
        }
        if (rows.size() == 1) {
            out.println("no services configured (add them under services: in warden.yaml)");
            return ExitCodes.OK;
        }
        Table.print(out, rows);
        return ExitCodes.OK;
    }

    private static String uptime(JsonNode service) {
        if (service.path("pid").isNull() || service.path("pid").isMissingNode()) {
            return "-";
        }
        JsonNode uptime = service.path("uptime");
        Duration duration = uptime.isTextual() ? io.warden.config.Durations.parse(uptime.asText())
                : Duration.ofMillis((long) (uptime.asDouble() * 1000));
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02ds", seconds % 60);
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
        }
        return seconds / 86_400 + "d" + String.format("%02dh", seconds % 86_400 / 3600);
    }
}
