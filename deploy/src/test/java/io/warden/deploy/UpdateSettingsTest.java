package io.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpdateSettingsTest {

    @Test
    void defaults_areNomadAndArgoLike() {
        assertThat(UpdateSettings.DEFAULTS).isEqualTo(new UpdateSettings(Duration.ofMinutes(1),
                Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(10), 3, 4, InconclusivePolicy.FAIL,
                Duration.ofHours(1)));
    }

    @Test
    void conflictingValues_areRefused_namingTheKeys() {
        assertThatThrownBy(() -> new UpdateSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), null, null, null,
                null, null, null)).hasMessage("update.minHealthyTime (5000ms) must be at least 0 and below"
                + " update.healthyDeadline (5000ms): the new version could never be healthy long enough in time");
        assertThatThrownBy(() -> new UpdateSettings(null, null, Duration.ofSeconds(5), Duration.ofSeconds(10), null,
                null, null, null)).hasMessageStartingWith("update.interval (10000ms) is longer than update.window");
        assertThatThrownBy(() -> InconclusivePolicy.parse("skip"))
                .hasMessage("inconclusive 'skip' is not one of fail, pause, ignore");
    }
}
