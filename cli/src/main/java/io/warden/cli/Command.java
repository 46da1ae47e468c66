package io.warden.cli;

import java.io.PrintStream;

/** A {@code warden} subcommand: its spec and what it does with parsed arguments. */
interface Command {

    CommandSpec spec();

    /** Runs the command; returns the exit code. */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
