package io.warden.cli;

import io.warden.lock.AlreadyRunningException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warden}: the entry point. Translates the domain's exceptions into exit codes once, here. */
@Command(name = "warden", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs your services exactly once, supervises them, and governs their changes.",
        subcommands = {RunCommand.class, UpCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        // One line per message for what the JDK's own logging prints (the lock's notices in `run`).
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "warden: %5$s%6$s%n");
        }
        System.exit(execute(args));
    }

    static int execute(String... args) {
        // `run` is on the start path of the programs it wraps: build only its own command model.
        if (args.length > 0 && args[0].equals("run")) {
            CommandLine run = configure(new CommandLine(new RunCommand()).setCommandName("warden run"));
            run.setStopAtPositional(true);
            return run.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        CommandLine commandLine = configure(new CommandLine(new Main()));
        // Everything after the command's name belongs to it: warden run --name x python -u main.py
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        return commandLine.execute(args);
    }

    private static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setExecutionExceptionHandler(Main::onFailure)
                .setExitCodeExceptionMapper(Main::exitCodeOf)
                .setUsageHelpAutoWidth(true);
    }

    private static int onFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        commandLine.getErr().println("warden: " + e.getMessage());
        commandLine.getErr().flush();
        return exitCodeOf(e);
    }

    private static int exitCodeOf(Throwable e) {
        if (e instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        return e instanceof AlreadyRunningException ? ExitCodes.ALREADY_RUNNING : ExitCodes.FAILURE;
    }
}
