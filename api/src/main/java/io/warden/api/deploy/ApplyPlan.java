package io.warden.api.deploy;

import java.util.List;

/**
 * What {@code warden apply} did, or would do with {@code dryRun}: one entry per service, and the
 * sections of warden.yaml that changed but are read only at the daemon's start.
 *
 * @param dryRun      true when nothing was changed
 * @param file        the config as the client named it
 * @param services    every service of the old and the new config, in the new one's order, removed ones last
 * @param notReloaded sections that differ from the running daemon's and need a restart
 */
public record ApplyPlan(boolean dryRun, String file, List<ServiceChange> services, List<String> notReloaded) {

    public ApplyPlan {
        services = List.copyOf(services);
        notReloaded = List.copyOf(notReloaded);
    }

    /**
     * One service's part.
     *
     * @param service  its name
     * @param action   {@code add}, {@code change}, {@code remove} or {@code unchanged}
     * @param changes  the spec diff, one line per key ({@code change}); the whole spec for {@code add}
     * @param deployId the deploy that applies a {@code change}
     * @param error    why the action failed, null when it did not
     */
    public record ServiceChange(String service, String action, List<String> changes, String deployId, String error) {

        public ServiceChange {
            changes = List.copyOf(changes);
        }
    }

    /** Applies (or plans) a config text; the daemon implements it. */
    @FunctionalInterface
    public interface Applier {

        /**
         * @throws io.warden.config.ConfigException          when the text fails validation (nothing changed)
         * @throws io.warden.deploy.DeployRefusedException when the policy refuses a changed service (nothing changed)
         */
        ApplyPlan apply(String file, String text, boolean dryRun, io.warden.governance.approval.Approver actor);
    }
}
