package io.warden.supervisor.logs;

import java.util.List;
import java.util.Objects;

/**
 * Lines read from a service's log after a {@link LogCursor}, and the cursor after them.
 *
 * @param lines whole lines, oldest first; empty when nothing new was written
 * @param next  where the next read starts
 * @param gap   true when lines between the cursor asked for and these were rotated away (the
 *              reader fell more than the kept files behind) and so are missing
 */
public record LogChunk(List<LogLine> lines, LogCursor next, boolean gap) {

    public LogChunk {
        lines = List.copyOf(lines);
        Objects.requireNonNull(next, "next");
    }
}
