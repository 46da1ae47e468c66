package io.warden.cli;

import java.util.List;

/**
 * One option of a command: {@code --name VALUE} or a flag such as {@code --replace}.
 *
 * @param names        long name first, then aliases ({@code --config}, {@code -c})
 * @param valueLabel   what the value is ({@code FILE}), or null for a flag
 * @param help         one line of help
 * @param defaultValue shown in help and returned when absent, or null
 */
record Option(List<String> names, String valueLabel, String help, String defaultValue) {

    Option {
        names = List.copyOf(names);
    }

    static Option flag(String name, String help) {
        return new Option(List.of(name), null, help, null);
    }

    static Option value(String name, String valueLabel, String help) {
        return new Option(List.of(name), valueLabel, help, null);
    }

    Option alias(String alias) {
        return new Option(java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of(alias)).toList(),
                valueLabel, help, defaultValue);
    }

    Option defaultsTo(String value) {
        return new Option(names, valueLabel, help, value);
    }

    boolean isFlag() {
        return valueLabel == null;
    }

    String name() {
        return names.getFirst();
    }
}
