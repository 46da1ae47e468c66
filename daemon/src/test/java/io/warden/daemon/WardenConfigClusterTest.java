package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.cluster.ClusterSettings;
import io.warden.config.ConfigException;
import io.warden.supervisor.spec.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster:} and {@code singleton:} of warden.yaml: defaults, binding, refusals naming file, line and key. */
class WardenConfigClusterTest {

    @TempDir
    Path dir;

    @Test
    void absent_isClientGoDefaults_andServicesAreHostSingletons() throws Exception {
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"),
                "services:\n  web:\n    command: [sleep, '60']\n"));
        assertThat(config.cluster()).isEqualTo(new ClusterSettings(Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2)));
        assertThat(config.services().get("web").singleton()).isEqualTo(Singleton.HOST);
        assertThat(config.singletons()).isEmpty();
    }

    @Test
    void clusterSingletonOnPostgres_binds() throws Exception {
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"), """
                storage:
                  url: jdbc:postgresql://127.0.0.1:5432/test?user=postgres
                cluster:
                  lease: 3s
                  renewDeadline: 2s
                  retryPeriod: 500ms
                services:
                  web:
                    command: [sleep, '60']
                  jobs:
                    command: [sleep, '60']
                    singleton: cluster
                """));
        assertThat(config.cluster()).isEqualTo(new ClusterSettings(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(500)));
        assertThat(config.singletons()).containsExactly("jobs");
    }

    @Test
    void clusterSingletonWithoutPostgres_isRefusedAtItsKey() throws Exception {
        Path file = Files.writeString(dir.resolve("warden.yaml"), """
                services:
                  jobs:
                    command: [sleep, '60']
                    singleton: cluster
                """);
        assertThatThrownBy(() -> WardenConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":4").hasMessageContaining("services.jobs.singleton")
                .hasMessageContaining("singleton: cluster needs a database every agent shares: set storage.url to "
                        + "jdbc:postgresql://HOST:PORT/DATABASE?user=USER");
    }

    @Test
    void badValues_areRefusedWithFileLineAndKey() throws Exception {
        Path scope = Files.writeString(dir.resolve("scope.yaml"), "services:\n  jobs:\n    command: [sleep, '1']\n"
                + "    singleton: fleet\n");
        assertThatThrownBy(() -> WardenConfig.load(scope)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(scope + ":4").hasMessageContaining("services.jobs.singleton")
                .hasMessageContaining("'fleet' is not a singleton scope: use one of [host, cluster]");

        Path deadline = Files.writeString(dir.resolve("deadline.yaml"), "cluster:\n  lease: 5s\n  renewDeadline: 5s\n");
        assertThatThrownBy(() -> WardenConfig.load(deadline)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(deadline.toString()).hasMessageContaining("cluster")
                .hasMessageContaining("renewDeadline (5000ms) must be shorter than lease (5000ms)");

        Path retry = Files.writeString(dir.resolve("retry.yaml"), "cluster:\n  retryPeriod: 10s\n");
        assertThatThrownBy(() -> WardenConfig.load(retry)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("retryPeriod (10000ms) must be shorter than renewDeadline (10000ms)");

        Path typo = Files.writeString(dir.resolve("typo.yaml"), "cluster:\n  leese: 5s\n");
        assertThatThrownBy(() -> WardenConfig.load(typo)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(typo + ":2").hasMessageContaining("cluster.leese");
    }

    @Test
    void dependingOnAClusterSingleton_isRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("warden.yaml"), """
                storage:
                  url: jdbc:postgresql://127.0.0.1:5432/test?user=postgres
                services:
                  jobs:
                    command: [sleep, '60']
                    singleton: cluster
                  web:
                    command: [sleep, '60']
                    dependsOn: [jobs]
                """);
        assertThatThrownBy(() -> WardenConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("services.web.dependsOn")
                .hasMessageContaining("'jobs' is a cluster singleton");
    }
}
