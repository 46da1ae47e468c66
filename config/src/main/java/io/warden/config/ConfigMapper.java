package io.warden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.util.Objects;

/**
 * Binds YAML or JSON text to records, strictly, and turns every failure into a
 * {@link ConfigException} with the source, line and key path. Thread safe.
 */
public final class ConfigMapper {

    private final ObjectMapper yaml;
    private final ObjectMapper json;
    /**
     * A reader per type, its root deserializer resolved once: the API binds every request body
     * here, and the mapper's readValue looks the type and its deserializer up again on each call.
     */
    private final ClassValue<ObjectReader> yamlReaders;
    private final ClassValue<ObjectReader> jsonReaders;

    private ConfigMapper() {
        // Plain enums (the risk levels, statuses) are read in any case and written lower case in
        // Warden's files; enums with their own names (restart policies) declare a @JsonCreator.
        this.yaml = configure(YAMLMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
        this.json = configure(JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
        this.yamlReaders = readers(yaml);
        this.jsonReaders = readers(json);
    }

    private static ClassValue<ObjectReader> readers(ObjectMapper mapper) {
        return new ClassValue<>() {
            @Override
            protected ObjectReader computeValue(Class<?> type) {
                return mapper.readerFor(type);
            }
        };
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
            T value = (isJson ? jsonReaders : yamlReaders).get(type).readValue(text);
            if (value == null) {
                throw new ConfigException(source, 0, "", "is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw BindingErrors.translate(source, text, isJson ? json : yaml, isJson, e);
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
