package io.warden.api.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warden.api.route.ApiProblem;
import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The new spec of a deploy: a whole spec (the text of {@code --spec FILE}, bound and checked as
 * warden.yaml's services are, errors naming the file, line and key), or the current spec with
 * {@code key=value} settings ({@code --set env.LEVEL=debug}, {@code --set port=8081}), each value
 * read as YAML (so {@code [a, b]} is a list, {@code 8081} a number).
 */
final class SpecChange {

    private static final ConfigMapper MAPPER = ConfigMapper.create();

    private SpecChange() {
    }

    /** {@code text} bound as a service spec; a 400 naming {@code source}, line and key when it is not one. */
    static ServiceSpec parse(String source, String text) {
        boolean json = source.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
        try {
            ServiceSpec spec = MAPPER.bind(source, text, ServiceSpec.class, json);
            if (spec == null) {
                throw ApiProblem.badRequest("spec", source + " is empty: a spec needs at least a command");
            }
            return spec;
        } catch (ConfigException e) {
            throw ApiProblem.badRequest("spec", e.getMessage());
        }
    }

    /** {@code current} with each {@code key=value} of {@code settings}; a 400 naming the setting that fails. */
    static ServiceSpec set(ServiceSpec current, List<String> settings) {
        ObjectMapper json = MAPPER.jsonMapper();
        ObjectNode tree = json.valueToTree(current);
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw ApiProblem.badRequest("set", "'" + setting + "' is not key=value, e.g. env.LEVEL=debug");
            }
            String[] path = setting.substring(0, eq).strip().split("\\.", -1);
            if (Arrays.stream(path).anyMatch(String::isBlank)) {
                // '.=1' split into no key at all, 'a..b=1' into an empty one
                throw ApiProblem.badRequest("set", "'" + setting + "' has an empty key between dots: write "
                        + "keys such as port or env.LEVEL");
            }
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], value(setting.substring(eq + 1)));
        }
        try {
            return MAPPER.bind("--set", json.writeValueAsString(tree), ServiceSpec.class, true);
        } catch (ConfigException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("set", String.join(" ", settings) + " does not make a valid spec: "
                    + e.getMessage());
        }
    }

    private static JsonNode value(String text) {
        try {
            JsonNode node = MAPPER.yamlMapper().readTree(text);
            return node == null || node.isMissingNode() ? MAPPER.jsonMapper().getNodeFactory().textNode(text) : node;
        } catch (java.io.IOException e) {
            return MAPPER.jsonMapper().getNodeFactory().textNode(text);
        }
    }
}
