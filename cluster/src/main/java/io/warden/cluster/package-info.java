/**
 * Cluster singletons ({@code singleton: cluster}): which agent of the fleet runs a service.
 *
 * <p>Design record. Each singleton has an {@link io.warden.cluster.Elector} on a dedicated
 * PostgreSQL session (never pooled: a recycled connection would drop the advisory lock). Taking
 * over needs the service's advisory lock and an ended lease row, by the database's clock; the
 * claim writes epoch + 1 in one conditional statement. The holder renews every retry period and
 * stops its copy when a renewal fails or its renew deadline passes (a timer, independent of a
 * hanging query); the copy's watchdog (the supervisor's {@code process.Watchdog}) kills it when the
 * daemon dies or stops beating. The whole protocol and its failure modes: docs/cluster.md.
 */
package io.warden.cluster;
