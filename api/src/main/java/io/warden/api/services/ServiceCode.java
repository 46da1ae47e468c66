package io.warden.api.services;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.TextTable;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.doctor.Diagnosis;
import io.warden.supervisor.doctor.HostScanner;
import io.warden.supervisor.doctor.Listener;
import io.warden.supervisor.identity.CodeStamp;
import io.warden.supervisor.identity.CodeStamps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * "Which code is running, and which instance serves my requests": the code stamp added to a
 * service's JSON ({@code code}), and {@code warden status --wide}: per service the PID, the
 * ports its tree listens on as the OS tells (not the config), the code stamp, stale or not, and
 * the copies running outside supervision (the doctor's duplicates and orphans).
 *
 * <p>Thread safety: as the collaborators; no state of its own.
 */
public final class ServiceCode {

    /** No stamps: for an API without a code tracker (tests, tools). */
    static final ServiceCode NONE = new ServiceCode(name -> Optional.empty(), () -> null, null);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Function<String, Optional<CodeStamp>> stamps;
    private final Supplier<Diagnosis> doctor;
    private final HostScanner host;

    private ServiceCode(Function<String, Optional<CodeStamp>> stamps, Supplier<Diagnosis> doctor, HostScanner host) {
        this.stamps = stamps;
        this.doctor = doctor;
        this.host = host;
    }

    /**
     * @param doctor a diagnosis of the host, for the copies outside supervision ({@code Doctor::diagnose})
     * @param host   the OS's listening sockets
     */
    public static ServiceCode of(CodeStamps stamps, Supplier<Diagnosis> doctor, HostScanner host) {
        return new ServiceCode(stamps::stamp, doctor, host);
    }

    Optional<CodeStamp> stamp(String name) {
        return stamps.apply(name);
    }

    /** The status as JSON with {@code code}: the stamp of its current process, null when none. */
    Map<String, Object> json(ObjectMapper mapper, ServiceStatus status) {
        Map<String, Object> json = new LinkedHashMap<>(mapper.convertValue(status, MAP));
        json.put("code", stamp(status.name()).orElse(null));
        return json;
    }

    List<Map<String, Object>> json(ObjectMapper mapper, List<ServiceStatus> statuses) {
        return statuses.stream().map(status -> json(mapper, status)).toList();
    }

    /** The wide form: each service's JSON plus {@code listening} (ports from the OS) and {@code outside} (PIDs). */
    List<Map<String, Object>> wide(ObjectMapper mapper, List<ServiceStatus> statuses) {
        Wide facts = facts(statuses);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ServiceStatus status : statuses) {
            Map<String, Object> json = json(mapper, status);
            json.put("listening", facts.listening.getOrDefault(status.name(), Set.of()));
            json.put("outside", facts.outside.getOrDefault(status.name(), List.of()));
            rows.add(json);
        }
        return rows;
    }

    /** {@code NAME STATE PID LISTENING CODE STALE OUTSIDE}, then why-lines for stale services. */
    String wideTable(List<ServiceStatus> statuses) {
        if (statuses.isEmpty()) {
            return StatusText.table(statuses);
        }
        Wide facts = facts(statuses);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "PID", "LISTENING", "CODE", "STALE", "OUTSIDE"});
        for (ServiceStatus s : statuses) {
            Optional<CodeStamp> stamp = stamp(s.name());
            Set<Integer> ports = facts.listening.getOrDefault(s.name(), Set.of());
            List<Long> outside = facts.outside.getOrDefault(s.name(), List.of());
            rows.add(new String[] {s.name(), s.state().toString(), s.pid() == null ? "-" : s.pid().toString(),
                ports.isEmpty() ? "-" : ports.stream().map(String::valueOf).collect(Collectors.joining(",")),
                stamp.map(CodeStamp::summary).orElse("-"), stamp.map(c -> c.stale() ? "yes" : "no").orElse("-"),
                outside.isEmpty() ? "-" : outside.stream().map(pid -> "PID " + pid).collect(Collectors.joining(","))});
        }
        String[] lines = TextTable.render(rows).split("\n");
        StringBuilder text = new StringBuilder(lines[0]).append('\n');
        for (int i = 0; i < statuses.size(); i++) {
            text.append(lines[i + 1]).append('\n');
            staleLine(statuses.get(i)).ifPresent(line -> text.append("  stale: ").append(line).append('\n'));
            List<Long> outside = facts.outside.getOrDefault(statuses.get(i).name(), List.of());
            if (!outside.isEmpty()) {
                text.append("  outside: ").append(outside.size()).append(" copy(ies) not supervised; warden doctor "
                        + "lists them, warden doctor --fix stops them\n");
            }
        }
        return text.toString();
    }

    /** Why a service is stale, with the fix; empty when it is not. */
    Optional<String> staleLine(ServiceStatus status) {
        return stamp(status.name()).filter(CodeStamp::stale).map(stamp -> stamp.staleBy()
                + " changed after PID " + status.pid() + " started; warden restart " + status.name());
    }

    private record Wide(Map<String, Set<Integer>> listening, Map<String, List<Long>> outside) {
    }

    private Wide facts(List<ServiceStatus> statuses) {
        Map<String, Set<Integer>> listening = new LinkedHashMap<>();
        if (host != null) {
            List<Listener> sockets = host.listeners();
            for (ServiceStatus status : statuses) {
                Set<Long> tree = tree(status.pid());
                Set<Integer> ports = new TreeSet<>();
                sockets.stream().filter(socket -> tree.contains(socket.pid())).forEach(socket -> ports.add(socket.port()));
                listening.put(status.name(), ports);
            }
        }
        Map<String, List<Long>> outside = new LinkedHashMap<>();
        Diagnosis diagnosis = doctor.get();
        if (diagnosis != null) {
            for (Diagnosis.ServiceReport report : diagnosis.services()) {
                List<Long> pids = new ArrayList<>();
                report.duplicates().forEach(suspect -> pids.add(suspect.pid()));
                report.orphans().forEach(suspect -> pids.add(suspect.pid()));
                outside.put(report.name(), pids);
            }
        }
        return new Wide(listening, outside);
    }

    /** The root and every descendant. */
    private static Set<Long> tree(Long root) {
        Set<Long> pids = new HashSet<>();
        if (root == null) {
            return pids;
        }
        pids.add(root);
        ProcessHandle.of(root).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }
}
