package io.warden.api.governance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name an assessment body's refusals are reported under: the file it was read from, when the
 * client says so in {@code Content-Disposition} ({@code warden risk new --from FILE} sends the
 * path it read, RFC 6266's {@code filename*=UTF-8''...}, or a plain {@code filename="..."}), so
 * a mistake reads {@code fix.yaml:28: risks[0].likelyhood: ...} as it would in warden.yaml;
 * {@code request body} otherwise. The name is only a label in a message: never opened.
 */
final class BodySource {

    static final String DEFAULT = "request body";
    private static final int LONGEST = 255;
    private static final Pattern EXTENDED = Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*UTF-8'[^']*'([^;\\s]+)");
    private static final Pattern QUOTED = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TOKEN = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*([^;\\s\"]+)");

    private BodySource() {
    }

    /** The file name in a {@code Content-Disposition} value, or {@link #DEFAULT} when there is none. */
    static String of(String contentDisposition) {
        if (contentDisposition == null) {
            return DEFAULT;
        }
        String name = null;
        Matcher extended = EXTENDED.matcher(contentDisposition);
        if (extended.find()) {
            try {
                name = URLDecoder.decode(extended.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                name = null; // a malformed escape: fall back to the plain parameter
            }
        }
        if (name == null) {
            Matcher quoted = QUOTED.matcher(contentDisposition);
            Matcher token = TOKEN.matcher(contentDisposition);
            name = quoted.find() ? quoted.group(1).replaceAll("\\\\(.)", "$1") : token.find() ? token.group(1) : null;
        }
        // A label in one line of a message: no control characters (a newline would forge another line).
        String label = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
        if (label.isEmpty()) {
            return DEFAULT;
        }
        return label.length() <= LONGEST ? label : "..." + label.substring(label.length() - LONGEST);
    }
}
