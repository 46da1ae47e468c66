package io.warden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.warden.config.ConfigMapper;
import io.warden.daemon.WardenConfig;
import io.warden.supervisor.doctor.Diagnosis;
import io.warden.supervisor.doctor.Doctor;
import io.warden.supervisor.doctor.FixReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code warden doctor}: what runs outside supervision, what a previous run left behind, who owns
 * a port, stale PID files, failed services; {@code --fix} stops the listed processes and nothing
 * else. Needs no daemon: reads warden.yaml and the state directory itself.
 */
final class DoctorCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("doctor",
            "[--json] [--fix] [--yes] [--port N] [--config FILE] [--state-dir DIR]",
            """
            Finds what runs outside supervision, what a previous run left behind, and who owns ports.
            That is: copies of your services' commands running outside supervision (duplicates),
            processes a previous run left behind (orphans), who owns each service's port, stale
            or corrupt PID files, and failed services. Exit code 0 when clean, 1 otherwise.
            --fix stops the listed duplicates and orphans (whole tree: SIGTERM, SIGKILL after the
            service's stop timeout), each only while its PID and start time still match, after
            asking; nothing it did not list is touched. Lock files are never deleted.
            Example: warden doctor --fix     warden doctor --port 54112     (docs/doctor.md)""",
            List.of(Option.flag("--json", "Print the report as JSON (schema in docs/doctor.md)."),
                    Option.flag("--fix", "Stop the listed duplicates and orphans, clear stale PID files."),
                    Option.flag("--yes", "With --fix: do not ask for confirmation.").alias("-y"),
                    Option.value("--port", "N", "Who owns port N (PID, command, supervised or not); "
                            + "exit 1 when a process outside Warden holds it."),
                    Option.value("--config", "FILE", "The config file (default: ./warden.yaml when it exists).")
                            .alias("-c"),
                    Option.value("--state-dir", "DIR", "The state directory (default: .warden beside the config).")),
            null, 0, false);

    private final InputStream stdin;

    DoctorCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        EarlyScan scan = EarlyScan.start();
        Path file = args.path("--config").orElse(Files.exists(Path.of("warden.yaml")) ? Path.of("warden.yaml") : null);
        WardenConfig config = file == null ? WardenConfig.defaults() : WardenConfig.load(file);
        Integer port = args.integer("--port", 1, 65_535).orElse(null);
        boolean json = args.flag("--json");
        boolean fix = args.flag("--fix");
        if (args.flag("--yes") && !fix) {
            throw new UsageException(SPEC, "--yes confirms --fix; add --fix, or drop --yes");
        }
        ObjectMapper mapper = ConfigMapper.create().jsonMapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        Path baseDir = file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        Doctor doctor = Doctor.builder(config.services(), StateDirs.forDaemon(args.path("--state-dir").orElse(null), file))
                .baseDir(baseDir).scanner(scan).json(mapper).holder("warden doctor --fix", Version.current()).build();

        Diagnosis diagnosis = doctor.diagnose(port);
        if (!fix) {
            if (json) {
                out.println(mapper.writeValueAsString(diagnosis));
            } else {
                DoctorText.print(diagnosis, out);
            }
            return exitCode(diagnosis, port);
        }
        if (!json) {
            DoctorText.print(diagnosis, out);
        }
        int listed = diagnosis.listed().size();
        int files = diagnosis.files().size();
        if (listed + files == 0) {
            if (json) {
                out.println(mapper.writeValueAsString(new FixReport(FixReport.SCHEMA, diagnosis, List.of(), diagnosis)));
            } else if (!diagnosis.clean()) {
                out.println("Nothing --fix may act on: the problems above need you (see docs/doctor.md).");
            }
            return exitCode(diagnosis, port);
        }
        if (!args.flag("--yes") && !confirm(err, listed, files)) {
            err.println("warden doctor: not fixed (no confirmation). Run again with --fix --yes to skip the question.");
            return ExitCodes.FAILURE;
        }
        FixReport report = doctor.fix(diagnosis);
        if (json) {
            out.println(mapper.writeValueAsString(report));
        } else {
            DoctorText.printFix(report, out);
        }
        return exitCode(report.after(), port);
    }

    private static int exitCode(Diagnosis diagnosis, Integer port) {
        if (port != null) {
            return diagnosis.port().outsideWarden() ? ExitCodes.FAILURE : ExitCodes.OK;
        }
        return diagnosis.clean() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** Asks on stderr (stdout may be JSON); no answer, or end of input, means no. */
    private boolean confirm(PrintStream err, int processes, int files) throws IOException {
        err.print("Stop " + processes + " listed process tree(s) and clear " + files + " PID file(s)? [y/N] ");
        err.flush();
        String answer = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        String word = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}
