package io.warden.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Binds YAML or JSON text to records, strictly, and turns every failure into a
 * {@link ConfigException} with the source, line and key path. Thread safe.
 */
public final class ConfigMapper {

    private final ObjectMapper yaml;
    private final ObjectMapper json;

    private ConfigMapper() {
        this.yaml = configure(YAMLMapper.builder().build());
        this.json = configure(JsonMapper.builder().build());
    }

    /** A mapper with Warden's strict settings, duration and size forms. */
    public static ConfigMapper create() {
        return new ConfigMapper();
    }

    /** The Jackson mapper for YAML, for callers that write YAML with the same conventions. */
    public ObjectMapper yamlMapper() {
        return yaml;
    }

    /** The Jackson mapper for JSON, with the same conventions. */
    public ObjectMapper jsonMapper() {
        return json;
    }

    /**
     * Reads and binds a file; YAML unless its name ends with {@code .json}.
     *
     * @throws ConfigException naming the file, the line and the key of the first problem
     */
    public <T> T read(Path file, Class<T> type) {
        return bind(file.toString(), readText(file), type, isJson(file));
    }

    /**
     * The text of a config file, for callers that bind it and then validate across keys with
     * {@link #errorAt}.
     *
     * @throws ConfigException naming the file when it is missing or unreadable
     */
    public static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 0, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read: " + e.getMessage());
        }
    }

    /** Whether a file is read as JSON (its name ends with {@code .json}) rather than YAML. */
    public static boolean isJson(Path file) {
        return file.getFileName().toString().endsWith(".json");
    }

    /**
     * Binds text; {@code isJson} chooses the syntax.
     *
     * @param source a label for messages, usually the file name
     * @throws ConfigException naming the source, the line and the key of the first problem
     */
    public <T> T bind(String source, String text, Class<T> type, boolean isJson) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new ConfigException(source, 0, "", "is empty");
        }
        try {
            T value = (isJson ? json : yaml).readValue(text, type);
            if (value == null) {
                throw new ConfigException(source, 0, "", "is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw translate(source, e, isJson ? json : yaml, text);
        }
    }

    /**
     * An error about a key found valid by binding but wrong in context (a dependency cycle, an
     * unknown reference), located in the text it came from.
     */
    public ConfigException errorAt(String source, String text, boolean isJson, String keyPath, String problem) {
        Integer line = KeyLines.of(isJson ? json : yaml, text).get(keyPath);
        return new ConfigException(source, line == null ? 0 : line, keyPath, problem);
    }

    private static ConfigException translate(String source, JsonProcessingException e, ObjectMapper mapper,
                                             String text) {
        int line = lineOf(e.getLocation());
        if (e instanceof JsonMappingException mapping) {
            String key = path(mapping);
            // The parser stands past the offending token; the key's own line is what a reader wants.
            Integer keyLine = key.isEmpty() ? null : KeyLines.of(mapper, text).get(key);
            return new ConfigException(source, keyLine != null ? keyLine : line, key, problem(mapping));
        }
        if (e instanceof JsonParseException) {
            return new ConfigException(source, line, "", "syntax error: " + e.getOriginalMessage());
        }
        return new ConfigException(source, line, "", e.getOriginalMessage());
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(unknown.getPropertyName(), unknown.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() != null ? invalid.getCause() : invalid;
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not " + describe(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + describe(mismatch.getTargetType()) + ": " + firstLine(e.getOriginalMessage());
        }
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        return firstLine(e.getOriginalMessage());
    }

    static String unknownKey(String key, Collection<Object> known) {
        var names = known == null ? java.util.List.<String>of()
                : known.stream().map(String::valueOf).sorted().toList();
        String nearest = names.stream()
                .min(Comparator.comparingInt(candidate -> EditDistance.between(key, candidate)))
                .filter(candidate -> EditDistance.between(key, candidate) <= Math.max(2, key.length() / 3))
                .map(candidate -> "; did you mean '" + candidate + "'?")
                .orElse("");
        return "unknown key '" + key + "'" + nearest + (names.isEmpty() ? "" : " Valid keys: "
                + names.stream().collect(Collectors.joining(", ")));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
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
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a text value";
        }
        return "a " + type.getSimpleName() + " (a map of keys)";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
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

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "invalid value";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule forms = new SimpleModule("warden-forms");
        forms.addDeserializer(Duration.class, new FormDeserializer<>(Duration.class, Durations::parse));
        forms.addSerializer(Duration.class, new FormSerializer<>(Duration.class, Durations::format));
        forms.addDeserializer(DataSize.class, new FormDeserializer<>(DataSize.class, DataSize::parse));
        forms.addSerializer(DataSize.class, new FormSerializer<>(DataSize.class, DataSize::toString));
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .registerModule(forms)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }
}
