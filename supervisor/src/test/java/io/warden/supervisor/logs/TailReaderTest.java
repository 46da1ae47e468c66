package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, int from, int to) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = from; i < to; i++) {
                w.write("2025-11-21T22:52:00.123Z " + (i % 2 == 0 ? "out" : "err") + " line " + i + "\n");
            }
        }
        return file;
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }

    @Test
    void tail_acrossRotatedFiles_returnsTheNewestLinesOldestFirst() throws IOException {
        Path older = write("a.log.1", 0, 10);
        Path newest = write("a.log", 10, 13);

        List<LogLine> lines = new TailReader().tail(List.of(newest, older), 5);

        assertThat(texts(lines)).containsExactly("line 8", "line 9", "line 10", "line 11", "line 12");
        assertThat(lines.get(0).stream()).isEqualTo("out");
        assertThat(lines.get(1).stream()).isEqualTo("err");
    }

    @Test
    void tail_moreThanThereIs_returnsEverything() throws IOException {
        Path newest = write("a.log", 0, 3);

        assertThat(texts(new TailReader().tail(List.of(newest, dir.resolve("missing")), 10)))
                .containsExactly("line 0", "line 1", "line 2");
    }

    @Test
    void tail_ofALargeFile_readsOnlyItsEnd() throws IOException {
        Path big = write("a.log", 0, 200_000); // about 8 MB

        TailReader reader = new TailReader();
        List<LogLine> lines = reader.tail(List.of(big), 100);

        assertThat(texts(lines)).endsWith("line 199999").hasSize(100);
        assertThat(reader.bytesRead()).isLessThanOrEqualTo(64 * 1024);
        assertThat(Files.size(big)).isGreaterThan(7_000_000);
    }

    @Test
    void tail_linesLongerThanABlock_areReadWhole() throws IOException {
        Path file = dir.resolve("a.log");
        String longText = "y".repeat(150_000);
        Files.writeString(file, "2025-11-21T22:52:00.123Z out first\n2025-11-21T22:52:00.124Z out+ " + longText
                + "\n2025-11-21T22:52:00.125Z out last\n");

        assertThat(texts(new TailReader().tail(List.of(file), 3))).containsExactly("first", longText, "last");
    }
}
