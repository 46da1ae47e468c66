package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.config.ConfigException;
import io.warden.supervisor.EventLogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code events:} of warden.yaml: the rotation of events.log, its defaults and refusals. */
class WardenConfigEventsTest {

    @TempDir
    Path dir;

    @Test
    void absentOrPartialSection_takesTheDefaults() throws Exception {
        assertThat(WardenConfig.defaults().events()).isEqualTo(EventLogSettings.DEFAULT);
        assertThat(EventLogSettings.DEFAULT.maxSize().bytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(EventLogSettings.DEFAULT.keep()).isEqualTo(3);
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"), "events: {maxSize: 64KB}\n"));
        assertThat(config.events().maxSize().bytes()).isEqualTo(64 * 1024);
        assertThat(config.events().keep()).isEqualTo(3);
    }

    @Test
    void keepZero_andAnUnknownKey_areRefusedWithFileLineAndKey() throws Exception {
        Path zero = Files.writeString(dir.resolve("zero.yaml"), "server: {port: 0}\nevents: {maxSize: 1MB, keep: 0}\n");
        assertThatThrownBy(() -> WardenConfig.load(zero)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).contains(zero + ":2:", "events", "keep must be 1..1000, was 0"));
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "events:\n  maxSise: 1MB\n");
        assertThatThrownBy(() -> WardenConfig.load(typo)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).contains(typo + ":2:", "events.maxSise", "did you mean 'maxSize'"));
    }
}
