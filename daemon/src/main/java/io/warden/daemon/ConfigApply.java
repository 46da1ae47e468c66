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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code warden apply} and SIGHUP: the difference between a new warden.yaml and the running daemon,
 * applied the way {@code docker compose up} does. New services are started, removed ones stopped,
 * changed ones deployed with the new spec (through the deploy gate's policy, so a refused change
 * refuses the whole apply before anything changes), unchanged ones left alone. API tokens, rate
 * limits, alert rules and receivers, the approval matrix and policy, and the {@code update} block are
 * reloaded ({@link ConfigDiff}
 * says which changed); the keys read at start only are named as needing a restart. Everything that
 * can fail (validation, the tokens, the policy) is checked before anything changes. One apply at a time.
 */
final class ConfigApply implements ApplyPlan.Applier {

    /** What an apply changes in the API and the alerts; the daemon's {@link ApiAssembly}. */
    interface Runtime {

        /**
         * Checks {@code next} and returns the change to make, changing nothing yet.
         *
         * @throws io.warden.config.ConfigException when {@code next} cannot be applied (two users share a token)
         */
        Runnable prepare(String file, WardenConfig current, WardenConfig next);
    }

    private final WardenConfig started;
    private final Supervisor supervisor;
    private final DeployPart deploys;
    private final GovernancePart governance;
    private final AtomicReference<WardenConfig> current;
    private volatile Runtime runtime = (file, now, next) -> () -> { };

    ConfigApply(WardenConfig started, Supervisor supervisor, DeployPart deploys, GovernancePart governance) {
        this.started = started;
        this.supervisor = supervisor;
        this.deploys = deploys;
        this.governance = governance;
        this.current = new AtomicReference<>(started);
    }

    /** What applies the reloaded sections; until then only services and {@code update} change (no API yet). */
    void attach(Runtime newRuntime) {
        this.runtime = newRuntime;
    }

    /** The {@code update} block now: the started config's until an apply changes it. */
    UpdateSettings update() {
        return current.get().update();
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
        WardenConfig now = current.get();
        List<ApplyPlan.SectionChange> reloaded = ConfigDiff.reloaded(now, next);
        List<String> needsRestart = ConfigDiff.needsRestart(started, next);
        Runnable reload = runtime.prepare(file, now, next);
        if (dryRun) {
            return new ApplyPlan(true, file, plan, reloaded, needsRestart);
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
        reload.run();
        if (!now.governance().equals(next.governance())) {
            governance.reconfigure(next.governance());
        }
        current.set(next);
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
        return new ApplyPlan(false, file, done, reloaded, needsRestart);
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
}
