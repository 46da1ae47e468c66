package io.warden.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Jackson's binding failures said as Warden says config errors: the source, the line of the key,
 * the key path and the rule, never a Java class name. Built per failure, so nothing here is on the
 * path of a document that binds.
 */
final class BindingErrors {

    private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z0-9._/@%+=:-]+");

    private final String source;
    private final String text;
    private final ObjectMapper mapper;
    private final boolean isJson;

    private BindingErrors(String source, String text, ObjectMapper mapper, boolean isJson) {
        this.source = source;
        this.text = text;
        this.mapper = mapper;
        this.isJson = isJson;
    }

    static ConfigException translate(String source, String text, ObjectMapper mapper, boolean isJson,
                                     JsonProcessingException e) {
        JsonProcessingException syntax = SyntaxErrors.find(e);
        if (syntax != null) {
            return SyntaxErrors.of(source, syntax);
        }
        BindingErrors errors = new BindingErrors(source, text, mapper, isJson);
        if (e instanceof JsonMappingException mapping) {
            return errors.of(mapping);
        }
        return new ConfigException(source, lineOf(e), "", SyntaxErrors.firstLine(e.getOriginalMessage()));
    }

    private ConfigException of(JsonMappingException e) {
        String key = path(e.getPath());
        if (e instanceof ValueInstantiationException failed) {
            // The record was built without a key it needs: a misspelt key is the likelier cause
            // (comand: makes "command is required"), and Jackson reports unknown keys only after
            // the constructor has run, so look for one first.
            ConfigException unknown = unknownKeyIn(e.getPath(), key, failed.getType());
            if (unknown != null) {
                return unknown;
            }
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            if (cause instanceof FieldRefusal refusal) {
                key = under(key, refusal.field());
            }
            return at(key, e, cause.getMessage());
        }
        return at(key, e, problem(e));
    }

    private ConfigException at(String key, JsonMappingException e, String problem) {
        // The parser stands past the offending token; the key's own line is what a reader wants.
        if (key.isEmpty()) {
            return new ConfigException(source, lineOf(e), key, problem);
        }
        return new ConfigException(source, lineOf(KeyLines.of(mapper, text), key), key, problem);
    }

    /**
     * The line of {@code key}; for a key that is missing, the first line of the object that should
     * hold it (the parser stands at that object's end); 0 for a key missing at the top.
     */
    private static int lineOf(Map<String, Integer> lines, String key) {
        for (String at = key; !at.isEmpty(); at = parent(at)) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            String inside = at;
            var first = lines.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(inside + ".") || entry.getKey().startsWith(inside + "["))
                    .mapToInt(Map.Entry::getValue).min();
            if (first.isPresent()) {
                return first.getAsInt();
            }
        }
        return 0;
    }

    private static String parent(String key) {
        int cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
        return cut < 0 ? "" : key.substring(0, cut);
    }

    private String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(unknown.getPropertyName(), unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not " + describe(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch);
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        return SyntaxErrors.firstLine(e.getOriginalMessage());
    }

    /** "expected a list (e.g. [python3, main.py]), got a string": the rule, and what was written instead. */
    private String expected(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        JsonNode found = nodeAt(e.getPath());
        if (found == null) {
            return "expected " + describe(type) + ": " + SyntaxErrors.firstLine(e.getOriginalMessage());
        }
        String example = isList(type) && found.isTextual() ? " (e.g. " + listOf(found.asText()) + ")" : "";
        return "expected " + describe(type) + example + ", got " + switch (found.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ARRAY -> "a list";
            case OBJECT -> "a map of keys";
            case NULL, MISSING -> "an empty value";
            default -> found.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    /** The words of a string written as the list it was probably meant to be. */
    private String listOf(String value) {
        if (value.isBlank()) {
            return "[]";
        }
        List<String> items = Arrays.stream(value.strip().split("\\s+"))
                .map(word -> !isJson && BARE_WORD.matcher(word).matches() && !word.endsWith(":") ? word
                        : "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .toList();
        return "[" + String.join(", ", items) + "]";
    }

    /** The value written at {@code refs}, read again from the text; {@code null} when there is none. */
    private JsonNode nodeAt(List<JsonMappingException.Reference> refs) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
        for (JsonMappingException.Reference ref : refs) {
            node = node == null ? null : ref.getFieldName() != null ? node.get(ref.getFieldName())
                    : node.get(ref.getIndex());
        }
        return node;
    }

    /**
     * An unknown key in the object at {@code refs}, read from the text, or {@code null}: the first
     * in the order written, with the nearest valid key.
     */
    private ConfigException unknownKeyIn(List<JsonMappingException.Reference> refs, String key, JavaType type) {
        Collection<Object> known = knownKeys(type);
        if (known == null) {
            return null;
        }
        JsonNode node = nodeAt(refs);
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : node.properties().stream().map(Map.Entry::getKey).toList()) {
            if (!known.contains(name)) {
                String unknownKey = under(key, name);
                return new ConfigException(source, lineOf(KeyLines.of(mapper, text), unknownKey), unknownKey,
                        unknownKey(name, known));
            }
        }
        return null;
    }

    /** The keys the type's deserializer accepts, or {@code null} when it is not a record or bean. */
    private Collection<Object> knownKeys(JavaType type) {
        if (type == null) {
            return null;
        }
        try {
            DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
            return context.findRootValueDeserializer(type).getKnownPropertyNames();
        } catch (JsonMappingException | RuntimeException e) {
            return null;
        }
    }

    static String unknownKey(String key, Collection<Object> known) {
        List<String> names = known == null ? List.of() : known.stream().map(String::valueOf).sorted().toList();
        String nearest = names.stream()
                .min(Comparator.comparingInt(candidate -> EditDistance.between(key, candidate)))
                .filter(candidate -> EditDistance.between(key, candidate) <= Math.max(2, key.length() / 3))
                .map(candidate -> "; did you mean '" + candidate + "'?")
                .orElse("");
        return "unknown key '" + key + "'" + (nearest.isEmpty() && !names.isEmpty() ? "." : nearest)
                + (names.isEmpty() ? "" : " Valid keys: " + String.join(", ", names));
    }

    private String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(this::written).toList();
        }
        if (type == Duration.class) {
            return "a duration (for example 500ms, 5s, 2m)";
        }
        if (type == DataSize.class) {
            return "a size (for example 10MB)";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (isList(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a text value";
        }
        return "a map of keys";
    }

    /** An enum value as it may be written: lower case when the mapper reads that, else its own name. */
    private String written(Object constant) {
        String lower = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
        try {
            return mapper.convertValue(lower, constant.getClass()) == constant ? lower : constant.toString();
        } catch (IllegalArgumentException e) {
            return constant.toString();
        }
    }

    private static boolean isList(Class<?> type) {
        return Collection.class.isAssignableFrom(type) || type.isArray();
    }

    /** {@code field} of the record at {@code key}; the record itself when the field names it. */
    private static String under(String key, String field) {
        if (field == null || field.isEmpty() || key.equals(field) || key.endsWith("." + field)) {
            return key;
        }
        if (key.isEmpty()) {
            return field;
        }
        return field.startsWith("[") ? key + field : key + "." + field;
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    }
}
