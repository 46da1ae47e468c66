package io.warden.supervisor;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A daemon stand-in in its own JVM that appends numbered event lines to {@code STATE_DIR/events.log}
 * (rotated at {@code MAX_BYTES}, keeping {@code KEEP}) as fast as it can, and prints each number
 * once its append returned, until it is killed.
 */
public final class EventWriterFixture {

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        EventLogSettings settings = new EventLogSettings(io.warden.config.DataSize.parse(args[1]),
                Integer.parseInt(args[2]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (EventFile file = new EventFile(stateDir.resolve("events.log"), settings)) {
            for (long i = 0; ; i++) {
                // Lines of varying length, some longer than a page, so a kill can land inside a write.
                String padding = "x".repeat((int) (i * 37 % 6000));
                file.append(("{\"n\":" + i + ",\"pad\":\"" + padding + "\"}\n").getBytes(StandardCharsets.UTF_8));
                out.println(i);
            }
        }
    }
}
