package io.warden.cli;

import io.warden.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command line parsed against a {@link CommandSpec}. Immutable once parsed. */
final class Args {

    private final CommandSpec spec;
    private final Map<String, String> values;
    /** Every value of each option given, in order: an option may be repeated ({@code --match}). */
    private final Map<String, List<String>> repeated;
    private final List<String> positionals;
    private final boolean help;

    private Args(CommandSpec spec, Map<String, String> values, Map<String, List<String>> repeated,
                 List<String> positionals, boolean help) {
        this.spec = spec;
        this.values = values;
        this.repeated = repeated;
        this.positionals = positionals;
        this.help = help;
    }

    /**
     * Parses {@code argv} (the arguments after the command's name).
     *
     * @throws UsageException naming the offending argument and the rule
     */
    static Args parse(CommandSpec spec, List<String> argv) {
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                positionals.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                String name = arg;
                String inline = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
                Option option = spec.option(name);
                if (option == null) {
                    throw new UsageException(spec, "unknown option '" + name + "'");
                }
                if (option.isFlag()) {
                    if (inline != null) {
                        throw new UsageException(spec, option.name() + " takes no value");
                    }
                    values.put(option.name(), "true");
                } else if (inline != null || i + 1 < argv.size()) {
                    String value = inline != null ? inline : argv.get(++i);
                    values.put(option.name(), value);
                    repeated.computeIfAbsent(option.name(), n -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException(spec, option.name() + " needs a value: " + option.valueLabel());
                }
                continue;
            }
            if (spec.positionalLabel() == null) {
                throw new UsageException(spec, "unexpected argument '" + arg + "'");
            }
            if (spec.stopAtPositional()) {
                positionals.addAll(argv.subList(i, argv.size()));
                break;
            }
            positionals.add(arg);
        }
        Args args = new Args(spec, values, repeated, positionals, help);
        if (!help && positionals.size() < spec.minPositionals()) {
            throw new UsageException(spec, "missing " + spec.positionalLabel());
        }
        return args;
    }

    boolean helpRequested() {
        return help;
    }

    boolean flag(String name) {
        return values.containsKey(check(name).name());
    }

    Optional<String> value(String name) {
        Option option = check(name);
        return Optional.ofNullable(values.getOrDefault(option.name(), option.defaultValue()));
    }

    /** Every value given to a repeatable option, in order; empty when not given. */
    List<String> values(String name) {
        return List.copyOf(repeated.getOrDefault(check(name).name(), List.of()));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new UsageException(spec, "missing required option " + name));
    }

    Optional<Path> path(String name) {
        return value(name).map(Path::of);
    }

    Optional<Integer> integer(String name, int min, int max) {
        return value(name).map(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    throw new UsageException(spec, name + " must be between " + min + " and " + max + ", was " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new UsageException(spec, name + " must be a whole number, was '" + text + "'");
            }
        });
    }

    Optional<Duration> duration(String name) {
        return value(name).map(text -> {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(spec, name + ": " + e.getMessage());
            }
        });
    }

    List<String> positionals() {
        return positionals;
    }

    private Option check(String name) {
        Option option = spec.option(name);
        if (option == null) {
            throw new IllegalArgumentException("command " + spec.name() + " declares no option " + name);
        }
        return option;
    }
}
