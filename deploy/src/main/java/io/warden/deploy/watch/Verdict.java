package io.warden.deploy.watch;

import java.util.Locale;

/** How a deploy ended, or why it was rolled back (Argo Rollouts' Successful / Failed / Inconclusive, and ours). */
public enum Verdict {
    /** The window passed with every threshold measured and none breached beyond the limits. */
    SUCCESSFUL,
    /** A critical breach, or failureLimit failed evaluations. */
    FAILED,
    /** No data or read errors kept the watch from judging: never promoted. */
    INCONCLUSIVE,
    /** The new version was not healthy for minHealthyTime within healthyDeadline (crash loop, never healthy). */
    UNHEALTHY,
    /** Rolled back by hand. */
    MANUAL,
    /** The daemon stopped mid-deploy; on restart the deploy could not be resumed and was rolled back. */
    INTERRUPTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
