package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.config.ConfigException;
import io.warden.deploy.InconclusivePolicy;
import io.warden.deploy.UpdateSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code update:} of warden.yaml: defaults, binding, refusals naming file, line and key. */
class WardenConfigUpdateTest {

    @TempDir
    Path dir;

    @Test
    void absentBlock_isTheDefaults() {
        assertThat(WardenConfig.defaults().update()).isEqualTo(UpdateSettings.DEFAULTS);
    }

    @Test
    void updateBlock_binds() throws Exception {
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"), """
                update:
                  healthyDeadline: 30s
                  minHealthyTime: 5s
                  window: 2m
                  interval: 5s
                  failureLimit: 2
                  consecutiveErrorLimit: 3
                  inconclusive: pause
                  rollbackAlertFor: 30m
                """));
        assertThat(config.update()).isEqualTo(new UpdateSettings(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMinutes(2), Duration.ofSeconds(5), 2, 3, InconclusivePolicy.PAUSE, Duration.ofMinutes(30)));
    }

    @Test
    void unknownKey_andConflictingValues_areRefusedWithFileLineAndKey() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "update:\n  window: 1m\n  failurelimit: 2\n");
        assertThatThrownBy(() -> WardenConfig.load(typo)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(typo + ":3").hasMessageContaining("update.failurelimit");

        Path conflict = Files.writeString(dir.resolve("conflict.yaml"), """
                update:
                  healthyDeadline: 5s
                  minHealthyTime: 5s
                """);
        assertThatThrownBy(() -> WardenConfig.load(conflict)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(conflict.toString())
                .hasMessageContaining("update.minHealthyTime (5000ms) must be at least 0 and below "
                        + "update.healthyDeadline (5000ms)");

        Path policy = Files.writeString(dir.resolve("policy.yaml"), "update:\n  inconclusive: shrug\n");
        assertThatThrownBy(() -> WardenConfig.load(policy)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(policy + ":2").hasMessageContaining("update.inconclusive");
    }
}
