package io.warden.cluster;

import java.time.Duration;

/**
 * {@code cluster} in {@code warden.yaml}: the timing of the cluster singletons' leases, named and
 * defaulted as Kubernetes client-go's leader election.
 *
 * @param lease         how long a lease lasts from its last renewal, by the database's clock: the
 *                      longest another agent waits before it takes over; default 15s
 * @param renewDeadline how long the holder keeps its copy running without a successful renewal;
 *                      then it stops the copy itself, before the lease ends; default 10s, below
 *                      {@code lease}
 * @param retryPeriod   how often the holder renews and the others try to take over; default 2s,
 *                      below {@code renewDeadline}
 */
public record ClusterSettings(Duration lease, Duration renewDeadline, Duration retryPeriod) {

    private static final Duration MIN_RETRY = Duration.ofMillis(100);

    /** client-go's defaults. */
    public static final ClusterSettings DEFAULTS = new ClusterSettings(null, null, null);

    public ClusterSettings {
        lease = lease == null ? Duration.ofSeconds(15) : lease;
        renewDeadline = renewDeadline == null ? Duration.ofSeconds(10) : renewDeadline;
        retryPeriod = retryPeriod == null ? Duration.ofSeconds(2) : retryPeriod;
        if (retryPeriod.compareTo(MIN_RETRY) < 0) {
            throw new IllegalArgumentException("retryPeriod must be at least 100ms (each try is a query), was "
                    + retryPeriod.toMillis() + "ms");
        }
        if (renewDeadline.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("renewDeadline (" + renewDeadline.toMillis() + "ms) must be shorter "
                    + "than lease (" + lease.toMillis() + "ms): the holder must stop its copy before another agent "
                    + "may take over");
        }
        if (retryPeriod.compareTo(renewDeadline) >= 0) {
            throw new IllegalArgumentException("retryPeriod (" + retryPeriod.toMillis() + "ms) must be shorter than "
                    + "renewDeadline (" + renewDeadline.toMillis() + "ms): the holder must get to renew before "
                    + "its deadline");
        }
    }

    /** The time between the holder's deadline and the lease's end, in which its copy is stopped. */
    Duration margin() {
        return lease.minus(renewDeadline);
    }
}
