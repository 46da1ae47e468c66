package io.warden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapperTest {

    enum Policy { no, always }

    record Limits(Duration interval, DataSize maxSize, int retries) {
        Limits {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be >= 0, was " + retries);
            }
        }
    }

    record Service(List<String> command, int port, Policy policy, Limits limits) {
    }

    record Doc(Map<String, Service> services) {
    }

    record Required(List<String> command, int port) {
        Required {
            if (command == null) {
                throw new IllegalArgumentException("command is required");
            }
        }
    }

    record Services(Map<String, Required> services) {
    }

    static final class Refusal extends IllegalArgumentException implements FieldRefusal {
        Refusal() {
            super("retries is -1; it must be 0 or more");
        }

        @Override
        public String field() {
            return "retries";
        }
    }

    record Strict(int interval, int retries) {
        Strict {
            if (retries < 0) {
                throw new Refusal();
            }
        }
    }

    record Holder(List<Strict> limits) {
    }

    enum Level { LOW, HIGH }
    record Rules(Map<Level, String> rules, Level level) {
    }

    private final ConfigMapper mapper = ConfigMapper.create();

    @Test
    void bindsDurationsSizesAndNestedRecords() {
        Doc doc = mapper.bind("warden.yaml", """
                services:
                  api:
                    command: [python3, main.py]
                    port: 8000
                    policy: always
                    limits: {interval: 1500ms, maxSize: 10MB, retries: 3}
                """, Doc.class, false);
        Service api = doc.services().get("api");
        assertThat(api.command()).containsExactly("python3", "main.py");
        assertThat(api.limits().interval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(api.limits().maxSize().bytes()).isEqualTo(10L << 20);
    }

    @Test
    void unknownKey_namesFileLineKeyAndNearestValidKey() {
        assertThatThrownBy(() -> mapper.bind("warden.yaml", """
                services:
                  api:
                    command: [python3]
                    prot: 8000
                """, Doc.class, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:4: services.api.prot: unknown key 'prot'; did you mean 'port'?")
                .hasMessageContaining("Valid keys: command, limits, policy, port");
    }

    @Test
    void wrongTypeAndBadDuration_nameTheKeyAndTheRule() {
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    port: eighty\n", Doc.class, false))
                .hasMessageStartingWith("w.yaml:3: services.api.port: 'eighty' is not a number");
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    limits:\n      interval: 5 parsecs\n",
                Doc.class, false))
                .hasMessageStartingWith("w.yaml:4: services.api.limits.interval: '5 parsecs' is not a duration");
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    policy: sometimes\n", Doc.class, false))
                .hasMessageContaining("services.api.policy: 'sometimes' is not one of [no, always]");
    }

    @Test
    void validationInsideARecord_isReportedAtItsKey() {
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    limits:\n      retries: -1\n",
                Doc.class, false))
                .hasMessageContaining("services.api.limits: retries must be >= 0, was -1");
    }

    @Test
    void syntaxErrorsAndDuplicateKeys_areRefusedWithTheLine() {
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    port: [1,\n", Doc.class, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("w.yaml:");
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    port: 1\n    port: 2\n", Doc.class, false))
                .hasMessageContaining("port");
    }

    @Test
    void misspeltRequiredKey_isReportedAsUnknownWithTheNearestKey_notAsMissing() {
        assertThatThrownBy(() -> mapper.bind("warden.yaml", """
                services:
                  backend:
                    port: 8000
                    comand: [python3, main.py]
                """, Services.class, false))
                .hasMessage("warden.yaml:4: services.backend.comand: unknown key 'comand'; did you mean 'command'?"
                        + " Valid keys: command, port");
    }

    @Test
    void aStringWhereAListIsExpected_saysSoWithTheListToWrite() {
        assertThatThrownBy(() -> mapper.bind("warden.yaml", """
                services:
                  backend:
                    command: python3 main.py
                """, Doc.class, false))
                .hasMessage("warden.yaml:3: services.backend.command: expected a list (e.g. [python3, main.py]),"
                        + " got a string");
        assertThatThrownBy(() -> mapper.bind("w.json", "{\"services\": {\"api\": {\"command\": \"python3 main.py\"}}}",
                Doc.class, true))
                .hasMessage("w.json:1: services.api.command: expected a list (e.g. [\"python3\", \"main.py\"]),"
                        + " got a string");
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api:\n    port: [8000]\n", Doc.class, false))
                .hasMessage("w.yaml:3: services.api.port: expected a number, got a list");
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services:\n  api: 8000\n", Doc.class, false))
                .hasMessage("w.yaml:2: services.api: expected a map of keys, got a number");
    }

    @Test
    void yamlSyntaxError_namesFileLineColumnWhatWasExpectedAndWhereTheListOpened() {
        assertThatThrownBy(() -> mapper.bind("warden.yaml", """
                services:
                  backend:
                    command: [python3, main.py
                    port: 8000
                """, Doc.class, false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("warden.yaml:4:9: syntax error: expected ',' or ']', but got ':', in the list opened"
                        + " with '[' at line 3, column 14");
        assertThatThrownBy(() -> mapper.bind("w.yaml", "services: {api: {command: [python3}\n", Doc.class, false))
                .hasMessage("w.yaml:1:35: syntax error: expected ',' or ']', but got '}', in the list opened with '['"
                        + " at line 1, column 27");
        assertThatThrownBy(() -> mapper.bind("w.json", "{\"services\": {\"api\": }}", Doc.class, true))
                .hasMessage("w.json:1:22: syntax error: Unexpected character ('}' (code 125)): expected a valid value"
                        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    @Test
    void aRefusalNamingItsField_isReportedAtThatField() {
        assertThatThrownBy(() -> mapper.bind("w.yaml", "limits:\n  - interval: 1\n    retries: -1\n", Holder.class, false))
                .hasMessage("w.yaml:3: limits[0].retries: retries is -1; it must be 0 or more");
    }

    @Test
    void plainEnums_areReadInAnyCase_andListedLowerCase() {
        assertThat(mapper.bind("w.yaml", "rules: {low: a, HIGH: b}\nlevel: High\n", Rules.class, false))
                .isEqualTo(new Rules(Map.of(Level.LOW, "a", Level.HIGH, "b"), Level.HIGH));
        assertThatThrownBy(() -> mapper.bind("w.yaml", "level: severe\n", Rules.class, false))
                .hasMessage("w.yaml:1: level: 'severe' is not one of [low, high]");
    }

    @Test
    void errorAt_locatesAKeyPath() {
        String text = "services:\n  a:\n    port: 1\n  b:\n    port: 2\n";
        assertThat(mapper.errorAt("w.yaml", text, false, "services.b.port", "clash").getMessage())
                .isEqualTo("w.yaml:5: services.b.port: clash");
    }

    @Test
    void durationsAndSizes_roundTrip() {
        for (String text : List.of("250ms", "5s", "2m", "1h", "1d")) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
        assertThat(DataSize.parse("10MB")).hasToString("10MB");
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThatThrownBy(() -> DataSize.parse("ten")).hasMessageContaining("'ten' is not a size");
    }
}
