package io.warden.daemon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.warden.governance.GovernanceConfig;
import io.warden.governance.ValidationException;
import io.warden.governance.export.AssessmentCodec;
import java.io.IOException;

/**
 * Binds {@code governance:} of warden.yaml with the governance module's own codec (levels written
 * {@code low}, rules as all-of / any-of groups), so the block means the same here as in the
 * governance tests. A refusal is rethrown with its field path under {@code governance}, so the
 * config loader reports the file, the line and the key as for every other section.
 */
final class GovernanceBlock extends StdDeserializer<GovernanceConfig> {

    private static final AssessmentCodec CODEC = new AssessmentCodec();

    GovernanceBlock() {
        super(GovernanceConfig.class);
    }

    @Override
    public GovernanceConfig deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode block = parser.readValueAsTree();
        try {
            return CODEC.readJson(block.toString(), "governance", GovernanceConfig.class);
        } catch (ValidationException e) {
            JsonMappingException refusal = JsonMappingException.from(parser, firstSentence(e.getMessage()));
            // Innermost first: each prependPath puts its segment in front of the ones already there.
            String[] segments = e.field().isEmpty() ? new String[0] : e.field().split("\\.");
            for (int i = segments.length - 1; i >= 0; i--) {
                String segment = segments[i];
                int bracket = segment.indexOf('[');
                if (bracket >= 0) {
                    String index = segment.substring(bracket + 1, segment.indexOf(']', bracket));
                    refusal.prependPath(null, Integer.parseInt(index));
                    segment = segment.substring(0, bracket);
                }
                refusal.prependPath(null, segment);
            }
            throw refusal;
        }
    }

    /** The codec's message names its own source ("in governance at line 1"), which would mislead here. */
    private static String firstSentence(String message) {
        int in = message.indexOf(" in governance");
        return in < 0 ? message : message.substring(0, in) + message.substring(message.indexOf(';', in) < 0
                ? message.length() : message.indexOf(';', in));
    }
}
