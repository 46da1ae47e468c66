package io.warden.supervisor.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import io.warden.config.DataSize;
import io.warden.supervisor.process.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {

    record Doc(Map<String, ServiceSpec> services) {
    }

    private final ConfigMapper mapper = ConfigMapper.create();

    private Map<String, ServiceSpec> read(String text) {
        Doc doc = mapper.bind("warden.yaml", text, Doc.class, false);
        return ServiceSpecs.validate(doc.services(), mapper, "warden.yaml", text, false, "services");
    }

    @Test
    void fullSpec_bindsEveryKey() {
        Map<String, ServiceSpec> specs = read("""
                services:
                  db:
                    command: [postgres, -D, data]
                    health:
                      tcp: 127.0.0.1:5432
                  api:
                    command: [python3, -m, uvicorn, app:app]
                    workdir: backend
                    env: {PYTHONUNBUFFERED: "1"}
                    port: 8000
                    dependsOn:
                      db: {condition: healthy}
                    restart:
                      policy: on-failure
                      backoff: {initial: 50ms, max: 5s, multiplier: 3, jitter: 0.5}
                      resetAfter: 30s
                      startLimit: {burst: 3, interval: 1m}
                    stop: {signal: INT, timeout: 2s}
                    health:
                      http: http://127.0.0.1:8000/health
                      interval: 2s
                      timeout: 500ms
                      retries: 2
                      startPeriod: 10s
                      restartWhenUnhealthy: true
                    logs: {maxSize: 1MB, keep: 3}
                """);
        ServiceSpec api = specs.get("api");
        assertThat(api.command()).containsExactly("python3", "-m", "uvicorn", "app:app");
        assertThat(api.env()).containsEntry("PYTHONUNBUFFERED", "1");
        assertThat(api.dependsOn().conditions()).containsEntry("db", DependencyCondition.HEALTHY);
        assertThat(api.restart().policy()).isEqualTo(RestartPolicy.ON_FAILURE);
        assertThat(api.restart().backoff()).isEqualTo(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 3.0, 0.5));
        assertThat(api.restart().startLimit()).isEqualTo(new StartLimit(3, Duration.ofMinutes(1)));
        assertThat(api.stop()).isEqualTo(new StopSpec(Signal.INT, Duration.ofSeconds(2)));
        assertThat(api.health().restartWhenUnhealthy()).isTrue();
        assertThat(api.health().retries()).isEqualTo(2);
        assertThat(api.logs().maxSize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(api.logs().keep()).isEqualTo(3);
        assertThat(specs.get("db").health().tcpPort()).isEqualTo(5432);
        assertThat(ServiceGraph.of(specs).order()).containsExactly("db", "api");
    }

    @Test
    void minimalSpec_takesTheDocumentedDefaults() {
        ServiceSpec spec = read("services:\n  web:\n    command: [node, server.js]\n").get("web");
        assertThat(spec.restart().policy()).isEqualTo(RestartPolicy.ON_FAILURE);
        assertThat(spec.restart().backoff()).isEqualTo(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 0.1));
        assertThat(spec.restart().resetAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.restart().startLimit()).isEqualTo(new StartLimit(5, Duration.ofSeconds(60)));
        assertThat(spec.stop()).isEqualTo(new StopSpec(Signal.TERM, Duration.ofSeconds(10)));
        assertThat(spec.health()).isNull();
        assertThat(spec.logs().maxSize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(spec.logs().keep()).isEqualTo(5);
        assertThat(spec.dependsOn().conditions()).isEmpty();
        assertThat(spec.env()).isEmpty();
    }

    @Test
    void dependsOnList_meansStarted() {
        Map<String, ServiceSpec> specs = read("""
                services:
                  a: {command: [a], dependsOn: [b, c]}
                  b: {command: [b], dependsOn: {c: started}}
                  c: {command: [c]}
                """);
        assertThat(specs.get("a").dependsOn().conditions())
                .containsExactly(Map.entry("b", DependencyCondition.STARTED), Map.entry("c", DependencyCondition.STARTED));
        assertThat(ServiceGraph.of(specs).order()).containsExactly("c", "b", "a");
    }

    @Test
    void restartPolicies_areWrittenLowerCase() {
        for (String policy : List.of("no", "on-failure", "always", "unless-stopped")) {
            ServiceSpec spec = read("services:\n  s:\n    command: [x]\n    restart: {policy: " + policy + "}\n").get("s");
            assertThat(spec.restart().policy().configName()).isEqualTo(policy);
        }
    }

    @Test
    void unknownKey_namesFileLineAndKey() {
        assertThatThrownBy(() -> read("services:\n  api:\n    command: [x]\n    restart:\n      polcy: always\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("warden.yaml:5: services.api.restart.polcy: unknown key 'polcy'; did you mean 'policy'?");
    }

    @Test
    void misspeltCommand_isAnUnknownKeyWithTheNearestKey_notAMissingCommand() {
        assertThatThrownBy(() -> read("""
                services:
                  backend:
                    comand: [python3, main.py]
                    port: 8000
                """))
                .hasMessage("warden.yaml:3: services.backend.comand: unknown key 'comand'; did you mean 'command'?"
                        + " Valid keys: command, dependsOn, env, health, logs, port, restart, singleton, stop, watch, workdir");
    }

    @Test
    void commandAsAString_asksForTheList() {
        assertThatThrownBy(() -> read("services:\n  backend:\n    command: python3 main.py\n"))
                .hasMessage("warden.yaml:3: services.backend.command: expected a list (e.g. [python3, main.py]),"
                        + " got a string");
    }

    @Test
    void unclosedList_namesLineColumnAndWhatWasExpected() {
        assertThatThrownBy(() -> read("services:\n  backend:\n    command: [python3, main.py\n    port: 8000\n"))
                .hasMessage("warden.yaml:4:9: syntax error: expected ',' or ']', but got ':', in the list opened"
                        + " with '[' at line 3, column 14");
    }

    @Test
    void wrongType_namesFileLineAndKey() {
        assertThatThrownBy(() -> read("services:\n  api:\n    command: [x]\n    port: eighty\n"))
                .hasMessageStartingWith("warden.yaml:4: services.api.port: 'eighty' is not a number");
    }

    @Test
    void badDuration_namesFileLineAndKey() {
        assertThatThrownBy(() -> read("services:\n  api:\n    command: [x]\n    stop:\n      timeout: 5 parsecs\n"))
                .hasMessageStartingWith("warden.yaml:5: services.api.stop.timeout: '5 parsecs' is not a duration");
    }

    @Test
    void badEnumValues_nameTheAcceptedValues() {
        assertThatThrownBy(() -> read("services:\n  api:\n    command: [x]\n    restart: {policy: sometimes}\n"))
                .hasMessageContaining("warden.yaml:4: services.api.restart.policy")
                .hasMessageContaining("'sometimes' is not a restart policy: use one of [no, on-failure, always, unless-stopped]");
        assertThatThrownBy(() -> read("services:\n  api:\n    command: [x]\n    stop: {signal: USR9}\n"))
                .hasMessageContaining("services.api.stop.signal")
                .hasMessageContaining("'USR9' is not a supported signal");
    }

    @Test
    void missingCommand_namesTheService() {
        assertThatThrownBy(() -> read("services:\n  api:\n    port: 8000\n"))
                .hasMessageStartingWith("warden.yaml:2: services.api: command is required");
    }

    @Test
    void dependencyCycle_namesTheCycleAtItsKey() {
        assertThatThrownBy(() -> read("""
                services:
                  a:
                    command: [a]
                    dependsOn: [b]
                  b:
                    command: [b]
                    dependsOn: [a]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("warden.yaml:4: services.a.dependsOn: dependency cycle: a -> b -> a");
    }

    @Test
    void unknownDependency_listsTheServices() {
        assertThatThrownBy(() -> read("services:\n  a:\n    command: [a]\n    dependsOn: [dbb]\n  db:\n    command: [d]\n"))
                .hasMessage("warden.yaml:4: services.a.dependsOn: unknown service 'dbb'. Services: a, db");
    }

    @Test
    void healthyConditionWithoutHealthCheck_isRefused() {
        assertThatThrownBy(() -> read("services:\n  a:\n    command: [a]\n    dependsOn: {b: healthy}\n  b:\n    command: [b]\n"))
                .hasMessageContaining("services.a.dependsOn: 'b' has no health check");
    }

    @Test
    void reservedAndInvalidNames_areRefused() {
        assertThatThrownBy(() -> read("services:\n  warden:\n    command: [a]\n"))
                .hasMessageStartingWith("warden.yaml:2: services.warden: 'warden' is reserved");
        assertThatThrownBy(() -> read("services:\n  ../etc:\n    command: [a]\n"))
                .hasMessageContaining("is not a valid service name");
    }

    @Test
    void healthCheckWithTwoKinds_isRefused() {
        assertThatThrownBy(() -> read("services:\n  a:\n    command: [a]\n    health: {tcp: 'h:1', http: 'http://h/'}\n"))
                .hasMessageContaining("services.a.health: a health check needs exactly one of http, tcp, exec; found 2");
    }

    @Test
    void backoffValidation_explainsTheRule() {
        assertThatThrownBy(() -> read("services:\n  a:\n    command: [a]\n    restart: {backoff: {initial: 5s, max: 1s}}\n"))
                .hasMessageContaining("services.a.restart.backoff: max (1s) cannot be smaller than initial (5s)");
    }

    @Test
    void watch_bindsPathsIgnoreDebounceAndGitignore() {
        ServiceSpec spec = read("""
                services:
                  api:
                    command: [python3, app.py]
                    watch:
                      paths: [src, "conf/*.toml"]
                      ignore: ["*.log", tmp/]
                      debounce: 50ms
                      gitignore: false
                """).get("api");
        assertThat(spec.watch()).isEqualTo(new WatchSpec(List.of("src", "conf/*.toml"), List.of("*.log", "tmp/"),
                Duration.ofMillis(50), false));
    }

    @Test
    void watch_isOffByDefault_andAnEmptyWatchWatchesTheWorkdir() {
        assertThat(read("services:\n  a:\n    command: [a]\n").get("a").watch()).isNull();
        WatchSpec watch = read("services:\n  a:\n    command: [a]\n    watch: {}\n").get("a").watch();
        assertThat(watch).isEqualTo(new WatchSpec(List.of("."), List.of(), Duration.ofMillis(200), true));
    }

    @Test
    void watchMistakes_nameFileLineAndKey() {
        assertThatThrownBy(() -> read("services:\n  a:\n    command: [a]\n    watch:\n      path: [src]\n"))
                .hasMessageStartingWith("warden.yaml:5: services.a.watch.path: unknown key 'path'; did you mean 'paths'?");
        assertThatThrownBy(() -> read("services:\n  a:\n    command: [a]\n    watch: {debounce: 2m}\n"))
                .hasMessageContaining("warden.yaml:4: services.a.watch: debounce must be 0ms..1m, was 120000ms");
    }
}
