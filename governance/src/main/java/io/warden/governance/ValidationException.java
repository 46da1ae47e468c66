package io.warden.governance;

import io.warden.config.FieldRefusal;
import java.util.Collection;
import java.util.List;

/**
 * Input that breaks a rule, naming the field ({@code risks[2].likelihood}, {@code level},
 * {@code roles}) so an API can answer 400 with it and a CLI can point at the key. Thrown by a
 * record's constructor while a file is bound, it is a {@link FieldRefusal}: the config mapper
 * reports the file line and the full path of that field.
 */
public class ValidationException extends GovernanceException implements FieldRefusal {

    private final String field;

    /** A refusal of {@code field}; the message says the value, the rule and the fix. */
    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** A refusal of {@code field} caused by a lower-level failure (a parser's, for example). */
    public ValidationException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The path of the refused field, {@code risks[0].likelihood} style. */
    @Override
    public String field() {
        return field;
    }

    /** The same refusal with the field placed under {@code parent} ({@code risks[2]} + {@code likelihood}). */
    public ValidationException under(String parent) {
        if (parent == null || parent.isEmpty()) {
            return this;
        }
        String path = field.isEmpty() ? parent : field.startsWith("[") ? parent + field : parent + "." + field;
        String message = getMessage().startsWith(field + " ") ? path + getMessage().substring(field.length())
                : getMessage();
        return new ValidationException(path, message, this);
    }

    /** {@code value} trimmed, refused when missing or blank. */
    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, field + " is missing; it must be a non-blank text");
        }
        return value.strip();
    }

    /** {@code value} trimmed, or the empty string when absent: optional free text. */
    public static String optionalText(String value) {
        return value == null ? "" : value.strip();
    }

    /** An immutable copy of a list of texts, each trimmed and non-blank, {@code null} read as empty. */
    public static List<String> texts(String field, Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        String[] copy = new String[values.size()];
        int index = 0;
        for (String value : values) {
            // The element's name only when it is refused: every record with a list of texts passes here.
            copy[index] = value == null || value.isBlank() ? requireText(field + "[" + index + "]", value)
                    : value.strip();
            index++;
        }
        return List.of(copy);
    }

    /** An immutable copy of a list, {@code null} read as empty, refusing {@code null} elements. */
    public static <T> List<T> items(String field, Collection<T> values) {
        if (values == null) {
            return List.of();
        }
        int index = 0;
        for (T value : values) {
            if (value == null) {
                throw new ValidationException(field + "[" + index + "]",
                        field + "[" + index + "] is empty; remove the empty entry or fill it in");
            }
            index++;
        }
        return List.copyOf(values);
    }
}
