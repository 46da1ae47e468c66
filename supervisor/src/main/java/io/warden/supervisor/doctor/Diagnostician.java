package io.warden.supervisor.doctor;

import io.warden.lock.PidRecord;
import io.warden.supervisor.doctor.Diagnosis.FileFinding;
import io.warden.supervisor.doctor.Diagnosis.PortOwner;
import io.warden.supervisor.doctor.Diagnosis.PortReport;
import io.warden.supervisor.doctor.Diagnosis.ServiceReport;
import io.warden.supervisor.doctor.Diagnosis.Suspect;
import io.warden.supervisor.process.ProcessId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Computes a {@link Diagnosis} from values alone: the resolved service commands, the state
 * directory's files, one host snapshot and what the supervisor says. No I/O, so every rule is
 * tested with fixtures. Each process is accounted for once: supervised trees first, then orphans
 * (their whole trees), then duplicates; of a chain of listed processes only the topmost is listed,
 * since stopping it stops its tree.
 */
final class Diagnostician {

    /** The daemon's own instance name in the state directory. */
    static final String DAEMON_NAME = "warden";
    private static final int MAX_DEPTH = 256;

    /**
     * What a diagnosis is computed from.
     *
     * @param targets     the configured services, resolved
     * @param stateDir    the state directory, absolute and normalized (as in the services' marks)
     * @param files       its PID files and latest events
     * @param host        the process list and listeners
     * @param daemonViews the daemon's own status of each service, or null when the doctor runs
     *                    outside the daemon (then PID files and events.log say)
     * @param selfPid     the doctor's own process, never listed
     * @param port        the port asked about, or null
     */
    record Inputs(List<ServiceTarget> targets, String stateDir, StateFiles files, HostSnapshot host,
                  Map<String, ServiceView> daemonViews, long selfPid, Integer port) {

        Inputs {
            targets = List.copyOf(targets);
            Objects.requireNonNull(stateDir, "stateDir");
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(host, "host");
        }
    }

    private final Inputs in;
    private final Map<Long, ProcessRow> byPid = new HashMap<>();
    private final Map<Long, List<ProcessRow>> children = new HashMap<>();
    private final Map<Long, TreeSet<Integer>> ports = new HashMap<>();
    /** Processes accounted for, and by which service's supervised tree (null for listed trees). */
    private final Map<Long, String> supervisedBy = new HashMap<>();
    private final Set<Long> claimed = new HashSet<>();

    private Diagnostician(Inputs in) {
        this.in = in;
        for (ProcessRow row : in.host().processes()) {
            byPid.put(row.pid(), row);
            children.computeIfAbsent(row.parentPid(), parent -> new ArrayList<>()).add(row);
        }
        in.host().listeners().forEach(l -> ports.computeIfAbsent(l.pid(), pid -> new TreeSet<>()).add(l.port()));
    }

    static Diagnosis diagnose(Inputs in) {
        return new Diagnostician(in).run();
    }

    private Diagnosis run() {
        Map<String, PidEntry> entries = new LinkedHashMap<>();
        in.files().pidFiles().forEach(entry -> entries.put(entry.name(), entry));
        Diagnosis.Daemon daemon = daemon(entries.get(DAEMON_NAME));

        // Supervised trees of every name first: a copy of one service's command under another
        // name's supervision is not a duplicate.
        Map<String, ProcessId> roots = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(in.targets().stream().map(ServiceTarget::name).toList());
        entries.keySet().stream().filter(name -> !name.equals(DAEMON_NAME) && !names.contains(name)).forEach(names::add);
        for (String name : names) {
            ProcessId root = supervisedRoot(name, entries.get(name));
            if (root != null) {
                roots.put(name, root);
                tree(root.pid()).forEach(row -> supervisedBy.put(row.pid(), name));
            }
        }
        claimed.addAll(supervisedBy.keySet());
        claimed.add(in.selfPid());

        Map<String, List<Suspect>> orphans = new LinkedHashMap<>();
        names.forEach(name -> orphans.put(name, new ArrayList<>()));
        names.forEach(name -> previousRun(name, entries.get(name), orphans.get(name)));
        names.forEach(name -> reparented(name, orphans.get(name)));

        List<ServiceReport> reports = new ArrayList<>();
        for (ServiceTarget target : in.targets()) {
            List<Suspect> duplicates = duplicates(target, roots.get(target.name()));
            reports.add(report(target.name(), target, roots.get(target.name()), duplicates,
                    orphans.get(target.name())));
        }
        for (String name : names.subList(in.targets().size(), names.size())) {
            if (!orphans.get(name).isEmpty()) {
                reports.add(report(name, null, roots.get(name), List.of(), orphans.get(name)));
            }
        }
        List<FileFinding> files = files(entries);
        PortReport port = in.port() == null ? null : portReport(in.port());
        int problems = files.size() + reports.stream().mapToInt(ServiceReport::problems).sum();
        return new Diagnosis(Diagnosis.SCHEMA, in.host().takenAt(), in.stateDir(), daemon, problems == 0, problems,
                reports, files, port);
    }

