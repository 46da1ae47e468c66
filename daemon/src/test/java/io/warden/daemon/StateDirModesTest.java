package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a running daemon leaves in its state dir is for its user alone: no file other users can
 * read (the seed made warden.db, the logs and events.log 0644), no directory they can list.
 */
class StateDirModesTest {

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config("""
            services:
              talker:
                command: [python3, -u, -c, "import time\\nprint('hello', flush=True)\\ntime.sleep(3600)"]
            """);

    @Test
    void everyStateFile_is0600_andEveryStateDir_0700() throws Exception {
        Path state = daemon.dir().resolve(".warden");
        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.supervisor().logFiles().tail("talker", 5).stream()
                .anyMatch(line -> line.text().contains("hello")));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                        + "/api/v1/assessments")).header("Authorization", "Bearer " + daemon.adminToken()).build(),
                HttpResponse.BodyHandlers.discarding()); // the first use opens warden.db
        List<Path> all;
        try (Stream<Path> files = Files.walk(state)) {
            all = files.toList();
        }
        assertThat(all).extracting(path -> state.relativize(path).toString())
                .contains("warden.db", "events.log", "admin.token", "warden.lock", "logs/talker.log");
        for (Path path : all) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            assertThat(mode).as(state.relativize(path).toString()).isEqualTo(Files.isDirectory(path) ? "rwx------"
                    : "rw-------");
        }
    }
}
