package io.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * How {@code warden deploy} and {@code warden rollback} print: each step once, as it arrives; while
 * watching, the elapsed time against the window and each threshold's latest value against its
 * warning and critical; the end with the verdict.
 */
final class DeployPrinter {

    private final PrintStream out;
    private final Set<String> printed = new HashSet<>();
    private String lastProgress = "";

    DeployPrinter(PrintStream out) {
        this.out = out;
    }

    void started(JsonNode deploy) {
        out.println("deploy " + deploy.path("id").asText() + " of " + deploy.path("service").asText() + " started");
        deploy.path("changes").forEach(change -> out.println("  " + change.asText()));
    }

    /** New steps, then the watch's line when it changed. */
    void progress(JsonNode detail) {
        for (JsonNode step : detail.path("steps")) {
            String line = step.path("at").asText() + "  " + step.path("phase").asText() + "  "
                    + step.path("detail").asText();
            if (printed.add(line)) {
                out.println(line);
            }
        }
        JsonNode watch = detail.path("progress");
        if (watch.isMissingNode() || watch.isNull()) {
            return;
        }
        StringBuilder text = new StringBuilder("  watching %.0fs/%.0fs, failed %d/%d, inconclusive %d".formatted(
                watch.path("elapsedSeconds").asDouble(), watch.path("windowSeconds").asDouble(),
                watch.path("failures").asInt(), watch.path("failureLimit").asInt(),
                watch.path("inconclusive").asInt()));
        for (JsonNode threshold : watch.path("thresholds")) {
            text.append("\n    ").append(threshold.path("name").asText()).append(": ")
                    .append(number(threshold.path("value"))).append(" (warning ")
                    .append(limit(threshold, "warning")).append(", critical ").append(limit(threshold, "critical"))
                    .append(") ").append(threshold.path("outcome").asText());
            if (!threshold.path("note").asText("").isEmpty()) {
                text.append(": ").append(threshold.path("note").asText());
            }
        }
        if (!watch.path("verdict").isNull() && !watch.path("verdict").isMissingNode()) {
            text.append("\n  verdict: ").append(watch.path("verdict").asText());
        }
        if (!text.toString().equals(lastProgress)) {
            lastProgress = text.toString();
            out.println(text);
        }
    }

    void ended(JsonNode deploy) {
        String verdict = deploy.path("verdict").asText("");
        out.println("deploy " + deploy.path("id").asText() + " " + deploy.path("phase").asText()
                + (verdict.isEmpty() || verdict.equals("null") ? "" : " (" + verdict + ")") + ": "
                + deploy.path("reason").asText());
    }

    void history(JsonNode list) {
        JsonNode deploys = list.path("deploys");
        if (deploys.isEmpty()) {
            out.println("no deploys");
            return;
        }
        for (JsonNode deploy : deploys) {
            String verdict = deploy.path("verdict").asText("");
            out.println(deploy.path("startedAt").asText() + "  " + deploy.path("id").asText() + "  "
                    + deploy.path("phase").asText() + (verdict.isEmpty() || verdict.equals("null") ? "" : " (" + verdict
                    + ")") + "  by " + deploy.path("actor").asText()
                    + (deploy.path("host").isTextual() ? "  on " + deploy.path("host").asText() : ""));
            deploy.path("changes").forEach(change -> out.println("    " + change.asText()));
        }
    }

    private static String limit(JsonNode threshold, String name) {
        JsonNode value = threshold.path(name);
        return value.isNull() || value.isMissingNode() ? "none" : threshold.path("op").asText() + " "
                + number(value);
    }

    private static String number(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "no data" : "%.4g".formatted(value.asDouble());
    }
}
