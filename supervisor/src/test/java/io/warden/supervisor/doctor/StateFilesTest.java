package io.warden.supervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's reading of events.log, across a rotation. */
class StateFilesTest {

    @TempDir
    Path stateDir;

    private static String event(String service, String to, String time) {
        return "{\"time\":\"" + time + "\",\"service\":\"" + service + "\",\"from\":\"running\",\"to\":\"" + to
                + "\",\"reason\":\"why\",\"pid\":1,\"exitCode\":1}\n";
    }

    @Test
    void latestEventOfEachService_isFoundInTheRotatedFileWhenTheCurrentOneWasJustStarted() throws Exception {
        Files.writeString(stateDir.resolve("events.log.1"), event("db", "running", "2026-11-22T00:00:00Z")
                + event("db", "failed", "2026-11-22T00:00:01Z") + event("api", "running", "2026-11-22T00:00:02Z"));
        Files.writeString(stateDir.resolve("events.log"), event("api", "exited", "2026-11-22T00:00:03Z"));

        var latest = StateFiles.read(stateDir, new ObjectMapper()).lastEvents();

        assertThat(latest).containsOnlyKeys("db", "api");
        assertThat(latest.get("db").state()).isEqualTo("failed");
        assertThat(latest.get("api").state()).as("the current file is newer").isEqualTo("exited");
    }

    @Test
    void anAlertLine_namingAService_isNotTakenForItsLatestEvent() throws Exception {
        Files.writeString(stateDir.resolve("events.log"), event("db", "failed", "2026-11-22T00:00:00Z")
                + "{\"time\":\"2026-11-22T00:00:01Z\",\"kind\":\"alert\",\"alert\":\"service-failed\","
                + "\"service\":\"db\",\"from\":\"inactive\",\"to\":\"firing\"}\n");

        var latest = StateFiles.read(stateDir, new ObjectMapper()).lastEvents();

        assertThat(latest.get("db").state()).isEqualTo("failed");
    }
}
