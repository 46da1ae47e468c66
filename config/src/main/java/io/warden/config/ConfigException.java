package io.warden.config;

/**
 * Configuration or input that cannot be used. The message names the source (file), the line
 * when known, the key path and what is wrong, for example
 * {@code warden.yaml:12: services.backend.restart.policy: 'sometimes' is not one of [no, on-failure, always, unless-stopped]}.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final int line;
    private final int column;
    private final String key;
    private final String problem;

    /**
     * @param source  the file name or another label of the input
     * @param line    the 1-based line, 0 when unknown
     * @param key     the dotted key path, empty for the whole document
     * @param problem what is wrong, and the rule
     */
    public ConfigException(String source, int line, String key, String problem) {
        this(source, line, 0, key, problem);
    }

    /**
     * A problem at a column as well, for syntax errors, where the line alone may hold several
     * brackets.
     *
     * @param column the 1-based column, 0 when unknown
     */
    public ConfigException(String source, int line, int column, String key, String problem) {
        super(format(source, line, column, key, problem));
        this.source = source;
        this.line = line;
        this.column = column;
        this.key = key;
        this.problem = problem;
    }

    /** The file name or label of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, 0 when unknown (known for syntax errors). */
    public int column() {
        return column;
    }

    /** The dotted key path, for example {@code services.backend.port}; empty for the whole document. */
    public String key() {
        return key;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    private static String format(String source, int line, int column, String key, String problem) {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (!key.isEmpty()) {
            text.append(key).append(": ");
        }
        return text.append(problem).toString();
    }
}
