package io.warden.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every key in a document, by dotted path ({@code services.backend.dependsOn}), for
 * errors found after binding (a dependency cycle, a reference to an unknown service).
 */
final class KeyLines {

    private KeyLines() {
    }

    static Map<String, Integer> of(ObjectMapper mapper, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(dotted(parser.getParsingContext()), parser.currentLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // A document that does not parse has no lines to report beyond the parse error itself.
        }
        return lines;
    }

    private static String dotted(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inObject() ? c.getCurrentName() : c.inArray() ? "[" + c.getCurrentIndex() + "]" : null;
            if (part == null) {
                continue;
            }
            if (!path.isEmpty() && !path.toString().startsWith("[")) {
                path.insert(0, '.');
            }
            path.insert(0, part);
        }
        return path.toString();
    }
}
