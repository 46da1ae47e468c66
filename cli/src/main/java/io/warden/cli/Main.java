package io.warden.cli;

import io.warden.config.ConfigException;
import io.warden.lock.AlreadyRunningException;
import io.warden.lock.LockException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code warden}: the entry point. Dispatches to a command and translates the domain's exceptions
 * into exit codes once, here.
 */
public final class Main {

    /** Commands by name, created only when chosen so that a short command loads few classes. */
    private static final Map<String, Supplier<Command>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("up", UpCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("start", ControlCommand::start);
        COMMANDS.put("stop", ControlCommand::stop);
        COMMANDS.put("restart", ControlCommand::restart);
        COMMANDS.put("hosts", HostsCommand::new);
        COMMANDS.put("logs", LogsCommand::new);
        COMMANDS.put("doctor", () -> new DoctorCommand(System.in));
        COMMANDS.put("risk", RiskCommand::new);
        COMMANDS.put("alerts", AlertsCommand::new);
        COMMANDS.put("silence", SilenceCommand::new);
        COMMANDS.put("service", ServiceCommand::new);
        COMMANDS.put("deploy", DeployCommand::new);
        COMMANDS.put("rollback", RollbackCommand::new);
        COMMANDS.put("apply", ApplyCommand::new);
    }

    /** The width {@code warden --help} fits its lines in. */
    static final int HELP_WIDTH = 100;

    private Main() {
    }

    public static void main(String[] args) {
        // One line per message for what the JDK's own logging prints (the lock's notices in `run`).
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "warden: %5$s%6$s%n");
        }
        System.exit(execute(System.out, System.err, args));
    }

    static int execute(PrintStream out, PrintStream err, String... args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            if (args.length > 1 && COMMANDS.containsKey(args[1])) {
                out.print(COMMANDS.get(args[1]).get().spec().usage());
            } else {
                out.print(usage());
            }
            return args.length == 0 ? ExitCodes.USAGE : ExitCodes.OK;
        }
        if (args[0].equals("-V") || args[0].equals("--version")) {
            out.println("warden " + Version.current());
            return ExitCodes.OK;
        }
        Supplier<Command> factory = COMMANDS.get(args[0]);
        if (factory == null) {
            err.println("warden: unknown command '" + args[0] + "'. Commands: " + String.join(", ", COMMANDS.keySet())
                    + ". See: warden --help");
            return ExitCodes.USAGE;
        }
        Command command = factory.get();
        try {
            Args parsed = Args.parse(command.spec(), Arrays.asList(args).subList(1, args.length));
            if (parsed.helpRequested()) {
                out.print(command.spec().usage());
                return ExitCodes.OK;
            }
            return command.run(parsed, out, err);
        } catch (UsageException e) {
            err.println("warden " + command.spec().name() + ": " + e.getMessage());
            err.println("Usage: warden " + command.spec().name() + " " + command.spec().synopsis()
                    + "  (warden " + command.spec().name() + " --help for more)");
            return ExitCodes.USAGE;
        } catch (CliException e) {
            err.println("warden: " + e.getMessage());
            return e.exitCode();
        } catch (AlreadyRunningException e) {
            err.println("warden: " + e.getMessage());
            return ExitCodes.ALREADY_RUNNING;
        } catch (LockException | ConfigException e) {
            err.println("warden: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (Exception e) {
            err.println("warden: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCodes.FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: warden COMMAND [OPTIONS]

                Runs your services exactly once, supervises them, and governs their changes.

                Commands:
                """);
        for (Supplier<Command> factory : COMMANDS.values()) {
            CommandSpec spec = factory.get().spec();
            text.append(String.format("  %-10s %s%n", spec.name(), wrap(spec.summary(), HELP_WIDTH - 13, 13)));
        }
        return text.append("""

                Options: -h, --help (also after a command), -V, --version
                Exit codes: 0 ok, 1 failure, 2 usage error, 3 already running, 4 refused by policy.
                """).toString();
    }

    /** {@code text} in lines of at most {@code width} characters, the later ones indented by {@code indent}. */
    static String wrap(String text, int width, int indent) {
        StringBuilder wrapped = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" ")) {
            if (wrapped.length() > lineStart && wrapped.length() - lineStart + 1 + word.length() > width) {
                wrapped.append('\n').append(" ".repeat(indent));
                lineStart = wrapped.length();
            } else if (wrapped.length() > lineStart) {
                wrapped.append(' ');
            }
            wrapped.append(word);
        }
        return wrapped.toString();
    }

    /** The spec of a command, null for an unknown name. */
    static CommandSpec spec(String name) {
        Supplier<Command> factory = COMMANDS.get(name);
        return factory == null ? null : factory.get().spec();
    }

    static List<String> commandNames() {
        return List.copyOf(COMMANDS.keySet());
    }
}
