package io.warden.alerts.metric;

import io.warden.metrics.HostSample;
import io.warden.metrics.ProcessTreeSample;
import io.warden.metrics.Sample;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.doctor.Diagnosis;
import io.warden.supervisor.identity.CodeStamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Service and host metrics read from the supervisor's statuses, the metrics sampler's latest
 * sample, the latest doctor scan (copies and PID-file errors) and the code stamps (stale). One
 * snapshot of the first three is taken per evaluation round ({@link #refresh()}), so 1,000 rules
 * cost three reads, not 3,000; a stamp is a map lookup, read as asked.
 * Thread confinement: refresh and read on the evaluation thread.
 */
public final class SupervisorMetrics implements MetricSource {

    private final Supplier<List<ServiceStatus>> statuses;
    private final Supplier<Optional<Sample>> samples;
    private final Supplier<Optional<Diagnosis>> scans;
    private final Function<String, Optional<CodeStamp>> stamps;

    private Map<String, ServiceStatus> byName = Map.of();
    private Sample sample;
    private Diagnosis scan;

    /**
     * @param statuses the supervisor's {@code services()}
     * @param samples  the sampler's {@code latest()}
     * @param scans    the latest doctor scan, empty until the first one
     * @param stamps   the code stamp of a service's running process ({@code CodeStamps::stamp}),
     *                 empty when none runs or it is not stamped yet
     */
    public SupervisorMetrics(Supplier<List<ServiceStatus>> statuses, Supplier<Optional<Sample>> samples,
                             Supplier<Optional<Diagnosis>> scans, Function<String, Optional<CodeStamp>> stamps) {
        this.statuses = statuses;
        this.samples = samples;
        this.scans = scans;
        this.stamps = stamps;
    }

    @Override
    public void refresh() {
        Map<String, ServiceStatus> next = new HashMap<>();
        statuses.get().forEach(status -> next.put(status.name(), status));
        byName = next;
        sample = samples.get().orElse(null);
        scan = scans.get().orElse(null);
    }

    @Override
    public Reading read(Metric metric, String subject) {
        return switch (metric.scope()) {
            case HOST -> host(metric);
            case SERVICE -> service(metric, subject);
            case API -> Reading.noData("the API reports " + metric + ", not the supervisor");
        };
    }

    private Reading service(Metric metric, String name) {
        ServiceStatus status = byName.get(name);
        if (status == null) {
            return Reading.noData("no service '" + name + "' in the supervisor");
        }
        return switch (metric) {
            case UP -> Reading.value(status.state().isUp() ? 1 : 0);
            case FAILED -> Reading.value(status.state() == ServiceState.FAILED ? 1 : 0);
            case HEALTHY -> switch (status.health()) {
                case "healthy" -> Reading.value(1);
                case "unhealthy" -> Reading.value(0);
                default -> Reading.noData(name + " health is " + status.health());
            };
            case RESTARTS -> Reading.value(status.restarts());
            case CPU, RSS -> tree(metric, status);
            case COPIES, PID_FILE_ERRORS -> scanned(metric, name);
            case STALE -> stamps.apply(name).map(stamp -> Reading.value(stamp.stale() ? 1 : 0))
                    .orElseGet(() -> Reading.noData(name + " is " + status.state() + " and has no code stamp"));
            default -> Reading.noData(metric + " is reported by the health probes, not the supervisor");
        };
    }

    private Reading tree(Metric metric, ServiceStatus status) {
        ProcessTreeSample tree = sample == null ? null : sample.processes().get(status.name());
        if (tree == null) {
            return Reading.noData(status.name() + " is " + status.state() + " and has no process sample");
        }
        return Reading.value(metric == Metric.CPU ? tree.cpuPercent() : tree.rssBytes());
    }

    private Reading scanned(Metric metric, String name) {
        if (scan == null) {
            return Reading.noData("no doctor scan yet");
        }
        if (metric == Metric.PID_FILE_ERRORS) {
            return Reading.value(scan.files().stream().filter(file -> file.name().equals(name)).count());
        }
        return scan.services().stream().filter(report -> report.name().equals(name)).findFirst()
                .map(report -> Reading.value((report.supervised() == null ? 0 : 1) + report.duplicates().size()))
                .orElseGet(() -> Reading.noData("the doctor scan has no service '" + name + "'"));
    }

    private Reading host(Metric metric) {
        if (sample == null) {
            return Reading.noData("no host sample yet");
        }
        HostSample host = sample.host();
        return switch (metric) {
            case HOST_CPU -> Reading.value(host.cpu().totalPercent());
            case HOST_MEMORY -> host.memory().totalBytes() == 0 ? Reading.noData("memory total unknown")
                    : Reading.value(100.0 * host.memory().usedBytes() / host.memory().totalBytes());
            case HOST_LOAD1 -> host.load().<Reading>map(load -> Reading.value(load.one()))
                    .orElseGet(() -> Reading.noData("this OS has no load average"));
            default -> Reading.noData(metric + " is not in the host sample");
        };
    }
}
