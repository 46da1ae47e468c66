package io.warden.alerts.silence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher, as Prometheus and Alertmanager write them: {@code name="value"} (exact),
 * {@code !=}, {@code =~} (regex, anchored at both ends) and {@code !~}. A missing label reads as
 * the empty string, so {@code team!="api"} matches an alert without a {@code team} label.
 * Immutable; the regex is compiled once.
 */
public final class LabelMatcher {

    private static final Set<String> OPS = Set.of("=", "!=", "=~", "!~");

    private final String name;
    private final String op;
    private final String value;
    private final Pattern pattern;

    /**
     * @param name  the label name
     * @param op    one of {@code =}, {@code !=}, {@code =~}, {@code !~}; null means {@code =}
     * @param value the value or the regular expression
     * @throws IllegalArgumentException naming the bad operator or regex
     */
    @JsonCreator
    public LabelMatcher(@JsonProperty("name") String name, @JsonProperty("op") String op,
                        @JsonProperty("value") String value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a label matcher needs a label name");
        }
        String given = op == null ? "=" : op;
        if (!OPS.contains(given)) {
            throw new IllegalArgumentException("'" + op + "' is not a matcher operator: use =, !=, =~ or !~");
        }
        this.name = name;
        this.op = given;
        this.value = Objects.requireNonNullElse(value, "");
        this.pattern = given.endsWith("~") ? compile(this.value) : null;
    }

    /** An exact matcher {@code name="value"}. */
    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, "=", value);
    }

    /** A regex matcher {@code name=~"regex"}. */
    public static LabelMatcher regex(String name, String regex) {
        return new LabelMatcher(name, "=~", regex);
    }

    @JsonProperty
    public String name() {
        return name;
    }

    @JsonProperty
    public String op() {
        return op;
    }

    @JsonProperty
    public String value() {
        return value;
    }

    /** Whether the labels satisfy this matcher; an absent label counts as empty. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case "=" -> actual.equals(value);
            case "!=" -> !actual.equals(value);
            case "=~" -> pattern.matcher(actual).matches();
            default -> !pattern.matcher(actual).matches();
        };
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMatcher that && name.equals(that.name) && op.equals(that.op)
                && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    @Override
    public String toString() {
        return name + op + '"' + value + '"';
    }
}
