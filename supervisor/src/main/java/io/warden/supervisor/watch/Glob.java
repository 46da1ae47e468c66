package io.warden.supervisor.watch;

import java.util.regex.Pattern;

/**
 * A glob over slash-separated relative paths, with gitignore's meaning of the wildcards:
 * {@code *} and {@code ?} stay within one folder, {@code **} crosses folders, {@code [abc]} is a
 * character class. Written here rather than taken from {@link java.nio.file.FileSystem#getPathMatcher}
 * so that the same pattern means the same thing on Windows, where paths use backslashes.
 */
final class Glob {

    private final Pattern pattern;

    private Glob(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Whether {@code text} has a wildcard, so is a pattern rather than a plain path. */
    static boolean isPattern(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    }

    static Glob of(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean folder = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                // "**/" also matches no folder at all: src/**/x.py matches src/x.py.
                regex.append(folder ? "(?:.*/)?" : ".*");
                i += folder ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    String body = glob.substring(i + 1, end);
                    regex.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                    i = end;
                }
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(Pattern.compile(regex.toString()));
    }

    boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
