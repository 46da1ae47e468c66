/**
 * Bounded history of metric series for charts: one fixed-size ring of tick timestamps
 * (primitive {@code int} milliseconds after a base) shared by all series of a history, and one
 * ring of {@code float} values per series at the same ticks, NaN where a series got no value. No
 * boxing and no growth.
 *
 * <p>{@link io.warden.metrics.history.History} names the series ({@code cpu.total},
 * {@code service.backend.rss}, ...) and owns the timeline; {@link io.warden.metrics.history.Series}
 * holds the values of one. Each series costs {@code 4 * capacity} bytes plus a fixed overhead
 * (see {@link io.warden.metrics.history.History#bytesPerSeries()}): 14.5 kB for the default hour at
 * one point per second, and the timeline as much once per history.
 *
 * <p>Thread safety: any number of readers may query while writers append; a reader sees a
 * consistent, ordered copy and never waits for more than one append.
 */
package io.warden.metrics.history;
