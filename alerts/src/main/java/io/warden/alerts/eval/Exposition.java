package io.warden.alerts.eval;

import io.warden.alerts.rule.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (version 0.0.4), just enough for alert
 * rules: comment and {@code # HELP}/{@code # TYPE} lines are skipped, each sample line is
 * {@code name{label="value",...} value [timestamp]}, values may be {@code NaN}, {@code +Inf},
 * {@code -Inf}. The timestamp is ignored: the scrape's own instant counts. Pure, no I/O.
 */
final class Exposition {

    private Exposition() {
    }

    /**
     * The samples of a scrape by metric name, in order.
     *
     * @throws IllegalArgumentException naming the line that is not a sample
     */
    static Map<String, List<Sample>> parse(String text) {
        Map<String, List<Sample>> byName = new HashMap<>();
        int lineNumber = 0;
        for (String raw : text.split("\n")) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = parseLine(line, lineNumber);
            byName.computeIfAbsent(sample.name(), name -> new ArrayList<>()).add(sample);
        }
        return byName;
    }

    /** The sum of the values of every series the selector matches, NaN when none matches (or all are NaN). */
    static double sum(Map<String, List<Sample>> samples, Selector selector) {
        double sum = 0;
        boolean any = false;
        for (Sample sample : samples.getOrDefault(selector.metric(), List.of())) {
            if (selector.matches(sample.name, sample.labels) && !Double.isNaN(sample.value)) {
                sum += sample.value;
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /** As {@link #sum(Map, Selector)} over text. */
    static double sum(String text, Selector selector) {
        return sum(parse(text), selector);
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Sample parseLine(String line, int lineNumber) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new HashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = readLabels(line, i + 1, labels, lineNumber);
        }
        String rest = line.substring(i).strip();
        int space = rest.indexOf(' ');
        String value = space < 0 ? rest : rest.substring(0, space);
        return new Sample(name, labels, parseValue(value, lineNumber));
    }

    private static int readLabels(String line, int i, Map<String, String> labels, int lineNumber) {
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i >= line.length()) {
                throw bad(lineNumber, "labels not closed with '}'");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw bad(lineNumber, "a label must read name=\"value\"");
            }
            String label = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                throw bad(lineNumber, "label value of '" + label + "' not closed with '\"'");
            }
            labels.put(label, value.toString());
            i = j + 1;
        }
    }

    private static double parseValue(String text, int lineNumber) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw bad(lineNumber, "'" + text + "' is not a sample value");
                }
            }
        };
    }

    private static IllegalArgumentException bad(int lineNumber, String problem) {
        return new IllegalArgumentException("line " + lineNumber + " of the exposition: " + problem);
    }
}
