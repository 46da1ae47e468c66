/**
 * Background sampling of host and process-tree metrics, published as one immutable
 * {@link io.warden.metrics.Sample} that readers take without waiting.
 *
 * <p>{@link io.warden.metrics.MetricsSampler} owns one platform thread that samples every
 * interval (default 1 s): host CPU (total and per core, from tick deltas), memory and swap, file
 * store usage, disk and network throughput, load average and uptime, and the process trees of
 * the {@link io.warden.metrics.TrackedProcess tracked} services (CPU, RSS, threads, open files,
 * uptime, process count). It records each value into the {@link io.warden.metrics.history
 * history}, publishes the sample through a volatile reference and then calls the
 * {@link io.warden.metrics.SampleListener listeners}.
 *
 * <pre>{@code
 * MetricsSampler sampler = MetricsSampler.create(SamplerSettings.defaults(), HostClock.system());
 * sampler.start();
 * sampler.track(new TrackedProcess("backend", child.pid(), child.info().startInstant().orElseThrow()));
 * sampler.latest().ifPresent(sample -> render(sample.host().cpu().totalPercent()));
 * }</pre>
 *
 * <p>On Linux, process trees, disk and network counters are read from {@code /proc} directly:
 * one small file per tracked process instead of OSHI's five, which keeps a tick with 50
 * services near a millisecond. Elsewhere OSHI reads them.
 */
package io.warden.metrics;
