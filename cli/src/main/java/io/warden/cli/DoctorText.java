package io.warden.cli;

import io.warden.supervisor.doctor.Diagnosis;
import io.warden.supervisor.doctor.Diagnosis.PortOwner;
import io.warden.supervisor.doctor.Diagnosis.ServiceReport;
import io.warden.supervisor.doctor.Diagnosis.Suspect;
import io.warden.supervisor.doctor.FixReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The doctor's report for people: one block per service with findings, then files, then a verdict. */
final class DoctorText {

    private DoctorText() {
    }

    static void print(Diagnosis diagnosis, PrintStream out) {
        Diagnosis.Daemon daemon = diagnosis.daemon();
        out.println("State dir " + diagnosis.stateDir() + ": " + (daemon.running() ? "daemon running (PID "
                + daemon.pid() + (daemon.port() == null ? "" : ", API port " + daemon.port()) + ")" : "no daemon running"));
        if (diagnosis.port() != null) {
            printPort(diagnosis.port(), out);
        }
        for (ServiceReport service : diagnosis.services()) {
            printService(service, out);
        }
        for (Diagnosis.FileFinding file : diagnosis.files()) {
            out.println("PID file " + file.path() + ": " + file.status() + ": " + file.detail() + ". " + file.action());
        }
        for (Diagnosis.StaleCode stale : diagnosis.stale()) {
            out.println(stale.service() + ": stale: " + stale.file() + " changed at " + stale.modified()
                    + ", after PID " + stale.pid() + " started (" + stale.started() + "); it serves older code. "
                    + "Restart it: warden restart " + stale.service());
        }
        if (diagnosis.clean()) {
            out.println("No problems found (" + diagnosis.services().size() + " service(s) checked).");
            return;
        }
        long duplicates = diagnosis.listed().stream().filter(l -> l.suspect().kind().equals("duplicate")).count();
        long orphans = diagnosis.listed().size() - duplicates;
        out.println(diagnosis.problems() + " problem(s)." + (duplicates + orphans + diagnosis.files().size() == 0 ? ""
                : " warden doctor --fix stops the " + duplicates + " duplicate(s) and " + orphans
                + " orphan(s) listed, and clears the " + diagnosis.files().size() + " PID file(s); nothing else."));
    }

    static void printFix(FixReport report, PrintStream out) {
        for (FixReport.Action action : report.actions()) {
            out.println((action.pid() == null ? action.target() : action.target() + " " + action.kind() + " PID "
                    + action.pid()) + ": " + action.outcome() + ": " + action.detail());
        }
        Diagnosis after = report.after();
        out.println(after.clean() ? "Clean now." : after.problems() + " problem(s) remain: run warden doctor for details.");
    }

    private static void printService(ServiceReport service, PrintStream out) {
        boolean quiet = service.problems() == 0;
        out.println(service.name() + ": " + service.state() + (service.supervised() == null ? ""
                : ", supervised PID " + service.supervised().pid()) + (service.configured() ? "" : " (not in warden.yaml)")
                + (quiet ? ", ok" : ""));
        if (!service.duplicates().isEmpty()) {
            out.println("  " + service.duplicates().size() + " duplicate(s), the same command outside supervision:");
            service.duplicates().forEach(suspect -> printSuspect(suspect, service.port(), out));
        }
        if (!service.orphans().isEmpty()) {
            out.println("  " + service.orphans().size() + " orphan(s):");
            service.orphans().forEach(suspect -> {
                printSuspect(suspect, service.port(), out);
                out.println("      " + suspect.kind() + ": " + suspect.why());
            });
        }
        for (PortOwner owner : service.portOwners()) {
            if (!service.name().equals(owner.service())) {
                out.println("  port " + owner.port() + " is held by " + describe(owner));
            }
        }
        if (service.failed() != null) {
            Diagnosis.Failure failed = service.failed();
            String start = "warden start " + service.name();
            String reason = failed.reason();
            out.println("  failed" + (failed.at() == null ? "" : " at " + failed.at())
                    + (failed.exitCode() == null ? "" : " (last exit code " + failed.exitCode() + ")") + ": "
                    + reason + (reason.contains(start) ? "" : ". Start it again: " + start));
        }
    }

    private static void printSuspect(Suspect suspect, int servicePort, PrintStream out) {
        String ports = suspect.listening().isEmpty() ? "" : "  listens on " + suspect.listening().stream()
                .map(port -> port == servicePort ? port + " (the service's port)" : port.toString())
                .collect(Collectors.joining(", "));
        out.println("    PID " + suspect.pid() + "  parent " + suspect.parentPid() + "  started " + suspect.started()
                + "  RSS " + megabytes(suspect.rssBytes()) + ports);
        out.println("      " + suspect.command() + (suspect.workdir().isEmpty() ? "" : "  (in " + suspect.workdir() + ")"));
    }

    private static void printPort(Diagnosis.PortReport port, PrintStream out) {
        if (port.owners().isEmpty()) {
            out.println("Port " + port.port() + " is free (no process listens on it).");
            return;
        }
        List<String> owners = port.owners().stream().map(DoctorText::describe).toList();
        out.println("Port " + port.port() + " is held by " + String.join("; ", owners));
    }

    private static String describe(PortOwner owner) {
        if (owner.pid() == 0) {
            return "a process the OS does not name (another user's? run as that user or root to see it)";
        }
        return "PID " + owner.pid() + " (" + owner.command() + "), " + (owner.supervised()
                ? "supervised by Warden as " + owner.service() : "outside Warden");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
