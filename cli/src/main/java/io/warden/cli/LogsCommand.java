package io.warden.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code warden logs NAME [-n N] [-f]}: the service's log, like {@code tail [-f]}. */
final class LogsCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("logs", "NAME [-n N] [-f] [OPTIONS]",
            """
            Prints the last lines of a service's log (stdout and stderr, timestamped and marked).
            With -f, keeps printing new lines until interrupted.
            Example: warden logs backend -n 50 -f""",
            ClientOptions.with(Option.value("--lines", "N", "How many lines.").alias("-n").defaultsTo("100"),
                    Option.flag("--follow", "Keep printing new lines.").alias("-f")),
            "NAME", 1, false);

    /** How long -f tries to reach a daemon that went away (restarted, perhaps on another port). */
    private static final Duration RECONNECT_PATIENCE = Duration.ofSeconds(30);
    private static final long RECONNECT_PAUSE_MILLIS = 500;

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String name = args.positionals().getFirst();
        int lines = args.integer("--lines", 0, 10_000).orElse(100);
        DaemonClient client = ClientOptions.connect(args);
        if (!args.flag("--follow")) {
            DaemonClient.Response response = client.getText("/api/v1/services/" + name + "/logs?tail=" + lines);
            Responses.check(response);
            out.print(response.body());
            out.flush();
            return ExitCodes.OK;
        }
        return follow(args, client, name, lines, out, err);
    }

    /**
     * One long response the daemon writes as the service prints (read from the log by cursor, so
     * nothing is dropped or repeated however fast it prints); when the connection breaks (the
     * daemon restarted), a new one resumes at the last cursor received. Lines are printed when
     * the cursor after them arrives, so a resumed follow repeats none.
     */
    private static int follow(Args args, DaemonClient client, String name, int lines, PrintStream out,
                              PrintStream err) throws InterruptedException {
        FollowedLines followed = new FollowedLines(out, err);
        String base = "/api/v1/services/" + name + "/logs?follow=true&cursors=true&";
        DaemonClient daemon = client;
        while (true) {
            try {
                String from = followed.cursor() == null ? "tail=" + lines
                        : "after=" + URLEncoder.encode(followed.cursor(), StandardCharsets.UTF_8);
                followed.newResponse();
                Responses.check(daemon.stream(base + from, followed::accept));
            } catch (CliException e) {
                // Before the first cursor nothing was followed yet: a daemon not there is an error.
                if (followed.cursor() == null || System.nanoTime() - followed.lastCursorAt() > RECONNECT_PATIENCE.toNanos()) {
                    throw e;
                }
            }
            Thread.sleep(RECONNECT_PAUSE_MILLIS);
            try {
                // Connect afresh: a daemon restarted meanwhile may listen on another port.
                daemon = ClientOptions.connect(args);
            } catch (CliException e) {
                if (System.nanoTime() - followed.lastCursorAt() > RECONNECT_PATIENCE.toNanos()) {
                    throw e;
                }
            }
        }
    }

    /** Splits the followed response into lines: log lines, printed at the next {@code #cursor}, and notes. */
    static final class FollowedLines {
        private final PrintStream out;
        private final PrintStream err;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private String cursor;
        private long lastCursorAt;

        FollowedLines(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        String cursor() {
            return cursor;
        }

        /** Forgets what came after the last cursor: a resumed response sends it again. */
        void newResponse() {
            partial.reset();
            pending.reset();
        }

        /** {@link System#nanoTime} when the last cursor came (the daemon sends one every 10 s when idle). */
        long lastCursorAt() {
            return lastCursorAt;
        }

        void accept(byte[] chunk) {
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] == '\n') {
                    partial.write(chunk, start, i + 1 - start);
                    line(partial.toByteArray());
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(chunk, start, chunk.length - start);
        }

        private void line(byte[] line) {
            if (line.length == 0 || line[0] != '#') {
                pending.writeBytes(line);
                return;
            }
            String note = new String(line, StandardCharsets.UTF_8).strip();
            if (note.startsWith("#cursor ")) {
                cursor = note.substring("#cursor ".length());
                lastCursorAt = System.nanoTime();
                out.write(pending.toByteArray(), 0, pending.size());
                out.flush();
                pending.reset();
            } else if (note.startsWith("#gap ")) {
                err.println("warden: " + note.substring("#gap ".length()));
            }
        }
    }
}
