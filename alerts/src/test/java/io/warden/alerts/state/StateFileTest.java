package io.warden.alerts.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.AlertState;
import io.warden.alerts.silence.LabelMatcher;
import io.warden.alerts.silence.Silence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void saveThenLoad_keepsAlertsSilencesAndDeliveries_andLeavesNoTemporaryFile() throws Exception {
        StateFile file = new StateFile(dir.resolve("alerts.json"));
        Instance firing = new Instance("00ff", AlertState.FIRING, T0, T0.plusSeconds(30), null, "critical", 0.7, "");
        Silence silence = new Silence("s1", List.of(LabelMatcher.regex("service", "back.*")), T0, T0.plusSeconds(600),
                "alice", "deploy");
        StateFile.Stored stored = new StateFile.Stored(1, List.of(firing), List.of(silence),
                List.of("ops|00ff|" + T0 + "|firing"), List.of(new PostedState(
                        java.util.Map.of("alertname", "DeployRolledBack", "service", "web", "severity", "warning"),
                        java.util.Map.of("summary", "rolled back"), T0.plusSeconds(3600),
                        new Instance("0a0b", AlertState.FIRING, T0, T0, null, "warning", null, ""))));
        file.save(() -> stored);
        assertThat(new StateFile(dir.resolve("alerts.json")).load()).isEqualTo(stored);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("alerts.json");
        }
    }

    @Test
    void load_missingFile_isEmpty_andCorruptFileIsMovedAside() throws Exception {
        StateFile file = new StateFile(dir.resolve("alerts.json"));
        assertThat(file.load().alerts()).isEmpty();
        Files.writeString(dir.resolve("alerts.json"), "{\"version\": 1, \"alerts\": [");
        assertThat(file.load().alerts()).isEmpty();
        assertThat(dir.resolve("alerts.json")).doesNotExist();
        assertThat(dir.resolve("alerts.json.corrupt")).hasContent("{\"version\": 1, \"alerts\": [");
    }
}
