package io.warden.api.governance;

/**
 * Reads the body of almost every approval, {@code {"comment": "ok"}}, without the JSON mapper,
 * whose per-call set-up (parser, context, record creator) costs more than the rest of reading the
 * request. Only that exact shape is read here: one {@code comment} member whose string holds no
 * escape and no control character, JSON whitespace around the tokens. Anything else (escapes,
 * {@code null}, other or repeated members, bad JSON) is left to the mapper, so every answer and
 * refusal stays the mapper's.
 */
final class SimpleComment {

    private static final String KEY = "\"comment\"";

    private SimpleComment() {
    }

    /** The comment of {@code text} when it has the simple shape; {@code null} when the mapper must read it. */
    static String of(String text) {
        int at = skipSpace(text, 0);
        if (!text.startsWith("{", at)) {
            return null;
        }
        at = skipSpace(text, at + 1);
        if (!text.startsWith(KEY, at)) {
            return null;
        }
        at = skipSpace(text, at + KEY.length());
        if (!text.startsWith(":", at)) {
            return null;
        }
        at = skipSpace(text, at + 1);
        if (!text.startsWith("\"", at)) {
            return null;
        }
        int start = at + 1;
        int end = start;
        while (true) {
            if (end >= text.length()) {
                return null;
            }
            char c = text.charAt(end);
            if (c == '"') {
                break;
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
            end++;
        }
        at = skipSpace(text, end + 1);
        if (!text.startsWith("}", at) || skipSpace(text, at + 1) != text.length()) {
            return null;
        }
        return text.substring(start, end);
    }

    /** The index of the first character at or after {@code from} that is not JSON whitespace. */
    private static int skipSpace(String text, int from) {
        int at = from;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            at++;
        }
        return at;
    }
}
