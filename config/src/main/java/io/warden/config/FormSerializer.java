package io.warden.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.function.Function;

/** Writes a value in the same human form it is read in, so config round-trips. */
final class FormSerializer<T> extends StdSerializer<T> {

    private final transient Function<T, String> format;

    FormSerializer(Class<T> type, Function<T, String> format) {
        super(type);
        this.format = format;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(format.apply(value));
    }
}
