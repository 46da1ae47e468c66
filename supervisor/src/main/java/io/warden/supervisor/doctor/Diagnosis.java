package io.warden.supervisor.doctor;

import io.warden.supervisor.process.ProcessId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code warden doctor} found: per service its duplicates, orphans, port owners and failure;
 * stale or corrupt PID files; optionally who owns one port. The JSON form of this record (field
 * names and meaning) is documented in docs/doctor.md and is stable: fields are only ever added.
 *
 * @param schema   {@code warden.doctor/1}
 * @param takenAt  when the host was scanned
 * @param stateDir the state directory that was examined
 * @param daemon   whether a daemon holds the state directory
 * @param clean    whether nothing needs attention ({@code problems == 0})
 * @param problems how many findings need attention
 * @param services one report per configured service, then one per other name with a PID file
 * @param files    stale and corrupt PID files
 * @param port     who owns the port asked about with {@code --port}, null when none was asked
 * @param stale    supervised services whose code files on disk are newer than their process
 *                 (informational: not counted in {@code problems}, {@code --fix} does not restart)
 */
public record Diagnosis(String schema, Instant takenAt, String stateDir, Daemon daemon, boolean clean, int problems,
                        List<ServiceReport> services, List<FileFinding> files, PortReport port, List<StaleCode> stale) {

    public static final String SCHEMA = "warden.doctor/1";

    public Diagnosis {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(daemon, "daemon");
        services = List.copyOf(services);
        files = List.copyOf(files);
        stale = stale == null ? List.of() : List.copyOf(stale);
    }

    /** A diagnosis without stale findings. */
    public Diagnosis(String schema, Instant takenAt, String stateDir, Daemon daemon, boolean clean, int problems,
                     List<ServiceReport> services, List<FileFinding> files, PortReport port) {
        this(schema, takenAt, stateDir, daemon, clean, problems, services, files, port, List.of());
    }

    Diagnosis withStale(List<StaleCode> found) {
        return new Diagnosis(schema, takenAt, stateDir, daemon, clean, problems, services, files, port, found);
    }

    /**
     * A supervised service running older code than its files on disk.
     *
     * @param service  the service
     * @param pid      its supervised root process
     * @param started  when that process started
     * @param file     the newest code file, relative to the workdir
     * @param modified when that file changed
     */
    public record StaleCode(String service, long pid, Instant started, String file, Instant modified) {
    }

    /** Every process listed as a duplicate or an orphan, with its service: what {@code --fix} may stop. */
    public List<Listed> listed() {
        return services.stream().flatMap(service -> java.util.stream.Stream.concat(service.duplicates().stream(),
                service.orphans().stream()).map(suspect -> new Listed(service, suspect))).toList();
    }

    /** A listed process and the report it belongs to. */
    public record Listed(ServiceReport service, Suspect suspect) {
    }

    /**
     * The daemon of this state directory.
     *
     * @param running whether its lock holder (PID and start instant of {@code warden.pid}) runs
     * @param pid     its PID, null when none runs
     * @param port    its API port, null when none runs
     */
    public record Daemon(boolean running, Long pid, Integer port) {
    }

    /**
     * One service.
     *
     * @param name       the service name
     * @param configured whether warden.yaml declares it (otherwise only a PID file names it: {@code warden run})
     * @param command    the configured command, empty when not configured
     * @param port       the declared port, 0 when none
     * @param state      the supervisor's state for it ({@code unknown} when nothing says)
     * @param supervised the supervised root process, null when none runs under Warden
     * @param duplicates copies of its command outside the supervised tree
     * @param orphans    processes of a previous run, or re-parented members, outside the supervised tree
     * @param portOwners who listens on its port
     * @param failed     why it is stuck in {@code failed}, null when it is not
     * @param problems   how many findings of this service need attention
     */
    public record ServiceReport(String name, boolean configured, List<String> command, int port, String state,
                                ProcessId supervised, List<Suspect> duplicates, List<Suspect> orphans,
                                List<PortOwner> portOwners, Failure failed, int problems) {

        public ServiceReport {
            command = List.copyOf(command);
            duplicates = List.copyOf(duplicates);
            orphans = List.copyOf(orphans);
            portOwners = List.copyOf(portOwners);
        }
    }

    /**
     * A process the doctor lists, and that {@code --fix} would stop with its tree.
     *
     * @param kind             {@code duplicate}, {@code previous-run} (the child of a dead holder,
     *                         from a PID file) or {@code reparented} (carries the service's marks,
     *                         left the supervised tree)
     * @param pid              its PID
     * @param parentPid        its parent's PID, 0 when unknown
     * @param started          its start instant: {@code --fix} acts only while PID and start instant match
     * @param rssBytes         resident memory, 0 when unknown
     * @param command          its command line
     * @param workdir          its working directory, empty when the OS does not tell
     * @param listening        the TCP ports it listens on
     * @param holdsServicePort whether it listens on the service's declared port
     * @param why              why it is listed, in words
     */
    public record Suspect(String kind, long pid, long parentPid, Instant started, long rssBytes, String command,
                          String workdir, List<Integer> listening, boolean holdsServicePort, String why) {

        public Suspect {
            listening = List.copyOf(listening);
        }

        /** PID and start instant, re-checked before any action. */
        public ProcessId id() {
            return new ProcessId(pid, started);
        }
    }

    /**
     * A listener on a port.
     *
     * @param port       the port
     * @param pid        the owner's PID, 0 when the OS does not say (another user's process?)
     * @param command    the owner's command line, empty when unknown
     * @param supervised whether the owner belongs to a tree Warden supervises
     * @param service    the service whose supervised tree owns it, null when none
     */
    public record PortOwner(int port, long pid, String command, boolean supervised, String service) {
    }

    /**
     * Why a service is stuck in {@code failed}.
     *
     * @param reason   the supervisor's reason (start limit, could not start, lock held elsewhere)
     * @param exitCode the last run's exit code, null when none or unknown
     * @param at       when it failed, null when unknown
     */
    public record Failure(String reason, Integer exitCode, Instant at) {
    }

    /**
     * A stale or corrupt PID file. Lock files are never reported: the kernel lock on them decides,
     * and they stay between holders on purpose.
     *
     * @param name   the instance name
     * @param path   the file
     * @param status {@code stale} (its holder is gone) or {@code corrupt} (unreadable)
     * @param detail what is wrong, in words
     * @param action what happens to it: replaced at the next start, or cleared by {@code --fix}
     */
    public record FileFinding(String name, String path, String status, String detail, String action) {
    }

    /**
     * Who owns one port.
     *
     * @param port          the port asked about
     * @param owners        its listeners, empty when the port is free
     * @param outsideWarden whether a listener is not part of a supervised tree
     */
    public record PortReport(int port, List<PortOwner> owners, boolean outsideWarden) {

        public PortReport {
            owners = List.copyOf(owners);
        }
    }
}
