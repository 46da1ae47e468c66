package io.warden.cli;

/** The command line's exit codes, one meaning each. */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int ALREADY_RUNNING = 3;
    static final int REFUSED_BY_POLICY = 4;
    /** As in shells: the command to run was not found or could not be executed. */
    static final int CANNOT_EXECUTE = 127;

    private ExitCodes() {
    }
}