    private Diagnosis.Daemon daemon(PidEntry entry) {
        if (entry != null && entry.record() != null && live(entry.record().pid(), entry.record().started())) {
            PidRecord record = entry.record();
            return new Diagnosis.Daemon(true, record.pid(), record.port() > 0 ? record.port() : null);
        }
        return new Diagnosis.Daemon(false, null, null);
    }

    private ProcessId supervisedRoot(String name, PidEntry entry) {
        if (in.daemonViews() != null) {
            ServiceView view = in.daemonViews().get(name);
            if (view != null && view.root() != null && live(view.root().pid(), view.root().started())) {
                return view.root();
            }
            if (view != null) {
                return null;
            }
        }
        PidRecord record = entry == null ? null : entry.record();
        if (record != null && live(record.pid(), record.started()) && record.hasChild()
                && live(record.childPid(), record.childStarted())) {
            return new ProcessId(record.childPid(), record.childStarted());
        }
        return null;
    }

    /** The child a dead holder left running: recorded in the PID file, no longer supervised. */
    private void previousRun(String name, PidEntry entry, List<Suspect> into) {
        PidRecord record = entry == null ? null : entry.record();
        if (record == null || live(record.pid(), record.started()) || !record.hasChild()
                || !live(record.childPid(), record.childStarted()) || claimed.contains(record.childPid())) {
            return;
        }
        ProcessRow row = byPid.get(record.childPid());
        into.add(suspect("previous-run", row, portOf(name), "left running by a previous Warden run: its holder PID "
                + record.pid() + " (" + record.command() + ") is gone; recorded in " + entry.path()));
        claimTree(row.pid());
    }

    /** Members that carry the service's marks of this state directory but left every supervised tree. */
    private void reparented(String name, List<Suspect> into) {
        Predicate<ProcessRow> marked = row -> row.markService().equals(name)
                && row.markStateDir().equals(in.stateDir()) && !claimed.contains(row.pid());
        List<ProcessRow> candidates = in.host().processes().stream().filter(marked).toList();
        Set<Long> pids = new HashSet<>(candidates.stream().map(ProcessRow::pid).toList());
        for (ProcessRow row : candidates) {
            if (!hasAncestorIn(row, pids) && !claimed.contains(row.pid())) {
                into.add(suspect("reparented", row, portOf(name), "a process of service " + name
                        + " (WARDEN_SERVICE mark) outside its supervised tree: its parent PID " + row.parentPid()
                        + " is not part of it"));
                claimTree(row.pid());
            }
        }
    }

    private List<Suspect> duplicates(ServiceTarget target, ProcessId root) {
        List<ProcessRow> candidates = in.host().processes().stream()
                .filter(row -> !claimed.contains(row.pid()) && target.matches(row)).toList();
        Set<Long> pids = new HashSet<>(candidates.stream().map(ProcessRow::pid).toList());
        List<Suspect> found = new ArrayList<>();
        for (ProcessRow row : candidates) {
            if (!hasAncestorIn(row, pids) && !claimed.contains(row.pid())) {
                found.add(suspect("duplicate", row, target.port(), "runs the command of service " + target.name()
                        + " outside supervision" + (root == null ? " (no supervised instance runs)"
                        : " (the supervised instance is PID " + root.pid() + ")")));
                claimTree(row.pid());
            }
        }
        return found;
    }

