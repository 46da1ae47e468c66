package io.warden.governance.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import io.warden.config.Durations;
import io.warden.governance.GovernanceException;
import io.warden.governance.ValidationException;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Retrospective;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads assessments (and retrospectives) from YAML or JSON and writes JSON. Reading is the config
 * module's strict binder ({@link ConfigMapper}), so an assessment file is refused as warden.yaml
 * is: {@code a.yaml:8: risks[0].likelyhood: unknown key 'likelyhood'; did you mean 'likelihood'? ...}.
 * Refusals are {@link ValidationException}s with that message whose field is the key path, for
 * an API's 400. Thread-safe; build one and share it.
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
    private final ConfigMapper reader = ConfigMapper.create();

    /** A codec with Warden's conventions: camelCase, ISO-8601 instants, durations as {@code 5m}, levels lower case. */
    public AssessmentCodec() {
        this.json = configure(JsonMapper.builder()).build();
        this.contents = new InstanceJson<>(json.writerFor(AssessmentContent.class));
        this.decisions = new InstanceJson<>(json.writerFor(Decision.class));
        this.compact = configure(JsonMapper.builder()).addModule(new SimpleModule("warden-instance-json")
                .addSerializer(AssessmentContent.class, rendered(AssessmentContent.class, contents))
                .addSerializer(Decision.class, rendered(Decision.class, decisions))).build();
    }

    private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        SimpleModule durations = new SimpleModule("warden-durations")
                .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                    @Override
                    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(Durations.format(value));
                    }
                });
        return builder.addModule(new JavaTimeModule()).addModule(durations)
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
        return bind(source, text, type, false);
    }

    /** Reads JSON {@code text} into {@code type}; {@code source} names it in errors. */
    public <T> T readJson(String text, String source, Class<T> type) {
        return bind(source, text, type, true);
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
        try {
            return reader.read(file, type);
        } catch (ConfigException e) {
            throw refusal(e);
        }
    }

    private <T> T bind(String source, String text, Class<T> type, boolean isJson) {
        try {
            return reader.bind(source, text, type, isJson);
        } catch (ConfigException e) {
            throw refusal(e);
        }
    }

    /** The mapper's refusal as the domain's, its key as the field an API answers 400 with. */
    private static ValidationException refusal(ConfigException e) {
        return new ValidationException(e.key(), e.getMessage(), e);
    }
}
