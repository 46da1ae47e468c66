package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a log forwards by cursor, across rotations done by rename as {@link RotatingLog} does. */
class LogReaderTest {

    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("svc.log");
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(log()));
        for (int i = 1; Files.exists(dir.resolve("svc.log." + i)); i++) {
            files.add(dir.resolve("svc.log." + i));
        }
        return files;
    }

    private void append(String text) throws IOException {
        Files.writeString(log(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String line(String text) {
        return "2026-12-07T20:00:00.000Z out " + text + "\n";
    }

    private void rotate() throws IOException {
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 1; i--) {
            Files.move(files.get(i), dir.resolve("svc.log." + (i + 1)));
        }
        Files.move(log(), dir.resolve("svc.log.1"));
        Files.createFile(log());
    }

    private static List<String> texts(LogChunk chunk) {
        return chunk.lines().stream().map(LogLine::text).toList();
    }

    @Test
    void readsOnAfterTheTail_acrossRotations_withoutRepeatsOrLosses_andLeavesAHalfWrittenLine() throws IOException {
        append(line("a") + line("b"));
        LogReader.Tail tail = LogReader.tail(files(), 1);
        assertThat(tail.lines()).extracting(LogLine::text).containsExactly("b");

        append(line("c"));
        rotate();
        append(line("d"));
        rotate();
        append(line("e") + "2026-12-07T20:00:00.000Z out hal");

        List<String> read = new ArrayList<>();
        LogCursor at = tail.next();
        for (int i = 0; i < 10; i++) {
            LogChunk chunk = LogReader.read(files(), at, 0);
            assertThat(chunk.gap()).isFalse();
            read.addAll(texts(chunk));
            at = chunk.next();
        }
        assertThat(read).containsExactly("c", "d", "e");

        append("f\n");
        assertThat(texts(LogReader.read(files(), at, 0))).containsExactly("half");
        assertThat(LogCursor.parse(at.token())).isEqualTo(at);
    }

    @Test
    void aCursorWhoseFileWasRotatedAway_saysGap_andGoesOnFromTheOldestFileKept() throws IOException {
        append(line("a"));
        LogCursor start = LogReader.tail(files(), 0).next();
        append(line("b"));
        rotate();
        Files.delete(dir.resolve("svc.log.1")); // keep 0: the rotated file is gone unread
        append(line("c"));

        LogChunk chunk = LogReader.read(files(), start, 0);
        assertThat(chunk.gap()).isTrue();
        assertThat(texts(chunk)).containsExactly("c");
    }
}