    private ServiceReport report(String name, ServiceTarget target, ProcessId root, List<Suspect> duplicates,
                                 List<Suspect> orphans) {
        int port = target == null ? 0 : target.port();
        List<PortOwner> owners = port > 0 ? owners(port) : List.of();
        ServiceView view = in.daemonViews() != null ? in.daemonViews().get(name) : in.files().lastEvents().get(name);
        Diagnosis.Failure failure = view != null && view.failed()
                ? new Diagnosis.Failure(view.reason(), view.exitCode(), view.at()) : null;
        Set<Long> listed = new HashSet<>();
        duplicates.forEach(s -> listed.add(s.pid()));
        orphans.forEach(s -> listed.add(s.pid()));
        long conflicts = owners.stream().filter(o -> !name.equals(o.service()) && !listed.contains(o.pid())).count();
        int problems = duplicates.size() + orphans.size() + (int) conflicts + (failure == null ? 0 : 1);
        String state = view != null ? view.state() : root != null ? "running" : "unknown";
        return new ServiceReport(name, target != null, target == null ? List.of() : target.command(), port, state, root,
                duplicates, orphans, owners, failure, problems);
    }

    private List<FileFinding> files(Map<String, PidEntry> entries) {
        List<FileFinding> findings = new ArrayList<>();
        for (PidEntry entry : entries.values()) {
            String action = "none needed to start: the next holder of " + entry.name()
                    + " replaces it; warden doctor --fix clears it through the lock";
            PidRecord record = entry.record();
            if (record == null) {
                findings.add(new FileFinding(entry.name(), entry.path(), "corrupt", entry.problem(), action));
            } else if (!live(record.pid(), record.started())) {
                boolean childRuns = record.hasChild() && live(record.childPid(), record.childStarted());
                findings.add(new FileFinding(entry.name(), entry.path(), "stale", "its holder PID " + record.pid()
                        + " (started " + record.started() + ") is gone" + (childRuns ? "; its child PID "
                        + record.childPid() + " still runs (listed as an orphan)" : ""), action));
            }
        }
        return findings;
    }

    private PortReport portReport(int port) {
        List<PortOwner> owners = owners(port);
        return new PortReport(port, owners, owners.stream().anyMatch(owner -> !owner.supervised()));
    }

    private List<PortOwner> owners(int port) {
        Map<Long, PortOwner> owners = new LinkedHashMap<>();
        for (Listener listener : in.host().listeners()) {
            if (listener.port() == port && !owners.containsKey(listener.pid())) {
                ProcessRow row = byPid.get(listener.pid());
                String service = supervisedBy.get(listener.pid());
                owners.put(listener.pid(), new PortOwner(port, listener.pid(), row == null ? "" : row.commandLine(),
                        service != null, service));
            }
        }
        return List.copyOf(owners.values());
    }

    private Suspect suspect(String kind, ProcessRow row, int servicePort, String why) {
        List<Integer> listening = List.copyOf(ports.getOrDefault(row.pid(), new TreeSet<>()));
        return new Suspect(kind, row.pid(), row.parentPid(), row.started(), row.rssBytes(), row.commandLine(),
                row.workdir(), listening, servicePort > 0 && listening.contains(servicePort), why);
    }

    private int portOf(String name) {
        return in.targets().stream().filter(t -> t.name().equals(name)).mapToInt(ServiceTarget::port).findFirst()
                .orElse(0);
    }

    private boolean live(long pid, Instant started) {
        ProcessRow row = byPid.get(pid);
        return row != null && row.started().equals(started);
    }

    private List<ProcessRow> tree(long rootPid) {
        List<ProcessRow> members = new ArrayList<>();
        ArrayDeque<ProcessRow> queue = new ArrayDeque<>();
        ProcessRow root = byPid.get(rootPid);
        Set<Long> seen = new HashSet<>();
        if (root != null) {
            queue.add(root);
        }
        while (!queue.isEmpty()) {
            ProcessRow row = queue.poll();
            if (seen.add(row.pid())) {
                members.add(row);
                queue.addAll(children.getOrDefault(row.pid(), List.of()));
            }
        }
        return members;
    }

    private void claimTree(long rootPid) {
        tree(rootPid).forEach(row -> claimed.add(row.pid()));
    }

    private boolean hasAncestorIn(ProcessRow row, Set<Long> pids) {
        long parent = row.parentPid();
        for (int depth = 0; depth < MAX_DEPTH && parent > 0; depth++) {
            if (pids.contains(parent)) {
                return true;
            }
            ProcessRow up = byPid.get(parent);
            parent = up == null || up.parentPid() == parent ? 0 : up.parentPid();
        }
        return false;
    }
}
