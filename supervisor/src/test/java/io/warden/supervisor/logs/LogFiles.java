package io.warden.supervisor.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a service's log files as stored, for assertions. */
final class LogFiles {

    private LogFiles() {
    }

    /** The files of the log, oldest first: NAME.log.N .. NAME.log.1, NAME.log. */
    static List<Path> oldestFirst(Path stateDir, String service) {
        LogPaths paths = new LogPaths(stateDir, service);
        List<Path> files = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            if (Files.exists(paths.rotated(i))) {
                files.add(paths.rotated(i));
            }
        }
        if (Files.exists(paths.log())) {
            files.add(paths.log());
        }
        return files;
    }

    /** Every stored line of the log, oldest first. */
    static List<String> lines(Path stateDir, String service) {
        List<String> lines = new ArrayList<>();
        for (Path file : oldestFirst(stateDir, service)) {
            try {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** The numbers of "tick N" lines, in stored order. */
    static List<Long> ticks(Path stateDir, String service) {
        return lines(stateDir, service).stream()
                .flatMap(l -> l.matches(".{24} out tick \\d+") ? Stream.of(Long.parseLong(l.substring(34))) : Stream.empty())
                .toList();
    }

    /** The spool file a child of this generation writes its stdout to. */
    static Path spool(Path stateDir, String service, long generation) {
        return new LogPaths(stateDir, service).spool(generation, StdStream.OUT);
    }
}
