package io.warden.supervisor.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StopSpec;
import io.warden.supervisor.watch.SourceTree;
import io.warden.supervisor.watch.WatchException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code warden doctor}'s engine: {@link #diagnose} scans the host once and reads the state
 * directory once, then decides; {@link #fix} stops what a diagnosis listed and nothing else.
 * Works inside the daemon (the supervisor says what it supervises) and without one (the PID files
 * and {@code events.log} say).
 *
 * <p>Thread safety: safe for concurrent use; each call takes its own snapshot.
 */
public final class Doctor {

    /** Code files looked at per service for the stale check, as the daemon's code stamps do. */
    private static final int STALE_FILE_CAP = 20_000;

    private final Map<String, ServiceSpec> specs;
    private final Path baseDir;
    private final Path stateDir;
    private final HostScanner scanner;
    private final Supplier<Map<String, ServiceView>> daemonViews;
    private final Fixer fixer;
    private final ObjectMapper json;

    private Doctor(Builder builder) {
        this.specs = builder.specs;
        this.baseDir = builder.baseDir.toAbsolutePath();
        this.stateDir = realPath(builder.stateDir);
        this.scanner = builder.scanner != null ? builder.scanner : HostScanner.platform();
        this.daemonViews = builder.daemonViews;
        this.fixer = new Fixer(builder.tree, stateDir, builder.holderCommand, builder.version);
        this.json = builder.json;
    }

    /** A doctor for these configured services and this state directory. */
    public static Builder builder(Map<String, ServiceSpec> specs, Path stateDir) {
        return new Builder(specs, stateDir);
    }

    /** The state directory examined. */
    public Path stateDir() {
        return stateDir;
    }

    /** Diagnoses the services; see {@link #diagnose(Integer)}. */
    public Diagnosis diagnose() {
        return diagnose(null);
    }

    /**
     * Scans the host and the state directory and reports every finding; with {@code port}, also
     * who owns that port.
     *
     * @throws DoctorException when the state directory cannot be read
     */
    public Diagnosis diagnose(Integer port) {
        if (port != null && (port < 1 || port > 65_535)) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        List<ServiceTarget> targets = specs.entrySet().stream()
                .map(entry -> ServiceTarget.resolve(entry.getKey(), entry.getValue(), baseDir)).toList();
        StateFiles files = StateFiles.read(stateDir, json);
        HostSnapshot host = scanner.scan();
        Diagnosis diagnosis = Diagnostician.diagnose(new Diagnostician.Inputs(targets, stateDir.toString(), files,
                host, daemonViews == null ? null : daemonViews.get(), ProcessHandle.current().pid(), port));
        return diagnosis.withStale(stale(diagnosis));
    }

    /** The supervised services whose code files (watched paths, else the workdir) are newer than their process. */
    private List<Diagnosis.StaleCode> stale(Diagnosis diagnosis) {
        List<Diagnosis.StaleCode> stale = new java.util.ArrayList<>();
        for (Diagnosis.ServiceReport report : diagnosis.services()) {
            ServiceSpec spec = specs.get(report.name());
            ProcessId root = report.supervised();
            if (spec == null || root == null) {
                continue;
            }
            try {
                SourceTree.of(spec.watch(), spec.workdirIn(baseDir), List.of(stateDir)).newest(STALE_FILE_CAP)
                        .filter(newest -> newest.newerThan(root.started()))
                        .ifPresent(newest -> stale.add(new Diagnosis.StaleCode(report.name(), root.pid(),
                                root.started(), newest.path(), newest.modified())));
            } catch (WatchException e) {
                // a watched path that does not exist: the daemon logged it; nothing to compare
            }
        }
        return stale;
    }

    /**
     * Stops the duplicates and orphans {@code diagnosis} listed (each only while its PID and start
     * instant still match), clears its stale and corrupt PID files through the lock, then
     * diagnoses again. Blocks up to the longest stop timeout plus the KILL rounds.
     */
    public FixReport fix(Diagnosis diagnosis) {
        Map<String, StopSpec> stops = new LinkedHashMap<>();
        specs.forEach((name, spec) -> stops.put(name, spec.stop()));
        List<FixReport.Action> actions = fixer.fix(Objects.requireNonNull(diagnosis, "diagnosis"), stops);
        return new FixReport(FixReport.SCHEMA, diagnosis, actions, diagnose(diagnosis.port() == null ? null : diagnosis.port().port()));
    }

    /** The real path when it exists: the daemon marks its services with the real path of its state dir. */
    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (java.io.IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /** Options of a doctor; all but the specs and the state directory have defaults. */
    public static final class Builder {
        private final Map<String, ServiceSpec> specs;
        private final Path stateDir;
        private Path baseDir = Path.of("");
        private HostScanner scanner;
        private Supplier<Map<String, ServiceView>> daemonViews;
        private ProcessTree tree = ProcessTree.platform();
        private ObjectMapper json = new ObjectMapper();
        private String holderCommand = "warden doctor --fix";
        private String version = "";

        private Builder(Map<String, ServiceSpec> specs, Path stateDir) {
            this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(specs, "specs")));
            this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        }

        /** The folder relative workdirs are resolved against (the config file's); default the current one. */
        public Builder baseDir(Path dir) {
            this.baseDir = Objects.requireNonNull(dir);
            return this;
        }

        /** Where the process list and listeners come from; default OSHI. */
        public Builder scanner(HostScanner newScanner) {
            this.scanner = Objects.requireNonNull(newScanner);
            return this;
        }

        /** Inside the daemon: its supervisor says what runs under it, and what failed. */
        public Builder supervisor(Supervisor supervisor) {
            Objects.requireNonNull(supervisor, "supervisor");
            this.daemonViews = () -> {
                Map<String, ServiceView> views = new LinkedHashMap<>();
                for (ServiceStatus status : supervisor.services()) {
                    views.put(status.name(), new ServiceView(status.name(), status.state().wireName(), status.process(),
                            status.reason(), status.lastExitCode(), status.lastExitAt()));
                }
                return views;
            };
            return this;
        }

        /** How process trees are stopped; default the platform's signals. */
        public Builder tree(ProcessTree newTree) {
            this.tree = Objects.requireNonNull(newTree);
            return this;
        }

        /** The JSON reader for events.log. */
        public Builder json(ObjectMapper mapper) {
            this.json = Objects.requireNonNull(mapper);
            return this;
        }

        /** What the doctor writes as holder into a PID file it clears through the lock. */
        public Builder holder(String command, String programVersion) {
            this.holderCommand = Objects.requireNonNull(command);
            this.version = Objects.requireNonNull(programVersion);
            return this;
        }

        public Doctor build() {
            return new Doctor(this);
        }
    }
}
