package io.warden.supervisor.logs;

import java.util.Objects;

/**
 * A position in a service's log that survives rotation: the identity of a log file (device and
 * inode on Unix, creation time where there is no inode) and a byte offset in it, always at the
 * start of a line. Rotation renames files and never rewrites them, so a follower holding a cursor
 * reads on after it whichever name the file has by then.
 *
 * <p>Its text form ({@link #token}, {@link #parse}) is URL-safe: {@code IDENTITY.OFFSET}.
 *
 * @param file   the file's identity; empty for "the oldest file there is, from its start"
 * @param offset bytes into that file
 */
public record LogCursor(String file, long offset) {

    /** Before the first line of the oldest log file kept. */
    public static final LogCursor BEGINNING = new LogCursor("", 0);

    public LogCursor {
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        for (int i = 0; i < file.length(); i++) {
            char c = file.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
                throw new IllegalArgumentException("a log file identity has letters, digits and '-' only, was " + file);
            }
        }
    }

    /** The cursor as text, for a client to hand back. */
    public String token() {
        return file + "." + offset;
    }

    /**
     * Reads a {@link #token}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static LogCursor parse(String token) {
        int dot = token.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("a log cursor is IDENTITY.OFFSET as a follow sent it, was '" + token + "'");
        }
        try {
            return new LogCursor(token.substring(0, dot), Long.parseLong(token.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the offset of log cursor '" + token + "' is not a number");
        }
    }
}
