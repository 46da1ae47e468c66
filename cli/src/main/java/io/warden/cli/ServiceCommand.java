package io.warden.cli;

import io.warden.daemon.WardenConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code warden service install|uninstall}: the daemon as a system service (a systemd unit, or a
 * WinSW definition with {@code --windows}). Writes files and prints the next commands; runs
 * {@code systemctl} only with {@code --apply}, printing each command first.
 */
final class ServiceCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("service",
            "install|uninstall [--apply] [--config FILE] [--user USER] [OPTIONS]",
            """
            Installs or removes the daemon as a system service (systemd; WinSW with --windows).
            install writes /etc/systemd/system/NAME.service (hardened: NoNewPrivileges, ProtectSystem=strict
            with the config's folder writable, PrivateTmp; KillMode=process so Warden stops its services
            in order) and prints the next commands; --apply runs them: systemctl daemon-reload, then
            systemctl enable --now NAME. uninstall removes the unit (--apply disables and stops it first).
            Example: sudo ./warden service install --config /srv/app/warden.yaml --user app --apply
            (docs/service.md)""",
            List.of(Option.flag("--apply", "Run the systemctl commands instead of only printing them."),
                    Option.value("--config", "FILE", "The daemon's config file (default: ./warden.yaml).").alias("-c"),
                    Option.value("--user", "USER", "The account the daemon runs as (default: root, or the "
                            + "current user when not root)."),
                    Option.value("--name", "NAME", "The unit's name.").defaultsTo("warden"),
                    Option.value("--writable", "PATHS", "More comma-separated paths the services write, "
                            + "beyond the config's folder and their working directories."),
                    Option.value("--unit-dir", "DIR", "Where the unit goes.").defaultsTo("/etc/systemd/system"),
                    Option.flag("--windows", "Write a WinSW service XML (in the config's folder, or --unit-dir "
                            + "when given) and print the steps to register it.")),
            "ACTION", 1, false);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1) {
            throw new UsageException(SPEC, "expected one action, install or uninstall, got " + args.positionals());
        }
        String name = args.value("--name").orElseThrow();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new UsageException(SPEC, "--name must be letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        return switch (args.positionals().getFirst()) {
            case "install" -> args.flag("--windows") ? installWindows(args, name, out) : install(args, name, out);
            case "uninstall" -> uninstall(args, name, out);
            default -> throw new UsageException(SPEC, "unknown action '" + args.positionals().getFirst()
                    + "'; use install or uninstall");
        };
    }

    private int install(Args args, String name, PrintStream out) throws IOException, InterruptedException {
        Path config = ServiceInstall.config(args.path("--config").orElse(null));
        WardenConfig settings = WardenConfig.load(config);
        Path launcher = ServiceInstall.launcher();
        List<Path> extra = args.value("--writable").map(text -> Arrays.stream(text.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList()).orElse(List.of());
        String user = args.value("--user").orElse(isRoot() ? null : System.getProperty("user.name"));
        SystemdUnit unit = new SystemdUnit(name, launcher, config, user, Path.of(System.getProperty("java.home")),
                ServiceInstall.readWritePaths(config, settings, extra, launcher),
                ServiceInstall.longestStop(settings.services()));
        Path file = write(Path.of(args.value("--unit-dir").orElseThrow()), name + ".service", unit.text());
        out.println("wrote " + file + " (runs " + launcher + " up --config " + config
                + (user == null ? " as root" : " as " + user) + ")");
        List<List<String>> next = List.of(List.of("systemctl", "daemon-reload"),
                List.of("systemctl", "enable", "--now", name + ".service"));
        if (!args.flag("--apply")) {
            out.println("Next (or run this again with --apply):");
            next.forEach(command -> out.println("  sudo " + String.join(" ", command)));
            out.println("Then: systemctl status " + name + "; its log: journalctl -u " + name + " -f");
            return ExitCodes.OK;
        }
        for (List<String> command : next) {
            run(command, out);
        }
        out.println("enabled and started " + name + ".service; systemctl status " + name);
        return ExitCodes.OK;
    }

    private int installWindows(Args args, String name, PrintStream out) throws IOException {
        Path config = ServiceInstall.config(args.path("--config").orElse(null));
        WardenConfig settings = WardenConfig.load(config);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java.exe");
        WinswService service = new WinswService(name, java, ServiceInstall.jar(), config,
                ServiceInstall.longestStop(settings.services()).plus(SystemdUnit.STOP_MARGIN).toSeconds());
        Path dir = args.path("--unit-dir").filter(p -> !p.toString().equals("/etc/systemd/system"))
                .orElse(config.getParent());
        Path file = write(dir, name + ".xml", service.xml());
        out.println("wrote " + file);
        out.print(service.steps(file.getParent()));
        return ExitCodes.OK;
    }

    private int uninstall(Args args, String name, PrintStream out) throws IOException, InterruptedException {
        Path file = Path.of(args.value("--unit-dir").orElseThrow()).resolve(name + ".service");
        if (!Files.exists(file)) {
            throw new CliException("no unit at " + file + "; nothing to remove (another --name or --unit-dir?)");
        }
        if (args.flag("--apply")) {
            run(List.of("systemctl", "disable", "--now", name + ".service"), out);
        }
        try {
            Files.delete(file);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot remove " + file + ": permission denied; run it as root: sudo "
                    + ServiceInstall.launcher() + " service uninstall" + (args.flag("--apply") ? " --apply" : ""));
        }
        out.println("removed " + file);
        if (args.flag("--apply")) {
            run(List.of("systemctl", "daemon-reload"), out);
        } else {
            out.println("Next (or run this again with --apply to do both first):");
            out.println("  sudo systemctl disable --now " + name + ".service   (if it was enabled)");
            out.println("  sudo systemctl daemon-reload");
        }
        return ExitCodes.OK;
    }

    private static Path write(Path dir, String fileName, String text) throws IOException {
        Path file = dir.toAbsolutePath().resolve(fileName);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot write " + file + ": permission denied; run it as root (sudo), "
                    + "or write it elsewhere with --unit-dir DIR");
        }
        return file;
    }

    /** Prints and runs one command; a failure ends the command with its output. */
    private static void run(List<String> command, PrintStream out) throws IOException, InterruptedException {
        out.println("+ " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        if (!output.isEmpty()) {
            out.println(output);
        }
        if (exit != 0) {
            throw new CliException(String.join(" ", command) + " failed (exit " + exit + ")"
                    + (output.isEmpty() ? "" : ": " + output));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
