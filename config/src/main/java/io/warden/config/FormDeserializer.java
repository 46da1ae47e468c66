package io.warden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.function.Function;

/** Reads a value written as text in a human form ({@code 5s}, {@code 10MB}); the form's own error is reported. */
final class FormDeserializer<T> extends StdScalarDeserializer<T> {

    private final transient Function<String, T> parse;

    FormDeserializer(Class<T> type, Function<String, T> parse) {
        super(type);
        this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING) && !parser.currentToken().isScalarValue()) {
            return (T) context.handleUnexpectedToken(handledType(), parser);
        }
        String text = parser.getValueAsString();
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw com.fasterxml.jackson.databind.JsonMappingException.from(parser, e.getMessage(), e);
        }
    }
}
