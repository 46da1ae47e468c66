package io.warden.daemon;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.warden.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Any bytes as {@code warden.yaml}: either a config or a {@link ConfigException} naming the file,
 * line and key, never another exception (a stack trace for the user). In every build this runs
 * the committed inputs under {@code WardenYamlFuzzTestInputs/anyFile} (regression mode); with
 * {@code JAZZER_FUZZ=1} it fuzzes, and a crash's input lands there as a new regression case.
 */
class WardenYamlFuzzTest {

    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("warden-fuzz");
    }

    @AfterEach
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void anyFile(byte[] data) throws IOException {
        Path yaml = Files.write(dir.resolve("warden.yaml"), data);
        try {
            WardenConfig.load(yaml);
        } catch (ConfigException refused) {
            // a clear refusal: what the user gets for a bad file
        }
    }
}
