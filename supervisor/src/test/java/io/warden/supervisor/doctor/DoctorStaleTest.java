package io.warden.supervisor.doctor;

import io.warden.supervisor.TestHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.Supervisor;
import io.warden.supervisor.TestHost;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The doctor names a supervised service whose code on disk is newer than its process. */
@EnabledOnOs(OS.LINUX)
class DoctorStaleTest {

    @TempDir
    Path dir;

    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void codeEditedAfterTheStart_isReportedStale_notAsAProblem() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("main.py"), "VERSION = 1\n");
        Map<String, ServiceSpec> specs = Map.of("web", ServiceSpec.of(List.of("sleep", "300")).withWorkdir("app"));
        supervisor = TestHost.supervisor(specs, dir.resolve(".warden")).baseDir(dir).build();
        supervisor.start("web");
        Doctor doctor = Doctor.builder(specs, dir.resolve(".warden")).baseDir(dir).supervisor(supervisor).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> doctor.diagnose().services().getFirst().supervised() != null);
        assertThat(doctor.diagnose().stale()).isEmpty();

        Path edited = Files.writeString(app.resolve("main.py"), "VERSION = 2\n");
        Instant later = Instant.now().plusSeconds(5); // clearly after the start, whatever the clock ticks
        Files.setLastModifiedTime(edited, FileTime.from(later));

        Diagnosis diagnosis = doctor.diagnose();
        assertThat(diagnosis.stale()).singleElement().satisfies(stale -> {
            assertThat(stale.service()).isEqualTo("web");
            assertThat(stale.pid()).isEqualTo(supervisor.service("web").pid());
            assertThat(stale.file()).isEqualTo("main.py");
        });
        assertThat(diagnosis.problems()).isZero();
    }
}
