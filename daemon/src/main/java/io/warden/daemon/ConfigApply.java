package io.warden.daemon;

import io.warden.api.deploy.ApplyPlan;
import io.warden.api.deploy.ApplyPlan.ServiceChange;
import io.warden.deploy.DeployRefusedException;
import io.warden.deploy.DeployRequest;
import io.warden.deploy.UpdateSettings;
import io.warden.deploy.gate.GateDecision;
import io.warden.deploy.history.SpecJson;
import io.warden.governance.approval.Approver;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.SupervisorException;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code warden apply} and SIGHUP: the difference between a new warden.yaml and the running daemon,
 * applied the way {@code docker compose up} does. New services are started, removed ones stopped,
 * changed ones deployed with the new spec (through the deploy gate's policy, so a refused change
 * refuses the whole apply before anything changes), unchanged ones left alone. The {@code update}
 * block is reloaded; every other section is read at start only, and the plan names those that
 * changed. One apply at a time.
 */
final class ConfigApply implements ApplyPlan.Applier {

    private final WardenConfig started;
    private final Supervisor supervisor;
    private final DeployPart deploys;
    private final AtomicReference<UpdateSettings> update;

    ConfigApply(WardenConfig started, Supervisor supervisor, DeployPart deploys) {
        this.started = started;
        this.supervisor = supervisor;
        this.deploys = deploys;
        this.update = new AtomicReference<>(started.update());
    }

    /** The {@code update} block now: the started config's until an apply changes it. */
    UpdateSettings update() {
        return update.get();
    }

    @Override
    public synchronized ApplyPlan apply(String file, String text, boolean dryRun, Approver actor) {
        WardenConfig next = WardenConfig.parse(file, text, file.toLowerCase(Locale.ROOT).endsWith(".json"));
        Map<String, ServiceSpec> running = new LinkedHashMap<>();
        supervisor.names().forEach(name -> running.put(name, supervisor.spec(name)));
        List<ServiceChange> plan = new ArrayList<>();
        next.services().forEach((name, spec) -> {
            ServiceSpec now = running.get(name);
            if (now == null) {
                plan.add(new ServiceChange(name, "add", List.of("command: " + spec.command()), null, null));
            } else {
                List<String> diff = SpecJson.diff(now, spec);
                plan.add(new ServiceChange(name, diff.isEmpty() ? "unchanged" : "change", diff, null, null));
            }
        });
        running.keySet().stream().filter(name -> !next.services().containsKey(name)).toList().reversed()
                .forEach(name -> plan.add(new ServiceChange(name, "remove", List.of(), null, null)));
        List<String> notReloaded = notReloaded(next);
        if (dryRun) {
            return new ApplyPlan(true, file, plan, notReloaded);
        }
        Map<String, DeployRequest> requests = new LinkedHashMap<>();
        plan.stream().filter(change -> change.action().equals("change")).forEach(change -> requests.put(
                change.service(), new DeployRequest(change.service(), next.services().get(change.service()), null,
                        "", List.of("config-apply"), actor, next.update(), List.of())));
        for (DeployRequest request : requests.values()) {
            GateDecision decision = deploys.deployer().check(request);
            if (!decision.allowed()) {
                throw new DeployRefusedException(decision);
            }
        }
        update.set(next.update());
        List<ServiceChange> done = new ArrayList<>();
        for (ServiceChange change : plan) {
            done.add(switch (change.action()) {
                case "add" -> attempt(change, name -> {
                    supervisor.add(name, next.services().get(name));
                    return null;
                });
                case "change" -> attempt(change, name -> deploys.deployer().deploy(requests.get(name)).id());
                case "remove" -> attempt(change, name -> {
                    supervisor.remove(name);
                    return null;
                });
                default -> change;
            });
        }
        return new ApplyPlan(false, file, done, notReloaded);
    }

    /** The change done; an error in it when it failed (the others go on). */
    private static ServiceChange attempt(ServiceChange change, Function<String, String> action) {
        try {
            return new ServiceChange(change.service(), change.action(), change.changes(),
                    action.apply(change.service()), null);
        } catch (SupervisorException | io.warden.deploy.DeployException e) {
            return new ServiceChange(change.service(), change.action(), change.changes(), null, e.getMessage());
        }
    }

    /** The sections read only at start that differ in {@code next}. */
    private List<String> notReloaded(WardenConfig next) {
        List<String> sections = new ArrayList<>();
        check(sections, "server", started.server(), next.server());
        check(sections, "auth", started.auth(), next.auth());
        check(sections, "rateLimits", started.rateLimits(), next.rateLimits());
        check(sections, "metrics", started.metrics(), next.metrics());
        check(sections, "stream", started.stream(), next.stream());
        check(sections, "storage", started.storage(), next.storage());
        check(sections, "governance", started.governance(), next.governance());
        check(sections, "events", started.events(), next.events());
        check(sections, "alerts", started.alerts(), next.alerts());
        check(sections, "fleet", started.fleet(), next.fleet());
        return sections;
    }

    private static void check(List<String> sections, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            sections.add(name);
        }
    }
}
