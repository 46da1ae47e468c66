package io.warden.cli;

/** A command failed for a reason the user can act on; the message says what and how. Exit code 1 unless stated. */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(String message) {
        this(message, ExitCodes.FAILURE);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
