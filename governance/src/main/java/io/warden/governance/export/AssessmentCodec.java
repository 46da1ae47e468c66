package io.warden.governance.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.warden.governance.GovernanceException;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Retrospective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads assessments (and retrospectives) from YAML or JSON and writes JSON. Refusals are
 * {@link ValidationException}s naming the field path ({@code risks[0].likelihood}), the source and,
 * where the parser knows it, the line. Unknown fields are refused, with the known ones listed.
 * Thread-safe; build one and share it.
 */
public final class AssessmentCodec {

    private final ObjectMapper json;
    /**
     * Compact JSON with each {@link AssessmentContent} and {@link Decision} rendered once per instance
     * ({@link InstanceJson}): a write that does not change the content keeps the instance, and the
     * content is most of what a write stores, logs and answers with.
     */
    private final ObjectMapper compact;
    private final InstanceJson<AssessmentContent> contents;
    private final InstanceJson<Decision> decisions;
    private final ObjectMapper yaml;
    /**
     * A JSON reader per type, its root deserializer resolved once: every API write parses its body,
     * and the mapper's readValue looks the type and its deserializer up again on each call.
     */
    private final ClassValue<ObjectReader> jsonReaders = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return json.readerFor(type);
        }
    };

    /** A codec with Warden's conventions: camelCase, ISO-8601 instants, durations as {@code 5m}. */
    public AssessmentCodec() {
        this.json = configure(JsonMapper.builder()).build();
        this.contents = new InstanceJson<>(json.writerFor(AssessmentContent.class));
        this.decisions = new InstanceJson<>(json.writerFor(Decision.class));
        this.compact = configure(JsonMapper.builder()).addModule(new SimpleModule("warden-instance-json")
                .addSerializer(AssessmentContent.class, rendered(AssessmentContent.class, contents))
                .addSerializer(Decision.class, rendered(Decision.class, decisions))).build();
        this.yaml = configure(YAMLMapper.builder()).build();
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(
            B builder) {
        SimpleModule durations = new SimpleModule("warden-durations")
                .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                    @Override
                    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(DurationText.format(value));
                    }
                })
                .addDeserializer(Duration.class, new StdDeserializer<>(Duration.class) {
                    @Override
                    public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        return DurationText.parse(parser.currentName() == null ? "duration" : parser.currentName(),
                                parser.getValueAsString());
                    }
                });
        return builder.addModule(new JavaTimeModule()).addModule(durations)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Writes a {@code type} as the JSON {@code renders} holds for its instance. */
    private static <T> StdSerializer<T> rendered(Class<T> type, InstanceJson<T> renders) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeRawValue(renders.raw(value));
            }
        };
    }

    /** Reads an assessment from a {@code .json} file, or YAML otherwise. */
    public AssessmentContent readContent(Path file) {
        return read(file, AssessmentContent.class);
    }

    /** Reads a retrospective (observedIncidents, actualLevel, notes) from a {@code .json} or YAML file. */
    public Retrospective readRetrospective(Path file) {
        return read(file, Retrospective.class);
    }

    /** Reads {@code text} (YAML, of which JSON is a subset) into {@code type}; {@code source} names it in errors. */
    public <T> T readYaml(String text, String source, Class<T> type) {
        return parse(yaml, yaml.readerFor(type), text, source, type);
    }

    /** Reads JSON {@code text} into {@code type}; {@code source} names it in errors. */
    public <T> T readJson(String text, String source, Class<T> type) {
        return parse(json, jsonReaders.get(type), text, source, type);
    }

    /** Pretty JSON of any assessment value. */
    public String toJson(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    /** Compact JSON, for storage and audit entries. */
    public String toCompactJson(Object value) {
        if (value instanceof AssessmentContent content) {
            return contents.of(content);
        }
        if (value instanceof Decision decision) {
            return decisions.of(decision);
        }
        try {
            return compact.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    /** Compact JSON as UTF-8, for answers. */
    public byte[] toCompactJsonBytes(Object value) {
        try {
            return compact.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    private static GovernanceException cannotWrite(Object value, JsonProcessingException e) {
        return new GovernanceException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                + e.getOriginalMessage(), e);
    }

    private <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot read " + file + ": " + e + "; check the path and"
                    + " permissions", e);
        }
        boolean isJson = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = isJson ? json : yaml;
        return parse(mapper, mapper.readerFor(type), text, file.toString(), type);
    }

    private static <T> T parse(ObjectMapper mapper, ObjectReader reader, String text, String source, Class<T> type) {
        if (text.isBlank()) {
            throw new ValidationException("", source + " is empty; it must hold one " + type.getSimpleName());
        }
        T value;
        try {
            value = reader.readValue(text);
        } catch (JsonMappingException e) {
            throw translate(e, source, text);
        } catch (JsonProcessingException e) {
            throw new ValidationException("", source + where(e.getLocation()) + " is not valid "
                    + (mapper instanceof YAMLMapper ? "YAML" : "JSON") + ": " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new ValidationException("", source + " is empty; it must hold one " + type.getSimpleName());
        }
        return value;
    }

    private static ValidationException translate(JsonMappingException e, String source, String text) {
        String path = path(e);
        String at = " in " + source + where(text, lastKey(path), e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; known fields here: "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return new ValidationException(path, path + " is an unknown field" + at + known
                    + " (fix the spelling or remove it)", e);
        }
        if (e.getCause() instanceof ValidationException refused) {
            at = " in " + source + where(text, lastKey(refused.field()), e.getLocation());
            String parent = path.endsWith("." + refused.field()) || path.equals(refused.field())
                    ? path.substring(0, path.length() - refused.field().length()).replaceAll("\\.$", "") : path;
            ValidationException placed = refused.under(parent);
            return new ValidationException(placed.field(), placed.getMessage() + at, refused);
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            return new ValidationException(path, path + " is '" + invalid.getValue() + "'" + at
                    + "; it must be one of " + allowed, e);
        }
        return new ValidationException(path, (path.isEmpty() ? "the document" : path) + " is invalid" + at + ": "
                + e.getOriginalMessage(), e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Where {@code key} is written. Jackson reports the end of the object for problems it finds
     * once the object is complete (unknown fields and refusals of records), so look for the last
     * line at or before that which writes the key ({@code key:}, {@code - key:}, {@code "key":}).
     */
    static String where(String text, String key, JsonLocation location) {
        if (key.isEmpty() || location == null || location.getLineNr() < 1) {
            return where(location);
        }
        java.util.regex.Pattern written = java.util.regex.Pattern.compile(
                "(^|[\\s,{\\-])\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:");
        String[] lines = text.split("\n", -1);
        for (int line = Math.min(location.getLineNr(), lines.length); line >= 1; line--) {
            if (written.matcher(lines[line - 1]).find()) {
                return " at line " + line;
            }
        }
        return " in the object that ends at line " + location.getLineNr();
    }

    private static String lastKey(String path) {
        String key = path.replaceAll("\\[\\d+]$", "");
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
