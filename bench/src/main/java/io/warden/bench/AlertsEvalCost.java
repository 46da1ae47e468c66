package io.warden.bench;

import io.warden.alerts.Alerts;
import io.warden.alerts.AlertsConfig;
import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.metric.SupervisorMetrics;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Op;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CPU one evaluation round of the standing alerts costs: {@code RULES} rules over
 * {@code SERVICES} services, {@code SCRAPED} of them {@code rate()} rules over Prometheus
 * endpoints at {@code BASE_URL/metrics-N.prom} (one per service, served by another process, see
 * alerts-eval.sh). Rounds run back to back on a clock moved 1 s each; a few values cross their
 * thresholds each round so that states change and the state file is written. Prints this
 * process's CPU per round, which at one round a second is the share of a core.
 *
 * <p>Usage: {@code AlertsEvalCost RULES SERVICES SCRAPED BASE_URL|- WARMUP_ROUNDS ROUNDS}.
 */
public final class AlertsEvalCost {

    private static final Metric[] SERVICE_METRICS = {Metric.CPU, Metric.RSS, Metric.UP, Metric.FAILED,
        Metric.HEALTHY, Metric.PROBE_LATENCY, Metric.PROBE_FAILURE_RATIO, Metric.COPIES};

    private AlertsEvalCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: AlertsEvalCost RULES SERVICES SCRAPED BASE_URL|- WARMUP_ROUNDS ROUNDS");
            System.exit(2);
        }
        int ruleCount = Integer.parseInt(args[0]);
        int serviceCount = Integer.parseInt(args[1]);
        int scraped = Integer.parseInt(args[2]);
        String baseUrl = args[3];
        int warmup = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);

        List<String> services = new ArrayList<>();
        for (int i = 0; i < serviceCount; i++) {
            services.add("svc" + i);
        }
        List<AlertRule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            String service = services.get(i % serviceCount);
            String metric = i < scraped
                    ? "prometheus:" + baseUrl + "/metrics-" + (i % serviceCount) + ".prom"
                    + "#rate(http_requests_total{code=~'5..',path!='/health'}[1m])"
                    : SERVICE_METRICS[i % SERVICE_METRICS.length].key();
            rules.add(new AlertRule("rule" + i, service, null, MetricExpr.parse(metric), Op.GT, 80.0, 90.0,
                    Duration.ofSeconds(i % 3 * 5), Duration.ofSeconds(i % 2 * 10), null, null,
                    Map.of("team", "t" + i % 7), null, true));
        }
        AlertsConfig config = new AlertsConfig(false, null, null, null, null, List.of(), rules, null);
        List<AlertRule> resolved = config.resolve(Set.copyOf(services));

        MetricBoard board = new MetricBoard();
        AtomicReference<List<ServiceStatus>> statuses = new AtomicReference<>(statuses(services, 0));
        MetricSource metrics = MetricSource.firstOf(
                new SupervisorMetrics(statuses::get, Optional::empty, Optional::empty, name -> Optional.empty()), board);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T00:00:00Z"));
        InstantSource clock = now::get;
        Path dir = Files.createTempDirectory("alerts-bench");
        Random random = new Random(42);
        try (Alerts alerts = Alerts.builder(config, resolved).clock(clock).metrics(metrics)
                .stateFile(dir.resolve("alerts.json")).build()) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = 0;
            long wallStart = 0;
            for (int round = 0; round < warmup + rounds; round++) {
                if (round == warmup) {
                    cpuStart = os.getProcessCpuTime();
                    wallStart = System.nanoTime();
                }
                for (String service : services) {
                    // About 1 value in 100 is above its threshold: some alerts pend, fire and resolve.
                    board.set(Metric.CPU, service, random.nextInt(100) == 0 ? 95 : 20);
                    board.set(Metric.RSS, service, 50);
                    board.set(Metric.PROBE_LATENCY, service, 0.01);
                    board.set(Metric.PROBE_FAILURE_RATIO, service, 0);
                    board.set(Metric.COPIES, service, 1);
                }
                statuses.set(statuses(services, round));
                alerts.tick();
                now.set(now.get().plusSeconds(1));
            }
            long cpu = os.getProcessCpuTime() - cpuStart;
            long wall = System.nanoTime() - wallStart;
            double cpuMsPerRound = cpu / 1e6 / rounds;
            System.out.printf("rules=%d services=%d scraped=%d rounds=%d%n", resolved.size(), serviceCount, scraped,
                    rounds);
            System.out.printf("cpu per round: %.2f ms (%.2f %% of a core at 1 round/s); wall per round %.2f ms%n",
                    cpuMsPerRound, cpuMsPerRound / 10.0, wall / 1e6 / rounds);
            System.out.printf("alerts listed at the end: %d, state file %d bytes%n", alerts.alerts().size(),
                    Files.size(dir.resolve("alerts.json")));
        }
    }

    private static List<ServiceStatus> statuses(List<String> services, int round) {
        Set<String> failed = new HashSet<>();
        if (round % 10 == 0) {
            failed.add(services.get(round / 10 % services.size()));
        }
        List<ServiceStatus> list = new ArrayList<>();
        for (String name : services) {
            ServiceState state = failed.contains(name) ? ServiceState.FAILED : ServiceState.HEALTHY;
            list.add(new ServiceStatus(name, state, state.isUp() ? 1000L : null, null, Duration.ZERO, 0,
                    state.isUp() ? "healthy" : "none", 0, null, null, "", false));
        }
        return list;
    }
}
