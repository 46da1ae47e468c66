package io.warden.supervisor.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

    private static ServiceSpec service(Map<String, DependencyCondition> dependsOn) {
        return ServiceSpec.of(List.of("true")).withDependsOn(new DependsOn(dependsOn));
    }

    /** web -> api -> (db healthy, cache); worker -> db; tools alone. */
    private static Map<String, ServiceSpec> shop() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("web", service(Map.of("api", DependencyCondition.STARTED)));
        specs.put("tools", service(Map.of()));
        specs.put("api", service(orderedMap("db", DependencyCondition.HEALTHY, "cache", DependencyCondition.STARTED)));
        specs.put("worker", service(Map.of("db", DependencyCondition.STARTED)));
        specs.put("db", service(Map.of()));
        specs.put("cache", service(Map.of()));
        return specs;
    }

    private static Map<String, DependencyCondition> orderedMap(String first, DependencyCondition firstCondition,
                                                               String second, DependencyCondition secondCondition) {
        Map<String, DependencyCondition> map = new LinkedHashMap<>();
        map.put(first, firstCondition);
        map.put(second, secondCondition);
        return map;
    }

    @Test
    void order_putsEveryServiceAfterItsDependencies_otherwiseInDeclarationOrder() {
        assertThat(ServiceGraph.of(shop()).order()).containsExactly("db", "cache", "api", "web", "tools", "worker");
    }

    @Test
    void dependenciesAndDependants_areTheDirectArrowsBothWays() {
        ServiceGraph graph = ServiceGraph.of(shop());
        assertThat(graph.dependenciesOf("api")).containsExactly(Map.entry("db", DependencyCondition.HEALTHY),
                Map.entry("cache", DependencyCondition.STARTED));
        assertThat(graph.dependenciesOf("db")).isEmpty();
        assertThat(graph.dependantsOf("db")).containsExactlyInAnyOrder("api", "worker");
        assertThat(graph.dependantsOf("web")).isEmpty();
    }

    @Test
    void withDependencies_isTheClosureAStartByHandNeeds() {
        ServiceGraph graph = ServiceGraph.of(shop());
        assertThat(graph.withDependencies("web")).containsExactlyInAnyOrder("web", "api", "db", "cache");
        assertThat(graph.withDependencies("tools")).containsExactly("tools");
    }

    @Test
    void cycle_isRefusedNamingIt() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("a", service(Map.of("b", DependencyCondition.STARTED)));
        specs.put("b", service(Map.of("a", DependencyCondition.STARTED)));
        assertThatThrownBy(() -> ServiceGraph.of(specs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> b -> a");
    }
}
