package io.warden.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Text that does not parse, said as the file, line and column of the problem, what was expected
 * there, and where the bracket or block being read was opened: the parser's own message ("while
 * parsing a flow sequence") names neither the file nor what to fix.
 */
final class SyntaxErrors {

    private SyntaxErrors() {
    }

    /** The syntax error inside {@code e} (a binding failure may wrap one), or {@code null}. */
    static JsonProcessingException find(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return parse;
            }
        }
        return null;
    }

    static ConfigException of(String source, JsonProcessingException e) {
        MarkedYAMLException yaml = yamlCause(e);
        if (yaml != null && yaml.getProblemMark() != null) {
            Mark at = yaml.getProblemMark();
            String opened = opened(yaml.getContext(), yaml.getContextMark());
            return new ConfigException(source, at.getLine() + 1, at.getColumn() + 1, "",
                    "syntax error: " + plain(yaml.getProblem()) + opened);
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(0, location.getLineNr());
        int column = location == null ? 0 : Math.max(0, location.getColumnNr());
        return new ConfigException(source, line, column, "", "syntax error: " + firstLine(e.getOriginalMessage()));
    }

    private static MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    /** Where the structure being read began, in words, or nothing when the parser gives no context. */
    private static String opened(String context, Mark mark) {
        if (context == null || mark == null) {
            return "";
        }
        String what = switch (context.replaceFirst("^while (parsing|scanning) ", "")) {
            case "a flow sequence" -> "the list opened with '['";
            case "a flow mapping" -> "the map opened with '{'";
            case "a block mapping" -> "the keys that start";
            case "a block collection", "a block sequence" -> "the list that starts";
            case "a quoted scalar" -> "the quoted text that starts";
            case "a simple key" -> "the key that starts";
            default -> context;
        };
        return ", in " + what + " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String plain(String problem) {
        if (problem == null) {
            return "invalid text";
        }
        return problem.replaceFirst("(but (got|found)) ([^<'\\s]+)$", "$1 '$3'")
                .replaceAll("'?<stream end>'?|unexpected end of stream", "the end of the file")
                .replaceAll("'?<block end>'?", "a line indented less")
                .replaceAll("'?<block mapping start>'?", "a new block of keys");
    }

    static String firstLine(String text) {
        if (text == null) {
            return "invalid value";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
