package io.warden.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Any bytes as a PID file (a crash mid-write, another program's file, a planted one): the reader
 * gives a record or "corrupt" with a one-line printable reason, never an exception; a record it
 * accepts is written back and read again unchanged. In every build this runs the committed inputs
 * under {@code PidFileFuzzTestInputs/anyFile} (regression mode); with {@code JAZZER_FUZZ=1} it
 * fuzzes, and a crash's input lands there as a new regression case.
 */
class PidFileFuzzTest {

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
        PidFile file = new PidFile(Files.write(dir.resolve("fuzz.pid"), data));
        switch (file.read()) {
            case PidFile.Content.Valid valid -> {
                file.write(valid.record());
                assertEquals(new PidFile.Content.Valid(valid.record()), file.read(), "written back and read again");
            }
            case PidFile.Content.Corrupt corrupt -> assertFalse(corrupt.reason().chars().anyMatch(c -> c < 0x20),
                    () -> "the reason is shown on one line, yet holds a control character: " + corrupt.reason());
            case PidFile.Content.Absent absent -> throw new AssertionError("the file is there, yet read as absent");
        }
    }
}
