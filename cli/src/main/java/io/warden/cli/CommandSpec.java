package io.warden.cli;

import java.util.List;

/**
 * What a command accepts, and its help. The parser is hand-written rather than picocli's on
 * purpose: picocli costs about 200 ms of CPU per start on this class of machine (measured; its
 * Java 5 bytecode cannot go into the class data archive), and {@code warden run} and
 * {@code warden status} must start in well under that.
 *
 * @param name             the command's name ({@code run})
 * @param synopsis         the usage line after {@code warden NAME}
 * @param description      what it does, a few lines
 * @param options          its options
 * @param positionalLabel  what the positional arguments are ({@code COMMAND...}), or null for none
 * @param minPositionals   how many positional arguments are required
 * @param stopAtPositional whether everything from the first positional on belongs to it
 *                         ({@code warden run --name x python -u main.py})
 */
record CommandSpec(String name, String synopsis, String description, List<Option> options, String positionalLabel,
                   int minPositionals, boolean stopAtPositional) {

    CommandSpec {
        options = List.copyOf(options);
    }

    /**
     * The description's first sentence, on one line: what {@code warden --help} lists. A
     * sentence may span lines of the description; it ends at a period followed by a space or
     * the end of a line (not at the one in {@code e.g.} or {@code warden.yaml}).
     */
    String summary() {
        String text = description.lines().takeWhile(line -> !line.startsWith("Example:"))
                .map(String::strip).reduce((a, b) -> a + " " + b).orElse("");
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    Option option(String name) {
        return options.stream().filter(o -> o.names().contains(name)).findFirst().orElse(null);
    }

    String usage() {
        StringBuilder text = new StringBuilder("Usage: warden ").append(name).append(' ').append(synopsis)
                .append("\n\n").append(description).append("\n");
        if (!options.isEmpty()) {
            text.append("\nOptions:\n");
            for (Option option : options) {
                String left = String.join(", ", option.names()) + (option.isFlag() ? "" : " " + option.valueLabel());
                text.append(String.format("  %-28s %s%s%n", left, option.help(),
                        option.defaultValue() == null ? "" : " (default: " + option.defaultValue() + ")"));
            }
        }
        return text.append(String.format("  %-28s %s%n", "-h, --help", "Show this help.")).toString();
    }
}
