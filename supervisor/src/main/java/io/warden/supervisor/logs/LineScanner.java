package io.warden.supervisor.logs;

import java.io.IOException;

/**
 * Cuts raw child output into lines. Pure: it works on the bytes it is given and keeps no state.
 *
 * <p>A line ends at {@code \n} (a {@code \r} before it is dropped). A line longer than the cap
 * is cut into pieces of at most {@code cap} bytes, never inside a UTF-8 character, each marked
 * as continued, so memory stays bounded whatever the child prints. Bytes after the last line
 * end are left unconsumed, to be read again with what follows, unless the caller says the
 * output has ended.
 *
 * <p>Stateless, so thread-safe.
 */
final class LineScanner {

    /** Longest piece of a line stored as one log line. */
    static final int CAP = 64 * 1024;

    /** Receives lines in order. */
    interface Sink {
        /**
         * @param from first byte of the line's text
         * @param to end (exclusive) of the text, terminator excluded
         * @param next where the following line starts: everything before it is consumed
         * @param continues whether this is a piece of a longer line that goes on
         */
        void line(byte[] buf, int from, int to, int next, boolean continues) throws IOException;
    }

    private LineScanner() {
    }

    /**
     * Emits every complete line in {@code buf[0, len)}.
     *
     * @param ended the output ended here: a final unterminated line is emitted too
     * @return how many bytes were consumed
     */
    static int scan(byte[] buf, int len, int cap, boolean ended, Sink sink) throws IOException {
        int start = 0;
        while (start < len) {
            int limit = (int) Math.min(len, (long) start + cap + 1);
            int newline = indexOf(buf, start, limit, (byte) '\n');
            if (newline >= 0) {
                int end = newline > start && buf[newline - 1] == '\r' ? newline - 1 : newline;
                sink.line(buf, start, end, newline + 1, false);
                start = newline + 1;
            } else if (len - start > cap) {
                int end = characterBoundary(buf, start, start + cap);
                sink.line(buf, start, end, end, true);
                start = end;
            } else if (ended) {
                sink.line(buf, start, len, len, false);
                start = len;
            } else {
                break;
            }
        }
        return start;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Moves a cut back so that it does not split a UTF-8 sequence (continuation bytes are 10xxxxxx). */
    private static int characterBoundary(byte[] buf, int start, int cut) {
        int end = cut;
        while (end > start && end > cut - 4 && (buf[end] & 0xC0) == 0x80) {
            end--;
        }
        // Not UTF-8 after all (or a run of stray continuation bytes): cut where the cap says.
        return end > start && end > cut - 4 ? end : cut;
    }
}
