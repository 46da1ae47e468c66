package io.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.warden.config.TextTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** How {@code warden risk} shows assessments to a person: tables and short summaries. */
final class RiskPrinter {

    private static final int TITLE_WIDTH = 60;

    private final PrintStream out;

    RiskPrinter(PrintStream out) {
        this.out = out;
    }

    /** One line after a write: {@code created ID: medium, draft (round 0) - TITLE}. */
    void changed(String verb, JsonNode assessment) {
        out.println(verb + " " + assessment.path("id").asText() + ": " + assessment.path("level").asText() + ", "
                + assessment.path("status").asText() + " (round " + assessment.path("round").asInt() + ") - "
                + assessment.path("content").path("title").asText());
    }

    void list(JsonNode body) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "LEVEL", "STATUS", "KIND", "SERVICES", "AUTHOR", "TITLE"});
        for (JsonNode a : body.path("assessments")) {
            rows.add(new String[] {a.path("id").asText(), a.path("level").asText(), a.path("status").asText(),
                    a.path("kind").asText(), join(a.path("services")), a.path("author").asText(),
                    abbreviate(a.path("title").asText())});
        }
        if (rows.size() == 1) {
            out.println("no assessments");
            return;
        }
        out.print(TextTable.render(rows));
    }

    void show(JsonNode detail) {
        JsonNode a = detail.path("assessment");
        JsonNode content = a.path("content");
        out.println(content.path("title").asText());
        out.println("  id:        " + a.path("id").asText());
        out.println("  level:     " + a.path("level").asText() + " (" + content.path("risks").size() + " risk(s))");
        out.println("  status:    " + a.path("status").asText() + ", review round " + a.path("round").asInt());
        out.println("  kind:      " + content.path("kind").asText());
        out.println("  services:  " + join(content.path("services")));
        out.println("  author:    " + a.path("author").asText());
        JsonNode policy = detail.path("policy");
        out.println("  policy:    " + (policy.path("required").asBoolean()
                ? "an approved assessment is required (" + join(policy.path("reasons")) + ")"
                : "no approval required"));
        approval(detail);
    }

    /** Who approved in which role, and what is still needed. */
    void approval(JsonNode detail) {
        JsonNode approval = detail.path("approval");
        List<String> filled = new ArrayList<>();
        approval.path("filledBy").properties().forEach(e -> filled.add(e.getValue().asText() + " by " + e.getKey()));
        out.println("  approvals: " + (approval.path("complete").asBoolean() ? "complete" : approval.path("rejected")
                .asBoolean() ? "rejected" : "still needed: " + join(approval.path("stillNeeded")))
                + (filled.isEmpty() ? "" : "; given: " + String.join(", ", filled)));
    }

    void history(JsonNode body) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "AT", "ACTOR", "ROLE", "ACTION", "DETAIL"});
        for (JsonNode e : body.path("entries")) {
            rows.add(new String[] {e.path("seq").asText(), e.path("at").asText(), e.path("actor").asText(),
                    e.path("role").asText(), e.path("action").asText(), e.path("detail").asText()});
        }
        out.print(TextTable.render(rows));
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items.isEmpty() ? "-" : String.join(", ", items);
    }

    private static String abbreviate(String text) {
        return text.length() <= TITLE_WIDTH ? text : text.substring(0, TITLE_WIDTH - 3) + "...";
    }
}
