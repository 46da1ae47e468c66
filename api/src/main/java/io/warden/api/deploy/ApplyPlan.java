package io.warden.api.deploy;

import java.util.List;

/**
 * What {@code warden apply} did, or would do with {@code dryRun}: one entry per service, the
 * changes of the sections reloaded at runtime, and the keys of warden.yaml that changed but are
 * read only at the daemon's start.
 *
 * @param dryRun       true when nothing was changed
 * @param file         the config as the client named it
 * @param services     every service of the old and the new config, in the new one's order, removed ones last
 * @param reloaded     the sections changed at runtime (tokens, rate limits, alert rules and receivers, update)
 * @param needsRestart keys that differ from the running daemon's and need a restart ({@code server.port})
 */
public record ApplyPlan(boolean dryRun, String file, List<ServiceChange> services, List<SectionChange> reloaded,
                        List<String> needsRestart) {

    public ApplyPlan {
        services = List.copyOf(services);
        reloaded = List.copyOf(reloaded);
        needsRestart = List.copyOf(needsRestart);
    }

    /**
     * The changes of one section applied at runtime.
     *
     * @param section its key ({@code auth.tokens}, {@code rateLimits}, {@code alerts.rules})
     * @param changes one line each: {@code + bob (read)}, {@code - carol}, {@code read: A -> B}
     */
    public record SectionChange(String section, List<String> changes) {

        public SectionChange {
            changes = List.copyOf(changes);
        }
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
