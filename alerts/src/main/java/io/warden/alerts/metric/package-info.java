/**
 * Warden's own metrics as alert rules name them, and where they are read: the supervisor's
 * statuses, the sampler's latest sample and the doctor scan
 * ({@link io.warden.alerts.metric.SupervisorMetrics}), and values pushed by their owners such
 * as the API's counters ({@link io.warden.alerts.metric.MetricBoard}).
 */
package io.warden.alerts.metric;
