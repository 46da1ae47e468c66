package io.warden.cli;

/** A command line that does not fit its command: exit code 2, with the command's usage. */
final class UsageException extends RuntimeException {

    private final transient CommandSpec spec;

    UsageException(CommandSpec spec, String message) {
        super(message);
        this.spec = spec;
    }

    /** The command whose usage to print, or null for the top level. */
    CommandSpec spec() {
        return spec;
    }
}
